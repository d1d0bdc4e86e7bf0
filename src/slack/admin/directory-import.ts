// `/itsm admin import-directory`: the staff directory as CSV pasted into a form, merged into the
// directory or replacing it; what was imported (or what is wrong with the text) is told to the admin.
import type { App } from '@slack/bolt';
import type { ModalView } from '@slack/types';
import { translatorFor, type Translate } from '../../i18n/index.js';
import type { DirectoryImportResult } from '../../services/staff-directory.js';
import type { SlackDeps } from '../deps.js';
import { DIRECTORY_FIELDS, VIEWS } from '../ids.js';
import { input, modal, option, textElement } from '../block-kit.js';
import { userMessageFor } from '../user-errors.js';
import { viewFields } from '../view-state.js';

export function directoryImportModal(t: Translate): ModalView {
  return modal(t, {
    callbackId: VIEWS.directoryImport,
    title: t('directory.modal.title'),
    submitKey: 'directory.modal.submit',
    blocks: [
      input(t('directory.field.csv'), DIRECTORY_FIELDS.csv, textElement(DIRECTORY_FIELDS.csv, { multiline: true }), { hint: t('directory.field.csv.hint') }),
      input(t('directory.field.replace'), DIRECTORY_FIELDS.replace, { type: 'checkboxes', action_id: DIRECTORY_FIELDS.replace, options: [option(t('directory.field.replace.option'), 'yes')] }, { optional: true }),
    ],
  });
}

function importOutcome(t: Translate, result: Extract<DirectoryImportResult, { ok: true }>): string {
  const lines = [t('directory.imported', { imported: result.imported, total: result.total })];
  if (result.headless.length > 0) lines.push(t('directory.headless', { departments: result.headless.join(', ') }));
  return lines.join('\n');
}

function importProblems(t: Translate, result: Extract<DirectoryImportResult, { ok: false }>): string {
  return result.problems.map((problem) => t(`directory.problem.${problem.problem}`, { line: problem.line, detail: problem.detail })).join('\n');
}

/** The submitted form: imported (the admin is told the outcome), or its problems shown on the CSV field. */
export function registerDirectoryImportListeners(app: App, deps: SlackDeps): void {
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
