// `/itsm admin import-directory`: the staff directory as CSV, merged or replacing the directory.
import type { ModalView } from '@slack/types';
import type { Translate } from '../../i18n/index.js';
import { DIRECTORY_FIELDS, VIEWS } from '../ids.js';
import { input, modal, option, textInput } from '../modal-blocks.js';

export function directoryImportModal(t: Translate): ModalView {
  return modal(t, {
    callbackId: VIEWS.directoryImport,
    title: t('directory.modal.title'),
    submitKey: 'directory.modal.submit',
    blocks: [
      input(t('directory.field.csv'), DIRECTORY_FIELDS.csv, textInput(DIRECTORY_FIELDS.csv, { multiline: true }), { hint: t('directory.field.csv.hint') }),
      input(t('directory.field.replace'), DIRECTORY_FIELDS.replace, { type: 'checkboxes', action_id: DIRECTORY_FIELDS.replace, options: [option(t('directory.field.replace.option'), 'yes')] }, { optional: true }),
    ],
  });
}
