// Turns a submitted action modal into the life-cycle event it asks for, or inline field errors.
import {
  escalationTierSchema,
  holdKindSchema,
  noteVisibilitySchema,
  resolutionCodeSchema,
  type IncidentEvent,
} from '../../domain/incident.js';
import { formatRecordNumber, parseRecordNumber } from '../../domain/numbering.js';
import { impactSchema, priorityOf, urgencySchema, type PriorityMatrix } from '../../domain/priority.js';
import { ACTION_FIELDS } from '../ids.js';
import { viewFields, type FieldErrors, type ParseResult, type ViewFields } from '../view-state.js';
import type { FormEvent } from './action-blocks.js';

type Parsed = ParseResult<IncidentEvent>;

const REQUIRED = { key: 'incident.validation.required' } as const;
const CHOOSE_ONE = { key: 'incident.validation.choose_one' } as const;

export function parseActionForm(event: FormEvent, values: unknown, matrix: PriorityMatrix): Parsed {
  const fields = viewFields(values);
  switch (event) {
    case 'add_note':
      return build({ text: required(fields, ACTION_FIELDS.text), visibility: choice(fields, ACTION_FIELDS.visibility, noteVisibilitySchema) }, (v) => ({ type: 'add_note', ...v }));
    case 'hold':
      return build({ kind: choice(fields, ACTION_FIELDS.holdKind, holdKindSchema), reason: required(fields, ACTION_FIELDS.reason) }, (v) => ({ type: 'hold', ...v }));
    case 'resolve':
      return build({ code: choice(fields, ACTION_FIELDS.resolutionCode, resolutionCodeSchema), notes: required(fields, ACTION_FIELDS.notes) }, (v) => ({ type: 'resolve', ...v }));
    case 'escalate_functional':
      return build({ tier: choice(fields, ACTION_FIELDS.tier, escalationTierSchema), reason: required(fields, ACTION_FIELDS.reason) }, (v) => ({ type: 'escalate_functional', ...v }));
    case 'escalate_hierarchical':
    case 'reopen':
      return build({ reason: required(fields, ACTION_FIELDS.reason) }, (v) => ({ type: event, ...v }));
    case 'change_priority':
      return build(
        { impact: choice(fields, ACTION_FIELDS.impact, impactSchema), urgency: choice(fields, ACTION_FIELDS.urgency, urgencySchema), reason: required(fields, ACTION_FIELDS.reason) },
        (v) => ({ type: 'change_priority', ...v, priority: priorityOf(matrix, v.impact, v.urgency) }),
      );
    case 'declare_major':
      return build({ leadId: pickedUser(fields, ACTION_FIELDS.lead), summary: required(fields, ACTION_FIELDS.summary) }, (v) => ({ type: 'declare_major', ...v }));
    case 'major_update':
      return build({ text: required(fields, ACTION_FIELDS.text) }, (v) => ({ type: 'major_update', ...v }));
    case 'mark_duplicate':
      return build({ duplicateOf: incidentNumber(fields, ACTION_FIELDS.duplicateOf), notes: { ok: true, field: ACTION_FIELDS.notes, value: fields.text(ACTION_FIELDS.notes) } }, (v) => ({
        type: 'mark_duplicate',
        ...v,
      }));
  }
}

type FieldResult<T> = { ok: true; field: string; value: T } | { ok: false; field: string; error: FieldErrors[string] };

function required(fields: ViewFields, field: string): FieldResult<string> {
  const value = fields.text(field);
  return value ? { ok: true, field, value } : { ok: false, field, error: REQUIRED };
}

function choice<T>(fields: ViewFields, field: string, schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }): FieldResult<T> {
  const parsed = schema.safeParse(fields.choice(field));
  return parsed.success ? { ok: true, field, value: parsed.data } : { ok: false, field, error: CHOOSE_ONE };
}

function pickedUser(fields: ViewFields, field: string): FieldResult<string> {
  const user = fields.user(field);
  return user ? { ok: true, field, value: user } : { ok: false, field, error: CHOOSE_ONE };
}

function incidentNumber(fields: ViewFields, field: string): FieldResult<string> {
  const parsed = parseRecordNumber(fields.text(field));
  return parsed?.prefix === 'INC'
    ? { ok: true, field, value: formatRecordNumber('INC', parsed.sequence) }
    : { ok: false, field, error: { key: 'incident.validation.incident_number' } };
}

/** Collects every field's error at once, so the modal shows them all together. */
function build<Shape extends Record<string, FieldResult<unknown>>>(
  shape: Shape,
  toEvent: (values: { [K in keyof Shape]: Shape[K] extends FieldResult<infer T> ? T : never }) => IncidentEvent,
): Parsed {
  const errors: FieldErrors = {};
  const values: Record<string, unknown> = {};
  for (const [name, result] of Object.entries(shape)) {
    if (result.ok) values[name] = result.value;
    else errors[result.field] = result.error;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  // Every entry of `shape` was ok, so `values` has each key with its parsed type.
  return { ok: true, value: toEvent(values as Parameters<typeof toEvent>[0]) };
}
