// Slack entry points for working a request: Take and Fulfil on the card, Approve / Reject on the
// approval card and Cancel, with their modals. Refusals are told before any modal opens.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { DomainError } from '../../domain/errors.js';
import { assertRequestEventAllowed, decideOnRequest, type RequestEvent } from '../../domain/request.js';
import type { RequestRecord } from '../../db/repositories/requests.js';
import type { RequestActor } from '../../services/context.js';
import type { SlackDeps } from '../deps.js';
import { REQUEST_ACTION_VIEW_PREFIX, REQUEST_ACTIONS, REQUEST_FIELDS } from '../ids.js';
import { forClicker, registerActionForms } from '../interactions.js';
import { itemName } from './blocks.js';
import { parseRequestActionForm } from './inputs.js';
import { isRequestFormEvent, requestActionModal, type RequestFormEvent } from './modals.js';

/** Not an approver, their own request, already decided, the wrong state: said before the form opens. */
function assertMayOpen(request: RequestRecord, event: RequestFormEvent, actor: RequestActor, now: Date): void {
  if (event === 'cancel') return assertRequestEventAllowed(request, 'cancel', actor);
  if (!request.approval || request.state !== 'awaiting_approval') throw new DomainError('approval_settled', { outcome: request.state });
  decideOnRequest(request.approval, request, { approverId: actor.userId, approverRoles: actor.roles, decision: 'reject', reason: 'check' }, now);
}

export function registerRequestActionListeners(app: App, deps: SlackDeps): void {
  // Take and Fulfil need no more input: the click does it.
  const onClick = (actionId: string, event: RequestEvent) =>
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, respond }) => {
      await ack();
      await forClicker(deps, body.user.id, respond, (actor) => deps.requests.act(action.value ?? '', event, actor));
    });
  onClick(REQUEST_ACTIONS.take, { type: 'take' });
  onClick(REQUEST_ACTIONS.fulfil, { type: 'fulfil' });

  registerActionForms(app, deps, {
    buttonPrefix: REQUEST_ACTIONS.formPrefix,
    viewPrefix: REQUEST_ACTION_VIEW_PREFIX,
    isEvent: isRequestFormEvent,
    // The item is named in the clicker's language.
    load: async (number, actor) => ({ request: await deps.requests.find(number), locale: actor.locale }),
    assertAllowed: ({ request }, event, actor) => assertMayOpen(request, event, actor, new Date()),
    modal: (t, event, { request, locale }) => requestActionModal(t, event, { number: request.number, item: itemName(request, locale) }),
    parse: parseRequestActionForm,
    perform: (number, form, actor) => (form.kind === 'decision' ? deps.requests.decide(number, form.decision, actor) : deps.requests.act(number, form.event, actor)),
    fallbackField: REQUEST_FIELDS.reason,
  });
}
