// Turns a submitted problem action modal into the event it asks for, or inline field errors.
import { impactSchema, priorityOf, urgencySchema, type PriorityMatrix } from '../../domain/priority.js';
import type { ProblemEvent } from '../../domain/problem.js';
import { build, choice, optionalText, recordNumbers, required, type FieldResult } from '../form-fields.js';
import { PROBLEM_FIELDS } from '../ids.js';
import { viewFields, type ParseResult, type ViewFields } from '../view-state.js';
import type { ProblemFormEvent } from './action-blocks.js';

/** One event, or (linking) the incidents to link, each its own event. */
export type ProblemRequest = { kind: 'event'; event: ProblemEvent } | { kind: 'link'; incidents: string[] };

export function parseProblemActionForm(event: ProblemFormEvent, values: unknown, matrix: PriorityMatrix): ParseResult<ProblemRequest> {
  const fields = viewFields(values);
  const asEvent = (value: ProblemEvent): ProblemRequest => ({ kind: 'event', event: value });
  switch (event) {
    case 'record_known_error':
      return build({ rootCause: optionalText(fields, PROBLEM_FIELDS.rootCause), workaround: optionalText(fields, PROBLEM_FIELDS.workaround) }, (v) => asEvent({ type: 'record_known_error', ...v }));
    case 'resolve':
      return build({ resolution: required(fields, PROBLEM_FIELDS.resolution), changeNumber: changeNumber(fields) }, (v) => asEvent({ type: 'resolve', ...v }));
    case 'link_incident':
      return build({ incidents: recordNumbers(fields, PROBLEM_FIELDS.incidents, 'INC', 'problem.validation.incident_numbers') }, (v): ProblemRequest => ({ kind: 'link', incidents: v.incidents }));
    case 'add_note':
      return build({ text: required(fields, PROBLEM_FIELDS.text) }, (v) => asEvent({ type: 'add_note', ...v }));
    case 'change_priority':
      return build(
        { impact: choice(fields, PROBLEM_FIELDS.impact, impactSchema), urgency: choice(fields, PROBLEM_FIELDS.urgency, urgencySchema), reason: required(fields, PROBLEM_FIELDS.reason) },
        (v) => asEvent({ type: 'change_priority', ...v, priority: priorityOf(matrix, v.impact, v.urgency) }),
      );
    case 'reopen':
    case 'cancel':
      return build({ reason: required(fields, PROBLEM_FIELDS.reason) }, (v) => asEvent({ type: event, ...v }));
  }
}

/** Optional; when given, a change number such as CHG-000123. */
function changeNumber(fields: ViewFields): FieldResult<string | undefined> {
  const numbers = recordNumbers(fields, PROBLEM_FIELDS.changeNumber, 'CHG', 'problem.validation.change_number', true);
  if (!numbers.ok) return numbers;
  if (numbers.value.length > 1) return { ok: false, field: numbers.field, error: { key: 'problem.validation.change_number' } };
  return { ok: true, field: numbers.field, value: numbers.value[0] };
}
