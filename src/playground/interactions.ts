// What a person does in the playground, sent to the bot as Slack sends it (signed requests to
// /slack/events), and the bot's immediate answers shown as Slack shows them.
import { randomBytes } from 'node:crypto';
import type { SlackResponse, SlackSender } from '../fake-slack/slack-requests.js';
import { actionFields, findElement, stateValues, type Selection, type Selections } from './element-values.js';
import { withBlockIds } from './workspace-calls.js';
import { BOT_USER, SLACKBOT, type Channel, type Json, type OpenView, type ResponseTarget, type Workspace } from './workspace.js';

/** Where a clicked element is: a message, an ephemeral message, or a modal or Home view. */
export type ActionSource = { kind: 'message'; channel: string; ts: string } | { kind: 'ephemeral'; id: string } | { kind: 'view'; viewId: string };

export interface Clicked {
  source: ActionSource;
  blockId: string;
  actionId: string;
  selection: Selection;
  /** A modal's other fields as they stand, when the element is in a modal. */
  selections?: Selections;
}

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

export class PlaygroundError extends Error {}

export class Interactions {
  private counter = 0;

  constructor(
    private readonly workspace: Workspace,
    private readonly slack: SlackSender,
    private readonly responseUrlOf: (id: string) => string,
    /** The slash commands the app declares; others get Slack's "not a valid command". */
    private readonly commands: readonly string[],
  ) {}

  /** A slash command typed in a channel's message box. */
  async command(user: string, channel: string, line: string): Promise<void> {
    this.visibleChannel(user, channel);
    const [command = ''] = line.trim().split(/\s+/);
    const text = line.trim().slice(command.length).trim();
    if (!this.commands.includes(command)) {
      this.slackbotSays(user, channel, `${command} is not a valid command. In Slack, all messages that start with "/" are interpreted as commands.`);
      return;
    }
    const answer = await this.slack.slashCommand({ command, text, userId: user, channelId: channel, triggerId: this.trigger(user), responseUrl: this.responseUrl({ user, channel, threadTs: null, source: null }) });
    if (answer.status !== 200) this.slackbotSays(user, channel, `${command} failed with the error "dispatch_failed"`);
    else if (isRecord(answer.body)) this.showCommandAnswer(user, channel, answer.body);
    this.workspace.changed();
  }

  /** A message a person writes; in the direct messages with the bot, the bot hears it (message.im). */
  async message(user: string, channel: string, text: string, threadTs: string | null): Promise<void> {
    const where = this.visibleChannel(user, channel);
    const posted = this.workspace.post(where.id, user, { text, blocks: [] }, threadTs);
    this.workspace.changed();
    if (where.kind !== 'dm') return;
    await this.slack.event({
      event: { type: 'message', channel: where.id, channel_type: 'im', user, text, ts: posted.ts, event_ts: posted.ts, ...(threadTs ? { thread_ts: threadTs } : {}) },
    });
  }

  /** A button pressed, an option picked, a date chosen… in a message or a view. */
  async action(user: string, clicked: Clicked): Promise<void> {
    const { source } = clicked;
    if (source.kind === 'view') return this.viewAction(user, source.viewId, clicked);
    const shown = this.shownMessage(user, source);
    const element = findElement(shown.blocks, clicked.blockId, clicked.actionId);
    if (!element) throw new PlaygroundError(`no ${clicked.actionId} in that message`);
    const responseUrl = this.responseUrl({ user, channel: shown.channel, threadTs: shown.threadTs, source: source.kind === 'message' ? { kind: 'message', ts: source.ts } : { kind: 'ephemeral', id: source.id } });
    const answer = await this.slack.blockAction({
      userId: user,
      actionId: clicked.actionId,
      blockId: clicked.blockId,
      channelId: shown.channel,
      message: { ts: shown.ts, text: shown.text, blocks: shown.blocks },
      isEphemeral: source.kind === 'ephemeral',
      action: actionFields(element, clicked.blockId, clicked.selection),
      triggerId: this.trigger(user),
      responseUrl,
    });
    if (answer.status !== 200) this.slackbotSays(user, shown.channel, 'The app did not answer that click.');
  }

  /** A modal submitted; the bot's answer keeps it open with errors, replaces or pushes a view, or closes it. */
  async submit(user: string, viewId: string, selections: Selections): Promise<void> {
    const open = this.ownView(user, viewId);
    const answer = await this.slack.viewSubmission({ userId: user, triggerId: this.trigger(user), view: this.payloadView(open, selections) });
    this.applySubmissionAnswer(user, open, answer);
    this.workspace.changed();
  }

  /** A modal closed with its close button; the bot is told when the modal asked for it. */
  async close(user: string, viewId: string, selections: Selections): Promise<void> {
    const open = this.ownView(user, viewId);
    this.workspace.closeView(user, viewId);
    this.workspace.changed();
    if (open.view.notify_on_close === true) await this.slack.viewClosed({ userId: user, view: this.payloadView(open, selections) });
  }

  /** A message shortcut ("Report an incident") run on a message. */
  async shortcut(user: string, channel: string, ts: string, callbackId: string): Promise<void> {
    const message = this.workspace.message(this.visibleChannel(user, channel).id, ts);
    if (!message) throw new PlaygroundError('no such message');
    await this.slack.messageShortcut({ userId: user, callbackId, channelId: channel, message: { ts, text: message.text, user: message.user }, triggerId: this.trigger(user), responseUrl: this.responseUrl({ user, channel, threadTs: message.threadTs, source: null }) });
  }

  /** The person opened the bot's Home tab. */
  async openHome(user: string): Promise<void> {
    const home = this.workspace.homes.get(user);
    await this.slack.event({ event: { type: 'app_home_opened', user, channel: this.workspace.dmWith(user).id, tab: 'home', event_ts: `${Date.now() / 1000}`, ...(home ? { view: { id: home.id, ...home.view } } : {}) } });
  }

  /** An external select asks the bot for options matching what the person typed. */
  async suggest(user: string, source: ActionSource, blockId: string, actionId: string, typed: string): Promise<unknown[]> {
    const view = source.kind === 'view' ? this.ownView(user, source.viewId) : undefined;
    const channel = source.kind === 'message' ? source.channel : undefined;
    const answer = await this.slack.blockSuggestion({ userId: user, actionId, blockId, value: typed, ...(channel ? { channelId: channel } : {}), ...(view ? { view: this.payloadView(view, {}) } : {}) });
    if (!isRecord(answer.body)) return [];
    const groups = Array.isArray(answer.body.option_groups) ? answer.body.option_groups.filter(isRecord).flatMap((group) => (Array.isArray(group.options) ? group.options : [])) : [];
    return Array.isArray(answer.body.options) ? answer.body.options : groups;
  }

  private async viewAction(user: string, viewId: string, clicked: Clicked): Promise<void> {
    const open = this.ownView(user, viewId);
    const element = findElement(Array.isArray(open.view.blocks) ? open.view.blocks : [], clicked.blockId, clicked.actionId);
    if (!element) throw new PlaygroundError(`no ${clicked.actionId} in that view`);
    await this.slack.blockAction({ userId: user, actionId: clicked.actionId, blockId: clicked.blockId, view: this.payloadView(open, clicked.selections ?? {}), action: actionFields(element, clicked.blockId, clicked.selection), triggerId: this.trigger(user) });
  }

  private applySubmissionAnswer(user: string, open: OpenView, answer: SlackResponse): void {
    const body = isRecord(answer.body) ? answer.body : {};
    if (answer.status !== 200) return this.workspace.setViewErrors(open.id, { '': 'We had some trouble connecting. Try again?' });
    switch (body.response_action) {
      case 'errors':
        return this.workspace.setViewErrors(open.id, isRecord(body.errors) ? Object.fromEntries(Object.entries(body.errors).map(([block, error]) => [block, String(error)])) : {});
      case 'update':
        return this.workspace.replaceView(open.id, this.answeredView(body));
      case 'push':
        return this.workspace.openView(user, this.workspace.nextId('VP'), this.answeredView(body), false);
      case 'clear':
        return this.workspace.clearViews(user);
      default:
        return this.workspace.closeView(user, open.id);
    }
  }

  private answeredView(body: Json): Json {
    const view = isRecord(body.view) ? body.view : {};
    return { ...view, blocks: withBlockIds(view.blocks) };
  }

  private payloadView(open: OpenView, selections: Selections) {
    const blocks = Array.isArray(open.view.blocks) ? open.view.blocks : [];
    return { ...open.view, id: open.id, hash: open.hash, callback_id: String(open.view.callback_id ?? ''), private_metadata: String(open.view.private_metadata ?? ''), blocks, state: { values: stateValues(blocks, selections) } };
  }

  /** A channel the person may write in: one they see, or their direct messages with the bot. */
  private visibleChannel(user: string, id: string): Channel {
    const channel = this.workspace.channels.get(id);
    if (!channel || !this.workspace.canSee(user, channel)) throw new PlaygroundError(`no channel ${id} for you`);
    return channel;
  }

  private ownView(user: string, viewId: string): OpenView {
    const found = this.workspace.findView(viewId);
    if (!found || found.user !== user) throw new PlaygroundError('that view is not open for you');
    return found.view;
  }

  private shownMessage(user: string, source: Exclude<ActionSource, { kind: 'view' }>) {
    if (source.kind === 'ephemeral') {
      const ephemeral = this.workspace.ephemerals.find((candidate) => candidate.id === source.id && candidate.user === user);
      if (!ephemeral) throw new PlaygroundError('no such ephemeral message');
      return ephemeral;
    }
    const message = this.workspace.message(source.channel, source.ts);
    if (!message || !this.workspace.canSee(user, this.workspace.channelFor(message.channel))) throw new PlaygroundError('no such message');
    return message;
  }

  private showCommandAnswer(user: string, channel: string, body: Json): void {
    const content = { text: typeof body.text === 'string' ? body.text : '', blocks: withBlockIds(body.blocks) };
    if (content.text === '' && content.blocks.length === 0) return;
    if (body.response_type === 'in_channel') this.workspace.post(channel, BOT_USER, content, null);
    else this.workspace.postEphemeral(channel, user, content, null);
  }

  private slackbotSays(user: string, channel: string, text: string): void {
    this.workspace.postEphemeral(channel, user, { text, blocks: [] }, null, SLACKBOT);
    this.workspace.changed();
  }

  private trigger(user: string): string {
    this.counter += 1;
    const id = `${this.counter}.${randomBytes(8).toString('hex')}`;
    this.workspace.noteTrigger(id, user);
    return id;
  }

  private responseUrl(target: ResponseTarget): string {
    this.counter += 1;
    const id = `pg-${this.counter}`;
    this.workspace.noteResponseUrl(id, target);
    return this.responseUrlOf(id);
  }
}
