// The App Home: published when the user opens it (and again by the outbox when something of
// theirs changes); its buttons open the forms to start something.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { openRaiseModal } from '../change/listeners.js';
import { translatorFor } from '../../i18n/index.js';
import type { SlackDeps } from '../deps.js';
import { HOME_ACTIONS } from '../ids.js';
import { openReportModal } from '../incident/listeners.js';
import { openRequestPicker } from '../request/listeners.js';
import type { HomeStartButton } from './blocks.js';
import type { HomePages } from './pages.js';

/** A start button and the form it opens. A feature adds its own button by adding one of these. */
export interface HomeStartAction extends HomeStartButton {
  open(client: App['client'], triggerId: string, userId: string): Promise<void>;
}

/** The Home's start buttons: report an incident, make a request, raise a change. */
export function homeStartActions(deps: SlackDeps): HomeStartAction[] {
  return [
    { actionId: HOME_ACTIONS.reportIncident, label: 'home.report_incident', primary: true, open: (client, triggerId, userId) => openReportModal(deps, client, triggerId, userId, { source: 'app_home' }) },
    { actionId: HOME_ACTIONS.makeRequest, label: 'home.make_request', open: (client, triggerId, userId) => makeRequest(deps, client, triggerId, userId) },
    { actionId: HOME_ACTIONS.raiseChange, label: 'home.raise_change', open: (client, triggerId, userId) => openRaiseModal(deps, client, triggerId, userId, { raisedFrom: null }) },
  ];
}

/** The catalogue's items, or a word by DM while it has none. */
async function makeRequest(deps: SlackDeps, client: App['client'], triggerId: string, userId: string): Promise<void> {
  const locale = await deps.directory.localeOf(userId);
  if (!(await openRequestPicker(deps, client, triggerId, locale))) await deps.notifyUser(userId, translatorFor(locale)('request.catalogue_empty'));
}

export function registerHomeListeners(app: App, pages: HomePages, starts: readonly HomeStartAction[]): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    await pages.opened(event.user);
    await client.views.publish({ user_id: event.user, view: await pages.viewFor(event.user) });
  });

  for (const start of starts) {
    app.action<BlockAction<ButtonAction>>(start.actionId, async ({ ack, body, client }) => {
      await ack();
      await start.open(client, body.trigger_id, body.user.id);
    });
  }
}
