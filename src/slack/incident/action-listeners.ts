// Slack entry points for working an incident: card buttons, action modals, the reporter's answers.
import type { App, BlockAction, ButtonAction, UsersSelectAction } from '@slack/bolt';
import { assertAssignable, assertIncidentEventAllowed, type IncidentEvent } from '../../domain/incident.js';
import { DomainError } from '../../domain/errors.js';
import { isSatisfactionRating } from '../../domain/satisfaction.js';
import { translatorFor } from '../../i18n/index.js';
import type { RequestActor } from '../../services/context.js';
import type { SlackDeps } from '../deps.js';
import { ACTION_FIELDS, INCIDENT_ACTION_VIEW_PREFIX, INCIDENT_ACTIONS, SURVEY_COMMENT_VIEW } from '../ids.js';
import { userMessageFor } from '../user-errors.js';
import { translateFieldErrors, viewFields } from '../view-state.js';
import { incidentActionModal, incidentNumberFromBlockId, isFormEvent, surveyCommentModal, surveyThanks } from './action-blocks.js';
import { parseActionForm } from './action-inputs.js';

type Respond = (message: { response_type: 'ephemeral'; text: string; replace_original: boolean }) => Promise<unknown>;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function registerIncidentActionListeners(app: App, deps: SlackDeps): void {
  /** Runs one life-cycle event for a click; a refusal is told to the clicker alone. */
  const actOnClick = async (userId: string, respond: Respond, toEvent: (actor: RequestActor) => [string, IncidentEvent]) => {
    const actor = await deps.directory.actor(userId);
    try {
      const [number, event] = toEvent(actor);
      await deps.incidents.act(number, event, actor);
    } catch (error) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: userMessageFor(error, translatorFor(actor.locale), deps.logger) });
    }
  };

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

  app.action<BlockAction<ButtonAction>>(new RegExp(`^${escapeRegExp(INCIDENT_ACTIONS.formPrefix)}`), async ({ ack, body, action, respond, client }) => {
    await ack();
    const event = action.action_id.slice(INCIDENT_ACTIONS.formPrefix.length);
    const actor = await deps.directory.actor(body.user.id);
    const t = translatorFor(actor.locale);
    try {
      const incident = await deps.incidents.find(action.value ?? '');
      if (!incident) throw new DomainError('not_found', { number: action.value ?? '' });
      if (!isFormEvent(event)) throw new DomainError('invalid_input');
      assertIncidentEventAllowed(incident, event, actor);
      await client.views.open({ trigger_id: body.trigger_id, view: incidentActionModal(t, event, incident) });
    } catch (error) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: userMessageFor(error, t, deps.logger) });
    }
  });

  app.view(new RegExp(`^${escapeRegExp(INCIDENT_ACTION_VIEW_PREFIX)}`), async ({ ack, body, view }) => {
    const event = view.callback_id.slice(INCIDENT_ACTION_VIEW_PREFIX.length);
    const actor = await deps.directory.actor(body.user.id);
    const t = translatorFor(actor.locale);
    if (!isFormEvent(event)) {
      await ack();
      return;
    }
    const parsed = parseActionForm(event, view.state.values, deps.settings().priorityMatrix);
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: translateFieldErrors(parsed.errors, t) });
      return;
    }
    // Acted on before answering, so a refusal can be shown in the modal itself (a few ms, well within Slack's 3 s).
    try {
      await deps.incidents.act(view.private_metadata, parsed.value, actor);
      await ack();
    } catch (error) {
      const firstField = view.blocks.find((block) => block.type === 'input')?.block_id ?? ACTION_FIELDS.reason;
      await ack({ response_action: 'errors', errors: { [firstField]: userMessageFor(error, t, deps.logger) } });
    }
  });

  app.action<BlockAction<ButtonAction>>(INCIDENT_ACTIONS.fixedYes, async ({ ack, body, action, respond }) => {
    await ack();
    await actOnClick(body.user.id, respond, () => [action.value ?? '', { type: 'confirm' }]);
  });

  app.action<BlockAction<ButtonAction>>(INCIDENT_ACTIONS.fixedNo, async ({ ack, body, action, respond }) => {
    await ack();
    await actOnClick(body.user.id, respond, (actor) => [action.value ?? '', { type: 'reopen', reason: translatorFor(actor.locale)('incident.reopen.reporter_reason') }]);
  });

  app.action<BlockAction<ButtonAction>>(new RegExp(`^${escapeRegExp(INCIDENT_ACTIONS.rate)}\\.`), async ({ ack, body, action, respond }) => {
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
