// What one person sees of the workspace: the channels they may open with their messages, the
// ephemeral messages meant for them, their modals and their App Home. The page draws this.
import type { Person } from './config.js';
import type { Channel, Ephemeral, Message, OpenView, Workspace } from './workspace.js';

export interface CommandHint {
  command: string;
  description: string;
  usageHint: string;
}

export interface ShortcutHint {
  callbackId: string;
  name: string;
}

export interface PersonView {
  version: number;
  me: string;
  now: string;
  people: Person[];
  channels: (Channel & { messages: Message[] })[];
  ephemerals: Ephemeral[];
  modals: OpenView[];
  home: OpenView | null;
  commands: CommandHint[];
  shortcuts: ShortcutHint[];
  /** Time is being moved forward (jobs running). */
  busy: boolean;
  /** Where the page opens: the service desk channel. */
  startChannel: string;
}

export interface PersonViewInput {
  workspace: Workspace;
  me: string;
  people: Person[];
  commands: CommandHint[];
  shortcuts: ShortcutHint[];
  busy: boolean;
  startChannel: string;
}

const byTs = (a: { ts: string }, b: { ts: string }) => Number(a.ts) - Number(b.ts);

export function personView({ workspace, me, people, commands, shortcuts, busy, startChannel }: PersonViewInput): PersonView {
  const channels = [...workspace.channels.values()]
    .filter((channel) => workspace.canSee(me, channel) && (channel.kind === 'channel' || channel.members.includes(me)))
    .map((channel) => ({ ...channel, messages: workspace.messages.filter((message) => message.channel === channel.id).sort(byTs) }));
  return {
    version: workspace.version,
    me,
    now: workspace.now().toISOString(),
    people,
    channels,
    ephemerals: workspace.ephemerals.filter((ephemeral) => ephemeral.user === me),
    modals: workspace.modals.get(me) ?? [],
    home: workspace.homes.get(me) ?? null,
    commands,
    shortcuts,
    busy,
    startChannel,
  };
}
