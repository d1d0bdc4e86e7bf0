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
import { build, choice, pickedUser, required, type FieldResult } from '../form-fields.js';
import { viewFields, type ParseResult, type ViewFields } from '../view-state.js';
import type { FormEvent } from './action-blocks.js';

type Parsed = ParseResult<IncidentEvent>;

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

function incidentNumber(fields: ViewFields, field: string): FieldResult<string> {
  const parsed = parseRecordNumber(fields.text(field));
  return parsed?.prefix === 'INC'
    ? { ok: true, field, value: formatRecordNumber('INC', parsed.sequence) }
    : { ok: false, field, error: { key: 'incident.validation.incident_number' } };
}
