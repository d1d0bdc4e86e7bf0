// How commands, clicks and submitted forms are answered, and how a refusal of the work behind them
// is told: to the person alone (ephemeral), or inline in the form, in their language, never with a
// stack trace.
import type { AllMiddlewareArgs, App, BlockAction, ButtonAction, SlackCommandMiddlewareArgs, SlackViewMiddlewareArgs, SlashCommand } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { DomainError } from '../domain/errors.js';
import { translatorFor, type Translate } from '../i18n/index.js';
import type { MessageContent } from '../outbox/messages.js';
import type { RequestActor } from '../services/context.js';
import type { SlackDeps } from './deps.js';
import { userMessageFor } from './user-errors.js';
import { translateFieldErrors, type ParseResult } from './view-state.js';

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

export type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

/** A slash command answered to the user alone (null: nothing to say, e.g. a form opened); so is a refusal. */
export function privateCommand(deps: SlackDeps, answer: (request: { command: SlashCommand; client: App['client']; actor: RequestActor; t: Translate }) => Promise<MessageContent | null>) {
  return async ({ command, ack, respond, client }: CommandArgs): Promise<void> => {
    await ack();
    const actor = await deps.directory.actor(command.user_id);
    const t = translatorFor(actor.locale);
    try {
      const content = await answer({ command, client, actor, t });
      if (content) await respond({ response_type: 'ephemeral', ...content });
    } catch (error) {
      await respond({ response_type: 'ephemeral', text: userMessageFor(error, t, deps.logger) });
    }
  };
}

export interface ActionForms<Event extends string, Subject, Request> {
  /** Buttons `<buttonPrefix><event>` open the forms, whose callback ids are `<viewPrefix><event>`. */
  buttonPrefix: string;
  viewPrefix: string;
  isEvent(event: string): event is Event;
  /** The record the button's value names, as the clicker may see it. */
  load(number: string, actor: RequestActor): Promise<Subject>;
  /** Refuses before the form opens what would be refused on submission. */
  assertAllowed(subject: Subject, event: Event, actor: RequestActor): void;
  modal(t: Translate, event: Event, subject: Subject): ModalView;
  parse(event: Event, values: unknown): ParseResult<Request>;
  /** Does what the submitted form asks of the record named in private_metadata. */
  perform(number: string, request: Request, actor: RequestActor): Promise<unknown>;
  /** Where a refusal is shown when the form has no input. */
  fallbackField: string;
}

/** Registers the buttons that open a record's action forms, and the forms' submissions. */
export function registerActionForms<Event extends string, Subject, Request>(app: App, deps: SlackDeps, forms: ActionForms<Event, Subject, Request>): void {
  app.action<BlockAction<ButtonAction>>(startingWith(forms.buttonPrefix), async ({ ack, body, action, respond, client }) => {
    await ack();
    const event = action.action_id.slice(forms.buttonPrefix.length);
    await forClicker(deps, body.user.id, respond, async (actor, t) => {
      const subject = await forms.load(action.value ?? '', actor);
      if (!forms.isEvent(event)) throw new DomainError('invalid_input');
      forms.assertAllowed(subject, event, actor);
      await client.views.open({ trigger_id: body.trigger_id, view: forms.modal(t, event, subject) });
    });
  });

  app.view(startingWith(forms.viewPrefix), async ({ ack, body, view }) => {
    const event = view.callback_id.slice(forms.viewPrefix.length);
    const actor = await deps.directory.actor(body.user.id);
    const t = translatorFor(actor.locale);
    if (!forms.isEvent(event)) {
      await ack();
      return;
    }
    const parsed = forms.parse(event, view.state.values);
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: translateFieldErrors(parsed.errors, t) });
      return;
    }
    await submitInModal(deps, ack, t, firstInputOf(view, forms.fallbackField), () => forms.perform(view.private_metadata, parsed.value, actor));
  });
}
