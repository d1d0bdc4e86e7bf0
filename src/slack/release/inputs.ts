// Parses the release modals into service input, with field errors.
import { formatRecordNumber, parseRecordNumber } from '../../domain/numbering.js';
import type { PlanReleaseInput } from '../../services/releases.js';
import { build, required, type FieldResult } from '../form-fields.js';
import { RELEASE_FIELDS } from '../ids.js';
import { viewFields, type ParseResult, type ViewFields } from '../view-state.js';

function changeNumbers(fields: ViewFields): FieldResult<string[]> {
  const words = fields.text(RELEASE_FIELDS.changes).split(/[\s,，;]+/).filter(Boolean);
  const parsed = words.map((word) => parseRecordNumber(word));
  if (words.length === 0 || parsed.some((number) => number?.prefix !== 'CHG')) {
    return { ok: false, field: RELEASE_FIELDS.changes, error: { key: 'release.validation.changes' } };
  }
  return { ok: true, field: RELEASE_FIELDS.changes, value: [...new Set(parsed.map((number) => formatRecordNumber('CHG', number!.sequence)))] };
}

function plannedFor(fields: ViewFields): FieldResult<Date> {
  const value = fields.dateTime(RELEASE_FIELDS.plannedFor);
  return value ? { ok: true, field: RELEASE_FIELDS.plannedFor, value } : { ok: false, field: RELEASE_FIELDS.plannedFor, error: { key: 'incident.validation.required' } };
}

export function parsePlanForm(values: unknown): ParseResult<Omit<PlanReleaseInput, 'requestKey'>> {
  const fields = viewFields(values);
  return build(
    {
      name: required(fields, RELEASE_FIELDS.name),
      changeNumbers: changeNumbers(fields),
      plannedFor: plannedFor(fields),
      backoutPlan: required(fields, RELEASE_FIELDS.backoutPlan),
      acceptanceCriteria: required(fields, RELEASE_FIELDS.acceptance),
      notes: required(fields, RELEASE_FIELDS.notes),
    },
    (v) => v,
  );
}

export function parseRollBackForm(values: unknown): ParseResult<{ reason: string }> {
  return build({ reason: required(viewFields(values), RELEASE_FIELDS.reason) }, (v) => v);
}
