// Changes from raising to closing, through the signed-request harness: each approval policy to its
// decision, segregation of duties, people who are not approvers, rejection with a reason, double
// clicks, the emergency path with its retrospective review, and the post-implementation review.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { settle, responseTo } from '../support/incident-flows.js';
import { CAB_CHANNEL, CHANGE_PEOPLE, changeSettings, dmsTo, fillForm, HIGH_RISK, MEDIUM_RISK, approvalCardIn, press, raiseChange, stateOf, submit } from '../support/change-flows.js';
import { PEOPLE, startTestBot, type TestBot } from '../support/test-bot.js';
import type { Settings } from '../../src/settings/schema.js';

const clock = new ManualClock(new Date('2026-03-02T01:00:00Z'));
const WINDOW = { start: '2026-03-10T02:00:00Z', end: '2026-03-10T04:00:00Z' };
let t: TestBot;
let settings: Settings;
beforeAll(async () => {
  settings = changeSettings();
  t = await startTestBot({ clock, settings });
});
afterAll(async () => t.stop());

const onCard = (number: string) => ({ number, channel: CAB_CHANNEL, card: 'change' as const });
const onApproval = (number: string, channel: string = CAB_CHANNEL) => ({ number, channel, card: 'approval' as const });
const approve = (number: string, userId: string, comment = '', channel?: string) => fillForm(t, onApproval(number, channel ?? userId), 'change.form.approve', userId, { comment: { type: 'plain_text_input', value: comment || null } });
const decline = (number: string, userId: string, reason: string | null) => fillForm(t, onApproval(number), 'change.form.decline', userId, { reason: { type: 'plain_text_input', value: reason } });
const assess = (number: string, level = 'low', reason: string | null = null) =>
  fillForm(t, onCard(number), 'change.form.assess', CHANGE_PEOPLE.changeManager, { risk_level: { type: 'static_select', value: level }, reason: { type: 'plain_text_input', value: reason } });
/** The implementer presses Start or Complete on the card; the click is handled after Slack's ack. */
const work = async (number: string, step: 'start' | 'complete') => {
  await press(t, onCard(number), `change.${step}`, CHANGE_PEOPLE.implementer);
  await expect.poll(() => stateOf(t, number)).toBe(step === 'start' ? 'implementing' : 'review');
  await settle(t);
};
const refusalOnPress = async (where: Parameters<typeof press>[1], actionId: string, userId: string) => {
  const { view, responseUrlId } = await press(t, where, actionId, userId);
  expect(view).toBeNull();
  return String((await responseTo(t, responseUrlId)).args.text);
};

describe('a normal low-risk change', () => {
  it('is raised to the CAB channel, assessed, approved by a change manager, scheduled, done, reviewed and closed', async () => {
    const number = await raiseChange(t, WINDOW);
    expect(number).toBe('CHG-000001');
    expect(dmsTo(t, CHANGE_PEOPLE.requester).at(-1)).toBe('CHG-000001 *Upgrade the ERP database* is raised. You will hear when it is approved and scheduled.');
    const card = JSON.stringify(t.fake.callsTo('chat.postMessage').find((call) => call.args.channel === CAB_CHANNEL)?.args.blocks);
    expect(card).toContain('CHG-000001 · Upgrade the ERP database');
    expect(card).toContain('Assessment');
    expect(await stateOf(t, number)).toBe('assessment');

    // Only the change manager assesses: the requester is told so, before any form opens.
    expect(await refusalOnPress(onCard(number), 'change.form.assess', CHANGE_PEOPLE.requester)).toBe("You're not allowed to do that on this ticket.");
    await assess(number);
    expect(await stateOf(t, number)).toBe('authorisation');
    expect(approvalCardIn(t, number, CAB_CHANNEL)?.actionIds).toEqual(['change.form.approve', 'change.form.decline']);
    // The default policy for low risk: any one change manager, told by DM.
    expect(approvalCardIn(t, number, CHANGE_PEOPLE.changeManager)?.text).toContain('Awaiting approval');

    await approve(number, CHANGE_PEOPLE.changeManager, 'Fine in the Tuesday window', CHANGE_PEOPLE.changeManager);
    expect(await stateOf(t, number)).toBe('scheduled');
    for (const place of [CAB_CHANNEL, CHANGE_PEOPLE.changeManager]) {
      const updated = approvalCardIn(t, number, place)!;
      expect(updated.text).toContain(':white_check_mark: *Approved*');
      expect(updated.text).toContain(`<@${CHANGE_PEOPLE.changeManager}> approved: Fine in the Tuesday window`);
      expect(updated.actionIds).toEqual([]);
    }
    expect(dmsTo(t, CHANGE_PEOPLE.requester).at(-1)).toMatch(/^:calendar: CHG-000001 \*Upgrade the ERP database\* is scheduled for <!date\^1773108000\^/);
    expect(dmsTo(t, CHANGE_PEOPLE.implementer).at(-1)).toMatch(/^:hammer_and_wrench: You implement CHG-000001/);

    // The implementer starts and completes it from the card; the review closes it.
    await work(number, 'start');
    await work(number, 'complete');
    const noEffects = await fillForm(t, onCard(number), 'change.form.review_done', CHANGE_PEOPLE.changeManager, {
      objectives_met: { type: 'static_select', value: 'yes' },
      customer_satisfied: { type: 'static_select', value: 'yes' },
      negative_effects: { type: 'static_select', value: 'yes' },
      notes: { type: 'plain_text_input', value: null },
    });
    expect(noEffects.body).toEqual({ response_action: 'errors', errors: { notes: 'Describe the unexpected negative effects.' } });
    expect(await stateOf(t, number)).toBe('review');
    await fillForm(t, onCard(number), 'change.form.review_done', CHANGE_PEOPLE.changeManager, {
      objectives_met: { type: 'static_select', value: 'yes' },
      customer_satisfied: { type: 'static_select', value: 'yes' },
      negative_effects: { type: 'static_select', value: 'no' },
      notes: { type: 'plain_text_input', value: null },
    });
    expect(await stateOf(t, number)).toBe('closed');
    expect(dmsTo(t, CHANGE_PEOPLE.requester).at(-1)).toBe(':white_check_mark: CHG-000001 *Upgrade the ERP database* is closed.');

    const audit = await t.bot.db.prisma.auditEntry.findMany({ where: { recordNumber: number }, orderBy: { id: 'asc' } });
    expect(audit.map((entry) => [entry.action, entry.actorId, entry.toValue])).toEqual([
      ['created', CHANGE_PEOPLE.requester, null],
      ['submit', CHANGE_PEOPLE.requester, 'assessment'],
      ['assess', CHANGE_PEOPLE.changeManager, 'authorisation'],
      ['approval_approve', CHANGE_PEOPLE.changeManager, null],
      ['authorise', 'system', 'scheduled'],
      ['start', CHANGE_PEOPLE.implementer, 'implementing'],
      ['complete', CHANGE_PEOPLE.implementer, 'review'],
      ['review_done', CHANGE_PEOPLE.changeManager, 'successful'],
      ['close', 'system', 'closed'],
    ]);
  });
});

describe('a medium-risk change (at least two of the CAB)', () => {
  it('shows the live tally everywhere, counts a double submission once, and refuses the requester and outsiders', async () => {
    // The requester sits on the CAB: they still may not approve their own change.
    const number = await raiseChange(t, { ...WINDOW, title: 'Patch the mail relay', items: 'MAIL-01', risk: MEDIUM_RISK }, CHANGE_PEOPLE.cab3);
    await assess(number, 'medium');
    expect(approvalCardIn(t, number, CHANGE_PEOPLE.cab3)).toBeUndefined();
    expect(await refusalOnPress(onApproval(number), 'change.form.approve', CHANGE_PEOPLE.cab3)).toBe('You cannot decide on your own record.');
    expect(await refusalOnPress(onApproval(number), 'change.form.approve', PEOPLE.outsider)).toBe('You are not an approver of this change.');

    const { view } = await press(t, onApproval(number, CHANGE_PEOPLE.cab1), 'change.form.approve', CHANGE_PEOPLE.cab1);
    const comment = { comment: { type: 'plain_text_input' as const, value: null } };
    const [first, second] = [await submit(t, view!, CHANGE_PEOPLE.cab1, comment), await submit(t, view!, CHANGE_PEOPLE.cab1, comment)];
    expect(first.body).toBeFalsy();
    expect(second.body).toEqual({ response_action: 'errors', errors: { comment: 'That has already been done.' } });
    await settle(t);
    for (const place of [CAB_CHANNEL, CHANGE_PEOPLE.cab1, CHANGE_PEOPLE.cab2]) expect(approvalCardIn(t, number, place)?.text).toContain('1 of 2');
    expect(await stateOf(t, number)).toBe('authorisation');

    await approve(number, CHANGE_PEOPLE.cab2);
    expect(await stateOf(t, number)).toBe('scheduled');
    expect(approvalCardIn(t, number, CHANGE_PEOPLE.cab1)?.text).toContain('2 of 2');
    const decisions = await t.bot.db.prisma.auditEntry.count({ where: { recordNumber: number, action: 'approval_approve' } });
    expect(decisions).toBe(2);
  });
});

describe('a high-risk change (peer review, then three of the CAB)', () => {
  it('opens the CAB stage only after the peer review, then a reasoned rejection ends it', async () => {
    const number = await raiseChange(t, { ...WINDOW, title: 'Replace the core switch', items: 'CORE-SW-1', risk: HIGH_RISK });
    await assess(number, 'high');
    expect(approvalCardIn(t, number, CHANGE_PEOPLE.peer)).toBeDefined();
    expect(approvalCardIn(t, number, CHANGE_PEOPLE.cab1)).toBeUndefined();
    expect(await refusalOnPress(onApproval(number), 'change.form.approve', CHANGE_PEOPLE.cab1)).toBe('This approval stage is not open yet.');

    await approve(number, CHANGE_PEOPLE.peer);
    // The CAB stage is open now: its members get the card.
    expect(approvalCardIn(t, number, CHANGE_PEOPLE.cab1)?.text).toContain('Peer review');

    const noReason = await decline(number, CHANGE_PEOPLE.cab2, null);
    expect(noReason.body).toEqual({ response_action: 'errors', errors: { reason: 'This is required.' } });
    await decline(number, CHANGE_PEOPLE.cab2, 'No rollback tested for the uplinks');
    expect(await stateOf(t, number)).toBe('rejected');
    expect(dmsTo(t, CHANGE_PEOPLE.requester).at(-1)).toBe(':x: CHG-000003 *Replace the core switch* was rejected: “No rollback tested for the uplinks”');
    expect(approvalCardIn(t, number, CAB_CHANNEL)?.text).toContain(':x: *Rejected*');
    // A decision once made is final: nobody can decide any more.
    expect(approvalCardIn(t, number, CHANGE_PEOPLE.cab1)?.actionIds).toEqual([]);
  });
});

describe("an 'all' policy from the configuration", () => {
  it('needs every listed approver', async () => {
    settings.changes.approvalPolicies = [
      { type: 'normal', risk: 'low', policy: { kind: 'all', approvers: [CHANGE_PEOPLE.cab1, 'change_manager'] } },
      { type: 'normal', policy: { kind: 'any', approvers: ['change_manager'] } },
    ];
    const number = await raiseChange(t, { ...WINDOW, title: 'Rotate the VPN certificate', items: 'VPN-GW' });
    await assess(number);
    await approve(number, CHANGE_PEOPLE.cab1);
    expect(await stateOf(t, number)).toBe('authorisation');
    await approve(number, CHANGE_PEOPLE.changeManager);
    expect(await stateOf(t, number)).toBe('scheduled');
  });
});

describe('an emergency change', () => {
  it('goes straight to the emergency CAB, and closes only after the review and the retrospective review', async () => {
    const number = await raiseChange(t, { ...WINDOW, type: 'emergency', title: 'Block the exploited port', items: 'FW-EDGE' });
    expect(await stateOf(t, number)).toBe('authorisation');
    await approve(number, CHANGE_PEOPLE.emergencyCab);
    expect(await stateOf(t, number)).toBe('scheduled');
    await work(number, 'start');
    await work(number, 'complete');
    await fillForm(t, onCard(number), 'change.form.review_done', CHANGE_PEOPLE.changeManager, {
      objectives_met: { type: 'static_select', value: 'yes' },
      customer_satisfied: { type: 'static_select', value: 'no' },
      negative_effects: { type: 'static_select', value: 'no' },
      notes: { type: 'plain_text_input', value: 'Users had to reconnect.' },
    });
    expect(await stateOf(t, number)).toBe('review');
    expect(JSON.stringify(t.fake.callsTo('chat.update').at(-1)?.args.blocks)).toContain('the CAB still owes its retrospective review');
    await fillForm(t, onCard(number), 'change.form.retrospective_review', CHANGE_PEOPLE.cab1, { notes: { type: 'plain_text_input', value: 'Justified: active exploitation.' } });
    expect(await stateOf(t, number)).toBe('closed');
  });
});

describe('a failed change', () => {
  it('is rolled back with a reason, tells the requester and suggests a problem record', async () => {
    settings.changes.approvalPolicies = changeSettings().changes.approvalPolicies;
    const number = await raiseChange(t, { ...WINDOW, title: 'Upgrade the print server', items: 'PRINT-01' });
    await assess(number);
    await approve(number, CHANGE_PEOPLE.changeManager);
    await work(number, 'start');
    await fillForm(t, onCard(number), 'change.form.fail', CHANGE_PEOPLE.implementer, { reason: { type: 'plain_text_input', value: 'Driver package corrupt' } });
    expect(await stateOf(t, number)).toBe('failed');
    expect(dmsTo(t, CHANGE_PEOPLE.requester).at(-1)).toBe(`:rewind: ${number} *Upgrade the print server* failed and was rolled back: “Driver package corrupt”`);
    expect(JSON.stringify(t.fake.callsTo('chat.update').at(-1)?.args.blocks)).toContain('open a problem for it');

    // The desk opens a problem for the unknown cause from the change's card.
    const { view } = await press(t, onCard(number), 'problem.create_from_change', PEOPLE.agent, { opensForm: true });
    const title = (view?.blocks as { block_id?: string; element?: { initial_value?: string } }[]).find((block) => block.block_id === 'title');
    expect(title?.element?.initial_value).toBe(`Cause of the failure of ${number}: Upgrade the print server`);
  });
});
