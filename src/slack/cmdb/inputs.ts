// Parses `/ci` command text and the import modal.
import { z } from 'zod';
import { TRANSFER_FORMATS, type TransferFormat } from '../../domain/cmdb-transfer.js';
import { choice, required, build } from '../form-fields.js';
import { CMDB_FIELDS } from '../ids.js';
import { viewFields, type ParseResult } from '../view-state.js';

export type CiCommand =
  | { kind: 'usage' }
  | { kind: 'import' }
  | { kind: 'export'; format: TransferFormat }
  | { kind: 'set'; item: string; field: string }
  | { kind: 'plan'; item: string }
  | { kind: 'show'; text: string };

const formatSchema = z.enum(TRANSFER_FORMATS);

/** `/ci ITEM`, `/ci import`, `/ci export yaml|csv`, `/ci set ITEM field=value`, `/ci plan ITEM`. */
export function parseCiCommand(text: string): CiCommand {
  const trimmed = text.trim();
  const [first = '', second = '', ...rest] = trimmed.split(/\s+/);
  switch (first.toLowerCase()) {
    case '':
      return { kind: 'usage' };
    case 'import':
      return second ? { kind: 'show', text: trimmed } : { kind: 'import' };
    case 'export': {
      const format = formatSchema.safeParse((second || 'yaml').toLowerCase());
      return format.success && rest.length === 0 ? { kind: 'export', format: format.data } : { kind: 'usage' };
    }
    case 'set':
      return second ? { kind: 'set', item: second, field: (rest.join(' ').split('=')[0] ?? '').trim() } : { kind: 'usage' };
    case 'plan':
      return second && rest.length === 0 ? { kind: 'plan', item: second } : { kind: 'usage' };
    default:
      return { kind: 'show', text: trimmed };
  }
}

export function parseImportForm(values: unknown): ParseResult<{ format: TransferFormat; text: string }> {
  const fields = viewFields(values);
  return build({ format: choice(fields, CMDB_FIELDS.format, formatSchema), text: required(fields, CMDB_FIELDS.text) }, (v) => v);
}
