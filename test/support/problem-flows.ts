// Drives problems, known errors and articles the way people do: open the forms, fill them in, press
// what the cards and direct messages show, and read what the bot answered.
import { expect } from 'vitest';
import type { Settings, SettingsInput } from '../../src/settings/schema.js';
import { currentCard, findAction, settle, submitForm, type Block, type OpenedView } from './incident-flows.js';
import { inputValues, type StateValues } from './slack-requests.js';
import { PEOPLE, testSettings, type TestBot } from './test-bot.js';

export const PROBLEM_CHANNEL = 'C0PROBLEMS';
export const PROBLEM_MANAGER = 'U0PROBLEMS';
/** A second problem manager: articles need a reviewer other than their author. */
export const SECOND_PROBLEM_MANAGER = 'U0PROBLEMS2';

/** The test settings with problem managers and a problem channel. */
export function problemSettings(overrides: Partial<SettingsInput> = {}): Settings {
  const base = testSettings();
  return testSettings({
    channels: { ...base.channels, problems: PROBLEM_CHANNEL },
    roles: { ...base.roles, problem_manager: { users: [PROBLEM_MANAGER, SECOND_PROBLEM_MANAGER], usergroups: [] } },
    ...overrides,
  });
}

export function actionIdsOf(blocks: Block[]): string[] {
  return blocks.flatMap((block) => [...(block.elements ?? []), ...(block.accessory ? [block.accessory] : [])].map((element) => element.action_id ?? '')).filter((id) => id !== '');
}

/** Presses a button (or picks a user) in these blocks, as shown; returns the response_url id for the answer. */
export async function press(t: TestBot, blocks: Block[], actionId: string, userId: string, channelId: string, selectedUser?: string): Promise<string> {
  const found = findAction(blocks, actionId);
  if (!found) throw new Error(`no ${actionId} shown; the message shows ${actionIdsOf(blocks).join(', ')}`);
  const responseUrl = t.fake.responseUrl();
  await t.slack.blockAction({
    userId,
    actionId,
    blockId: found.blockId,
    channelId,
    message: { ts: '1700000000.000100' },
    responseUrl,
    ...(found.element.value !== undefined ? { value: found.element.value } : {}),
    ...(selectedUser ? { selectedUser } : {}),
  });
  return responseUrl.split('/').at(-1)!;
}

/** Presses a button on the card (incident, problem or article) whose header names `number`. */
export function pressOnCardOf(t: TestBot, number: string, actionId: string, userId: string, selectedUser?: string): Promise<string> {
  return press(t, currentCard(t, number).blocks as Block[], actionId, userId, PROBLEM_CHANNEL, selectedUser);
}

/** Does something that opens a modal, and returns the modal. */
export async function opensModal(t: TestBot, act: () => Promise<unknown>): Promise<OpenedView> {
  const opened = t.fake.callsTo('views.open').length;
  await act();
  await t.bot.requestsHandled();
  await expect.poll(() => t.fake.callsTo('views.open').length).toBe(opened + 1);
  const view = t.fake.callsTo('views.open').at(-1)!.args.view as OpenedView;
  return { ...view, id: `V${opened + 1}-${Math.random().toString(16).slice(2, 8)}` };
}

/** What a modal's inputs were prefilled with, by block id. */
export function initialValues(view: OpenedView): Record<string, string | undefined> {
  type Input = { type: string; block_id?: string; element?: { initial_value?: string; initial_option?: { value: string } } };
  return Object.fromEntries(
    (view.blocks as Input[]).filter((block) => block.type === 'input').map((block) => [block.block_id ?? '', block.element?.initial_value ?? block.element?.initial_option?.value]),
  );
}

export interface ProblemFormFields {
  title?: string;
  description?: string;
  impact?: string;
  urgency?: string;
  category?: string | null;
  service?: string;
  source?: string;
  incidents?: string;
}

export function problemForm(fields: ProblemFormFields): StateValues {
  return inputValues({
    title: { type: 'plain_text_input', value: fields.title ?? '' },
    description: { type: 'plain_text_input', value: fields.description ?? null },
    impact: { type: 'static_select', value: fields.impact ?? 'medium' },
    urgency: { type: 'static_select', value: fields.urgency ?? 'medium' },
    category: { type: 'static_select', value: fields.category ?? null },
    service: { type: 'plain_text_input', value: fields.service ?? null },
    problem_source: { type: 'static_select', value: fields.source ?? 'proactive' },
    problem_incidents: { type: 'plain_text_input', value: fields.incidents ?? null },
  });
}

/** The form as it was prefilled, with some fields changed. */
export function prefilledProblemForm(view: OpenedView, changes: ProblemFormFields = {}): StateValues {
  const initial = initialValues(view);
  return problemForm({
    title: initial.title,
    description: initial.description,
    impact: initial.impact,
    urgency: initial.urgency,
    category: initial.category ?? null,
    service: initial.service,
    source: initial.problem_source,
    incidents: initial.problem_incidents,
    ...changes,
  } as ProblemFormFields);
}

/** `/problem` → the form → submitted; returns the new problem's number. */
export async function recordProblem(t: TestBot, userId: string, fields: ProblemFormFields): Promise<string> {
  const before = await t.bot.db.prisma.problem.count();
  const view = await opensModal(t, () => t.slack.slashCommand({ command: '/problem', userId }));
  const response = await submitForm(t, view, userId, problemForm(fields));
  expect(response.body).toBeNull();
  await t.bot.requestsHandled();
  await expect.poll(() => t.bot.db.prisma.problem.count()).toBe(before + 1);
  await settle(t);
  return (await t.bot.db.prisma.problem.findFirstOrThrow({ orderBy: { id: 'desc' } })).number;
}

/** Presses a problem card's form button, fills the form in and submits it; returns Slack's answer to the submission. */
export async function actOnProblem(t: TestBot, number: string, event: string, userId: string, values: Record<string, string>) {
  const view = await opensModal(t, () => pressOnCardOf(t, number, `problem.form.${event}`, userId));
  const state = inputValues(Object.fromEntries(Object.entries(values).map(([field, value]) => [field, { type: 'plain_text_input' as const, value }])));
  const response = await submitForm(t, view, userId, state);
  await settle(t);
  return response;
}

/** Reports an incident through the full form, so it has a category or a service. */
export async function reportWithForm(t: TestBot, fields: { title: string; description?: string; category?: string; service?: string }, userId: string = PEOPLE.reporter): Promise<string> {
  const before = await t.bot.db.prisma.incident.count();
  const view = await opensModal(t, () => t.slack.slashCommand({ command: '/incident', userId }));
  await submitForm(t, view, userId, inputValues({
    title: { type: 'plain_text_input', value: fields.title },
    description: { type: 'plain_text_input', value: fields.description ?? null },
    impact: { type: 'static_select', value: 'medium' },
    urgency: { type: 'static_select', value: 'medium' },
    category: { type: 'static_select', value: fields.category ?? null },
    service: { type: 'plain_text_input', value: fields.service ?? null },
  }));
  await t.bot.requestsHandled();
  await expect.poll(() => t.bot.db.prisma.incident.count()).toBe(before + 1);
  await settle(t);
  return (await t.bot.db.prisma.incident.findFirstOrThrow({ orderBy: { id: 'desc' } })).number;
}

/** Texts of what was posted in threads (timelines), newest last. */
export function threadTexts(t: TestBot, channel?: string): string[] {
  return t.fake
    .callsTo('chat.postMessage')
    .filter((call) => call.args.thread_ts && (!channel || call.args.channel === channel))
    .map((call) => String(call.args.text));
}

/** The private answer sent to a slash command or a click, by its response_url id. */
export async function answerTo(t: TestBot, responseUrlId: string): Promise<{ text: string; blocks: string }> {
  const call = await t.fake.waitForCall('response_url', (candidate) => candidate.args.responseUrlId === responseUrlId);
  return { text: String(call.args.text), blocks: JSON.stringify(call.args.blocks ?? []) };
}

/** Sends a slash command and returns its private answer. */
export async function command(t: TestBot, name: string, text: string, userId: string): Promise<{ text: string; blocks: string }> {
  const id = `cmd-${Math.random().toString(16).slice(2)}`;
  await t.slack.slashCommand({ command: name, text, userId, responseUrl: t.fake.responseUrl(id) });
  return answerTo(t, id);
}
