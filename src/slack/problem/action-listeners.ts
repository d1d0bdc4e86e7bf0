// Slack entry points for working a problem: the card's buttons, its owner select and action modals.
import type { App, BlockAction, ButtonAction, UsersSelectAction } from '@slack/bolt';
import { DomainError } from '../../domain/errors.js';
import { assertOwnerEligible, assertProblemEventAllowed } from '../../domain/problem.js';
import { translatorFor, type Translate } from '../../i18n/index.js';
import type { LinkedResolutionOutcome } from '../../services/problems.js';
import type { SlackDeps } from '../deps.js';
import { PROBLEM_ACTION_VIEW_PREFIX, PROBLEM_ACTIONS, PROBLEM_FIELDS } from '../ids.js';
import { firstInputOf, forClicker, startingWith, submitInModal, tellClicker } from '../interactions.js';
import { userMessageFor } from '../user-errors.js';
import { translateFieldErrors } from '../view-state.js';
import { isProblemFormEvent, problemActionModal, problemNumberFromBlockId } from './action-blocks.js';
import { parseProblemActionForm } from './action-inputs.js';

export function registerProblemActionListeners(app: App, deps: SlackDeps): void {
  for (const type of ['investigate', 'close'] as const) {
    app.action<BlockAction<ButtonAction>>(PROBLEM_ACTIONS[type], async ({ ack, body, action, respond }) => {
      await ack();
      await forClicker(deps, body.user.id, respond, (actor) => deps.problems.act(action.value ?? '', { type }, actor));
    });
  }

  app.action<BlockAction<UsersSelectAction>>(PROBLEM_ACTIONS.assign, async ({ ack, body, action, respond }) => {
    await ack();
    const ownerId = action.selected_user ?? '';
    const ownerRoles = await deps.directory.rolesOf(ownerId);
    await forClicker(deps, body.user.id, respond, (actor) => {
      assertOwnerEligible({ userId: ownerId, roles: ownerRoles });
      return deps.problems.act(problemNumberFromBlockId(action.block_id) ?? '', { type: 'assign', ownerId }, actor);
    });
  });

  app.action<BlockAction<ButtonAction>>(startingWith(PROBLEM_ACTIONS.formPrefix), async ({ ack, body, action, respond, client }) => {
    await ack();
    const event = action.action_id.slice(PROBLEM_ACTIONS.formPrefix.length);
    await forClicker(deps, body.user.id, respond, async (actor, t) => {
      const problem = await deps.problems.show(action.value ?? '', actor);
      if (!isProblemFormEvent(event)) throw new DomainError('invalid_input');
      assertProblemEventAllowed(problem, event, actor);
      await client.views.open({ trigger_id: body.trigger_id, view: problemActionModal(t, event, problem) });
    });
  });

  app.view(startingWith(PROBLEM_ACTION_VIEW_PREFIX), async ({ ack, body, view }) => {
    const event = view.callback_id.slice(PROBLEM_ACTION_VIEW_PREFIX.length);
    const actor = await deps.directory.actor(body.user.id);
    const t = translatorFor(actor.locale);
    if (!isProblemFormEvent(event)) {
      await ack();
      return;
    }
    const parsed = parseProblemActionForm(event, view.state.values, deps.settings().priorityMatrix);
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: translateFieldErrors(parsed.errors, t) });
      return;
    }
    const request = parsed.value;
    const number = view.private_metadata;
    await submitInModal(deps, ack, t, firstInputOf(view, PROBLEM_FIELDS.reason), () =>
      request.kind === 'link' ? deps.problems.linkIncidents(number, request.incidents, actor) : deps.problems.act(number, request.event, actor),
    );
  });

  app.action<BlockAction<ButtonAction>>(PROBLEM_ACTIONS.resolveLinked, async ({ ack, body, action, respond }) => {
    await ack();
    await forClicker(deps, body.user.id, respond, async (actor, t) => {
      const outcome = await deps.problems.resolveLinkedIncidents(action.value ?? '', actor);
      await tellClicker(respond, outcomeText(t, deps, action.value ?? '', outcome));
    });
  });
}

/** What happened to each linked incident that was on hold. */
function outcomeText(t: Translate, deps: SlackDeps, number: string, outcome: LinkedResolutionOutcome): string {
  if (outcome.resolved.length === 0 && outcome.refused.length === 0) return t('problem.resolve_linked.none', { number });
  const lines = outcome.resolved.length > 0 ? [t('problem.resolve_linked.done', { incidents: outcome.resolved.join(', ') })] : [];
  for (const { number: incident, error } of outcome.refused) {
    lines.push(t('problem.resolve_linked.refused', { number: incident, reason: userMessageFor(error, t, deps.logger) }));
  }
  return lines.join('\n');
}
