// The playground's Slack workspace as people see it: channels, messages and threads, ephemeral
// messages, modals, App Homes and shared files. The fake Slack's calls build it (workspace-calls.ts);
// people's own messages and the answers to their requests are added here.
import { dmChannelFor } from '../fake-slack/answers.js';

export const BOT_USER = 'UBOT';
/** Slack's own voice: errors such as "/x failed", shown only to the person. */
export const SLACKBOT = 'USLACKBOT';

export type Json = Record<string, unknown>;

export interface Channel {
  id: string;
  name: string;
  kind: 'channel' | 'dm';
  isPrivate: boolean;
  /** Who sees a private channel or a direct message; empty for a public channel (everyone). */
  members: string[];
  topic: string;
}

export interface SharedFile {
  id: string;
  title: string;
  name: string;
  mimetype: string;
  /** Where the page downloads it (the playground's /files/ route). */
  url: string;
}

export interface Message {
  channel: string;
  ts: string;
  user: string;
  text: string;
  blocks: unknown[];
  threadTs: string | null;
  postedAt: string;
  edited: boolean;
  pinned: boolean;
  files: SharedFile[];
}

export interface Ephemeral {
  id: string;
  ts: string;
  channel: string;
  /** The only person who sees it. */
  user: string;
  /** Who says it: the bot, or Slackbot for Slack's own errors. */
  from: string;
  text: string;
  blocks: unknown[];
  threadTs: string | null;
  postedAt: string;
}

export interface OpenView {
  id: string;
  /** Changes with every new version of the view, so the page knows when to draw it again. */
  hash: string;
  view: Json;
  /** Inline errors by block id (`response_action: errors`). */
  errors: Record<string, string>;
}

/** Where an answer to a response_url goes: to whom, in which channel, replacing which message. */
export interface ResponseTarget {
  user: string;
  channel: string;
  threadTs: string | null;
  source: { kind: 'message'; ts: string } | { kind: 'ephemeral'; id: string } | null;
}

export interface MessageContent {
  text: string;
  blocks: unknown[];
}

export interface StoredFile {
  name: string;
  mimetype: string;
  bytes: Buffer;
}

export class Workspace {
  readonly channels = new Map<string, Channel>();
  readonly messages: Message[] = [];
  ephemerals: Ephemeral[] = [];
  /** Each person's modal stack, the top last. */
  readonly modals = new Map<string, OpenView[]>();
  readonly homes = new Map<string, OpenView>();
  readonly files = new Map<string, StoredFile>();
  private readonly triggers = new Map<string, string>();
  private readonly responseTargets = new Map<string, ResponseTarget>();
  private readonly listeners = new Set<() => void>();
  private counter = 0;
  private changes = 0;

  constructor(
    readonly now: () => Date,
    private readonly nextTs: () => string,
  ) {}

  get version(): number {
    return this.changes;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(): void {
    this.changes += 1;
    for (const listener of this.listeners) listener();
  }

  nextId(prefix: string): string {
    this.counter += 1;
    return `${prefix}${this.counter}`;
  }

  addChannel(channel: Omit<Channel, 'kind' | 'topic'> & { topic?: string }): Channel {
    const added: Channel = { kind: 'channel', topic: '', ...channel };
    this.channels.set(added.id, added);
    return added;
  }

  /** The direct messages between the bot and `user`, opened on first use. */
  dmWith(user: string): Channel {
    const id = dmChannelFor(user);
    const existing = this.channels.get(id);
    if (existing) return existing;
    const dm: Channel = { id, name: user, kind: 'dm', isPrivate: true, members: [user], topic: '' };
    this.channels.set(id, dm);
    return dm;
  }

  /** A channel id, or a user id for the direct messages with that user. */
  channelFor(idOrUser: string): Channel {
    if (idOrUser.startsWith('U') || idOrUser.startsWith('W') || idOrUser.startsWith('D')) return this.dmWith(idOrUser.startsWith('D') ? `U${idOrUser.slice(1)}` : idOrUser);
    return this.channels.get(idOrUser) ?? this.addChannel({ id: idOrUser, name: idOrUser.toLowerCase(), isPrivate: false, members: [] });
  }

  canSee(user: string, channel: Channel): boolean {
    return !channel.isPrivate || channel.members.includes(user);
  }

  message(channel: string, ts: string): Message | undefined {
    return this.messages.find((message) => message.channel === channel && message.ts === ts);
  }

  post(channel: string, user: string, content: MessageContent, threadTs: string | null, ts: string = this.nextTs()): Message {
    const message: Message = { channel: this.channelFor(channel).id, ts, user, ...content, threadTs, postedAt: this.now().toISOString(), edited: false, pinned: false, files: [] };
    this.messages.push(message);
    return message;
  }

  postEphemeral(channel: string, user: string, content: MessageContent, threadTs: string | null, from = BOT_USER): Ephemeral {
    const ephemeral: Ephemeral = { id: this.nextId('E'), ts: this.nextTs(), channel: this.channelFor(channel).id, user, from, ...content, threadTs, postedAt: this.now().toISOString() };
    this.ephemerals.push(ephemeral);
    return ephemeral;
  }

  noteTrigger(triggerId: string, user: string): void {
    this.triggers.set(triggerId, user);
  }

  userOfTrigger(triggerId: unknown): string | undefined {
    return typeof triggerId === 'string' ? this.triggers.get(triggerId) : undefined;
  }

  noteResponseUrl(id: string, target: ResponseTarget): void {
    this.responseTargets.set(id, target);
  }

  responseTarget(id: unknown): ResponseTarget | undefined {
    return typeof id === 'string' ? this.responseTargets.get(id) : undefined;
  }

  /** Opens a modal on top of the person's stack (`replace`: instead of the stack, as views.open does). */
  openView(user: string, id: string, view: Json, replace: boolean): void {
    const stack = replace ? [] : (this.modals.get(user) ?? []);
    this.modals.set(user, [...stack, { id, hash: this.nextId('h'), view, errors: {} }]);
  }

  /** The open modal or Home with this id, and whose it is. */
  findView(id: string): { user: string; view: OpenView } | undefined {
    for (const [user, stack] of this.modals) {
      const view = stack.find((candidate) => candidate.id === id);
      if (view) return { user, view };
    }
    for (const [user, home] of this.homes) if (home.id === id) return { user, view: home };
    return undefined;
  }

  /** A new version of an open view (views.update, `response_action: update`): errors cleared. */
  replaceView(id: string, view: Json): void {
    const found = this.findView(id);
    if (!found) return;
    Object.assign(found.view, { view, hash: this.nextId('h'), errors: {} });
  }

  setViewErrors(id: string, errors: Record<string, string>): void {
    const found = this.findView(id);
    if (found) Object.assign(found.view, { errors, hash: this.nextId('h') });
  }

  /** Closes this modal and those pushed above it. */
  closeView(user: string, id: string): void {
    const stack = this.modals.get(user) ?? [];
    const at = stack.findIndex((view) => view.id === id);
    if (at >= 0) this.modals.set(user, stack.slice(0, at));
  }

  clearViews(user: string): void {
    this.modals.delete(user);
  }

  publishHome(user: string, id: string, view: Json): void {
    this.homes.set(user, { id, hash: this.nextId('h'), view, errors: {} });
  }
}
