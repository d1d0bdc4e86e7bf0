/**
 * Sends signed requests to a Bolt app's `/slack/events` endpoint exactly as Slack does:
 * slash commands and interactivity payloads form-encoded, Events API envelopes as JSON.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { option, type StateValues } from './input-values.js';

export { inputValues, type InputField, type InputFieldType, type StateValues } from './input-values.js';

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
  /** The action as its element sends it (type, selected_date_time, selected_options, …); added over the fields above. */
  action?: Record<string, unknown>;
  /** The message is an ephemeral one (shown only to the user). */
  isEphemeral?: boolean;
  triggerId?: string;
  responseUrl?: string;
}

export interface BlockSuggestionInput {
  userId: string;
  actionId: string;
  blockId: string;
  /** What the person has typed so far. */
  value: string;
  channelId?: string;
  view?: ActionView;
}

export interface ViewClosedInput {
  userId: string;
  view: ActionView;
}

export interface MessageShortcutInput {
  userId: string;
  callbackId: string;
  message: { ts: string; text: string; user: string };
  channelId: string;
  triggerId?: string;
  responseUrl?: string;
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

/** What every interactivity payload starts with: its type, the team, the person, the app. */
function interaction(type: string, userId: string): Record<string, unknown> {
  return { type, team: payloadTeam(), user: payloadUser(userId), api_app_id: APP_ID, token: VERIFICATION_TOKEN };
}

function actionType(input: BlockActionInput): 'button' | 'users_select' | 'static_select' {
  if (input.selectedUser !== undefined) return 'users_select';
  if (input.selectedOption !== undefined) return 'static_select';
  return 'button';
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
    ...input.action,
  };
}

function modalView(view: ActionView): Record<string, unknown> {
  const hash = `${nowSeconds()}.${randomBytes(4).toString('hex')}`;
  return {
    blocks: [],
    private_metadata: '',
    state: { values: {} },
    type: 'modal',
    ...view,
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
  return { type: 'message', message_ts: input.message?.ts, channel_id: channelId, is_ephemeral: input.isEphemeral ?? false };
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
      ...interaction('view_submission', input.userId),
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
      ...interaction('block_actions', input.userId),
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

  /** An external select asks for its options; the answer's body holds them. */
  blockSuggestion(input: BlockSuggestionInput): Promise<SlackResponse> {
    return this.sendPayload({
      ...interaction('block_suggestion', input.userId),
      container: input.view ? { type: 'view', view_id: input.view.id } : { type: 'message', channel_id: input.channelId },
      action_id: input.actionId,
      block_id: input.blockId,
      value: input.value,
      action_ts: actionTs(),
      ...(input.view ? { view: modalView(input.view) } : { channel: { id: input.channelId, name: channelName(input.channelId ?? '') } }),
    });
  }

  /** The person closed a modal that asked to be told (notify_on_close). */
  viewClosed(input: ViewClosedInput): Promise<SlackResponse> {
    return this.sendPayload({
      ...interaction('view_closed', input.userId),
      view: modalView(input.view),
      is_cleared: false,
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
