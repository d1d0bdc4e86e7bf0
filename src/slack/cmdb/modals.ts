// The `/ci import` modal: a format and the pasted YAML or CSV.
import type { ModalView } from '@slack/types';
import { TRANSFER_FORMATS } from '../../domain/cmdb-transfer.js';
import type { Translate } from '../../i18n/index.js';
import { CMDB_FIELDS, VIEWS } from '../ids.js';
import { input, modal, option, selectElement, textElement } from '../block-kit.js';

export function ciImportModal(t: Translate): ModalView {
  return modal(t, {
    callbackId: VIEWS.ciImport,
    title: t('cmdb.import.title'),
    submitKey: 'cmdb.import.submit',
    blocks: [
      input(t('cmdb.import.format'), CMDB_FIELDS.format, selectElement(CMDB_FIELDS.format, TRANSFER_FORMATS.map((format) => option(format.toUpperCase(), format)), 'yaml')),
      input(t('cmdb.import.text'), CMDB_FIELDS.text, textElement(CMDB_FIELDS.text, { multiline: true }), { hint: t('cmdb.import.hint') }),
    ],
  });
}
