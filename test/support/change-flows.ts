// Drives changes the way people do: raise one through the modal, then press what the change card,
// the approval cards and the direct messages actually show.
import { expect } from 'vitest';
import type { Settings, SettingsInput } from '../../src/settings/schema.js';
import type { SlackCall } from './fake-slack.js';
import { settle, type OpenedView } from './incident-flows.js';
import { inputValues, type InputField, type SlackResponse } from './slack-requests.js';
import { DESK_CHANNEL, PEOPLE, SECURITY_CHANNEL, testSettings, type TestBot } from './test-bot.js';

export const CAB_CHANNEL = 'C0CAB';

export const CHANGE_PEOPLE = {
  requester: PEOPLE.reporter,
  implementer: 'U0IMPL',
  changeManager: 'U0CHGMGR',
  cab1: 'U0CAB1',
  cab2: 'U0CAB2',
  cab3: 'U0CAB3',
  emergencyCab: 'U0ECAB',
  peer: PEOPLE.secondLine,
} as const;

/** The test settings with a CAB channel and the change roles filled. */
export function changeSettings(overrides: Partial<SettingsInput> = {}): Settings {
  return testSettings({
    channels: { serviceDesk: DESK_CHANNEL, security: SECURITY_CHANNEL, cab: CAB_CHANNEL },
    roles: {
      service_desk: { users: [PEOPLE.agent], usergroups: [] },
      second_line: { users: [PEOPLE.secondLine], usergroups: [] },
      incident_manager: { users: [PEOPLE.manager], usergroups: [] },
      security: { users: [PEOPLE.security], usergroups: [] },
      change_manager: { users: [CHANGE_PEOPLE.changeManager], usergroups: [] },
      cab: { users: [CHANGE_PEOPLE.cab1, CHANGE_PEOPLE.cab2, CHANGE_PEOPLE.cab3, CHANGE_PEOPLE.changeManager], usergroups: [] },
      emergency_cab: { users: [CHANGE_PEOPLE.emergencyCab], usergroups: [] },
    },
    ...overrides,
  });
}

export interface ChangeForm {
  title?: string;
  type?: 'normal' | 'standard' | 'emergency';
  template?: string;
  items?: string;
  services?: string;
  start: string;
  end: string;
  implementer?: string;
  plans?: boolean;
  risk?: { impact: string; complexity: string; tested: 'yes' | 'no'; backout: 'yes' | 'no' };
  acceptClashes?: boolean;
  freezeOverride?: string;
  /** "ITEM field=value" lines, applied to the CMDB when the change completes. */
  cmdbUpdates?: string;
}

/** Low risk: low impact and complexity, tested, with a way back. */
export const LOW_RISK = { impact: 'low', complexity: 'low', tested: 'yes', backout: 'yes' } as const;
/** Medium risk: score 3 (medium impact, medium complexity). */
export const MEDIUM_RISK = { impact: 'medium', complexity: 'medium', tested: 'yes', backout: 'yes' } as const;
/** High risk: high impact without a way back. */
export const HIGH_RISK = { impact: 'high', complexity: 'low', tested: 'yes', backout: 'no' } as const;

let views = 0;

export function raiseValues(form: ChangeForm) {
  const risk = form.risk ?? LOW_RISK;
  const plans = form.plans ?? true;
  const fields: Record<string, InputField> = {
    title: { type: 'plain_text_input', value: form.title ?? 'Upgrade the ERP database' },
    description: { type: 'plain_text_input', value: null },
    type: { type: 'static_select', value: form.type ?? 'normal' },
    // Picked from the CMDB with type-ahead: the items' ids.
    configuration_items: { type: 'multi_external_select', actionId: 'cmdb.pick', value: (form.items ?? 'ERP-DB-01').split(',').map((item) => item.trim()).filter(Boolean) },
    services: { type: 'plain_text_input', value: form.services ?? 'ERP' },
    planned_start: { type: 'datetimepicker', value: form.start },
    planned_end: { type: 'datetimepicker', value: form.end },
    implementer: { type: 'users_select', value: form.implementer ?? CHANGE_PEOPLE.implementer },
    implementation_plan: { type: 'plain_text_input', value: plans ? 'Stop the service, run the upgrade script, start it.' : null },
    backout_plan: { type: 'plain_text_input', value: plans ? 'Restore last night’s snapshot.' : null },
    test_plan: { type: 'plain_text_input', value: plans ? 'Log in and post a test invoice.' : null },
    risk_impact: { type: 'static_select', value: risk.impact },
    risk_complexity: { type: 'static_select', value: risk.complexity },
    risk_tested: { type: 'static_select', value: risk.tested },
    risk_backout: { type: 'static_select', value: risk.backout },
    accept_clashes: { type: 'checkboxes', value: form.acceptClashes ? ['yes'] : [] },
    freeze_override: { type: 'plain_text_input', value: form.freezeOverride ?? null },
    cmdb_updates: { type: 'plain_text_input', value: form.cmdbUpdates ?? null },
  };
  if (form.template) fields.template = { type: 'static_select', value: form.template };
  return inputValues(fields);
}

/** Submits the raise modal; `metadata` is what the modal carried (the record it was raised from). */
export function submitRaise(t: TestBot, userId: string, form: ChangeForm, metadata = '{"raisedFrom":null}', viewId = `VRAISE${++views}`): Promise<SlackResponse> {
  return t.slack.viewSubmission({ userId, view: { id: viewId, callback_id: 'change_raise', private_metadata: metadata, state: { values: raiseValues(form) } } });
}

/** Raises a change and returns its number, as the requester's confirmation DM tells it. */
export async function raiseChange(t: TestBot, form: ChangeForm, userId: string = CHANGE_PEOPLE.requester): Promise<string> {
  const before = dmsTo(t, userId).length;
  const response = await submitRaise(t, userId, form);
  expect(response.body).toBeFalsy();
  await settle(t);
  const confirmation = dmsTo(t, userId).slice(before).find((text) => /^CHG-\d{6} .* is raised/.test(text));
  if (!confirmation) throw new Error(`no confirmation for the change raised by ${userId}`);
  return confirmation.slice(0, 10);
}

export function dmsTo(t: TestBot, userId: string): string[] {
  return t.fake.callsTo('chat.postMessage').filter((call) => call.args.channel === userId).map((call) => String(call.args.text));
}

interface Block {
  type: string;
  block_id?: string;
  text?: { text?: string };
  elements?: { type: string; action_id?: string; value?: string; text?: { text?: string } }[];
}
const blocksOf = (call: SlackCall) => (call.args.blocks ?? []) as Block[];

/** Where a message landed: its channel and ts (for a post, from the fake's answer). */
function locate(call: SlackCall): { channel: string; ts: string } {
  const source = call.method === 'chat.update' ? call.args : (call.answer ?? {});
  return { channel: String(source.channel), ts: String(source.ts) };
}

/**
 * The approval card of a change as it stands now in one place (the CAB channel or an approver's
 * DM): its last post or update there.
 */
export function approvalCardIn(t: TestBot, number: string, channel: string): { text: string; blocks: Block[]; actionIds: string[] } | undefined {
  const header = `Approval needed: ${number}`;
  const calls = t.fake.calls.filter((call) => !call.failed && (call.method === 'chat.postMessage' || call.method === 'chat.update') && blocksOf(call)[0]?.text?.text === header);
  const posted = calls.find((call) => call.method === 'chat.postMessage' && call.args.channel === channel);
  if (!posted) return undefined;
  const { ts } = locate(posted);
  const last = calls.filter((call) => locate(call).ts === ts && locate(call).channel === locate(posted).channel).at(-1) ?? posted;
  const blocks = blocksOf(last);
  return { text: JSON.stringify(blocks), blocks, actionIds: blocks.flatMap((block) => (block.type === 'actions' ? (block.elements ?? []).map((element) => element.action_id ?? '') : [])) };
}

/** Presses a button shown on a card (change or release, an approval card, or a DM) and returns the modal it opened, if any. */
export async function press(
  t: TestBot,
  where: { number: string; channel: string; card: 'change' | 'approval' | 'dm' },
  actionId: string,
  userId: string,
  { opensForm = actionId.includes('.form.') }: { opensForm?: boolean } = {},
): Promise<{ view: OpenedView | null; responseUrlId: string }> {
  const blocks = blocksIn(t, where);
  const block = blocks.find((candidate) => candidate.elements?.some((element) => element.action_id === actionId));
  const element = block?.elements?.find((candidate) => candidate.action_id === actionId);
  if (!block || !element) throw new Error(`no ${actionId} on the ${where.card} card of ${where.number} in ${where.channel}`);
  const opened = t.fake.callsTo('views.open').length;
  const responseUrl = t.fake.responseUrl();
  await t.slack.blockAction({ userId, actionId, blockId: block.block_id ?? '', channelId: where.channel, message: { ts: '1.1' }, responseUrl, value: element.value ?? '' });
  const responseUrlId = responseUrl.split('/').at(-1)!;
  // A button that opens a form answers with the form or, when refused, with a word to the clicker.
  await t.bot.requestsHandled();
  await expect.poll(() => !opensForm || t.fake.callsTo('views.open').length > opened || t.fake.calls.some((call) => call.method === 'response_url' && call.args.responseUrlId === responseUrlId)).toBe(true);
  const view = t.fake.callsTo('views.open').length > opened ? (t.fake.callsTo('views.open').at(-1)!.args.view as OpenedView) : null;
  return { view: view ? { ...view, id: `VACT${++views}` } : null, responseUrlId };
}

function blocksIn(t: TestBot, where: { number: string; channel: string; card: 'change' | 'approval' | 'dm' }): Block[] {
  if (where.card === 'approval') return approvalCardIn(t, where.number, where.channel)?.blocks ?? [];
  if (where.card === 'dm') {
    const dm = t.fake.callsTo('chat.postMessage').filter((call) => call.args.channel === where.channel && JSON.stringify(call.args.blocks ?? []).includes(where.number)).at(-1);
    return dm ? blocksOf(dm) : [];
  }
  const card = t.fake.calls.filter((call) => !call.failed && (call.method === 'chat.postMessage' || call.method === 'chat.update') && String(blocksOf(call)[0]?.text?.text).startsWith(`${where.number} · `)).at(-1);
  return card ? blocksOf(card) : [];
}

/** Submits an opened change form with these field values. */
export function submit(t: TestBot, view: OpenedView, userId: string, fields: Record<string, InputField>): Promise<SlackResponse> {
  return t.slack.viewSubmission({ userId, view: { id: view.id, callback_id: view.callback_id, private_metadata: view.private_metadata, blocks: view.blocks, state: { values: inputValues(fields) } } });
}

/** Opens a form from a card and submits it; fails the test if the form did not open. */
export async function fillForm(t: TestBot, where: Parameters<typeof press>[1], actionId: string, userId: string, fields: Record<string, InputField>): Promise<SlackResponse> {
  const { view } = await press(t, where, actionId, userId);
  if (!view) throw new Error(`${actionId} opened no form for ${userId}`);
  const response = await submit(t, view, userId, fields);
  await settle(t);
  return response;
}

export async function stateOf(t: TestBot, number: string): Promise<string> {
  return (await t.bot.db.prisma.change.findUniqueOrThrow({ where: { number } })).state;
}
