// Slack entry points for releases: `/change release` (the plan form), the card's buttons, the
// roll-back form. Ack, parse, call the service, answer.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { assertReleaseEventAllowed, type ReleaseEvent } from '../../domain/release.js';
import { DomainError } from '../../domain/errors.js';
import { hasAnyRole } from '../../domain/roles.js';
import { translatorFor } from '../../i18n/index.js';
import type { ReleaseService } from '../../services/releases.js';
import type { SlackDeps } from '../deps.js';
import { RELEASE_ACTIONS, RELEASE_FIELDS, RELEASE_ROLLBACK_VIEW, VIEWS } from '../ids.js';
import { userMessageFor } from '../user-errors.js';
import { translateFieldErrors } from '../view-state.js';
import { planReleaseModal, rollBackModal } from './blocks.js';
import { parsePlanForm, parseRollBackForm } from './inputs.js';

type Respond = (message: { response_type: 'ephemeral'; text: string; replace_original: boolean }) => Promise<unknown>;

/** Opens the plan form for change managers; tells anyone else why not. */
export async function openPlanReleaseModal(deps: SlackDeps, client: App['client'], triggerId: string, userId: string): Promise<string | null> {
  const actor = await deps.directory.actor(userId);
  const t = translatorFor(actor.locale);
  if (!hasAnyRole(actor, ['change_manager', 'admin'])) return userMessageFor(new DomainError('not_allowed', { event: 'plan_release' }), t, deps.logger);
  await client.views.open({ trigger_id: triggerId, view: planReleaseModal(t) });
  return null;
}

export function registerReleaseListeners(app: App, deps: SlackDeps, releases: ReleaseService): void {
  const act = async (userId: string, number: string, event: ReleaseEvent, respond: Respond) => {
    const actor = await deps.directory.actor(userId);
    try {
      await releases.act(number, event, actor);
    } catch (error) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: userMessageFor(error, translatorFor(actor.locale), deps.logger) });
    }
  };

  app.view(VIEWS.planRelease, async ({ view, body, ack }) => {
    const actor = await deps.directory.actor(body.user.id);
    const t = translatorFor(actor.locale);
    const form = parsePlanForm(view.state.values);
    if (!form.ok) {
      await ack({ response_action: 'errors', errors: translateFieldErrors(form.errors, t) });
      return;
    }
    try {
      await releases.plan({ ...form.value, requestKey: `view:${view.id}` }, actor);
      await ack();
    } catch (error) {
      await ack({ response_action: 'errors', errors: { [RELEASE_FIELDS.changes]: userMessageFor(error, t, deps.logger) } });
    }
  });

  app.action<BlockAction<ButtonAction>>(RELEASE_ACTIONS.deploy, async ({ ack, body, action, respond }) => {
    await ack();
    await act(body.user.id, action.value ?? '', { type: 'deploy' }, respond);
  });

  app.action<BlockAction<ButtonAction>>(RELEASE_ACTIONS.accept, async ({ ack, body, action, respond }) => {
    await ack();
    await act(body.user.id, action.value ?? '', { type: 'accept' }, respond);
  });

  app.action<BlockAction<ButtonAction>>(RELEASE_ACTIONS.rollBack, async ({ ack, body, action, respond, client }) => {
    await ack();
    const actor = await deps.directory.actor(body.user.id);
    const t = translatorFor(actor.locale);
    try {
      assertReleaseEventAllowed(await releases.show(action.value ?? ''), 'roll_back', actor);
      await client.views.open({ trigger_id: body.trigger_id, view: rollBackModal(t, action.value ?? '') });
    } catch (error) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: userMessageFor(error, t, deps.logger) });
    }
  });

  app.view(RELEASE_ROLLBACK_VIEW, async ({ view, body, ack }) => {
    const actor = await deps.directory.actor(body.user.id);
    const t = translatorFor(actor.locale);
    const form = parseRollBackForm(view.state.values);
    if (!form.ok) {
      await ack({ response_action: 'errors', errors: translateFieldErrors(form.errors, t) });
      return;
    }
    try {
      await releases.act(view.private_metadata, { type: 'roll_back', reason: form.value.reason }, actor);
      await ack();
    } catch (error) {
      await ack({ response_action: 'errors', errors: { [RELEASE_FIELDS.reason]: userMessageFor(error, t, deps.logger) } });
    }
  });
}
