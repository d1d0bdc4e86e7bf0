// Slack entry points for planned maintenance: the plan form (opened by `/ci plan ITEM`), and Done
// and Postpone on a reminder (refusals told before the postpone form opens).
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { DomainError } from '../../domain/errors.js';
import { translatorFor } from '../../i18n/index.js';
import type { SlackDeps } from '../deps.js';
import { MAINTENANCE_ACTIONS, VIEWS } from '../ids.js';
import { userMessageFor } from '../user-errors.js';
import { translateFieldErrors } from '../view-state.js';
import { occurrenceValue, parseOccurrence, parsePlanForm, parsePostponeForm } from './inputs.js';
import { postponeModal } from './modals.js';

export function registerMaintenanceListeners(app: App, deps: SlackDeps): void {
  app.view(VIEWS.maintenancePlan, async ({ view, body, ack }) => {
    const actor = await deps.directory.actor(body.user.id);
    const t = translatorFor(actor.locale);
    const form = parsePlanForm(view.state.values);
    if (!form.ok) return void (await ack({ response_action: 'errors', errors: translateFieldErrors(form.errors, t) }));
    try {
      await deps.maintenance.plan({ itemKey: view.private_metadata, ...form.value }, actor);
      await ack();
    } catch (error) {
      await ack({ response_action: 'errors', errors: { title: userMessageFor(error, t, deps.logger) } });
    }
  });

  app.action<BlockAction<ButtonAction>>(MAINTENANCE_ACTIONS.done, async ({ ack, body, action, respond }) => {
    await ack();
    const actor = await deps.directory.actor(body.user.id);
    try {
      const occurrence = parseOccurrence(action.value ?? '');
      if (!occurrence) throw new DomainError('invalid_input');
      await deps.maintenance.done(occurrence.planId, occurrence.dueAt, actor);
    } catch (error) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: userMessageFor(error, translatorFor(actor.locale), deps.logger) });
    }
  });

  app.action<BlockAction<ButtonAction>>(MAINTENANCE_ACTIONS.postpone, async ({ ack, body, action, respond, client }) => {
    await ack();
    const actor = await deps.directory.actor(body.user.id);
    const t = translatorFor(actor.locale);
    try {
      const occurrence = parseOccurrence(action.value ?? '');
      if (!occurrence) throw new DomainError('invalid_input');
      await deps.maintenance.assertMayWork(occurrence.planId, occurrence.dueAt, actor);
      const message = body.message?.text || t('maintenance.postpone.title');
      await client.views.open({ trigger_id: body.trigger_id, view: postponeModal(t, occurrenceValue(occurrence.planId, occurrence.dueAt), message) });
    } catch (error) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: userMessageFor(error, t, deps.logger) });
    }
  });

  app.view(VIEWS.maintenancePostpone, async ({ view, body, ack }) => {
    const actor = await deps.directory.actor(body.user.id);
    const t = translatorFor(actor.locale);
    const form = parsePostponeForm(view.state.values);
    const occurrence = parseOccurrence(view.private_metadata);
    if (!form.ok || !occurrence) return void (await ack({ response_action: 'errors', errors: form.ok ? {} : translateFieldErrors(form.errors, t) }));
    try {
      await deps.maintenance.postpone(occurrence.planId, occurrence.dueAt, form.value.days, form.value.reason, actor);
      await ack();
    } catch (error) {
      await ack({ response_action: 'errors', errors: { reason: userMessageFor(error, t, deps.logger) } });
    }
  });
}
