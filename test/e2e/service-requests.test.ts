// Service requests through the signed-request harness: the staff directory imported by an admin,
// a request through its department head and a further approver to fulfilment, a reasoned
// rejection, self-approval refused, a requester without a department head, SLA alerts sent once,
// and the catalogue edited by an admin from Slack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { approvalCardIn, fillForm, press } from '../support/change-flows.js';
import { pressInDm, responseTo, settle } from '../support/incident-flows.js';
import {
  CATALOGUE,
  command,
  DIRECTORY_CSV,
  dmsTo,
  FULFIL_CHANNEL,
  importDirectory,
  LAPTOP_ANSWERS,
  openedView,
  openItemForm,
  REQUEST_PEOPLE as P,
  requestSettings,
  requestState,
  submitRequest,
  submitView,
} from '../support/request-flows.js';
import { DESK_CHANNEL, startTestBot, type TestBot } from '../support/test-bot.js';

// Monday 2 March 2026, 09:00 in Shanghai.
const clock = new ManualClock(new Date('2026-03-02T01:00:00Z'));
let t: TestBot;
beforeAll(async () => {
  t = await startTestBot({ clock, settings: requestSettings() });
});
afterAll(async () => t.stop());

interface Block {
  type: string;
  block_id?: string;
  text?: { text?: string };
  elements?: { action_id?: string }[];
}
/** The fulfilment card of a request as it stands now (its last post or update). */
function requestCard(number: string): { text: string; actionIds: string[]; channel: string } | undefined {
  const calls = t.fake.calls.filter((call) => !call.failed && (call.method === 'chat.postMessage' || call.method === 'chat.update') && String((call.args.blocks as Block[] | undefined)?.[0]?.text?.text).startsWith(`${number} · `));
  const last = calls.at(-1);
  if (!last) return undefined;
  const blocks = last.args.blocks as Block[];
  return { text: JSON.stringify(blocks), actionIds: blocks.flatMap((block) => (block.type === 'actions' ? (block.elements ?? []).map((element) => element.action_id ?? '') : [])), channel: String(calls[0]?.args.channel) };
}
const approve = (number: string, userId: string, comment: string | null = null) => fillForm(t, { number, channel: userId, card: 'approval' }, 'request.form.approve', userId, { comment: { type: 'plain_text_input', value: comment } });
const homeOf = (userId: string) => JSON.stringify(t.fake.callsTo('views.publish').filter((call) => call.args.user_id === userId && !call.failed).at(-1)?.args.view ?? null);
async function openHome(userId: string): Promise<string> {
  const before = t.fake.callsTo('views.publish').length;
  await t.slack.event({ event: { type: 'app_home_opened', user: userId, channel: `D${userId.slice(1)}`, tab: 'home' }, eventId: `EvHome${userId}${before}` });
  await expect.poll(() => t.fake.callsTo('views.publish').length).toBe(before + 1);
  return homeOf(userId);
}
const refusal = async (number: string, card: 'approval' | 'change', channel: string, actionId: string, userId: string) => {
  const { view, responseUrlId } = await press(t, { number, channel, card }, actionId, userId);
  expect(view).toBeNull();
  return String((await responseTo(t, responseUrlId)).args.text);
};

describe('the staff directory', () => {
  it('is imported from CSV pasted by an admin, and refused to others', async () => {
    expect((await command(t, '/itsm', 'admin import-directory', P.requester)).text).toBe('Only admins may do that.');
    const bad = await importDirectory(t, 'user_id,name,department,is_head\nbob,Bob,IT,yes\n');
    expect(bad.body).toEqual({ response_action: 'errors', errors: { csv: 'line 2: “bob” is not a Slack user id (U…)' } });
    const imported = await importDirectory(t, DIRECTORY_CSV);
    expect(imported.body).toBeFalsy();
    await expect.poll(() => dmsTo(t, P.admin).at(-1)).toBe(':white_check_mark: Imported 5 people; the directory now has 5.\n:warning: These departments have no head, so their staff cannot get requests approved: Service desk.');
    const audit = await t.bot.db.prisma.auditEntry.findMany({ where: { recordNumber: 'directory' } });
    expect(audit.map((entry) => [entry.action, entry.actorId])).toEqual([['directory_imported', P.admin]]);
  });
});

describe('a request for a new laptop', () => {
  it('is approved by the department head, then security, and fulfilled by the desk, the requester told at each step', async () => {
    const form = await openItemForm(t, P.requester, 'laptop');
    expect(form.blocks.map((block) => block.block_id)).toEqual(['answer.model', 'answer.needed_by', 'answer.for_user', 'answer.why']);
    const missing = await submitView(t, form, P.requester, { ...LAPTOP_ANSWERS, 'answer.model': { type: 'static_select', value: null } });
    expect(missing.body).toEqual({ response_action: 'errors', errors: { 'answer.model': 'This is required.' } });

    const number = await submitRequest(t, P.requester, 'laptop', LAPTOP_ANSWERS);
    expect(number).toBe('REQ-000001');
    expect(dmsTo(t, P.requester)).toEqual([
      'REQ-000001 *New laptop* is submitted. You will hear when it is approved and when it is done.',
      'REQ-000001 now waits for approval by <@U0HEADFIN>.',
    ]);
    const headCard = approvalCardIn(t, number, P.head)!;
    expect(headCard.actionIds).toEqual(['request.form.approve', 'request.form.decline']);
    expect(headCard.text).toContain('Department head');
    expect(headCard.text).toContain('Developer 16\\"');
    // The security stage opens only after the department head's approval.
    expect(approvalCardIn(t, number, P.security)).toBeUndefined();

    // The head finds it waiting on the App Home; it leaves it once decided.
    expect(await openHome(P.head)).toContain('*REQ-000001* New laptop · for <@U0REPORTER>');
    expect(await openHome(P.security)).not.toContain('REQ-000001');
    await approve(number, P.head, 'Fine for the Q2 budget');
    await settle(t);
    expect(homeOf(P.head)).not.toContain('REQ-000001');
    expect(dmsTo(t, P.requester)).toContain(':white_check_mark: <@U0HEADFIN> approved REQ-000001. “Fine for the Q2 budget”');
    expect(approvalCardIn(t, number, P.head)?.actionIds).toEqual(['request.form.approve', 'request.form.decline']);
    expect(approvalCardIn(t, number, P.head)?.text).toContain('<@U0HEADFIN> approved: Fine for the Q2 budget');
    expect(await requestState(t, number)).toBe('awaiting_approval');
    expect(requestCard(number)).toBeUndefined();

    await approve(number, P.security);
    expect(await requestState(t, number)).toBe('approved');
    expect(approvalCardIn(t, number, P.head)?.text).toContain(':white_check_mark: *Approved*');
    expect(approvalCardIn(t, number, P.head)?.actionIds).toEqual([]);
    const card = requestCard(number)!;
    expect(card.channel).toBe(FULFIL_CHANNEL);
    expect(card.actionIds).toEqual(['request.take', 'request.fulfil', 'request.form.cancel']);
    expect(card.text).toContain('REQ-000001 · New laptop');
    expect(card.text).toContain('The old one &lt;!channel&gt; died');
    expect(card.text).toContain('Take by');
    expect(dmsTo(t, P.requester).at(-1)).toBe(':inbox_tray: REQ-000001 *New laptop* is approved. The team that fulfils it will take it from here.');

    // Only the fulfilment group works it; the desk takes it, then fulfils it.
    expect(await refusal(number, 'change', FULFIL_CHANNEL, 'request.take', P.outsider)).toBe("You're not allowed to do that on this ticket.");
    await press(t, { number, channel: FULFIL_CHANNEL, card: 'change' }, 'request.take', P.agent);
    await expect.poll(() => requestState(t, number)).toBe('in_progress');
    await settle(t);
    expect(dmsTo(t, P.requester).at(-1)).toBe(':hammer_and_wrench: <@U0AGENT> is working on REQ-000001 *New laptop*.');
    expect(requestCard(number)?.text).toContain('Fulfil by');
    await press(t, { number, channel: FULFIL_CHANNEL, card: 'change' }, 'request.fulfil', P.agent);
    await expect.poll(() => requestState(t, number)).toBe('fulfilled');
    await settle(t);
    expect(dmsTo(t, P.requester).at(-1)).toBe(':white_check_mark: REQ-000001 *New laptop* is done (<@U0AGENT>).');
    expect(requestCard(number)?.actionIds).toEqual([]);

    const history = await command(t, '/itsm', 'audit REQ-000001', P.requester);
    expect(history.text).toBe('*History of REQ-000001* (7 entries, oldest first)');
    const audit = await t.bot.db.prisma.auditEntry.findMany({ where: { recordNumber: number }, orderBy: { id: 'asc' } });
    expect(audit.map((entry) => [entry.action, entry.actorId, entry.toValue])).toEqual([
      ['created', P.requester, null],
      ['approval_approve', P.head, null],
      ['approval_approve', P.security, null],
      ['approve', 'system', 'approved'],
      ['take', P.agent, 'in_progress'],
      ['take', P.agent, P.agent],
      ['fulfil', P.agent, 'fulfilled'],
    ]);
  });
});

describe('a rejected request', () => {
  it('needs a reason, tells the requester why, and closes the vote', async () => {
    t.fake.setUser(P.colleague, { locale: 'zh-CN' });
    const number = await submitRequestAs(P.colleague, 'vpn', { 'answer.reason': { type: 'plain_text_input', value: 'Work from home' } });
    expect(dmsTo(t, P.colleague)[0]).toBe(`${number} *VPN access* 已提交。批准和完成时会通知您。`);
    const { view } = await press(t, { number, channel: P.head, card: 'approval' }, 'request.form.decline', P.head);
    const noReason = await submitView(t, view!, P.head, { reason: { type: 'plain_text_input', value: null } });
    expect(noReason.body).toEqual({ response_action: 'errors', errors: { reason: 'This is required.' } });
    await submitView(t, view!, P.head, { reason: { type: 'plain_text_input', value: 'Use the jump host instead' } });
    await settle(t);
    expect(await requestState(t, number)).toBe('rejected');
    expect(dmsTo(t, P.colleague).at(-1)).toBe(`:x: ${number} *VPN access* 被 <@U0HEADFIN> 驳回：“Use the jump host instead”`);
    const card = approvalCardIn(t, number, P.head)!;
    expect(card.text).toContain(':x: *Rejected*');
    expect(card.text).toContain('<@U0HEADFIN> rejected: Use the jump host instead');
    expect(card.actionIds).toEqual([]);
    expect(requestCard(number)).toBeUndefined();
  });
});

describe('segregation of duties', () => {
  it("sends a head's own request to the department_head role, and never lets them approve it", async () => {
    const number = await submitRequestAs(P.head, 'vpn', { 'answer.reason': { type: 'plain_text_input', value: 'Travel' } });
    expect(approvalCardIn(t, number, P.head)).toBeUndefined();
    expect(approvalCardIn(t, number, P.cio)).toBeDefined();
    expect(await refusal(number, 'approval', P.cio, 'request.form.approve', P.head)).toBe('You cannot decide on your own record.');
    expect(await refusal(number, 'approval', P.cio, 'request.form.approve', P.outsider)).toBe('You are not an approver of this request.');
    await approve(number, P.cio);
    expect(await requestState(t, number)).toBe('approved');
    // A card not yet refreshed on someone's screen: the click is refused.
    const late = t.fake.responseUrl('late');
    await t.slack.blockAction({ userId: P.cio, actionId: 'request.form.approve', value: number, responseUrl: late, message: { ts: '1.1' } });
    expect((await responseTo(t, 'late')).args.text).toBe('The approval has already been decided.');
  });
});

describe('requests and the directory', () => {
  it('tells someone without a department head why nothing was recorded, and needs none for an item without approval', async () => {
    const form = await openItemForm(t, P.outsider, 'vpn');
    expect((await submitView(t, form, P.outsider, { 'answer.reason': { type: 'plain_text_input', value: 'x' } })).body).toBeFalsy();
    await expect.poll(() => dmsTo(t, P.outsider).at(-1)).toMatch(/^I don't know who heads your department/);
    expect(await t.bot.db.prisma.serviceRequest.count({ where: { requesterId: P.outsider } })).toBe(0);

    const number = await submitRequestAs(P.outsider, 'password', {});
    expect(dmsTo(t, P.outsider).at(-2)).toBe(`${number} *Reset password* is submitted and goes straight to the team that fulfils it.`);
    expect(requestCard(number)?.channel).toBe(DESK_CHANNEL);
    const thread = t.fake.callsTo('chat.postMessage').filter((call) => call.args.thread_ts).map((call) => String(call.args.text));
    expect(thread).toContain('For <@U0AGENT>');
  });
});

describe('cancelling a request', () => {
  it('lets the requester cancel while it awaits approval, and the desk cancel it later, each with a reason', async () => {
    const number = await submitRequest(t, P.requester, 'laptop', LAPTOP_ANSWERS);
    const before = t.fake.callsTo('views.open').length;
    await pressInDm(t, P.requester, 'request.form.cancel');
    const form = await openedView(t, before);
    expect((await submitView(t, form, P.requester, { reason: { type: 'plain_text_input', value: '' } })).body).toEqual({ response_action: 'errors', errors: { reason: 'This is required.' } });
    await submitView(t, form, P.requester, { reason: { type: 'plain_text_input', value: 'Got a spare one' } });
    await settle(t);
    expect(await requestState(t, number)).toBe('cancelled');
    expect(dmsTo(t, P.requester).at(-1)).toBe(`You cancelled ${number} *New laptop*.`);
    const headCard = approvalCardIn(t, number, P.head)!;
    expect(headCard.text).toContain('Cancelled by <@U0REPORTER>: “Got a spare one”');
    expect(headCard.actionIds).toEqual([]);

    const reset = await submitRequest(t, P.outsider, 'password', {});
    const { view } = await press(t, { number: reset, channel: DESK_CHANNEL, card: 'change' }, 'request.form.cancel', P.agent);
    await submitView(t, view!, P.agent, { reason: { type: 'plain_text_input', value: 'Done by self-service' } });
    await settle(t);
    expect(dmsTo(t, P.outsider).at(-1)).toBe(`:no_entry: ${reset} *Reset password* was cancelled by <@U0AGENT>: “Done by self-service”`);
    expect(requestCard(reset)?.actionIds).toEqual([]);
  });
});

describe('request SLAs', () => {
  it('start at approval, warn and alert the breach in the card thread once each, and stop when taken', async () => {
    clock.set(new Date('2026-03-03T01:00:00Z'));
    const number = await submitRequestAs(P.colleague, 'vpn', { 'answer.reason': { type: 'plain_text_input', value: 'On call' } });
    await approve(number, P.head);
    const alerts = () => t.fake.callsTo('chat.postMessage').filter((call) => call.args.thread_ts && String(call.args.text).includes(`${number} *VPN access*:`)).map((call) => String(call.args.text));
    const tick = async (at: string) => {
      clock.set(new Date(at));
      await Promise.all([t.bot.scheduler.tick('requests.sla'), t.bot.scheduler.tick('requests.sla')]);
      await settle(t);
    };
    await tick('2026-03-03T01:29:00Z');
    expect(alerts()).toEqual([]);
    await tick('2026-03-03T01:30:00Z');
    expect(alerts()).toEqual([expect.stringMatching(/^:hourglass_flowing_sand: REQ-\d{6} \*VPN access\*: 50 % of the time to take has passed/)]);
    await tick('2026-03-03T02:01:00Z');
    await tick('2026-03-03T02:02:00Z');
    expect(alerts()).toHaveLength(2);
    expect(alerts()[1]).toMatch(/^:rotating_light: REQ-\d{6} \*VPN access\*: the time to take has run out/);
    await press(t, { number, channel: FULFIL_CHANNEL, card: 'change' }, 'request.take', P.agent);
    await expect.poll(() => requestState(t, number)).toBe('in_progress');
    await tick('2026-03-03T02:30:00Z'); // 90 min of 240 to fulfil: no threshold yet
    expect(alerts()).toHaveLength(2);
  });
});

describe('the catalogue', () => {
  it('is edited by admins from Slack: an item added as YAML, checked, audited, and offered at once; one removed', async () => {
    expect((await command(t, '/request', 'admin', P.requester)).text).toBe('Only admins may do that.');
    const list = await command(t, '/request', 'admin', P.admin);
    expect(JSON.stringify(list.blocks)).toContain('Item `laptop` · *New laptop* · service `workplace` · 4 fields');

    const before = t.fake.callsTo('views.open').length;
    await t.slack.blockAction({ userId: P.admin, actionId: 'request.admin.add_item', value: 'item', responseUrl: t.fake.responseUrl(), message: { ts: '1.1' } });
    const editor = await openedView(t, before);
    const yaml = (service: string) => `id: monitor\nservice: ${service}\nname: Second monitor\nfields:\n  - { id: size, type: select, label: Size, options: ['24"', '27"'] }\nfulfilment: { role: service_desk }\n`;
    const invalid = await submitView(t, editor, P.admin, { definition: { type: 'plain_text_input', value: yaml('nope') } });
    expect(invalid.body).toEqual({ response_action: 'errors', errors: { definition: 'Not saved: item monitor names an unknown service nope' } });
    expect((await submitView(t, editor, P.admin, { definition: { type: 'plain_text_input', value: yaml('workplace') } })).body).toBeFalsy();
    await expect.poll(() => dmsTo(t, P.admin).at(-1)).toBe(':white_check_mark: The catalogue is saved.');
    const audit = await t.bot.db.prisma.auditEntry.findFirstOrThrow({ where: { recordNumber: 'catalogue:item:monitor' } });
    expect([audit.action, audit.actorId]).toEqual(['catalogue_edited', P.admin]);

    const form = await openItemForm(t, P.requester, 'monitor');
    expect(form.blocks.map((block) => block.block_id)).toEqual(['answer.size']);

    const removed = t.fake.responseUrl('remove');
    await t.slack.blockAction({ userId: P.admin, actionId: 'request.admin.entry:item:password', selectedOption: 'remove:item:password', responseUrl: removed, message: { ts: '1.1' } });
    expect((await responseTo(t, 'remove')).args.text).toBe(':white_check_mark: `password` is removed from the catalogue.');
    expect(CATALOGUE?.items?.some((item) => item.id === 'password')).toBe(true); // still in the settings file
    const before2 = t.fake.callsTo('views.open').length;
    await t.slack.slashCommand({ command: '/request', userId: P.requester, responseUrl: t.fake.responseUrl() });
    const picker = JSON.stringify((await openedView(t, before2)).blocks);
    expect(picker).toContain('Workplace IT › Second monitor');
    expect(picker).not.toContain('Reset password');
  });
});

async function submitRequestAs(userId: string, itemId: string, answers: Parameters<typeof submitRequest>[3]): Promise<string> {
  return submitRequest(t, userId, itemId, answers);
}
