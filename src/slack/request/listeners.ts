// Slack entry points for asking for a service: `/request` (choose an item, fill in its form),
// `/request show REQ-…`. Ack, parse, call the service, answer. No rules, no SQL.
import type { App } from '@slack/bolt';
import { translatorFor, type Locale } from '../../i18n/index.js';
import type { SlackDeps } from '../deps.js';
import { privateCommand } from '../interactions.js';
import { COMMANDS, REQUEST_FIELDS, VIEWS } from '../ids.js';
import { userMessageFor } from '../user-errors.js';
import { translateFieldErrors, viewFields } from '../view-state.js';
import { showCatalogueAdmin } from './admin-listeners.js';
import { requestCard } from './blocks.js';
import { parseRequestCommand, parseRequestForm } from './inputs.js';
import { pickItemModal, requestFormModal } from './modals.js';

export function registerRequestListeners(app: App, deps: SlackDeps): void {
  app.command(
    COMMANDS.request,
    privateCommand(deps, async ({ command, client, actor, t }) => {
      const parsed = parseRequestCommand(command.text);
      switch (parsed.kind) {
        case 'pick': {
          const opened = await openRequestPicker(deps, client, command.trigger_id, actor.locale);
          return opened ? null : { text: t('request.catalogue_empty') };
        }
        case 'show':
          return requestCard(t, actor.locale, await deps.requests.show(parsed.number, actor), false);
        case 'admin':
          return showCatalogueAdmin(deps, actor);
        case 'usage':
          return { text: t('request.usage') };
      }
    }),
  );

  // The chosen item's form replaces the picker in the same modal.
  app.view(VIEWS.pickRequestItem, async ({ view, body, ack }) => {
    const locale = await deps.directory.localeOf(body.user.id);
    const t = translatorFor(locale);
    const itemId = viewFields(view.state.values).choice(REQUEST_FIELDS.item) ?? '';
    try {
      const item = await deps.catalogue.item(itemId);
      await ack({ response_action: 'update', view: requestFormModal(t, locale, item) });
    } catch (error) {
      await ack({ response_action: 'errors', errors: { [REQUEST_FIELDS.item]: userMessageFor(error, t, deps.logger) } });
    }
  });

  app.view(VIEWS.requestForm, async ({ view, body, ack }) => {
    const requester = await deps.directory.actor(body.user.id);
    const t = translatorFor(requester.locale);
    try {
      const item = await deps.catalogue.item(view.private_metadata);
      const form = parseRequestForm(item.fields, view.state.values);
      if (!form.ok) return void (await ack({ response_action: 'errors', errors: translateFieldErrors(form.errors, t) }));
      await ack();
      await deps.requests.submit({ itemId: item.id, answers: form.value, requestKey: `view:${view.id}` }, requester);
    } catch (error) {
      await ack().catch(() => undefined);
      await deps.notifyUser(requester.userId, userMessageFor(error, t, deps.logger));
    }
  });
}

/** The catalogue's items to choose from (`/request`, the App Home button); false when it has none. */
export async function openRequestPicker(deps: SlackDeps, client: App['client'], triggerId: string, locale: Locale): Promise<boolean> {
  const catalogue = await deps.catalogue.current();
  if (catalogue.items.length === 0) return false;
  await client.views.open({ trigger_id: triggerId, view: pickItemModal(translatorFor(locale), locale, catalogue) });
  return true;
}
