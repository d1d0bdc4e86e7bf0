// `/itsm admin …`: administration from Slack. For now the staff directory import.
import type { App } from '@slack/bolt';
import { DomainError } from '../../domain/errors.js';
import { hasAnyRole } from '../../domain/roles.js';
import { translatorFor, type Translate } from '../../i18n/index.js';
import type { DirectoryImportResult } from '../../services/staff-directory.js';
import type { SlackDeps } from '../deps.js';
import { DIRECTORY_FIELDS, VIEWS } from '../ids.js';
import { userMessageFor } from '../user-errors.js';
import { viewFields } from '../view-state.js';
import { directoryImportModal } from './modals.js';

/** `/itsm admin <what>`: opens the form, or says what there is; refuses non-admins at once. */
export async function adminCommand(deps: SlackDeps, client: App['client'], command: { user_id: string; trigger_id: string; text: string }): Promise<string | null> {
  const actor = await deps.directory.actor(command.user_id);
  const t = translatorFor(actor.locale);
  const what = command.text.trim().split(/\s+/)[1]?.toLowerCase() ?? '';
  try {
    if (!hasAnyRole(actor, ['admin'])) throw new DomainError('admins_only');
    if (what !== 'import-directory') return t('directory.usage');
    await client.views.open({ trigger_id: command.trigger_id, view: directoryImportModal(t) });
    return null;
  } catch (error) {
    return userMessageFor(error, t, deps.logger);
  }
}

export function importOutcome(t: Translate, result: Extract<DirectoryImportResult, { ok: true }>): string {
  const lines = [t('directory.imported', { imported: result.imported, total: result.total })];
  if (result.headless.length > 0) lines.push(t('directory.headless', { departments: result.headless.join(', ') }));
  return lines.join('\n');
}

export function importProblems(t: Translate, result: Extract<DirectoryImportResult, { ok: false }>): string {
  return result.problems.map((problem) => t(`directory.problem.${problem.problem}`, { line: problem.line, detail: problem.detail })).join('\n');
}

export function registerAdminListeners(app: App, deps: SlackDeps): void {
  app.view(VIEWS.directoryImport, async ({ view, body, ack }) => {
    const actor = await deps.directory.actor(body.user.id);
    const t = translatorFor(actor.locale);
    const fields = viewFields(view.state.values);
    try {
      const mode = fields.choices(DIRECTORY_FIELDS.replace).includes('yes') ? 'replace' : 'merge';
      const result = await deps.staff.import(fields.text(DIRECTORY_FIELDS.csv), mode, actor);
      if (!result.ok) return void (await ack({ response_action: 'errors', errors: { [DIRECTORY_FIELDS.csv]: importProblems(t, result) } }));
      await ack();
      await deps.notifyUser(actor.userId, importOutcome(t, result));
    } catch (error) {
      await ack({ response_action: 'errors', errors: { [DIRECTORY_FIELDS.csv]: userMessageFor(error, t, deps.logger) } });
    }
  });
}
