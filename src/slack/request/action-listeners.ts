// Slack entry points for working a request: Take and Fulfil on the card, Approve / Reject on the
// approval card and Cancel, with their modals. Refusals are told before any modal opens.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { DomainError } from '../../domain/errors.js';
import { assertRequestEventAllowed, decideOnRequest, type RequestEvent } from '../../domain/request.js';
import { translatorFor } from '../../i18n/index.js';
import type { RequestRecord } from '../../db/repositories/requests.js';
import type { RequestActor } from '../../services/context.js';
import type { SlackDeps } from '../deps.js';
import { REQUEST_ACTION_VIEW_PREFIX, REQUEST_ACTIONS } from '../ids.js';
import { userMessageFor } from '../user-errors.js';
import { translateFieldErrors } from '../view-state.js';
import { itemName } from './blocks.js';
import { parseRequestActionForm } from './inputs.js';
import { isRequestFormEvent, requestActionModal, type RequestFormEvent } from './modals.js';

type Respond = (message: { response_type: 'ephemeral'; text: string; replace_original: boolean }) => Promise<unknown>;

const prefixPattern = (prefix: string) => new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

/** Not an approver, their own request, already decided, the wrong state: said before the form opens. */
function assertMayOpen(request: RequestRecord, event: RequestFormEvent, actor: RequestActor, now: Date): void {
  if (event === 'cancel') return assertRequestEventAllowed(request, 'cancel', actor);
  if (!request.approval || request.state !== 'awaiting_approval') throw new DomainError('approval_settled', { outcome: request.state });
  decideOnRequest(request.approval, request, { approverId: actor.userId, approverRoles: actor.roles, decision: 'reject', reason: 'check' }, now);
}

export function registerRequestActionListeners(app: App, deps: SlackDeps): void {
  const refuse = async (actor: RequestActor, respond: Respond, error: unknown) => {
    await respond({ response_type: 'ephemeral', replace_original: false, text: userMessageFor(error, translatorFor(actor.locale), deps.logger) });
  };
  // Take and Fulfil need no more input: the click does it.
  const onClick = (actionId: string, event: RequestEvent) =>
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, respond }) => {
      await ack();
      const actor = await deps.directory.actor(body.user.id);
      try {
        await deps.requests.act(action.value ?? '', event, actor);
      } catch (error) {
        await refuse(actor, respond, error);
      }
    });
  onClick(REQUEST_ACTIONS.take, { type: 'take' });
  onClick(REQUEST_ACTIONS.fulfil, { type: 'fulfil' });

  app.action<BlockAction<ButtonAction>>(prefixPattern(REQUEST_ACTIONS.formPrefix), async ({ ack, body, action, respond, client }) => {
    await ack();
    const event = action.action_id.slice(REQUEST_ACTIONS.formPrefix.length);
    const actor = await deps.directory.actor(body.user.id);
    try {
      if (!isRequestFormEvent(event)) throw new DomainError('invalid_input');
      const request = await deps.requests.find(action.value ?? '');
      assertMayOpen(request, event, actor, new Date());
      const view = requestActionModal(translatorFor(actor.locale), event, { number: request.number, item: itemName(request, actor.locale) });
      await client.views.open({ trigger_id: body.trigger_id, view });
    } catch (error) {
      await refuse(actor, respond, error);
    }
  });

  app.view(prefixPattern(REQUEST_ACTION_VIEW_PREFIX), async ({ view, body, ack }) => {
    const event = view.callback_id.slice(REQUEST_ACTION_VIEW_PREFIX.length);
    const actor = await deps.directory.actor(body.user.id);
    const t = translatorFor(actor.locale);
    if (!isRequestFormEvent(event)) return void (await ack());
    const form = parseRequestActionForm(event, view.state.values);
    if (!form.ok) return void (await ack({ response_action: 'errors', errors: translateFieldErrors(form.errors, t) }));
    try {
      if (form.value.kind === 'decision') await deps.requests.decide(view.private_metadata, form.value.decision, actor);
      else await deps.requests.act(view.private_metadata, form.value.event, actor);
      await ack();
    } catch (error) {
      // The refusal shows on the form itself (a second submission, a decision already made).
      const firstField = view.blocks.find((block) => block.type === 'input')?.block_id ?? '';
      await ack({ response_action: 'errors', errors: { [firstField]: userMessageFor(error, t, deps.logger) } });
    }
  });
}
