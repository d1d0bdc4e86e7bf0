// Slack entry points for working a problem: the card's buttons, its owner select and action modals.
import type { App, BlockAction, ButtonAction, UsersSelectAction } from '@slack/bolt';
import { assertOwnerEligible, assertProblemEventAllowed } from '../../domain/problem.js';
import type { Translate } from '../../i18n/index.js';
import type { LinkedResolutionOutcome } from '../../services/problems.js';
import type { SlackDeps } from '../deps.js';
import { PROBLEM_ACTION_VIEW_PREFIX, PROBLEM_ACTIONS, PROBLEM_FIELDS } from '../ids.js';
import { forClicker, registerActionForms, tellClicker } from '../interactions.js';
import { userMessageFor } from '../user-errors.js';
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

  registerActionForms(app, deps, {
    buttonPrefix: PROBLEM_ACTIONS.formPrefix,
    viewPrefix: PROBLEM_ACTION_VIEW_PREFIX,
    isEvent: isProblemFormEvent,
    load: (number, actor) => deps.problems.show(number, actor),
    assertAllowed: (problem, event, actor) => assertProblemEventAllowed(problem, event, actor),
    modal: problemActionModal,
    parse: (event, values) => parseProblemActionForm(event, values, deps.settings().priorityMatrix),
    perform: (number, request, actor) =>
      request.kind === 'link' ? deps.problems.linkIncidents(number, request.incidents, actor) : deps.problems.act(number, request.event, actor),
    fallbackField: PROBLEM_FIELDS.reason,
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
