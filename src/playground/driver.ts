// Works the playground as a person at the page would, from code: the demo data and the tests use
// it. Every step goes through the same requests the page sends (interactions.ts).
import { initialSelections, type Selection, type Selections } from './element-values.js';
import type { RunningPlayground } from './playground.js';
import type { Message, OpenView } from './workspace.js';

const POLL_MS = 20;
const WAIT_MS = 10_000;

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const records = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isRecord) : []);

/** The header text of a message's first block (a ticket card's "INC-000001 · title"). */
export function headerOf(message: Message): string {
  const first = records(message.blocks)[0];
  return first?.type === 'header' && isRecord(first.text) ? String(first.text.text ?? '') : '';
}

/** The block and element with this action id in a message's or a view's blocks. */
function findAction(blocks: unknown[], actionId: string): { blockId: string } | undefined {
  for (const block of records(blocks)) {
    const elements = [...records(block.elements), ...(isRecord(block.accessory) ? [block.accessory] : [])];
    if (elements.some((element) => element.action_id === actionId)) return { blockId: String(block.block_id ?? '') };
  }
  return undefined;
}

export class PlaygroundDriver {
  constructor(private readonly playground: RunningPlayground) {}

  /** Waits until `probe` gives a value (polling), or fails saying what it waited for. */
  async waitFor<T>(what: string, probe: () => T | undefined | null | false): Promise<T> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const found = probe();
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`the playground waited in vain for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  async command(as: string, channel: string, text: string): Promise<void> {
    await this.playground.interactions.command(as, channel, text);
    await this.playground.settled();
  }

  /** The message as it stands now (cards are updated in place) whose header starts with `number · `. */
  card(number: string): Message {
    const card = this.playground.workspace.messages.find((message) => headerOf(message).startsWith(`${number} · `));
    if (!card) throw new Error(`no card for ${number}`);
    return card;
  }

  /** The latest message in `channel` (the direct messages with a person: their user id) showing `actionId`. */
  messageWith(channel: string, actionId: string): Message | undefined {
    const id = this.playground.workspace.channelFor(channel).id;
    return this.playground.workspace.messages.filter((message) => message.channel === id && findAction(message.blocks, actionId)).at(-1);
  }

  /** Presses a button (or picks in a select) in a message, as `as`. */
  async press(as: string, message: Message, actionId: string, selection: Selection = {}): Promise<void> {
    const found = findAction(message.blocks, actionId);
    if (!found) throw new Error(`the message shows no ${actionId}`);
    await this.playground.interactions.action(as, { source: { kind: 'message', channel: message.channel, ts: message.ts }, blockId: found.blockId, actionId, selection });
    await this.playground.settled();
  }

  /** The modal on top of the person's stack once one with this callback id is open. */
  modal(as: string, callbackId: string): Promise<OpenView> {
    return this.waitFor(`a ${callbackId} modal for ${as}`, () => this.playground.workspace.modals.get(as)?.findLast((view) => String(view.view.callback_id ?? '').startsWith(callbackId)));
  }

  /** Submits the person's top modal with its initial values and these (by block id; the element's action id is the block's). */
  async submit(as: string, view: OpenView, values: Record<string, Selection>): Promise<void> {
    const blocks = Array.isArray(view.view.blocks) ? view.view.blocks : [];
    const selections: Selections = initialSelections(blocks);
    for (const [blockId, selection] of Object.entries(values)) {
      const actionId = Object.keys(selections[blockId] ?? {})[0] ?? blockId;
      (selections[blockId] ??= {})[actionId] = selection;
    }
    await this.playground.interactions.submit(as, view.id, selections);
    const errors = this.playground.workspace.findView(view.id)?.view.errors ?? {};
    if (Object.keys(errors).length > 0) throw new Error(`the ${String(view.view.callback_id)} form was refused: ${JSON.stringify(errors)}`);
    await this.playground.settled();
  }
}
