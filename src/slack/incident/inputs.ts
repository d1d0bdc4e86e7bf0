// Parses what Slack sends for incidents (command text, modal state) into service input, with
// field errors worded for the reporter.
import { z } from 'zod';
import type { CategoryTree } from '../../domain/category.js';
import { formatRecordNumber, parseRecordNumber } from '../../domain/numbering.js';
import { INCIDENT_LIST_FILTERS, type IncidentListFilter } from '../../db/repositories/incidents.js';
import { REPORT_FIELDS } from '../ids.js';
import { truncate } from '../limits.js';
import { viewFields, type FieldErrors, type ParseResult } from '../view-state.js';
import { DESCRIPTION_MAX, parseRecordFields, TITLE_MAX, type RecordFields } from '../record-form.js';

export interface ReportForm extends RecordFields {
  isSecurity: boolean;
}

export type IncidentCommand =
  | { kind: 'form' }
  | { kind: 'report'; text: string }
  | { kind: 'show'; number: string }
  | { kind: 'list'; filter: IncidentListFilter }
  | { kind: 'usage' };

/** `/incident` alone, `/incident <text>`, `/incident show INC-…`, `/incident list [filter]`. */
export function parseIncidentCommand(text: string): IncidentCommand {
  const trimmed = text.trim();
  if (!trimmed) return { kind: 'form' };
  const [first = '', second = '', ...rest] = trimmed.split(/\s+/);
  const verb = first.toLowerCase();
  if (verb === 'show') {
    const parsed = rest.length === 0 ? parseRecordNumber(second) : null;
    return parsed?.prefix === 'INC' ? { kind: 'show', number: formatRecordNumber('INC', parsed.sequence) } : { kind: 'usage' };
  }
  if (verb === 'list') {
    const filter = (second || 'mine').toLowerCase();
    return rest.length === 0 && isListFilter(filter) ? { kind: 'list', filter } : { kind: 'usage' };
  }
  return { kind: 'report', text: trimmed };
}

function isListFilter(value: string): value is IncidentListFilter {
  return (INCIDENT_LIST_FILTERS as readonly string[]).includes(value);
}

/** The incident reported in one line: the first line (cut to the title limit) is the title. */
export function quickReport(text: string): { title: string; description: string } {
  const description = truncate(text.trim(), DESCRIPTION_MAX);
  const firstLine = description.split('\n')[0] ?? description;
  return { title: truncate(firstLine, TITLE_MAX), description };
}

export function parseReportForm(values: unknown, categories: CategoryTree, allowSecurity: boolean): ParseResult<ReportForm> {
  const fields = viewFields(values);
  const errors: FieldErrors = {};
  const record = parseRecordFields(fields, categories, errors, 'incident.validation.title_required');
  const isSecurity = allowSecurity && fields.choices(REPORT_FIELDS.security).includes('yes');
  return record ? { ok: true, value: { ...record, isSecurity } } : { ok: false, errors };
}

/** What the modal carries through Slack and back, in private_metadata. */
export const reportMetadataSchema = z.object({
  source: z.enum(['modal', 'message_shortcut', 'app_home']),
  channelId: z.string().optional(),
  permalink: z.string().optional(),
});
export type ReportMetadata = z.infer<typeof reportMetadataSchema>;

export function parseReportMetadata(text: string): ReportMetadata {
  try {
    return reportMetadataSchema.parse(JSON.parse(text));
  } catch {
    return { source: 'modal' };
  }
}
