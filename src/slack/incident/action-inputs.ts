// Turns a submitted action modal into the life-cycle event it asks for, or inline field errors.
import {
  escalationTierSchema,
  holdKindSchema,
  noteVisibilitySchema,
  resolutionCodeSchema,
  type IncidentEvent,
} from '../../domain/incident.js';
import { impactSchema, priorityOf, urgencySchema, type PriorityMatrix } from '../../domain/priority.js';
import { ACTION_FIELDS } from '../ids.js';
import { buildForm, choice, pickedUser, recordNumber, required } from '../form-fields.js';
import { viewFields, type ParseResult } from '../view-state.js';
import type { FormEvent } from './action-blocks.js';

type Parsed = ParseResult<IncidentEvent>;

export function parseActionForm(event: FormEvent, values: unknown, matrix: PriorityMatrix): Parsed {
  const fields = viewFields(values);
  switch (event) {
    case 'add_note':
      return buildForm({ text: required(fields, ACTION_FIELDS.text), visibility: choice(fields, ACTION_FIELDS.visibility, noteVisibilitySchema) }, (v) => ({ type: 'add_note', ...v }));
    case 'hold':
      return buildForm({ kind: choice(fields, ACTION_FIELDS.holdKind, holdKindSchema), reason: required(fields, ACTION_FIELDS.reason) }, (v) => ({ type: 'hold', ...v }));
    case 'resolve':
      return buildForm({ code: choice(fields, ACTION_FIELDS.resolutionCode, resolutionCodeSchema), notes: required(fields, ACTION_FIELDS.notes) }, (v) => ({ type: 'resolve', ...v }));
    case 'escalate_functional':
      return buildForm({ tier: choice(fields, ACTION_FIELDS.tier, escalationTierSchema), reason: required(fields, ACTION_FIELDS.reason) }, (v) => ({ type: 'escalate_functional', ...v }));
    case 'escalate_hierarchical':
    case 'reopen':
      return buildForm({ reason: required(fields, ACTION_FIELDS.reason) }, (v) => ({ type: event, ...v }));
    case 'change_priority':
      return buildForm(
        { impact: choice(fields, ACTION_FIELDS.impact, impactSchema), urgency: choice(fields, ACTION_FIELDS.urgency, urgencySchema), reason: required(fields, ACTION_FIELDS.reason) },
        (v) => ({ type: 'change_priority', ...v, priority: priorityOf(matrix, v.impact, v.urgency) }),
      );
    case 'declare_major':
      return buildForm({ leadId: pickedUser(fields, ACTION_FIELDS.lead), summary: required(fields, ACTION_FIELDS.summary) }, (v) => ({ type: 'declare_major', ...v }));
    case 'major_update':
      return buildForm({ text: required(fields, ACTION_FIELDS.text) }, (v) => ({ type: 'major_update', ...v }));
    case 'mark_duplicate':
      return buildForm({ duplicateOf: recordNumber(fields, ACTION_FIELDS.duplicateOf, 'INC', 'incident.validation.incident_number'), notes: { ok: true, field: ACTION_FIELDS.notes, value: fields.text(ACTION_FIELDS.notes) } }, (v) => ({
        type: 'mark_duplicate',
        ...v,
      }));
  }
}
