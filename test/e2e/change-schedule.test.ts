// Changes and time: clashes and freezes at raising and at approval, standard changes from the
// catalogue, reminders and late starts from the scheduler with a controlled clock (each sent once),
// the change calendar, and a change raised from an incident card.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { pressOnCard, reportIncident, settle } from '../support/incident-flows.js';
import { CAB_CHANNEL, CHANGE_PEOPLE, changeSettings, dmsTo, fillForm, raiseChange, stateOf, submitRaise } from '../support/change-flows.js';
import { PEOPLE, startTestBot, type TestBot } from '../support/test-bot.js';

// Monday 2 March 2026, 09:00 in Shanghai.
const clock = new ManualClock(new Date('2026-03-02T01:00:00Z'));
let t: TestBot;
beforeAll(async () => {
  const settings = changeSettings({
    changes: {
      templates: [{ id: 'add-printer', name: 'Add a network printer', implementationPlan: 'Add the queue on PRINT-01.', backoutPlan: 'Delete the queue.', testPlan: 'Print a test page.' }],
      freezes: [{ name: 'Quarter-end close', start: new Date('2026-03-30T00:00:00Z'), end: new Date('2026-04-02T00:00:00Z'), reason: 'Finance closes the books' }],
    },
  });
  t = await startTestBot({ clock, settings });
});
afterAll(async () => t.stop());

const tick = async (at: string) => {
  clock.set(new Date(at));
  await Promise.all([t.bot.scheduler.tick('changes.reminders'), t.bot.scheduler.tick('changes.reminders')]);
  await settle(t);
};
const assessAndApprove = async (number: string) => {
  await fillForm(t, { number, channel: CAB_CHANNEL, card: 'change' }, 'change.form.assess', CHANGE_PEOPLE.changeManager, { risk_level: { type: 'static_select', value: 'low' }, reason: { type: 'plain_text_input', value: null } });
  await fillForm(t, { number, channel: CHANGE_PEOPLE.changeManager, card: 'approval' }, 'change.form.approve', CHANGE_PEOPLE.changeManager, { comment: { type: 'plain_text_input', value: null } });
};

describe('clashes and freezes', () => {
  it('shows a clash on the same item in the modal, and raises the change once the requester accepts it', async () => {
    const first = await raiseChange(t, { start: '2026-03-10T02:00:00Z', end: '2026-03-10T04:00:00Z', items: 'ERP-DB-01, ERP-APP-01' });
    const clash = { start: '2026-03-10T03:00:00Z', end: '2026-03-10T05:00:00Z', items: 'ERP-APP-01', title: 'Tune the ERP app server' };
    const refused = await submitRaise(t, PEOPLE.agent, clash);
    expect(refused.body).toEqual({
      response_action: 'errors',
      errors: { accept_clashes: `Clashes with ${first} (ERP-APP-01, 2026-03-10 10:00 – 2026-03-10 12:00). Tick the box to raise it anyway, or choose another window.` },
    });
    expect(await t.bot.db.prisma.change.count()).toBe(1);
    // Back-to-back windows do not clash.
    const rightAfter = await raiseChange(t, { ...clash, start: '2026-03-10T04:00:00Z', end: '2026-03-10T05:00:00Z', title: 'Right after' }, PEOPLE.agent);
    const second = await raiseChange(t, { ...clash, acceptClashes: true }, PEOPLE.agent);
    const thread = t.fake.callsTo('chat.postMessage').filter((call) => call.args.thread_ts).map((call) => String(call.args.text));
    expect(thread).toContain(`:warning: Raised despite clashes with ${first}, ${rightAfter}.`);
    expect(await stateOf(t, second)).toBe('assessment');

    // Approved all the same, the clash is pointed out again in its thread.
    await assessAndApprove(second);
    expect(await stateOf(t, second)).toBe('scheduled');
    const warnings = t.fake.callsTo('chat.postMessage').filter((call) => String(call.args.text).startsWith(':warning: Approved, but'));
    expect(warnings.map((call) => call.args.text)).toEqual([
      `:warning: Approved, but the window now clashes with ${first}, ${rightAfter} or falls in a freeze (—). The change manager should look at it.`,
    ]);
  });

  it('blocks a normal change in a freeze unless a change manager overrides it with a reason', async () => {
    const frozen = { start: '2026-03-31T02:00:00Z', end: '2026-03-31T03:00:00Z', items: 'GL-01', title: 'Change the ledger rounding' };
    const blocked = await submitRaise(t, PEOPLE.agent, frozen);
    expect(blocked.body).toEqual({
      response_action: 'errors',
      errors: { planned_start: 'This window falls in the freeze Quarter-end close (2026-03-30 08:00 – 2026-04-02 08:00). Choose another window, or a change manager gives an override reason below.' },
    });
    const notManager = await submitRaise(t, PEOPLE.agent, { ...frozen, freezeOverride: 'Urgent' });
    expect(notManager.body).toEqual({ response_action: 'errors', errors: { freeze_override: "You're not allowed to do that on this ticket." } });
    const number = await raiseChange(t, { ...frozen, freezeOverride: 'Regulator deadline on 1 April' }, CHANGE_PEOPLE.changeManager);
    const card = JSON.stringify(t.fake.callsTo('chat.postMessage').find((call) => JSON.stringify(call.args.blocks ?? '').includes(`${number} · `))?.args.blocks);
    expect(card).toContain('Goes ahead in the freeze Quarter-end close: allowed by <@U0CHGMGR> because “Regulator deadline on 1 April”');
    expect(await t.bot.db.prisma.change.count()).toBe(4);
  });

  it('an emergency change is warned of a freeze, not blocked', async () => {
    const number = await raiseChange(t, { type: 'emergency', start: '2026-03-31T05:00:00Z', end: '2026-03-31T06:00:00Z', items: 'GL-02', title: 'Hotfix the ledger export' }, PEOPLE.agent);
    expect(await stateOf(t, number)).toBe('authorisation');
  });
});

describe('standard changes', () => {
  it('come from the catalogue with its plans, and are scheduled without a vote', async () => {
    const missing = await submitRaise(t, PEOPLE.agent, { type: 'standard', plans: false, start: '2026-03-11T02:00:00Z', end: '2026-03-11T03:00:00Z', items: 'PRINT-01' });
    expect(missing.body).toEqual({ response_action: 'errors', errors: { template: 'Choose the template of this standard change.' } });
    const number = await raiseChange(t, { type: 'standard', template: 'add-printer', plans: false, start: '2026-03-11T02:00:00Z', end: '2026-03-11T03:00:00Z', items: 'PRINT-01', title: 'Printer for floor 3' }, PEOPLE.agent);
    expect(await stateOf(t, number)).toBe('scheduled');
    const stored = await t.bot.db.prisma.change.findUniqueOrThrow({ where: { number } });
    expect([stored.templateId, stored.implementationPlan, stored.approval]).toEqual(['add-printer', 'Add the queue on PRINT-01.', null]);
  });
});

describe('reminders and late starts', () => {
  it('reminds pending approvers every 4 hours and tells the change managers after 24, each once', async () => {
    clock.set(new Date('2026-03-03T01:00:00Z'));
    const number = await raiseChange(t, { start: '2026-03-20T02:00:00Z', end: '2026-03-20T03:00:00Z', items: 'HR-APP', title: 'Upgrade the HR app' });
    await fillForm(t, { number, channel: CAB_CHANNEL, card: 'change' }, 'change.form.assess', CHANGE_PEOPLE.changeManager, { risk_level: { type: 'static_select', value: 'low' }, reason: { type: 'plain_text_input', value: null } });
    const reminders = () => dmsTo(t, CHANGE_PEOPLE.changeManager).filter((text) => text.startsWith(`:bell: ${number}`));
    const escalations = () => dmsTo(t, CHANGE_PEOPLE.changeManager).filter((text) => text.startsWith(`:rotating_light: ${number}`));
    await tick('2026-03-03T04:59:00Z');
    expect(reminders()).toHaveLength(0);
    await tick('2026-03-03T05:00:00Z');
    await tick('2026-03-03T05:05:00Z');
    expect(reminders()).toHaveLength(1);
    await tick('2026-03-03T09:00:00Z');
    expect(reminders()).toHaveLength(2);
    await tick('2026-03-04T01:00:00Z');
    await tick('2026-03-04T01:05:00Z');
    expect(escalations()).toEqual([expect.stringContaining(`${number} *Upgrade the HR app* has awaited approval since`)]);
  });

  it('reminds the implementer an hour before the start with a Start button, and flags a late start once', async () => {
    clock.set(new Date('2026-03-05T01:00:00Z'));
    const number = await raiseChange(t, { start: '2026-03-05T06:00:00Z', end: '2026-03-05T07:00:00Z', items: 'WIKI', title: 'Upgrade the wiki' });
    await assessAndApprove(number);
    const startReminders = () => dmsTo(t, CHANGE_PEOPLE.implementer).filter((text) => text.startsWith(`:alarm_clock: ${number}`));
    const late = () => dmsTo(t, CHANGE_PEOPLE.changeManager).filter((text) => text.startsWith(`:warning: ${number}`));
    await tick('2026-03-05T04:59:00Z');
    expect(startReminders()).toHaveLength(0);
    await tick('2026-03-05T05:00:00Z');
    await tick('2026-03-05T05:30:00Z');
    expect(startReminders()).toHaveLength(1);
    await tick('2026-03-05T06:15:00Z');
    expect(late()).toHaveLength(0);
    await tick('2026-03-05T06:16:00Z');
    await tick('2026-03-05T06:30:00Z');
    expect(late()).toEqual([expect.stringContaining('should have started')]);
    expect(dmsTo(t, CHANGE_PEOPLE.implementer).filter((text) => text.startsWith(`:warning: ${number}`))).toHaveLength(1);

    // The Start button in the reminder works.
    const reminder = t.fake.callsTo('chat.postMessage').filter((call) => call.args.channel === CHANGE_PEOPLE.implementer && String(call.args.text).startsWith(`:alarm_clock: ${number}`)).at(-1)!;
    await t.slack.blockAction({ userId: CHANGE_PEOPLE.implementer, actionId: 'change.start', blockId: `change:${number}`, value: number, channelId: 'D0IMPL', message: { ts: '1.1' }, responseUrl: t.fake.responseUrl() });
    expect(JSON.stringify(reminder.args.blocks)).toContain('change.start');
    await expect.poll(() => stateOf(t, number)).toBe('implementing');
  });
});

describe('/change', () => {
  it('lists the coming changes and freezes, shows one, and explains a wrong command', async () => {
    clock.set(new Date('2026-03-09T00:00:00Z'));
    const calendar = String((await t.slack.slashCommand({ command: '/change', text: 'calendar', userId: PEOPLE.outsider, responseUrl: t.fake.responseUrl('calendar') }), (await t.fake.waitForCall('response_url', (call) => call.args.responseUrlId === 'calendar')).args.text));
    expect(calendar).toMatch(/^\*Changes in the next 30 days\*\n/);
    expect(calendar).toContain('*CHG-000001* Upgrade the ERP database · Assessment · ERP-DB-01, ERP-APP-01');
    expect(calendar).toContain(':snowflake: Freeze *Quarter-end close*');
    expect(calendar).not.toContain('Upgrade the wiki'); // it was in the past

    await t.slack.slashCommand({ command: '/change', text: 'show CHG-000001', userId: PEOPLE.outsider, responseUrl: t.fake.responseUrl('show') });
    expect(JSON.stringify((await t.fake.waitForCall('response_url', (call) => call.args.responseUrlId === 'show')).args.blocks)).toContain('CHG-000001 · Upgrade the ERP database');
    await t.slack.slashCommand({ command: '/change', text: 'frobnicate', userId: PEOPLE.outsider, responseUrl: t.fake.responseUrl('usage') });
    expect((await t.fake.waitForCall('response_url', (call) => call.args.responseUrlId === 'usage')).args.text).toBe('Use `/change` to raise a change, `/change calendar` for the coming changes, or `/change show CHG-000123`.');
    await t.slack.slashCommand({ command: '/itsm', text: 'audit CHG-000001', userId: PEOPLE.agent, responseUrl: t.fake.responseUrl('audit') });
    expect(JSON.stringify((await t.fake.waitForCall('response_url', (call) => call.args.responseUrlId === 'audit')).args.blocks)).toContain('CHG-000001');
  });

  it('opens the raise form from an incident card, and links the change to the incident', async () => {
    const incident = await reportIncident(t, 'Invoices print blank');
    const opened = t.fake.callsTo('views.open').length;
    await pressOnCard(t, incident, 'change.raise_from_incident', PEOPLE.agent);
    await expect.poll(() => t.fake.callsTo('views.open').length).toBe(opened + 1);
    const view = t.fake.callsTo('views.open').at(-1)!.args.view as { private_metadata: string; blocks: { block_id?: string; element?: { initial_value?: string } }[] };
    expect(view.private_metadata).toBe(JSON.stringify({ raisedFrom: incident }));
    expect(view.blocks.find((block) => block.block_id === 'title')?.element?.initial_value).toBe(`${incident}: Invoices print blank`);
    await submitRaise(t, PEOPLE.agent, { start: '2026-03-12T02:00:00Z', end: '2026-03-12T03:00:00Z', items: 'PRINT-02', title: 'Fix the invoice template' }, view.private_metadata);
    await settle(t);
    const stored = await t.bot.db.prisma.change.findFirstOrThrow({ where: { title: 'Fix the invoice template' } });
    expect(stored.raisedFrom).toBe(incident);
  });
});
