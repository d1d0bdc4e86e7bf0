// `/request admin`: admins add, edit (as YAML) and remove catalogue services and items from Slack.
import type { App, BlockAction, ButtonAction, OverflowAction } from '@slack/bolt';
import { CATALOGUE_ENTRY_KINDS, type CatalogueEntryKind } from '../../domain/catalogue.js';
import { DomainError } from '../../domain/errors.js';
import { assertAdmin } from '../../domain/roles.js';
import { translatorFor } from '../../i18n/index.js';
import type { MessageContent } from '../../outbox/messages.js';
import type { RequestActor } from '../../services/context.js';
import type { SlackDeps } from '../deps.js';
import { REQUEST_ACTIONS, REQUEST_FIELDS, VIEWS } from '../ids.js';
import { forClicker, startingWith, tellClicker } from '../interactions.js';
import { userMessageFor } from '../user-errors.js';
import { viewFields } from '../view-state.js';
import { catalogueAdminList } from './blocks.js';
import { catalogueEditModal } from './modals.js';

const isKind = (value: string | undefined): value is CatalogueEntryKind => (CATALOGUE_ENTRY_KINDS as readonly (string | undefined)[]).includes(value);

export async function showCatalogueAdmin(deps: SlackDeps, actor: RequestActor): Promise<MessageContent> {
  assertAdmin(actor);
  return catalogueAdminList(translatorFor(actor.locale), actor.locale, await deps.catalogue.current());
}

export function registerCatalogueAdminListeners(app: App, deps: SlackDeps): void {
  const openEditor = async (client: App['client'], triggerId: string, actor: RequestActor, kind: CatalogueEntryKind, key: string | null) => {
    assertAdmin(actor);
    await client.views.open({ trigger_id: triggerId, view: catalogueEditModal(translatorFor(actor.locale), kind, await deps.catalogue.definitionText(kind, key)) });
  };

  for (const [actionId, kind] of [[REQUEST_ACTIONS.adminAddItem, 'item'], [REQUEST_ACTIONS.adminAddService, 'service']] as const) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, respond, client }) => {
      await ack();
      await forClicker(deps, body.user.id, respond, (actor) => openEditor(client, body.trigger_id, actor, kind, null));
    });
  }

  app.action<BlockAction<OverflowAction>>(startingWith(`${REQUEST_ACTIONS.adminEntry}:`), async ({ ack, body, action, respond, client }) => {
    await ack();
    const [verb, kind, key = ''] = action.selected_option.value.split(':');
    await forClicker(deps, body.user.id, respond, async (actor, t) => {
      if (!isKind(kind)) throw new DomainError('invalid_input');
      if (verb === 'edit') return openEditor(client, body.trigger_id, actor, kind, key);
      const result = await deps.catalogue.edit(kind, { remove: key }, actor);
      await tellClicker(respond, result.ok ? t('request.admin.removed', { id: key }) : t('request.admin.invalid', { problem: result.problem }));
    });
  });

  app.view(VIEWS.catalogueEdit, async ({ view, body, ack }) => {
    const actor = await deps.directory.actor(body.user.id);
    const t = translatorFor(actor.locale);
    const kind = view.private_metadata;
    const yaml = viewFields(view.state.values).text(REQUEST_FIELDS.definition);
    try {
      if (!isKind(kind)) throw new DomainError('invalid_input');
      const result = await deps.catalogue.edit(kind, { yaml }, actor);
      if (!result.ok) return void (await ack({ response_action: 'errors', errors: { [REQUEST_FIELDS.definition]: t('request.admin.invalid', { problem: result.problem }) } }));
      await ack();
      await deps.notifyUser(actor.userId, t('request.admin.saved'));
    } catch (error) {
      await ack({ response_action: 'errors', errors: { [REQUEST_FIELDS.definition]: userMessageFor(error, t, deps.logger) } });
    }
  });
}
