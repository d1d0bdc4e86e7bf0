// Drives incidents the way people do: report, then press what the card or the DM actually shows.
import { expect } from 'vitest';
import type { SlackCall } from './fake-slack.js';
import type { StateValues } from './slack-requests.js';
import { DESK_CHANNEL, PEOPLE, type TestBot } from './test-bot.js';

export interface BlockElement {
  type: string;
  action_id?: string;
  value?: string;
}
export interface Block {
  type: string;
  block_id?: string;
  elements?: BlockElement[];
  accessory?: BlockElement;
  text?: { text?: string };
}
export interface OpenedView {
  id: string;
  callback_id: string;
  private_metadata: string;
  blocks: Block[];
}

export async function reportIncident(t: TestBot, text: string, userId: string = PEOPLE.reporter): Promise<string> {
  const before = await t.bot.db.prisma.incident.count();
  await t.slack.slashCommand({ command: '/incident', text, userId });
  await t.bot.requestsHandled();
  await expect.poll(() => t.bot.db.prisma.incident.count()).toBe(before + 1);
  const incident = await t.bot.db.prisma.incident.findFirstOrThrow({ orderBy: { id: 'desc' } });
  await settle(t);
  return incident.number;
}

/** Waits until the bot has handled every request it acknowledged and delivered every queued message. */
export async function settle(t: TestBot): Promise<void> {
  await t.bot.requestsHandled();
  await expect.poll(() => t.bot.db.prisma.outboxMessage.count({ where: { status: 'pending' } })).toBe(0);
}

const blocksOf = (call: SlackCall) => (call.args.blocks ?? []) as Block[];

/** The card as it stands now: the last post or update of the message whose header names the incident. */
export function currentCard(t: TestBot, number: string): { blocks: Block[]; text: string } {
  const calls = t.fake.calls.filter(
    (call) => !call.failed && (call.method === 'chat.postMessage' || call.method === 'chat.update') && blocksOf(call)[0]?.type === 'header' && String(blocksOf(call)[0]?.text?.text).startsWith(`${number} · `),
  );
  const last = calls.at(-1);
  if (!last) throw new Error(`no card for ${number}`);
  return { blocks: blocksOf(last), text: JSON.stringify(blocksOf(last)) };
}

/** Where the bot says the card landed (the ts Slack answered when it was posted). */
export async function cardTs(t: TestBot, number: string): Promise<string> {
  const incident = await t.bot.db.prisma.incident.findUniqueOrThrow({ where: { number } });
  const ref = await t.bot.db.prisma.slackMessageRef.findUniqueOrThrow({ where: { recordKey_purpose: { recordKey: `incident:${incident.id}`, purpose: 'card' } } });
  return ref.ts;
}

/** The button or select with this action id, in an actions block or as a section's accessory. */
export function findAction(blocks: Block[], actionId: string): { blockId: string; element: BlockElement } | undefined {
  for (const block of blocks) {
    const element = [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])].find((candidate) => candidate.action_id === actionId);
    if (element && block.block_id) return { blockId: block.block_id, element };
  }
  return undefined;
}

export function cardActionIds(t: TestBot, number: string): string[] {
  return currentCard(t, number).blocks.flatMap((block) => (block.type === 'actions' ? (block.elements ?? []).map((element) => element.action_id ?? '') : []));
}

/** Presses a button (or picks a user) on the incident's card, as shown there; returns the response_url id. */
export async function pressOnCard(t: TestBot, number: string, actionId: string, userId: string, selectedUser?: string): Promise<string> {
  const card = currentCard(t, number);
  const found = findAction(card.blocks, actionId);
  if (!found) throw new Error(`the card of ${number} shows no ${actionId}; it shows ${cardActionIds(t, number).join(', ')}`);
  const responseUrl = t.fake.responseUrl();
  await t.slack.blockAction({
    userId,
    actionId,
    blockId: found.blockId,
    channelId: DESK_CHANNEL,
    message: { ts: await cardTs(t, number) },
    responseUrl,
    ...(found.element.value !== undefined ? { value: found.element.value } : {}),
    ...(selectedUser ? { selectedUser } : {}),
  });
  return responseUrl.split('/').at(-1)!;
}

/** Presses a button in the latest direct message to `userId` that shows it. */
export async function pressInDm(t: TestBot, userId: string, actionId: string): Promise<string> {
  const dm = t.fake
    .callsTo('chat.postMessage')
    .filter((call) => call.args.channel === userId && findAction(blocksOf(call), actionId))
    .at(-1);
  if (!dm) throw new Error(`no direct message to ${userId} shows ${actionId}`);
  const found = findAction(blocksOf(dm), actionId)!;
  const responseUrl = t.fake.responseUrl();
  await t.slack.blockAction({ userId, actionId, blockId: found.blockId, channelId: `D${userId.slice(1)}`, message: { ts: String(dm.args.ts ?? '1.1') }, responseUrl, value: found.element.value ?? '' });
  return responseUrl.split('/').at(-1)!;
}

/** The ephemeral answer sent to a response_url, if any arrives. */
export async function responseTo(t: TestBot, responseUrlId: string): Promise<SlackCall> {
  return t.fake.waitForCall('response_url', (call) => call.args.responseUrlId === responseUrlId);
}

/** Presses a form button on the card and returns the modal that opened. */
export async function openForm(t: TestBot, number: string, event: string, userId: string): Promise<OpenedView> {
  const opened = t.fake.callsTo('views.open').length;
  await pressOnCard(t, number, `incident.form.${event}`, userId);
  await t.bot.requestsHandled();
  await expect.poll(() => t.fake.callsTo('views.open').length).toBe(opened + 1);
  const view = t.fake.callsTo('views.open').at(-1)!.args.view as OpenedView;
  return { ...view, id: `V${opened + 1}` };
}

export function submitForm(t: TestBot, view: OpenedView, userId: string, values: StateValues) {
  return t.slack.viewSubmission({ userId, view: { id: view.id, callback_id: view.callback_id, private_metadata: view.private_metadata, blocks: view.blocks, state: { values } } });
}

export function dmsTo(t: TestBot, userId: string): string[] {
  return t.fake.callsTo('chat.postMessage').filter((call) => call.args.channel === userId).map((call) => String(call.args.text));
}

export function threadLines(t: TestBot): string[] {
  return t.fake.callsTo('chat.postMessage').filter((call) => call.args.thread_ts).map((call) => String(call.args.text));
}
