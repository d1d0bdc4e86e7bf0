// `/itsm admin`, for admins: the role mapping (grant, revoke), the dead letters (list, retry) and
// the staff directory import (a form, in directory-import.ts).
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { assertAdmin } from '../../domain/roles.js';
import { translatorFor } from '../../i18n/index.js';
import type { MessageContent } from '../../outbox/messages.js';
import type { AdminService } from '../../services/admin.js';
import type { SlackDeps } from '../deps.js';
import { ADMIN_ACTIONS } from '../ids.js';
import { userMessageFor } from '../user-errors.js';
import { deadLettersMessage, rolesMessage } from './blocks.js';
import { directoryImportModal, registerDirectoryImportListeners } from './directory-import.js';
import { parseAdminCommand } from './inputs.js';

/** Opens a form in answer to the command or click (its trigger). */
export type OpenForm = (view: ModalView) => Promise<unknown>;

/** The answer to `/itsm admin <words>`, told to the admin alone; null when a form was opened instead. */
export async function adminAnswer(deps: SlackDeps, admin: AdminService, userId: string, words: readonly string[], openForm: OpenForm): Promise<MessageContent | null> {
  const actor = await deps.directory.actor(userId);
  const t = translatorFor(actor.locale);
  const command = parseAdminCommand(words);
  try {
    switch (command.kind) {
      case 'roles':
        return rolesMessage(t, await admin.roles(actor));
      case 'grant':
        await admin.grant(actor, { role: command.role, userId: command.userId });
        return { text: t('admin.granted', { user: `<@${command.userId}>`, role: t(`role.${command.role}`) }) };
      case 'revoke':
        await admin.revoke(actor, { role: command.role, userId: command.userId });
        return { text: t('admin.revoked', { user: `<@${command.userId}>`, role: t(`role.${command.role}`) }) };
      case 'dead_letters':
        return deadLettersMessage(t, await admin.deadLetters(actor));
      case 'retry':
        return { text: t('admin.retried', { count: await admin.retryDeadLetters(actor, command.id) }) };
      case 'import_directory':
        assertAdmin(actor);
        await openForm(directoryImportModal(t));
        return null;
      case 'usage':
        return { text: t('admin.usage') };
    }
  } catch (error) {
    return { text: userMessageFor(error, t, deps.logger) };
  }
}

export function registerAdminListeners(app: App, deps: SlackDeps, admin: AdminService): void {
  app.action<BlockAction<ButtonAction>>(ADMIN_ACTIONS.retryAll, async ({ ack, body, respond, client }) => {
    await ack();
    const answer = await adminAnswer(deps, admin, body.user.id, ['retry', 'all'], (view) => client.views.open({ trigger_id: body.trigger_id, view }));
    if (answer) await respond({ response_type: 'ephemeral', replace_original: false, ...answer });
  });
  registerDirectoryImportListeners(app, deps);
}
