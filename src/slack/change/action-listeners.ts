// Slack entry points for working a change: card buttons, approval buttons, and their modals.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { recordDecision } from '../../domain/approval.js';
import { assertChangeEventAllowed, type ChangeEvent } from '../../domain/change.js';
import { DomainError } from '../../domain/errors.js';
import { translatorFor } from '../../i18n/index.js';
import type { ChangeRecord } from '../../db/repositories/changes.js';
import type { RequestActor } from '../../services/context.js';
import type { SlackDeps } from '../deps.js';
import { CHANGE_ACTION_VIEW_PREFIX, CHANGE_ACTIONS } from '../ids.js';
import { userMessageFor } from '../user-errors.js';
import { translateFieldErrors } from '../view-state.js';
import { parseChangeForm } from './inputs.js';
import { changeActionModal, isChangeFormEvent, type ChangeFormEvent } from './modals.js';

type Respond = (message: { response_type: 'ephemeral'; text: string; replace_original: boolean }) => Promise<unknown>;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Says before the modal opens whether the person may do this at all (not an approver, their own
 * change, already decided, wrong state), so nobody fills a form only to be refused.
 */
function assertMayOpen(change: ChangeRecord, event: ChangeFormEvent, actor: RequestActor, now: Date): void {
  if (event !== 'approve' && event !== 'decline') {
    assertChangeEventAllowed(change, event, actor);
    return;
  }
  if (!change.approval) throw new DomainError('transition_not_allowed', { state: change.state, event: 'decide' });
  recordDecision(change.approval, { approverId: actor.userId, approverRoles: actor.roles, decision: 'reject', reason: 'check' }, change, now);
}

export function registerChangeActionListeners(app: App, deps: SlackDeps): void {
  const refuse = async (actor: RequestActor, respond: Respond, error: unknown) => {
    await respond({ response_type: 'ephemeral', replace_original: false, text: userMessageFor(error, translatorFor(actor.locale), deps.logger) });
  };

  const actOnClick = async (userId: string, number: string, event: ChangeEvent, respond: Respond) => {
    const actor = await deps.directory.actor(userId);
    try {
      await deps.changes.act(number, event, actor);
    } catch (error) {
      await refuse(actor, respond, error);
    }
  };

  app.action<BlockAction<ButtonAction>>(CHANGE_ACTIONS.start, async ({ ack, body, action, respond }) => {
    await ack();
    await actOnClick(body.user.id, action.value ?? '', { type: 'start' }, respond);
  });

  app.action<BlockAction<ButtonAction>>(CHANGE_ACTIONS.complete, async ({ ack, body, action, respond }) => {
    await ack();
    await actOnClick(body.user.id, action.value ?? '', { type: 'complete' }, respond);
  });

  app.action<BlockAction<ButtonAction>>(new RegExp(`^${escapeRegExp(CHANGE_ACTIONS.formPrefix)}`), async ({ ack, body, action, respond, client }) => {
    await ack();
    const event = action.action_id.slice(CHANGE_ACTIONS.formPrefix.length);
    const actor = await deps.directory.actor(body.user.id);
    try {
      const change = await deps.changes.show(action.value ?? '');
      if (!isChangeFormEvent(event)) throw new DomainError('invalid_input');
      assertMayOpen(change, event, actor, new Date());
      await client.views.open({ trigger_id: body.trigger_id, view: changeActionModal(translatorFor(actor.locale), event, change) });
    } catch (error) {
      await refuse(actor, respond, error);
    }
  });

  app.view(new RegExp(`^${escapeRegExp(CHANGE_ACTION_VIEW_PREFIX)}`), async ({ view, body, ack }) => {
    const event = view.callback_id.slice(CHANGE_ACTION_VIEW_PREFIX.length);
    const actor = await deps.directory.actor(body.user.id);
    const t = translatorFor(actor.locale);
    if (!isChangeFormEvent(event)) {
      await ack();
      return;
    }
    const form = parseChangeForm(event, view.state.values);
    if (!form.ok) {
      await ack({ response_action: 'errors', errors: translateFieldErrors(form.errors, t) });
      return;
    }
    const number = view.private_metadata;
    try {
      if (form.value.kind === 'decision') await deps.changes.decide(number, form.value.decision, actor);
      else await deps.changes.act(number, form.value.event, actor);
      await ack();
    } catch (error) {
      // The refusal shows on the form itself (a second submission, a decision already made).
      const firstField = view.blocks.find((block) => block.type === 'input')?.block_id ?? '';
      await ack({ response_action: 'errors', errors: { [firstField]: userMessageFor(error, t, deps.logger) } });
    }
  });
}
