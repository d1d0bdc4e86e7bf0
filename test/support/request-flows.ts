// Drives service requests the way people do: an admin imports the staff directory, a requester
// picks an item with `/request` and fills in its form, approvers and fulfilers press what their
// cards show.
import { expect } from 'vitest';
import type { Settings, SettingsInput } from '../../src/settings/schema.js';
import { settle, type OpenedView } from './incident-flows.js';
import { inputValues, type InputField, type SlackResponse } from './slack-requests.js';
import { DESK_CHANNEL, PEOPLE, SECURITY_CHANNEL, testSettings, type TestBot } from './test-bot.js';

export const FULFIL_CHANNEL = 'C0WORKPLACE';

export const REQUEST_PEOPLE = {
  admin: 'U0ADMIN',
  requester: PEOPLE.reporter,
  head: 'U0HEADFIN',
  colleague: 'U0COLLEAGUE',
  itHead: 'U0HEADIT',
  cio: 'U0CIO',
  agent: PEOPLE.agent,
  security: PEOPLE.security,
  outsider: PEOPLE.outsider,
} as const;

/** Finance: the requester, a colleague and their head; IT: its head. */
export const DIRECTORY_CSV = [
  'user_id,name,department,email,is_head',
  `${REQUEST_PEOPLE.head},Anna Head,Finance,anna@example.cn,yes`,
  `${REQUEST_PEOPLE.requester},Rita Requester,Finance,,no`,
  `${REQUEST_PEOPLE.colleague},"Chen, Colleague",Finance,,`,
  `${REQUEST_PEOPLE.itHead},Ivan IT,IT,,yes`,
  `${REQUEST_PEOPLE.agent},Aga Agent,Service desk,,no`,
].join('\n');

export const CATALOGUE: SettingsInput['catalogue'] = {
  slaPolicies: [
    { id: 'standard', responseMinutes: 240, resolutionMinutes: 2700 },
    { id: 'fast', responseMinutes: 60, resolutionMinutes: 240 },
  ],
  services: [
    { id: 'workplace', name: { en: 'Workplace IT', 'zh-CN': '办公 IT' }, owner: 'U0AGENT', hours: 'business', slaPolicy: 'standard' },
    { id: 'access', name: 'Access', hours: '24x7', slaPolicy: 'fast' },
  ],
  items: [
    {
      id: 'laptop',
      service: 'workplace',
      name: { en: 'New laptop', 'zh-CN': '新笔记本电脑' },
      fields: [
        { id: 'model', type: 'select', label: 'Model', options: ['Standard 14"', 'Developer 16"'] },
        { id: 'needed_by', type: 'date', label: 'Needed by' },
        { id: 'for_user', type: 'user', label: 'For whom', required: false },
        { id: 'why', type: 'text', label: 'Why', multiline: true, required: false },
      ],
      approval: { departmentHead: true, stages: [{ name: 'security', rule: 'any', approvers: ['security'] }] },
      fulfilment: { role: 'service_desk', channel: FULFIL_CHANNEL },
    },
    {
      id: 'vpn',
      service: 'access',
      name: 'VPN access',
      fields: [{ id: 'reason', type: 'text', label: 'What for' }],
      fulfilment: { role: 'service_desk', channel: FULFIL_CHANNEL },
    },
    { id: 'password', service: 'access', name: 'Reset password', approval: { departmentHead: false, stages: [] }, fulfilment: { role: 'service_desk' } },
  ],
};

export function requestSettings(overrides: Partial<SettingsInput> = {}): Settings {
  return testSettings({
    channels: { serviceDesk: DESK_CHANNEL, security: SECURITY_CHANNEL },
    roles: {
      admin: { users: [REQUEST_PEOPLE.admin], usergroups: [] },
      service_desk: { users: [PEOPLE.agent], usergroups: [] },
      second_line: { users: [PEOPLE.secondLine], usergroups: [] },
      incident_manager: { users: [PEOPLE.manager], usergroups: [] },
      security: { users: [PEOPLE.security], usergroups: [] },
      department_head: { users: [REQUEST_PEOPLE.cio, REQUEST_PEOPLE.head], usergroups: [] },
    },
    catalogue: CATALOGUE,
    ...overrides,
  });
}

let views = 0;
const nextViewId = (prefix: string) => `${prefix}${++views}`;

/** The views.open calls since `before`, the last one. */
export async function openedView(t: TestBot, before: number): Promise<OpenedView> {
  await t.bot.requestsHandled();
  await expect.poll(() => t.fake.callsTo('views.open').length).toBeGreaterThan(before);
  const view = t.fake.callsTo('views.open').at(-1)!.args.view as OpenedView;
  return { ...view, id: nextViewId('VOPEN') };
}

/** Runs a slash command and returns the ephemeral answer's text (and blocks). */
export async function command(t: TestBot, name: string, text: string, userId: string): Promise<{ text: string; blocks: unknown[] }> {
  const id = `ask-${nextViewId('')}`;
  await t.slack.slashCommand({ command: name, text, userId, responseUrl: t.fake.responseUrl(id) });
  const answer = await t.fake.waitForCall('response_url', (call) => call.args.responseUrlId === id);
  return { text: String(answer.args.text), blocks: (answer.args.blocks ?? []) as unknown[] };
}

export function submitView(t: TestBot, view: Pick<OpenedView, 'id' | 'callback_id' | 'private_metadata' | 'blocks'>, userId: string, fields: Record<string, InputField>): Promise<SlackResponse> {
  return t.slack.viewSubmission({ userId, view: { id: view.id, callback_id: view.callback_id, private_metadata: view.private_metadata, blocks: view.blocks, state: { values: inputValues(fields) } } });
}

export async function importDirectory(t: TestBot, csv: string, userId: string = REQUEST_PEOPLE.admin, replace = false): Promise<SlackResponse> {
  const before = t.fake.callsTo('views.open').length;
  await t.slack.slashCommand({ command: '/itsm', text: 'admin import-directory', userId, responseUrl: t.fake.responseUrl() });
  const view = await openedView(t, before);
  const response = await submitView(t, view, userId, { csv: { type: 'plain_text_input', value: csv }, replace: { type: 'checkboxes', value: replace ? ['yes'] : [] } });
  await settle(t);
  return response;
}

/** `/request`: picks the item in the first modal; returns the item's form (the view Slack updates to). */
export async function openItemForm(t: TestBot, userId: string, itemId: string): Promise<OpenedView> {
  const before = t.fake.callsTo('views.open').length;
  await t.slack.slashCommand({ command: '/request', userId, responseUrl: t.fake.responseUrl() });
  const picker = await openedView(t, before);
  const response = await submitView(t, picker, userId, { item: { type: 'static_select', value: itemId } });
  const body = response.body as { response_action: string; view: Omit<OpenedView, 'id'> };
  expect(body.response_action).toBe('update');
  return { ...body.view, id: picker.id };
}

export type Answers = Record<string, InputField>;

export const LAPTOP_ANSWERS: Answers = {
  'answer.model': { type: 'static_select', value: 'Developer 16"' },
  'answer.needed_by': { type: 'datepicker', value: '2026-03-20' },
  'answer.for_user': { type: 'users_select', value: null },
  'answer.why': { type: 'plain_text_input', value: 'The old one <!channel> died' },
};

/** Submits an item's form and returns the new request's number, as the requester's DM tells it. */
export async function submitRequest(t: TestBot, userId: string, itemId: string, answers: Answers): Promise<string> {
  const form = await openItemForm(t, userId, itemId);
  const before = dmsTo(t, userId).length;
  const response = await submitView(t, form, userId, answers);
  expect(response.body).toBeFalsy();
  // The form is answered before the request is recorded (a refusal comes by DM): wait for the word.
  const confirmation = () => dmsTo(t, userId).slice(before).find((text) => /^REQ-\d{6} /.test(text));
  await t.bot.requestsHandled();
  await expect.poll(confirmation, { message: `no confirmation for ${userId}` }).toBeDefined();
  await settle(t);
  return confirmation()!.slice(0, 10);
}

export function dmsTo(t: TestBot, userId: string): string[] {
  return t.fake.callsTo('chat.postMessage').filter((call) => call.args.channel === userId).map((call) => String(call.args.text));
}

export async function requestState(t: TestBot, number: string): Promise<string> {
  return (await t.bot.db.prisma.serviceRequest.findUniqueOrThrow({ where: { number } })).state;
}
