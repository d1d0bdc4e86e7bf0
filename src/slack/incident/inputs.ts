// Parses what Slack sends for incidents (command text, modal state) into service input, with
// field errors worded for the reporter.
import { z } from 'zod';
import { isKnownCategory, type CategoryTree } from '../../domain/category.js';
import { formatRecordNumber, parseRecordNumber } from '../../domain/numbering.js';
import { INCIDENT_LIST_FILTERS, type IncidentListFilter } from '../../db/repositories/incidents.js';
import { impactSchema, urgencySchema, type Impact, type Urgency } from '../../domain/priority.js';
import { CMDB_PICK_ACTION, REPORT_FIELDS } from '../ids.js';
import { truncate } from '../limits.js';
import { viewFields, type FieldErrors, type ParseResult } from '../view-state.js';
import { DESCRIPTION_MAX, SERVICE_MAX, TITLE_MAX } from './blocks.js';

export interface ReportForm {
  title: string;
  description: string;
  impact: Impact;
  urgency: Urgency;
  categoryPath: string | null;
  affectedService: string | null;
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

  const title = fields.text(REPORT_FIELDS.title);
  if (!title) errors[REPORT_FIELDS.title] = { key: 'incident.validation.title_required' };
  else if (Array.from(title).length > TITLE_MAX) {
    errors[REPORT_FIELDS.title] = { key: 'incident.validation.title_too_long', params: { max: TITLE_MAX } };
  }
  const description = fields.text(REPORT_FIELDS.description);
  if (Array.from(description).length > DESCRIPTION_MAX) {
    errors[REPORT_FIELDS.description] = { key: 'incident.validation.description_too_long', params: { max: DESCRIPTION_MAX } };
  }
  const impact = impactSchema.safeParse(fields.choice(REPORT_FIELDS.impact));
  if (!impact.success) errors[REPORT_FIELDS.impact] = { key: 'incident.validation.choose_one' };
  const urgency = urgencySchema.safeParse(fields.choice(REPORT_FIELDS.urgency));
  if (!urgency.success) errors[REPORT_FIELDS.urgency] = { key: 'incident.validation.choose_one' };
  const categoryPath = fields.choice(REPORT_FIELDS.category) ?? null;
  if (categoryPath !== null && !isKnownCategory(categories, categoryPath)) {
    errors[REPORT_FIELDS.category] = { key: 'incident.validation.unknown_category' };
  }
  // A service or item named in words, else the configuration item picked from the CMDB.
  const affectedService = fields.text(REPORT_FIELDS.service) || fields.choice(REPORT_FIELDS.configurationItem, CMDB_PICK_ACTION) || null;
  if (affectedService && Array.from(affectedService).length > SERVICE_MAX) {
    errors[REPORT_FIELDS.service] = { key: 'incident.validation.service_too_long', params: { max: SERVICE_MAX } };
  }
  const isSecurity = allowSecurity && fields.choices(REPORT_FIELDS.security).includes('yes');

  if (!impact.success || !urgency.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: { title, description: description || title, impact: impact.data, urgency: urgency.data, categoryPath, affectedService, isSecurity },
  };
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
