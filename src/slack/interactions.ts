// How a click or a submitted form is answered when the work behind it is refused: to the person
// alone (ephemeral), or inline in the form, in their language, never with a stack trace.
import type { SlackViewMiddlewareArgs } from '@slack/bolt';
import { translatorFor, type Translate } from '../i18n/index.js';
import type { RequestActor } from '../services/context.js';
import type { SlackDeps } from './deps.js';
import { userMessageFor } from './user-errors.js';

export type EphemeralRespond = (message: { response_type: 'ephemeral'; text: string; replace_original: boolean }) => Promise<unknown>;
export type ModalAck = SlackViewMiddlewareArgs['ack'];

/** Runs what a click asks for as the clicker; a refusal is told to them alone. */
export async function forClicker(deps: SlackDeps, userId: string, respond: EphemeralRespond, work: (actor: RequestActor, t: Translate) => Promise<unknown>): Promise<void> {
  const actor = await deps.directory.actor(userId);
  const t = translatorFor(actor.locale);
  try {
    await work(actor, t);
  } catch (error) {
    await respond({ response_type: 'ephemeral', replace_original: false, text: userMessageFor(error, t, deps.logger) });
  }
}

/** Tells the clicker something privately, leaving the message they clicked as it is. */
export function tellClicker(respond: EphemeralRespond, text: string): Promise<unknown> {
  return respond({ response_type: 'ephemeral', replace_original: false, text });
}

/**
 * Does the work of a submitted modal before answering, so a refusal is shown in the modal itself,
 * on `field` (a few ms, well within Slack's 3 s).
 */
export async function submitInModal(deps: SlackDeps, ack: ModalAck, t: Translate, field: string | ((error: unknown) => string), work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
    await ack();
  } catch (error) {
    const where = typeof field === 'string' ? field : field(error);
    await ack({ response_action: 'errors', errors: { [where]: userMessageFor(error, t, deps.logger) } });
  }
}

/** The block id of a modal's first input, where a refusal that belongs to no one field is shown. */
export function firstInputOf(view: { blocks: readonly { type: string; block_id?: string }[] }, fallback: string): string {
  return view.blocks.find((block) => block.type === 'input')?.block_id ?? fallback;
}

/** Matches every action or callback id that starts with `prefix`. */
export function startingWith(prefix: string): RegExp {
  return new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
}
