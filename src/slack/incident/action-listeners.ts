// Slack entry points for working an incident: card buttons, action modals, the reporter's answers.
import type { App, BlockAction, ButtonAction, UsersSelectAction } from '@slack/bolt';
import { assertAssignable, assertIncidentEventAllowed, type IncidentEvent } from '../../domain/incident.js';
import { DomainError } from '../../domain/errors.js';
import { isSatisfactionRating } from '../../domain/satisfaction.js';
import { translatorFor } from '../../i18n/index.js';
import type { RequestActor } from '../../services/context.js';
import type { SlackDeps } from '../deps.js';
import { ACTION_FIELDS, INCIDENT_ACTION_VIEW_PREFIX, INCIDENT_ACTIONS, SURVEY_COMMENT_VIEW } from '../ids.js';
import { forClicker, registerActionForms, startingWith, type EphemeralRespond } from '../interactions.js';
import { userMessageFor } from '../user-errors.js';
import { viewFields } from '../view-state.js';
import { incidentActionModal, incidentNumberFromBlockId, isFormEvent, surveyCommentModal, surveyThanks } from './action-blocks.js';
import { parseActionForm } from './action-inputs.js';

export function registerIncidentActionListeners(app: App, deps: SlackDeps): void {
  /** Runs one life-cycle event for a click; a refusal is told to the clicker alone. */
  const actOnClick = (userId: string, respond: EphemeralRespond, toEvent: (actor: RequestActor) => [string, IncidentEvent]) =>
    forClicker(deps, userId, respond, (actor) => deps.incidents.act(...toEvent(actor), actor));

  app.action<BlockAction<ButtonAction>>(INCIDENT_ACTIONS.take, async ({ ack, body, action, respond }) => {
    await ack();
    await actOnClick(body.user.id, respond, () => [action.value ?? '', { type: 'take' }]);
  });

  app.action<BlockAction<ButtonAction>>(INCIDENT_ACTIONS.resume, async ({ ack, body, action, respond }) => {
    await ack();
    await actOnClick(body.user.id, respond, () => [action.value ?? '', { type: 'resume' }]);
  });

  app.action<BlockAction<UsersSelectAction>>(INCIDENT_ACTIONS.assign, async ({ ack, body, action, respond }) => {
    await ack();
    const number = incidentNumberFromBlockId(action.block_id) ?? '';
    const assigneeId = action.selected_user ?? '';
    const [incident, assigneeRoles] = await Promise.all([deps.incidents.find(number), deps.directory.rolesOf(assigneeId)]);
    await actOnClick(body.user.id, respond, () => {
      if (incident) assertAssignable(incident, { userId: assigneeId, roles: assigneeRoles });
      return [number, { type: 'assign', assigneeId }];
    });
  });

  registerActionForms(app, deps, {
    buttonPrefix: INCIDENT_ACTIONS.formPrefix,
    viewPrefix: INCIDENT_ACTION_VIEW_PREFIX,
    isEvent: isFormEvent,
    load: async (number) => {
      const incident = await deps.incidents.find(number);
      if (!incident) throw new DomainError('not_found', { number });
      return incident;
    },
    assertAllowed: (incident, event, actor) => assertIncidentEventAllowed(incident, event, actor),
    modal: incidentActionModal,
    parse: (event, values) => parseActionForm(event, values, deps.settings().priorityMatrix),
    perform: (number, event, actor) => deps.incidents.act(number, event, actor),
    fallbackField: ACTION_FIELDS.reason,
  });

  app.action<BlockAction<ButtonAction>>(INCIDENT_ACTIONS.fixedYes, async ({ ack, body, action, respond }) => {
    await ack();
    await actOnClick(body.user.id, respond, () => [action.value ?? '', { type: 'confirm' }]);
  });

  app.action<BlockAction<ButtonAction>>(INCIDENT_ACTIONS.fixedNo, async ({ ack, body, action, respond }) => {
    await ack();
    await actOnClick(body.user.id, respond, (actor) => [action.value ?? '', { type: 'reopen', reason: translatorFor(actor.locale)('incident.reopen.reporter_reason') }]);
  });

  app.action<BlockAction<ButtonAction>>(startingWith(`${INCIDENT_ACTIONS.rate}.`), async ({ ack, body, action, respond }) => {
    await ack();
    const actor = await deps.directory.actor(body.user.id);
    const t = translatorFor(actor.locale);
    const rating = action.action_id.slice(INCIDENT_ACTIONS.rate.length + 1);
    const number = action.value ?? '';
    try {
      if (!isSatisfactionRating(rating)) throw new DomainError('invalid_input');
      await deps.incidents.rateSatisfaction(number, rating, actor);
      const thanks = surveyThanks(t, number, t('reporter.survey_thanks', { number, rating: t(`rating.${rating}`) }));
      await respond({ ...thanks, response_type: 'ephemeral', replace_original: true });
    } catch (error) {
      const message = error instanceof DomainError && error.code === 'already_done' ? t('error.survey_closed') : userMessageFor(error, t, deps.logger);
      await respond({ response_type: 'ephemeral', replace_original: false, text: message });
    }
  });

  app.action<BlockAction<ButtonAction>>(INCIDENT_ACTIONS.surveyComment, async ({ ack, body, action, client }) => {
    await ack();
    const t = translatorFor(await deps.directory.localeOf(body.user.id));
    await client.views.open({ trigger_id: body.trigger_id, view: surveyCommentModal(t, action.value ?? '') });
  });

  app.view(SURVEY_COMMENT_VIEW, async ({ ack, body, view }) => {
    const actor = await deps.directory.actor(body.user.id);
    const t = translatorFor(actor.locale);
    const comment = viewFields(view.state.values).text(ACTION_FIELDS.comment);
    if (!comment) {
      await ack({ response_action: 'errors', errors: { [ACTION_FIELDS.comment]: t('incident.validation.required') } });
      return;
    }
    try {
      await deps.incidents.commentSatisfaction(view.private_metadata, comment, actor);
      await ack();
    } catch (error) {
      await ack({ response_action: 'errors', errors: { [ACTION_FIELDS.comment]: userMessageFor(error, t, deps.logger) } });
    }
  });
}
