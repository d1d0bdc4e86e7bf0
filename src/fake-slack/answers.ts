// What the fake Slack answers each Web API method, as Slack would, and the little state behind it
// (message timestamps, view, channel and file ids, users, user groups, channels created).
import { isRecord, type Args } from './http-bodies.js';

type Answer = Record<string, unknown>;

export interface FakeUser {
  name?: string;
  locale?: string;
  tz?: string;
}

export interface Reply {
  status: number;
  body: Answer;
  headers?: Record<string, string>;
}

function str(value: unknown, fallback = ''): string {
  return typeof value === 'string' ? value : fallback;
}

/** The direct-message channel between the bot and a user: D + the user id without its U. */
export function dmChannelFor(userId: string): string {
  return `D${userId.slice(1)}`;
}

export function isUserId(id: string): boolean {
  return id.startsWith('U') || id.startsWith('W');
}

/** A message's link; Slack's shape by default, the playground's own pages when it runs the fake. */
export type PermalinkOf = (channel: string, ts: string) => string;
const TEST_PERMALINK: PermalinkOf = () => 'https://test.slack.com/archives/C/p123';

/** Mutable per-server state plus the Slack-shaped answers that depend on it. */
export class FakeState {
  private tsCounter = 0;
  private viewCounter = 0;
  private channelCounter = 0;
  private fileCounter = 0;
  private readonly users = new Map<string, FakeUser>();
  private readonly usergroups = new Map<string, string[]>();
  private readonly created: { id: string; name: string; is_private: boolean }[] = [];

  constructor(
    private readonly baseUrl: string,
    readonly permalinkOf: PermalinkOf = TEST_PERMALINK,
  ) {}

  setUser(id: string, user: FakeUser): void {
    this.users.set(id, { ...this.users.get(id), ...user });
  }

  setUsergroup(id: string, users: string[]): void {
    this.usergroups.set(id, [...users]);
  }

  nextTs(): string {
    this.tsCounter += 1;
    const micros = this.tsCounter * 100;
    const seconds = 1_700_000_000 + Math.floor(micros / 1_000_000);
    return `${seconds}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  nextViewId(): string {
    this.viewCounter += 1;
    return `V${this.viewCounter}`;
  }

  createChannel(name: string, isPrivate: boolean): Answer {
    this.channelCounter += 1;
    const channel = { id: `C${this.channelCounter}`, name, is_private: isPrivate };
    this.created.push(channel);
    return channel;
  }

  createdChannels(): Answer[] {
    return [...this.created];
  }

  nextFileId(): string {
    this.fileCounter += 1;
    return `F${this.fileCounter}`;
  }

  uploadUrl(fileId: string): string {
    return `${this.baseUrl}/upload/${fileId}`;
  }

  userInfo(id: string): Answer {
    const user = this.users.get(id) ?? {};
    const name = user.name ?? id.toLowerCase();
    return {
      id,
      name,
      real_name: name,
      tz: user.tz ?? 'UTC',
      locale: user.locale ?? 'en-US',
      profile: { display_name: name, real_name: name },
    };
  }

  usergroupUsers(id: string): string[] {
    return [...(this.usergroups.get(id) ?? [])];
  }
}

type Responder = (args: Args, state: FakeState) => Answer;

function postMessage(args: Args, state: FakeState): Answer {
  const requested = str(args.channel);
  const channel = isUserId(requested) ? dmChannelFor(requested) : requested;
  const ts = state.nextTs();
  const message = { type: 'message', user: 'UBOT', bot_id: 'BBOT', text: args.text, blocks: args.blocks, ts };
  return { channel, ts, message };
}

function openView(args: Args, state: FakeState): Answer {
  const view = isRecord(args.view) ? args.view : {};
  return { view: { id: state.nextViewId(), ...view } };
}

function updateView(args: Args, state: FakeState): Answer {
  const view = isRecord(args.view) ? args.view : {};
  const id = str(args.view_id) || state.nextViewId();
  return { view: { id, ...view } };
}

function openConversation(args: Args): Answer {
  const firstUser = str(args.users).split(',')[0] ?? '';
  const id = firstUser ? dmChannelFor(firstUser) : str(args.channel, 'D0');
  return { channel: { id } };
}

function uploadUrlExternal(_args: Args, state: FakeState): Answer {
  const fileId = state.nextFileId();
  return { upload_url: state.uploadUrl(fileId), file_id: fileId };
}

function completeUpload(args: Args): Answer {
  const requested = Array.isArray(args.files) ? args.files : [];
  const files = requested.filter(isRecord).map((file) => ({
    id: file.id,
    title: file.title,
    name: file.title,
    permalink: `https://test.slack.com/files/UBOT/${str(file.id)}`,
  }));
  return { files };
}

const empty: Responder = () => ({});

const RESPONDERS: Record<string, Responder> = {
  'auth.test': () => ({
    user_id: 'UBOT',
    bot_id: 'BBOT',
    team_id: 'T0001',
    team: 'Test',
    user: 'itsm',
    url: 'https://test.slack.com/',
  }),
  'chat.postMessage': postMessage,
  'chat.update': (args) => ({ channel: args.channel, ts: args.ts, text: args.text }),
  'chat.postEphemeral': (_args, state) => ({ message_ts: state.nextTs() }),
  'chat.delete': empty,
  'chat.getPermalink': (args, state) => ({ permalink: state.permalinkOf(str(args.channel), str(args.message_ts)) }),
  'views.open': openView,
  'views.push': openView,
  'views.update': updateView,
  'views.publish': openView,
  'users.info': (args, state) => ({ user: state.userInfo(str(args.user)) }),
  'conversations.open': openConversation,
  'conversations.create': (args, state) => ({ channel: state.createChannel(str(args.name), args.is_private === true || args.is_private === 'true') }),
  'conversations.list': (_args, state) => ({ channels: state.createdChannels(), response_metadata: { next_cursor: '' } }),
  'conversations.invite': empty,
  'conversations.join': empty,
  'conversations.setTopic': empty,
  'conversations.info': (args) => ({ channel: { id: args.channel, name: `chan-${str(args.channel)}`, is_member: true } }),
  'pins.add': empty,
  'reactions.add': empty,
  'usergroups.users.list': (args, state) => ({ users: state.usergroupUsers(str(args.usergroup)) }),
  'files.getUploadURLExternal': uploadUrlExternal,
  'files.completeUploadExternal': completeUpload,
};

export function answerApi(method: string, args: Args, state: FakeState): Reply {
  const responder = RESPONDERS[method];
  if (!responder) return { status: 200, body: { ok: false, error: 'unknown_method' } };
  return { status: 200, body: { ok: true, ...responder(args, state) } };
}
