// The workspace page as nodes: sidebar, channel with its messages, thread, App Home, modal.
// Pure: it takes what the person sees (PersonView) and where they are, and returns nodes.
import type { Ephemeral, Message, OpenView } from '../workspace.js';
import type { PersonView } from '../person-view.js';
import { blocks } from './blocks.js';
import { displayName, type RenderContext } from './context.js';
import { formatDate } from './dates.js';
import { isRecord } from './elements.js';
import { mrkdwn, plainText } from './mrkdwn.js';
import { h, type VNode } from './vnode.js';

export const BOT_NAME = 'IT Service Desk';
const BOT = 'UBOT';
const SLACKBOT = 'USLACKBOT';

export interface Place {
  /** A channel id, or 'home' for the bot's App Home. */
  where: string;
  /** The thread open beside the channel (its parent's ts). */
  thread: string | null;
  /** Ephemeral messages the person dismissed. */
  dismissed: ReadonlySet<string>;
}

export function renderContext(view: PersonView): RenderContext {
  const me = view.people.find((person) => person.id === view.me);
  return {
    people: new Map([...view.people.map((person) => [person.id, person.name] as const), [BOT, BOT_NAME]]),
    channels: new Map(view.channels.filter((channel) => channel.kind === 'channel').map((channel) => [channel.id, channel.name])),
    timeZone: me?.tz ?? 'UTC',
    now: new Date(view.now),
  };
}

function authorName(context: RenderContext, user: string): string {
  if (user === SLACKBOT) return 'Slackbot';
  return displayName(context, user);
}

function avatar(name: string, user: string): VNode {
  const hue = [...user].reduce((sum, char) => sum + char.charCodeAt(0), 0) % 360;
  const initials = name.split(/\s+/).map((word) => [...word][0] ?? '').join('').slice(0, 2).toUpperCase();
  return h('span.avatar', { style: `background: hsl(${hue} 45% 42%)`, 'aria-hidden': 'true' }, user === BOT ? '🛠' : initials);
}

function time(context: RenderContext, at: string): VNode {
  return h('time.msg-time', { datetime: at }, formatDate(new Date(at), context.timeZone, { weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }));
}

function content(context: RenderContext, text: string, list: unknown[]): VNode {
  return h('div.msg-content', {}, list.length > 0 ? blocks(list, { surface: 'message', context }) : h('div.bk-text', {}, mrkdwn(text, context)));
}

function files(item: Message): VNode | null {
  if (item.files.length === 0) return null;
  return h(
    'div.msg-files',
    {},
    item.files.map((file) => (file.mimetype.startsWith('image/') ? h('figure.msg-file', {}, h('img', { src: file.url, alt: file.title }), h('figcaption', {}, file.title)) : h('a.msg-file-link', { href: file.url, download: file.name }, `📎 ${file.title}`))),
  );
}

interface MessageOptions {
  context: RenderContext;
  view: PersonView;
  replies: number;
  inThread: boolean;
}

function message(item: Message, { context, view, replies, inThread }: MessageOptions): VNode {
  const name = authorName(context, item.user);
  return h(
    'article.msg',
    { 'data-source': 'message', 'data-channel': item.channel, 'data-ts': item.ts, id: `m${item.ts.replace('.', '')}` },
    avatar(name, item.user),
    h(
      'div.msg-body',
      {},
      h('div.msg-head', {}, h('strong.msg-author', {}, name), item.user === BOT ? h('span.app-badge', {}, 'APP') : null, time(context, item.postedAt), item.pinned ? h('span.msg-pinned', {}, '📌 Pinned') : null),
      content(context, item.text, item.blocks),
      files(item),
      item.edited ? h('span.msg-edited', {}, '(edited)') : null,
      !inThread && replies > 0 ? h('button.msg-replies', { type: 'button', 'data-open-thread': item.ts }, `${replies} ${replies === 1 ? 'reply' : 'replies'}`) : null,
    ),
    h(
      'div.msg-tools',
      {},
      inThread ? null : h('button.msg-tool', { type: 'button', 'data-open-thread': item.ts, title: 'Reply in thread' }, '💬'),
      view.shortcuts.length > 0
        ? h('details.msg-more', {}, h('summary.msg-tool', { title: 'More actions' }, '⋮'), h('div.msg-menu', {}, view.shortcuts.map((shortcut) => h('button.msg-menu-item', { type: 'button', 'data-shortcut': shortcut.callbackId }, shortcut.name))))
        : null,
    ),
  );
}

function ephemeral(item: Ephemeral, context: RenderContext): VNode {
  const name = authorName(context, item.from);
  return h(
    'article.msg.ephemeral',
    { 'data-source': 'ephemeral', 'data-ephemeral-id': item.id },
    avatar(name, item.from),
    h(
      'div.msg-body',
      {},
      h('div.msg-head', {}, h('strong.msg-author', {}, name), item.from === BOT ? h('span.app-badge', {}, 'APP') : null, time(context, item.postedAt)),
      content(context, item.text, item.blocks),
      h('div.ephemeral-note', {}, '👁 Only visible to you · ', h('button.link-button', { type: 'button', 'data-dismiss': item.id }, 'Dismiss')),
    ),
  );
}

type Entry = { ts: string; node: VNode };

/** A channel's or a thread's messages and the person's ephemeral messages there, in order. */
function timeline(view: PersonView, place: Place, context: RenderContext, thread: string | null): VNode[] {
  const channel = view.channels.find((candidate) => candidate.id === place.where);
  if (!channel) return [];
  const inThread = thread !== null;
  const shown = channel.messages.filter((item) => (inThread ? item.ts === thread || item.threadTs === thread : item.threadTs === null || item.threadTs === item.ts));
  const replyCount = (ts: string) => channel.messages.filter((item) => item.threadTs === ts && item.ts !== ts).length;
  const entries: Entry[] = shown.map((item) => ({ ts: item.ts, node: message(item, { context, view, replies: replyCount(item.ts), inThread }) }));
  const mine = view.ephemerals.filter((item) => item.channel === channel.id && item.threadTs === thread && !place.dismissed.has(item.id));
  entries.push(...mine.map((item) => ({ ts: item.ts, node: ephemeral(item, context) })));
  return entries.sort((a, b) => Number(a.ts) - Number(b.ts)).map((entry) => entry.node);
}

export function channelTitle(view: PersonView, where: string): string {
  if (where === 'home') return BOT_NAME;
  const channel = view.channels.find((candidate) => candidate.id === where);
  if (!channel) return '';
  return channel.kind === 'dm' ? BOT_NAME : `${channel.isPrivate ? '🔒' : '#'} ${channel.name}`;
}

export function sidebar(view: PersonView, place: Place): VNode {
  const link = (where: string, label: string, extra: string | null = null) =>
    h('a.side-link', { href: `#${where}`, 'data-where': where, class: place.where === where ? 'active' : null }, label, extra ? h('span.side-extra', {}, extra) : null);
  const channels = view.channels.filter((channel) => channel.kind === 'channel').sort((a, b) => a.name.localeCompare(b.name));
  const dm = view.channels.find((channel) => channel.kind === 'dm' && channel.members.includes(view.me));
  return h(
    'nav.sidebar-links',
    {},
    h('h4.side-title', {}, 'Apps'),
    link('home', `🛠 ${BOT_NAME}`, 'Home'),
    h('h4.side-title', {}, 'Channels'),
    channels.map((channel) => link(channel.id, `${channel.isPrivate ? '🔒' : '#'} ${channel.name}`)),
    h('h4.side-title', {}, 'Direct messages'),
    dm ? link(dm.id, `🛠 ${BOT_NAME}`, 'Messages') : null,
  );
}

export function channelPane(view: PersonView, place: Place, context: RenderContext): VNode[] {
  const channel = view.channels.find((candidate) => candidate.id === place.where);
  const topic = channel?.topic ? h('span.channel-topic', {}, channel.topic) : null;
  return [h('header.channel-head', {}, h('h2', {}, channelTitle(view, place.where)), topic), h('div.timeline', { 'data-channel': place.where }, timeline(view, place, context, null))];
}

export function threadPane(view: PersonView, place: Place, context: RenderContext): VNode[] {
  if (!place.thread) return [];
  return [h('header.thread-head', {}, h('h3', {}, 'Thread'), h('button.thread-close', { type: 'button', title: 'Close the thread' }, '✕')), h('div.timeline.thread-timeline', {}, timeline(view, place, context, place.thread))];
}

export function homePane(view: PersonView, context: RenderContext): VNode[] {
  const head = h('header.channel-head', {}, h('h2', {}, `🛠 ${BOT_NAME}`), h('span.channel-topic', {}, 'Home'));
  if (!view.home) return [head, h('p.home-waiting', {}, 'Opening the Home tab…')];
  return [head, h('div.home', { 'data-source': 'view', 'data-view-id': view.home.id }, blocks(view.home.view.blocks, { surface: 'home', context }))];
}

export function modal(open: OpenView, context: RenderContext): VNode {
  const { view } = open;
  const general = open.errors[''];
  return h(
    'div.modal-backdrop',
    {},
    h(
      'form.modal',
      { 'data-source': 'view', 'data-view-id': open.id, 'data-hash': open.hash, role: 'dialog', 'aria-label': plainText(view.title) },
      h('header.modal-head', {}, h('h2', {}, plainText(view.title)), h('button.modal-x', { type: 'button', 'data-close-view': open.id, 'aria-label': 'Close' }, '✕')),
      general ? h('p.modal-error', { role: 'alert' }, general) : null,
      h('div.modal-body', {}, blocks(view.blocks, { surface: 'modal', context, errors: open.errors })),
      h(
        'footer.modal-foot',
        {},
        h('button.bk-button', { type: 'button', 'data-close-view': open.id }, isRecord(view.close) ? plainText(view.close) : 'Cancel'),
        isRecord(view.submit) ? h('button.bk-button.bk-primary.modal-submit', { type: 'submit' }, plainText(view.submit)) : null,
      ),
    ),
  );
}
