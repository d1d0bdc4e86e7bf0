// Parses what Slack sends for problems (command text, the form, its metadata) into service input,
// with field errors worded for the person filling it in.
import { z } from 'zod';
import type { CategoryTree } from '../../domain/category.js';
import { formatRecordNumber, parseRecordNumber } from '../../domain/numbering.js';
import { PROBLEM_SOURCES, type ProblemSource } from '../../domain/problem.js';
import { choice, recordNumbers } from '../form-fields.js';
import { PROBLEM_FIELDS } from '../ids.js';
import { parseRecordFields, type RecordFields } from '../record-form.js';
import { viewFields, type FieldErrors, type ParseResult } from '../view-state.js';

export type ProblemCommand = { kind: 'form'; title: string } | { kind: 'show'; number: string } | { kind: 'usage' };

/** `/problem` alone, `/problem <what the problem is>` (the form, titled), `/problem show PRB-…`. */
export function parseProblemCommand(text: string): ProblemCommand {
  const trimmed = text.trim();
  const [first = '', second = '', ...rest] = trimmed.split(/\s+/);
  if (first.toLowerCase() === 'show') {
    const parsed = rest.length === 0 ? parseRecordNumber(second) : null;
    return parsed?.prefix === 'PRB' ? { kind: 'show', number: formatRecordNumber('PRB', parsed.sequence) } : { kind: 'usage' };
  }
  if (first.toLowerCase() === 'help') return { kind: 'usage' };
  return { kind: 'form', title: trimmed };
}

export interface ProblemForm extends RecordFields {
  source: ProblemSource;
  incidents: string[];
}

const sourceSchema = z.enum(PROBLEM_SOURCES);

export function parseProblemForm(values: unknown, categories: CategoryTree): ParseResult<ProblemForm> {
  const fields = viewFields(values);
  const errors: FieldErrors = {};
  const source = choice(fields, PROBLEM_FIELDS.source, sourceSchema);
  const incidents = recordNumbers(fields, PROBLEM_FIELDS.incidents, 'INC', 'problem.validation.incident_numbers', true);
  if (!source.ok) errors[source.field] = source.error;
  if (!incidents.ok) errors[incidents.field] = incidents.error;
  const record = parseRecordFields(fields, categories, errors, 'problem.validation.title_required');
  if (!record || !source.ok || !incidents.ok) return { ok: false, errors };
  return { ok: true, value: { ...record, source: source.value, incidents: incidents.value } };
}

/** Where the form was opened: from the command, an incident card, or a problem candidate. */
export const createMetadataSchema = z.object({ candidateId: z.number().int().positive().optional() });
export type CreateMetadata = z.infer<typeof createMetadataSchema>;

export function parseCreateMetadata(text: string): CreateMetadata {
  try {
    return createMetadataSchema.parse(JSON.parse(text));
  } catch {
    return {};
  }
}
