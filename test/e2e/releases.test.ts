// Releases: planned by a change manager from existing changes, deployed only when every change is
// done (its notes go to the stakeholders), accepted, or rolled back with a reason.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { responseTo, settle } from '../support/incident-flows.js';
import { CAB_CHANNEL, CHANGE_PEOPLE, changeSettings, press, raiseChange, stateOf, submit } from '../support/change-flows.js';
import { command } from '../support/problem-flows.js';
import { inputValues } from '../support/slack-requests.js';
import { PEOPLE, startTestBot, type TestBot } from '../support/test-bot.js';

const STAKEHOLDERS = 'C0STAKE';
const clock = new ManualClock(new Date('2026-03-02T01:00:00Z'));
let t: TestBot;
beforeAll(async () => {
  const settings = changeSettings({
    changes: { templates: [{ id: 'patch', name: 'Monthly patch', implementationPlan: 'Apply the patches.', backoutPlan: 'Uninstall them.', testPlan: 'Smoke test.' }] },
  });
  settings.channels.stakeholders = STAKEHOLDERS;
  t = await startTestBot({ clock, settings });
});
afterAll(async () => t.stop());

const standardChange = (title: string, items: string) => raiseChange(t, { type: 'standard', template: 'patch', plans: false, title, items, start: '2026-03-10T02:00:00Z', end: '2026-03-10T03:00:00Z' });
const card = (number: string) => ({ number, channel: CAB_CHANNEL, card: 'change' as const });
const finish = async (number: string) => {
  for (const [step, state] of [['start', 'implementing'], ['complete', 'review']] as const) {
    await press(t, card(number), `change.${step}`, CHANGE_PEOPLE.implementer);
    await expect.poll(() => stateOf(t, number)).toBe(state);
    await settle(t);
  }
};

async function openPlanForm(userId: string): Promise<{ viewId: string; responseUrlId: string }> {
  const opened = t.fake.callsTo('views.open').length;
  const responseUrlId = `release-${opened}-${userId}`;
  await t.slack.slashCommand({ command: '/change', text: 'release', userId, responseUrl: t.fake.responseUrl(responseUrlId) });
  return { viewId: `VREL${opened}`, responseUrlId };
}

const planValues = (changes: string) =>
  inputValues({
    name: { type: 'plain_text_input', value: 'March patch release' },
    changes: { type: 'plain_text_input', value: changes },
    planned_for: { type: 'datetimepicker', value: '2026-03-10T02:00:00Z' },
    backout_plan: { type: 'plain_text_input', value: 'Roll every change back.' },
    acceptance: { type: 'plain_text_input', value: 'ERP and mail work for a day.' },
    notes: { type: 'plain_text_input', value: 'Security patches for ERP and mail.' },
  });

describe('releases', () => {
  it('are planned by change managers only', async () => {
    const { responseUrlId } = await openPlanForm(PEOPLE.agent);
    expect((await responseTo(t, responseUrlId)).args.text).toBe("You're not allowed to do that on this ticket.");
  });

  it('go out only when their changes are done, post their notes to the stakeholders, and close on acceptance', async () => {
    const erp = await standardChange('Patch ERP', 'ERP-APP');
    const mail = await standardChange('Patch mail', 'MAIL-01');
    const opened = t.fake.callsTo('views.open').length;
    await openPlanForm(CHANGE_PEOPLE.changeManager);
    await expect.poll(() => t.fake.callsTo('views.open').length).toBe(opened + 1);
    const view = { id: 'VPLAN1', callback_id: 'release_plan', private_metadata: '', blocks: [] };
    const wrong = await t.slack.viewSubmission({ userId: CHANGE_PEOPLE.changeManager, view: { ...view, state: { values: planValues('ERP patch') } } });
    expect(wrong.body).toEqual({ response_action: 'errors', errors: { changes: 'Give change numbers such as CHG-000123, separated by commas.' } });
    const unknown = await t.slack.viewSubmission({ userId: CHANGE_PEOPLE.changeManager, view: { ...view, state: { values: planValues(`${erp}, CHG-000099`) } } });
    expect(unknown.body).toEqual({ response_action: 'errors', errors: { changes: expect.stringContaining('CHG-000099') } });
    const planned = await t.slack.viewSubmission({ userId: CHANGE_PEOPLE.changeManager, view: { ...view, state: { values: planValues(`${erp}, ${mail}`) } } });
    expect(planned.body).toBeFalsy();
    await settle(t);
    const release = (await t.bot.db.prisma.release.findFirstOrThrow()).number;
    expect(release).toBe('REL-000001');

    await finish(erp);
    const early = await press(t, card(release), 'release.deploy', CHANGE_PEOPLE.changeManager);
    expect((await responseTo(t, early.responseUrlId)).args.text).toBe(`Not every change in this release is done yet: ${mail}.`);

    await finish(mail);
    await press(t, card(release), 'release.deploy', CHANGE_PEOPLE.changeManager);
    await expect.poll(() => t.bot.db.prisma.release.findFirstOrThrow().then((row) => row.state)).toBe('deployed');
    await settle(t);
    const notes = t.fake.callsTo('chat.postMessage').filter((call) => call.args.channel === STAKEHOLDERS).map((call) => call.args.text);
    expect(notes).toEqual([`:rocket: *REL-000001 March patch release* is deployed (${erp}, ${mail}).\nSecurity patches for ERP and mail.`]);

    const outsider = await press(t, card(release), 'release.accept', PEOPLE.agent);
    expect((await responseTo(t, outsider.responseUrlId)).args.text).toBe("You're not allowed to do that on this ticket.");
    await press(t, card(release), 'release.accept', CHANGE_PEOPLE.changeManager);
    await expect.poll(() => t.bot.db.prisma.release.findFirstOrThrow().then((row) => row.state)).toBe('closed');
  });

  it('are rolled back with a reason, which the card keeps', async () => {
    const change = await standardChange('Patch the wiki', 'WIKI');
    const view = { id: 'VPLAN2', callback_id: 'release_plan', private_metadata: '', blocks: [] };
    await t.slack.viewSubmission({ userId: CHANGE_PEOPLE.changeManager, view: { ...view, state: { values: planValues(change) } } });
    await settle(t);
    const { view: form } = await press(t, card('REL-000002'), 'release.roll_back', CHANGE_PEOPLE.changeManager, { opensForm: true });
    expect(form).not.toBeNull();
    const empty = await submit(t, form!, CHANGE_PEOPLE.changeManager, { reason: { type: 'plain_text_input', value: null } });
    expect(empty.body).toEqual({ response_action: 'errors', errors: { reason: 'This is required.' } });
    await submit(t, form!, CHANGE_PEOPLE.changeManager, { reason: { type: 'plain_text_input', value: 'Wiki search broke' } });
    await settle(t);
    expect((await t.bot.db.prisma.release.findUniqueOrThrow({ where: { number: 'REL-000002' } })).state).toBe('rolled_back');
    const lastCard = t.fake.callsTo('chat.update').filter((call) => JSON.stringify(call.args.blocks).includes('REL-000002 · ')).at(-1);
    expect(JSON.stringify(lastCard?.args.blocks)).toContain('Rolled back: “Wiki search broke”');
  });

  it('show their whole history in /itsm audit, to anyone', async () => {
    const history = await command(t, '/itsm', 'audit REL-000001', PEOPLE.agent);
    expect(history.text).toMatch(/^\*History of REL-000001\*/);
    const lines = history.blocks.match(/· <@[^>]+> · [a-z_]+/g) ?? [];
    expect(lines.map((line) => line.replace(/^· /, ''))).toEqual([
      `<@${CHANGE_PEOPLE.changeManager}> · created`,
      `<@${CHANGE_PEOPLE.changeManager}> · deploy`,
      `<@${CHANGE_PEOPLE.changeManager}> · accept`,
    ]);
  });
});
