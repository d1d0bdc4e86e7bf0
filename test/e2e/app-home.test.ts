// The App Home: what concerns the person (approvals waiting for them, tickets they reported, their
// queue, who is on call), published when they open it and again, without opening it, when a record
// that concerns them changes; its buttons open the forms.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { openForm, pressInDm, pressOnCard, reportIncident, settle, submitForm } from '../support/incident-flows.js';
import { CAB_CHANNEL, CHANGE_PEOPLE, changeSettings, fillForm, raiseChange, stateOf } from '../support/change-flows.js';
import { CATALOGUE } from '../support/request-flows.js';
import { inputValues } from '../support/slack-requests.js';
import { PEOPLE, startTestBot, type TestBot } from '../support/test-bot.js';

const clock = new ManualClock(new Date('2026-03-02T01:00:00Z'));
const WINDOW = { start: '2026-03-10T02:00:00Z', end: '2026-03-10T04:00:00Z' };
const GROUP_CAB_MEMBER = 'U0GROUPCAB';
let t: TestBot;
beforeAll(async () => {
  const settings = changeSettings({ catalogue: CATALOGUE });
  settings.roles.cab = { users: [CHANGE_PEOPLE.cab1, CHANGE_PEOPLE.cab2, CHANGE_PEOPLE.cab3], usergroups: ['S0CAB'] };
  t = await startTestBot({ clock, settings });
  t.fake.setUsergroup('S0CAB', [GROUP_CAB_MEMBER]);
});
afterAll(async () => t.stop());

const publishesTo = (userId: string) => t.fake.callsTo('views.publish').filter((call) => call.args.user_id === userId && !call.failed);
const homeOf = (userId: string) => JSON.stringify(publishesTo(userId).at(-1)?.args.view ?? null);
let events = 0;
async function openHome(userId: string): Promise<string> {
  const before = publishesTo(userId).length;
  await t.slack.event({ event: { type: 'app_home_opened', user: userId, channel: `D${userId.slice(1)}`, tab: 'home' }, eventId: `EvHome${++events}` });
  await expect.poll(() => publishesTo(userId).length).toBe(before + 1);
  return homeOf(userId);
}
const assess = (number: string, level: string) =>
  fillForm(t, { number, channel: CAB_CHANNEL, card: 'change' }, 'change.form.assess', CHANGE_PEOPLE.changeManager, { risk_level: { type: 'static_select', value: level }, reason: { type: 'plain_text_input', value: level === 'low' ? null : 'Touches the ledger' } });

describe('the App Home of an approver', () => {
  it('lists the changes waiting for their approval, and is published again when one starts waiting and when they have decided', async () => {
    expect(await openHome(CHANGE_PEOPLE.changeManager)).not.toContain('Waiting for your approval');
    expect(await openHome(CHANGE_PEOPLE.cab1)).not.toContain('Waiting for your approval');
    const published = { manager: publishesTo(CHANGE_PEOPLE.changeManager).length, requester: publishesTo(CHANGE_PEOPLE.requester).length };

    const number = await raiseChange(t, { ...WINDOW, title: 'Patch the ledger server' });
    await assess(number, 'low');
    expect(await stateOf(t, number)).toBe('authorisation');
    await settle(t);
    // Low risk: any change manager. Their Home is published again without them opening it.
    expect(publishesTo(CHANGE_PEOPLE.changeManager).length).toBeGreaterThan(published.manager);
    expect(homeOf(CHANGE_PEOPLE.changeManager)).toMatch(new RegExp(`Waiting for your approval.*${number}\\* Patch the ledger server · Normal, Low risk`));
    // The CAB is not asked for a low-risk change; the requester never opened the Home: nothing published.
    expect(homeOf(CHANGE_PEOPLE.cab1)).not.toContain(number);
    expect(publishesTo(CHANGE_PEOPLE.requester)).toHaveLength(published.requester);

    await fillForm(t, { number, channel: CHANGE_PEOPLE.changeManager, card: 'approval' }, 'change.form.approve', CHANGE_PEOPLE.changeManager, { comment: { type: 'plain_text_input', value: null } });
    expect(await stateOf(t, number)).toBe('scheduled');
    await settle(t);
    expect(homeOf(CHANGE_PEOPLE.changeManager)).not.toContain('Waiting for your approval');
  });

  it('shows the approvals of a role held through a user group when the member opens the Home', async () => {
    const number = await raiseChange(t, { ...WINDOW, title: 'Move the ledger to new disks', items: 'LEDGER-02' });
    await assess(number, 'medium');
    await settle(t);
    // Medium risk: at least 2 of the CAB. The listed CAB member's Home was published again.
    expect(homeOf(CHANGE_PEOPLE.cab1)).toContain(`${number}* Move the ledger to new disks`);
    // A member through the user group sees it on opening the Home; the change manager is not asked.
    expect(await openHome(GROUP_CAB_MEMBER)).toContain(`${number}* Move the ledger to new disks`);
    expect(await openHome(CHANGE_PEOPLE.changeManager)).not.toContain(number);
    // The requester and the implementer never approve their own change.
    expect(await openHome(CHANGE_PEOPLE.implementer)).not.toContain('Waiting for your approval');
  });
});

describe('the App Home of a reporter and of an engineer', () => {
  it('follows the ticket: reported, taken into the queue, resolved and closed', async () => {
    await openHome(PEOPLE.reporter);
    await openHome(PEOPLE.agent);
    const number = await reportIncident(t, 'The plotter prints blank pages');
    await settle(t);
    expect(homeOf(PEOPLE.reporter)).toMatch(new RegExp(`Your open incidents.*${number}\\* · P3 · New · The plotter prints blank pages`));

    await pressOnCard(t, number, 'incident.take', PEOPLE.agent);
    await expect.poll(() => homeOf(PEOPLE.agent)).toMatch(new RegExp(`Your queue.*${number}`));
    await expect.poll(() => homeOf(PEOPLE.reporter)).toContain(`${number}* · P3 · In progress`);

    const form = await openForm(t, number, 'resolve', PEOPLE.agent);
    await submitForm(t, form, PEOPLE.agent, inputValues({ resolution_code: { type: 'static_select', value: 'fixed' }, notes: { type: 'plain_text_input', value: 'New toner' } }));
    await settle(t);
    await pressInDm(t, PEOPLE.reporter, 'incident.fixed_yes');
    await expect.poll(async () => (await t.bot.db.prisma.incident.findUniqueOrThrow({ where: { number } })).state).toBe('closed');
    await settle(t);
    expect(homeOf(PEOPLE.reporter)).not.toContain(number);
    expect(homeOf(PEOPLE.agent)).not.toContain(number);
  });
});

describe('the App Home buttons', () => {
  it('open the incident report form, the service catalogue and the change form', async () => {
    const home = await openHome(PEOPLE.outsider);
    expect(home).toContain('home.report_incident');
    expect(home).toContain('home.make_request');
    expect(home).toContain('home.raise_change');
    for (const [actionId, callbackId] of [['home.report_incident', 'incident_report'], ['home.make_request', 'request_pick'], ['home.raise_change', 'change_raise']] as const) {
      const opened = t.fake.callsTo('views.open').length;
      await t.slack.blockAction({ userId: PEOPLE.outsider, actionId, blockId: 'home_start', view: { id: 'VHOME' } });
      await expect.poll(() => t.fake.callsTo('views.open').length).toBe(opened + 1);
      expect((t.fake.callsTo('views.open').at(-1)?.args.view as { callback_id: string }).callback_id).toBe(callbackId);
    }
  });
});
