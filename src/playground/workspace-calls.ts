// What each Web API call the bot makes does to the workspace people see: the fake Slack answered
// it (ids, timestamps); this puts the message, modal, Home or file where Slack would show it.
import type { SlackCall } from '../fake-slack/server.js';
import { BOT_USER, type Json, type MessageContent, type Workspace } from './workspace.js';

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const yes = (value: unknown): boolean => value === true || value === 'true';

/** Slack gives every block without a block_id one of its own; so does the playground. */
export function withBlockIds(blocks: unknown): unknown[] {
  if (!Array.isArray(blocks)) return [];
  return blocks.map((block: unknown, index) => (isRecord(block) && typeof block.block_id !== 'string' ? { ...block, block_id: `b${index}` } : block));
}

function contentOf(args: Json): MessageContent {
  return { text: str(args.text), blocks: withBlockIds(args.blocks) };
}

type Apply = (workspace: Workspace, args: Json, answer: Json) => void;

const MIME_TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', svg: 'image/svg+xml', csv: 'text/csv', txt: 'text/plain' };

function mimetypeOf(name: string): string {
  return MIME_TYPES[name.split('.').at(-1)?.toLowerCase() ?? ''] ?? 'application/octet-stream';
}

const viewOf = (args: Json): Json => (isRecord(args.view) ? { ...args.view, blocks: withBlockIds(args.view.blocks) } : {});
const answeredViewId = (answer: Json): string => str(isRecord(answer.view) ? answer.view.id : undefined);

const APPLY: Record<string, Apply> = {
  'chat.postMessage': (workspace, args, answer) => {
    workspace.post(str(answer.channel), BOT_USER, contentOf(args), str(args.thread_ts) || null, str(answer.ts));
  },
  'chat.update': (workspace, args) => {
    const message = workspace.message(workspace.channelFor(str(args.channel)).id, str(args.ts));
    if (message) Object.assign(message, contentOf(args), { edited: true });
  },
  'chat.delete': (workspace, args) => {
    const message = workspace.message(workspace.channelFor(str(args.channel)).id, str(args.ts));
    if (message) workspace.messages.splice(workspace.messages.indexOf(message), 1);
  },
  'chat.postEphemeral': (workspace, args) => {
    workspace.postEphemeral(str(args.channel), str(args.user), contentOf(args), str(args.thread_ts) || null);
  },
  'conversations.create': (workspace, args, answer) => {
    const channel = isRecord(answer.channel) ? answer.channel : {};
    const isPrivate = yes(args.is_private);
    workspace.addChannel({ id: str(channel.id), name: str(args.name), isPrivate, members: isPrivate ? [BOT_USER] : [] });
  },
  'conversations.invite': (workspace, args) => {
    const channel = workspace.channelFor(str(args.channel));
    const invited = str(args.users).split(',').filter(Boolean);
    channel.members = [...new Set([...channel.members, ...invited])];
  },
  'conversations.setTopic': (workspace, args) => {
    workspace.channelFor(str(args.channel)).topic = str(args.topic);
  },
  'pins.add': (workspace, args) => {
    const message = workspace.message(workspace.channelFor(str(args.channel)).id, str(args.timestamp));
    if (message) message.pinned = true;
  },
  'views.open': (workspace, args, answer) => {
    const user = workspace.userOfTrigger(args.trigger_id);
    if (user) workspace.openView(user, answeredViewId(answer), viewOf(args), true);
  },
  'views.push': (workspace, args, answer) => {
    const user = workspace.userOfTrigger(args.trigger_id);
    if (user) workspace.openView(user, answeredViewId(answer), viewOf(args), false);
  },
  'views.update': (workspace, args, answer) => {
    workspace.replaceView(str(args.view_id) || answeredViewId(answer), viewOf(args));
  },
  'views.publish': (workspace, args, answer) => {
    workspace.publishHome(str(args.user_id), answeredViewId(answer), viewOf(args));
  },
  'files.getUploadURLExternal': (workspace, args, answer) => {
    const name = str(args.filename);
    workspace.files.set(str(answer.file_id), { name, mimetype: mimetypeOf(name), bytes: Buffer.alloc(0) });
  },
  file_upload: (workspace, args) => {
    const file = workspace.files.get(str(args.fileId));
    const bytes = args.body;
    if (file) file.bytes = Buffer.isBuffer(bytes) ? bytes : Buffer.from(str(bytes));
  },
  'files.completeUploadExternal': (workspace, args) => {
    const shared = (Array.isArray(args.files) ? args.files : []).filter(isRecord).map((requested) => {
      const id = str(requested.id);
      const stored = workspace.files.get(id);
      const name = stored?.name ?? id;
      return { id, title: str(requested.title) || name, name, mimetype: stored?.mimetype ?? mimetypeOf(name), url: `/files/${encodeURIComponent(id)}` };
    });
    const message = workspace.post(str(args.channel_id), BOT_USER, { text: str(args.initial_comment), blocks: [] }, str(args.thread_ts) || null);
    message.files = shared;
  },
  response_url: (workspace, args) => answerResponseUrl(workspace, args),
};

/** A response_url answer: replaces or deletes the message it came from, or adds a message (ephemeral by default). */
function answerResponseUrl(workspace: Workspace, args: Json): void {
  const target = workspace.responseTarget(args.responseUrlId);
  if (!target) return;
  const { source } = target;
  if (yes(args.delete_original) || yes(args.replace_original)) {
    const replacement = yes(args.delete_original) ? null : contentOf(args);
    if (source?.kind === 'ephemeral') {
      workspace.ephemerals = replacement
        ? workspace.ephemerals.map((ephemeral) => (ephemeral.id === source.id ? { ...ephemeral, ...replacement } : ephemeral))
        : workspace.ephemerals.filter((ephemeral) => ephemeral.id !== source.id);
      return;
    }
    const message = source?.kind === 'message' ? workspace.message(target.channel, source.ts) : undefined;
    if (message && replacement) Object.assign(message, replacement, { edited: true });
    if (message && !replacement) workspace.messages.splice(workspace.messages.indexOf(message), 1);
    if (message || !replacement) return;
  }
  if (args.response_type === 'in_channel') workspace.post(target.channel, BOT_USER, contentOf(args), target.threadTs);
  else workspace.postEphemeral(target.channel, target.user, contentOf(args), target.threadTs);
}

/** Applies one answered call to the workspace; calls that show nothing (users.info…) change nothing. */
export function applyCall(workspace: Workspace, call: SlackCall): void {
  const apply = APPLY[call.method];
  if (!apply) return;
  apply(workspace, call.args, call.answer ?? {});
  workspace.changed();
}
