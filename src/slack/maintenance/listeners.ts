// Slack entry points for planned maintenance: the plan form (opened by `/ci plan ITEM`), and Done
// and Postpone on a reminder (refusals told before the postpone form opens).
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { DomainError } from '../../domain/errors.js';
import { translatorFor } from '../../i18n/index.js';
import type { SlackDeps } from '../deps.js';
import { MAINTENANCE_ACTIONS, MAINTENANCE_FIELDS, VIEWS } from '../ids.js';
import { forClicker, submitInModal } from '../interactions.js';
import { translateFieldErrors } from '../view-state.js';
import { occurrenceValue, parseOccurrence, parsePlanForm, parsePostponeForm } from './inputs.js';
import { postponeModal } from './modals.js';

export function registerMaintenanceListeners(app: App, deps: SlackDeps): void {
  app.view(VIEWS.maintenancePlan, async ({ view, body, ack }) => {
    const actor = await deps.directory.actor(body.user.id);
    const t = translatorFor(actor.locale);
    const form = parsePlanForm(view.state.values);
    if (!form.ok) return void (await ack({ response_action: 'errors', errors: translateFieldErrors(form.errors, t) }));
    await submitInModal(deps, ack, t, MAINTENANCE_FIELDS.title, () => deps.maintenance.plan({ itemKey: view.private_metadata, ...form.value }, actor));
  });

  app.action<BlockAction<ButtonAction>>(MAINTENANCE_ACTIONS.done, async ({ ack, body, action, respond }) => {
    await ack();
    await forClicker(deps, body.user.id, respond, (actor) => {
      const occurrence = parseOccurrence(action.value ?? '');
      if (!occurrence) throw new DomainError('invalid_input');
      return deps.maintenance.done(occurrence.planId, occurrence.dueAt, actor);
    });
  });

  app.action<BlockAction<ButtonAction>>(MAINTENANCE_ACTIONS.postpone, async ({ ack, body, action, respond, client }) => {
    await ack();
    await forClicker(deps, body.user.id, respond, async (actor, t) => {
      const occurrence = parseOccurrence(action.value ?? '');
      if (!occurrence) throw new DomainError('invalid_input');
      await deps.maintenance.assertMayWork(occurrence.planId, occurrence.dueAt, actor);
      const message = body.message?.text || t('maintenance.postpone.title');
      await client.views.open({ trigger_id: body.trigger_id, view: postponeModal(t, occurrenceValue(occurrence.planId, occurrence.dueAt), message) });
    });
  });

  app.view(VIEWS.maintenancePostpone, async ({ view, body, ack }) => {
    const actor = await deps.directory.actor(body.user.id);
    const t = translatorFor(actor.locale);
    const form = parsePostponeForm(view.state.values);
    const occurrence = parseOccurrence(view.private_metadata);
    if (!form.ok || !occurrence) return void (await ack({ response_action: 'errors', errors: form.ok ? {} : translateFieldErrors(form.errors, t) }));
    await submitInModal(deps, ack, t, MAINTENANCE_FIELDS.reason, () => deps.maintenance.postpone(occurrence.planId, occurrence.dueAt, form.value.days, form.value.reason, actor));
  });
}
