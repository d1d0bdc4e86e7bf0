/**
 * Sends signed requests to a Bolt app's `/slack/events` endpoint exactly as Slack does:
 * slash commands and interactivity payloads form-encoded, Events API envelopes as JSON.
 */
import { createHmac, randomBytes } from 'node:crypto';

export interface SlackResponse {
  status: number;
  /** Parsed JSON when the response is JSON, otherwise null. */
  body: unknown;
  text: string;
}

export interface SlackSenderOptions {
  /** Full URL of the app's events endpoint, e.g. `http://127.0.0.1:3000/slack/events`. */
  url: string;
  signingSecret: string;
  /** Builds response_url values, e.g. `(id) => fake.responseUrl(id)`. Defaults to an unroutable URL. */
  responseUrl?: (id: string) => string;
}

export type StateValues = Record<string, Record<string, Record<string, unknown>>>;

export interface SlashCommandInput {
  command: string;
  text?: string;
  userId?: string;
  channelId?: string;
  triggerId?: string;
  responseUrl?: string;
}

export interface SubmittedView {
  id: string;
  callback_id: string;
  private_metadata?: string;
  state: { values: StateValues };
  [field: string]: unknown;
}

export interface ViewSubmissionInput {
  userId: string;
  view: SubmittedView;
  triggerId?: string;
}

export interface ActionMessage {
  ts: string;
  text?: string;
  blocks?: unknown[];
}

export interface ActionView {
  id: string;
  callback_id?: string;
  private_metadata?: string;
  state?: { values: StateValues };
  [field: string]: unknown;
}

export interface BlockActionInput {
  userId: string;
  actionId: string;
  value?: string;
  blockId?: string;
  message?: ActionMessage;
  channelId?: string;
  view?: ActionView;
  selectedUser?: string;
  /** The selected option's value (a static_select action). */
  selectedOption?: string;
  triggerId?: string;
  responseUrl?: string;
}

export interface MessageShortcutInput {
  userId: string;
  callbackId: string;
  message: { ts: string; text: string; user: string };
  channelId: string;
  triggerId?: string;
  responseUrl?: string;
}

export interface BlockSuggestionInput {
  userId: string;
  actionId: string;
  blockId: string;
  /** What the person has typed so far. */
  value: string;
  view?: ActionView;
}

export interface EventInput {
  event: Record<string, unknown>;
  eventId?: string;
  retryNum?: number;
}

export interface RawRequestInput {
  body: string;
  contentType: string;
  /** Unix seconds; defaults to now. */
  timestamp?: number;
  /** Defaults to the correct signature for body and timestamp. */
  signature?: string;
}

const TEAM_ID = 'T0001';
const TEAM_DOMAIN = 'test';
const APP_ID = 'A0001';
const VERIFICATION_TOKEN = 'verification-token';
const FORM = 'application/x-www-form-urlencoded';

/** `v0=` + hex HMAC-SHA256(secret, `v0:${timestamp}:${rawBody}`), as in the `x-slack-signature` header. */
export function slackSignature(secret: string, timestamp: number, rawBody: string): string {
  const digest = createHmac('sha256', secret).update(`v0:${timestamp}:${rawBody}`).digest('hex');
  return `v0=${digest}`;
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function actionTs(): string {
  const micros = Date.now() * 1000;
  return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
}

function userName(userId: string): string {
  return userId.toLowerCase();
}

function channelName(channelId: string): string {
  return `chan-${channelId}`;
}

function payloadUser(userId: string): Record<string, unknown> {
  return { id: userId, username: userName(userId), name: userName(userId), team_id: TEAM_ID };
}

function payloadTeam(): Record<string, unknown> {
  return { id: TEAM_ID, domain: TEAM_DOMAIN };
}

function actionType(input: BlockActionInput): 'button' | 'users_select' | 'static_select' {
  if (input.selectedUser !== undefined) return 'users_select';
  if (input.selectedOption !== undefined) return 'static_select';
  return 'button';
}

function option(value: string): Record<string, unknown> {
  return { text: { type: 'plain_text', text: value, emoji: true }, value };
}

function payloadAction(input: BlockActionInput): Record<string, unknown> {
  return {
    action_id: input.actionId,
    block_id: input.blockId ?? input.actionId,
    type: actionType(input),
    value: input.value,
    selected_user: input.selectedUser,
    selected_option: input.selectedOption === undefined ? undefined : option(input.selectedOption),
    action_ts: actionTs(),
  };
}

function modalView(view: ActionView): Record<string, unknown> {
  const hash = `${nowSeconds()}.${randomBytes(4).toString('hex')}`;
  return {
    blocks: [],
    private_metadata: '',
    state: { values: {} },
    ...view,
    type: 'modal',
    team_id: TEAM_ID,
    app_id: APP_ID,
    bot_id: 'BBOT',
    hash,
  };
}

function actionMessage(message: ActionMessage): Record<string, unknown> {
  return { type: 'message', user: 'UBOT', bot_id: 'BBOT', text: '', blocks: [], ...message };
}

function actionContainer(input: BlockActionInput, channelId: string): Record<string, unknown> {
  if (input.view) return { type: 'view', view_id: input.view.id };
  return { type: 'message', message_ts: input.message?.ts, channel_id: channelId, is_ephemeral: false };
}

function contentTypeIsJson(response: Response): boolean {
  return (response.headers.get('content-type') ?? '').includes('json');
}

function parseJsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export class SlackSender {
  private counter = 0;

  constructor(private readonly options: SlackSenderOptions) {}

  slashCommand(input: SlashCommandInput): Promise<SlackResponse> {
    const channelId = input.channelId ?? 'C_GENERAL';
    const userId = input.userId ?? 'U_REPORTER';
    const form = new URLSearchParams({
      token: VERIFICATION_TOKEN,
      team_id: TEAM_ID,
      team_domain: TEAM_DOMAIN,
      channel_id: channelId,
      channel_name: channelName(channelId),
      user_id: userId,
      user_name: userName(userId),
      command: input.command,
      text: input.text ?? '',
      api_app_id: APP_ID,
      is_enterprise_install: 'false',
      response_url: input.responseUrl ?? this.nextResponseUrl('cmd'),
      trigger_id: input.triggerId ?? this.nextTriggerId(),
    });
    return this.send(form.toString(), FORM);
  }

  viewSubmission(input: ViewSubmissionInput): Promise<SlackResponse> {
    return this.sendPayload({
      type: 'view_submission',
      team: payloadTeam(),
      user: payloadUser(input.userId),
      api_app_id: APP_ID,
      token: VERIFICATION_TOKEN,
      trigger_id: input.triggerId ?? this.nextTriggerId(),
      view: modalView(input.view),
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
    });
  }

  blockAction(input: BlockActionInput): Promise<SlackResponse> {
    const channelId = input.channelId ?? 'C_GENERAL';
    const inMessage = input.view === undefined;
    return this.sendPayload({
      type: 'block_actions',
      team: payloadTeam(),
      user: payloadUser(input.userId),
      api_app_id: APP_ID,
      token: VERIFICATION_TOKEN,
      container: actionContainer(input, channelId),
      trigger_id: input.triggerId ?? this.nextTriggerId(),
      channel: inMessage ? { id: channelId, name: channelName(channelId) } : undefined,
      message: input.message ? actionMessage(input.message) : undefined,
      view: input.view ? modalView(input.view) : undefined,
      response_url: inMessage ? (input.responseUrl ?? this.nextResponseUrl('act')) : undefined,
      actions: [payloadAction(input)],
      is_enterprise_install: false,
      enterprise: null,
    });
  }

  /** An external select's type-ahead: Slack asks the app for options and shows what it answers. */
  blockSuggestion(input: BlockSuggestionInput): Promise<SlackResponse> {
    const view = input.view ?? { id: 'VSUGGEST' };
    return this.sendPayload({
      type: 'block_suggestion',
      user: payloadUser(input.userId),
      team: payloadTeam(),
      api_app_id: APP_ID,
      token: VERIFICATION_TOKEN,
      container: { type: 'view', view_id: view.id },
      action_id: input.actionId,
      block_id: input.blockId,
      value: input.value,
      view: modalView(view),
      action_ts: actionTs(),
      is_enterprise_install: false,
      enterprise: null,
    });
  }

  messageShortcut(input: MessageShortcutInput): Promise<SlackResponse> {
    return this.sendPayload({
      type: 'message_action',
      token: VERIFICATION_TOKEN,
      action_ts: actionTs(),
      team: payloadTeam(),
      user: payloadUser(input.userId),
      channel: { id: input.channelId, name: channelName(input.channelId) },
      callback_id: input.callbackId,
      trigger_id: input.triggerId ?? this.nextTriggerId(),
      message_ts: input.message.ts,
      message: { type: 'message', ...input.message },
      response_url: input.responseUrl ?? this.nextResponseUrl('shortcut'),
      is_enterprise_install: false,
      enterprise: null,
    });
  }

  event(input: EventInput): Promise<SlackResponse> {
    const envelope = {
      token: VERIFICATION_TOKEN,
      team_id: TEAM_ID,
      api_app_id: APP_ID,
      event: input.event,
      type: 'event_callback',
      event_id: input.eventId ?? `Ev${this.nextId()}`,
      event_time: nowSeconds(),
      authorizations: [
        { enterprise_id: null, team_id: TEAM_ID, user_id: 'UBOT', is_bot: true, is_enterprise_install: false },
      ],
      is_ext_shared_channel: false,
    };
    const retryHeaders: Record<string, string> =
      input.retryNum === undefined
        ? {}
        : { 'x-slack-retry-num': String(input.retryNum), 'x-slack-retry-reason': 'http_timeout' };
    return this.send(JSON.stringify(envelope), 'application/json', retryHeaders);
  }

  raw(input: RawRequestInput): Promise<SlackResponse> {
    return this.send(input.body, input.contentType, {}, input.timestamp, input.signature);
  }

  private sendPayload(payload: Record<string, unknown>): Promise<SlackResponse> {
    const form = new URLSearchParams({ payload: JSON.stringify(payload) });
    return this.send(form.toString(), FORM);
  }

  private async send(
    rawBody: string,
    contentType: string,
    extraHeaders: Record<string, string> = {},
    timestamp = nowSeconds(),
    signature = slackSignature(this.options.signingSecret, timestamp, rawBody),
  ): Promise<SlackResponse> {
    const response = await fetch(this.options.url, {
      method: 'POST',
      headers: {
        // Bolt compares the content type exactly: no `; charset=...` suffix.
        'content-type': contentType,
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': signature,
        ...extraHeaders,
      },
      body: rawBody,
    });
    const text = await response.text();
    const body = contentTypeIsJson(response) ? parseJsonOrNull(text) : null;
    return { status: response.status, body, text };
  }

  private nextId(): number {
    this.counter += 1;
    return this.counter;
  }

  private nextTriggerId(): string {
    return `${1_000_000 + this.nextId()}.1.${randomBytes(16).toString('hex')}`;
  }

  private nextResponseUrl(kind: string): string {
    const id = `${kind}-${this.nextId()}`;
    return this.options.responseUrl?.(id) ?? `https://hooks.slack.invalid/commands/${TEAM_ID}/${id}`;
  }
}

export type InputFieldType = 'plain_text_input' | 'static_select' | 'external_select' | 'multi_external_select' | 'users_select' | 'checkboxes' | 'datetimepicker' | 'datepicker';

export interface InputField {
  blockId?: string;
  actionId?: string;
  type: InputFieldType;
  value: string | string[] | null;
}

function single(key: string, value: string | string[] | null): string | null {
  if (Array.isArray(value)) throw new TypeError(`inputValues: field "${key}" takes a single value, got an array`);
  return value;
}

function list(value: string | string[] | null): string[] {
  if (value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function inputState(key: string, field: InputField): Record<string, unknown> {
  const { type } = field;
  switch (type) {
    case 'plain_text_input':
      return { type, value: single(key, field.value) };
    case 'users_select':
      return { type, selected_user: single(key, field.value) };
    case 'static_select':
    case 'external_select': {
      const value = single(key, field.value);
      return { type, selected_option: value === null ? null : option(value) };
    }
    case 'checkboxes':
    case 'multi_external_select':
      return { type, selected_options: list(field.value).map(option) };
    case 'datepicker':
      // Slack sends the picked day as YYYY-MM-DD.
      return { type, selected_date: single(key, field.value) };
    case 'datetimepicker': {
      // Slack sends the picked moment in whole seconds; tests give it as an ISO date-time.
      const value = single(key, field.value);
      return { type, selected_date_time: value === null ? null : Math.floor(Date.parse(value) / 1000) };
    }
  }
}

/** Builds a modal's `state.values` as Slack sends it; blockId and actionId default to the field key. */
export function inputValues(fields: Record<string, InputField>): StateValues {
  const values: StateValues = {};
  for (const [key, field] of Object.entries(fields)) {
    const block = (values[field.blockId ?? key] ??= {});
    block[field.actionId ?? key] = inputState(key, field);
  }
  return values;
}
