// The App Home: published when the user opens it; its button opens the report form.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { translatorFor } from '../../i18n/index.js';
import type { OnCallService } from '../../services/oncall.js';
import type { SlackDeps } from '../deps.js';
import { HOME_ACTIONS } from '../ids.js';
import { openReportModal } from '../incident/listeners.js';
import { homeView } from './blocks.js';

export function registerHomeListeners(app: App, deps: SlackDeps, oncall: OnCallService): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    const actor = await deps.directory.actor(event.user);
    const { queue, reported } = await deps.incidents.homeOf(actor);
    await client.views.publish({ user_id: event.user, view: homeView(translatorFor(actor.locale), { queue, reported, onCall: await oncall.whoIsOnCall() }) });
  });

  app.action<BlockAction<ButtonAction>>(HOME_ACTIONS.reportIncident, async ({ ack, body, client }) => {
    await ack();
    await openReportModal(deps, client, body.trigger_id, body.user.id, { source: 'app_home' });
  });
}
