// Parses what Slack sends for changes (command text, modal state) into service input, with field
// errors worded for the person filling the form.
import { z } from 'zod';
import { CHANGE_TYPES, type ChangeEvent } from '../../domain/change.js';
import { parseCiUpdates, type CiUpdate, type LineProblem } from '../../domain/cmdb.js';
import type { ScheduleCheck } from '../../domain/change-schedule.js';
import { riskLevelSchema, type RiskAnswers } from '../../domain/risk.js';
import type { RaiseChangeInput, DecisionInput } from '../../services/changes.js';
import type { StandardChangeTemplate } from '../../settings/changes.js';
import { recordNumberArgument } from '../../domain/numbering.js';
import { build, choice, required, type FieldResult } from '../form-fields.js';
import { localTime } from '../format.js';
import { CHANGE_FIELDS, CMDB_PICK_ACTION } from '../ids.js';
import { viewFields, type FieldErrors, type ParseResult, type ViewFields } from '../view-state.js';
import { CHANGE_TITLE_MAX, type ChangeFormEvent } from './modals.js';

export type ChangeCommand = { kind: 'form' } | { kind: 'calendar' } | { kind: 'release' } | { kind: 'show'; number: string } | { kind: 'usage' };

/** `/change`, `/change calendar`, `/change release`, `/change show CHG-…` (or just the number). */
export function parseChangeCommand(text: string): ChangeCommand {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { kind: 'form' };
  const first = words[0]?.toLowerCase();
  if (first === 'calendar' && words.length === 1) return { kind: 'calendar' };
  if (first === 'release' && words.length === 1) return { kind: 'release' };
  const number = recordNumberArgument(words, 'CHG');
  return number ? { kind: 'show', number } : { kind: 'usage' };
}

const yesNoSchema = z.enum(['yes', 'no']).transform((answer) => answer === 'yes');
const levelSchema = z.enum(['low', 'medium', 'high']);
const listOf = (text: string) => [...new Set(text.split(/[,，;\n]/).map((part) => part.trim()).filter(Boolean))];

export type RaiseForm = Omit<RaiseChangeInput, 'requestKey' | 'raisedFrom'>;

/** The raise form, or every field error at once. A standard change takes its plans from its template. */
export function parseRaiseForm(values: unknown, templates: readonly StandardChangeTemplate[]): ParseResult<RaiseForm> {
  const fields = viewFields(values);
  const type = choice(fields, CHANGE_FIELDS.type, z.enum(CHANGE_TYPES));
  const template = templates.find((candidate) => candidate.id === fields.choice(CHANGE_FIELDS.template)) ?? null;
  const standard = type.ok && type.value === 'standard';
  const plan = (field: string, fromTemplate: string | undefined): FieldResult<string> => {
    const text = fields.text(field);
    return text || !standard ? required(fields, field) : { ok: true, field, value: fromTemplate ?? '' };
  };
  const parsed = build(
    {
      title: title(fields),
      type,
      template: standard && !template ? ({ ok: false, field: CHANGE_FIELDS.template, error: { key: 'change.validation.template_required' } } as const) : ({ ok: true, field: CHANGE_FIELDS.template, value: template } as const),
      window: window(fields),
      implementer: { ok: true, field: CHANGE_FIELDS.implementer, value: fields.user(CHANGE_FIELDS.implementer) ?? '' },
      implementationPlan: plan(CHANGE_FIELDS.implementationPlan, template?.implementationPlan),
      backoutPlan: plan(CHANGE_FIELDS.backoutPlan, template?.backoutPlan),
      testPlan: plan(CHANGE_FIELDS.testPlan, template?.testPlan),
      items: affected(fields),
      cmdbUpdates: cmdbUpdates(fields),
      riskAnswers: riskAnswers(fields),
    },
    (v): RaiseForm => ({
      title: v.title,
      description: fields.text(CHANGE_FIELDS.description) || v.template?.description || v.title,
      type: v.type,
      templateId: v.type === 'standard' ? (v.template?.id ?? null) : null,
      affectedServices: v.items.services,
      configurationItemIds: v.items.configurationItemIds,
      plannedStart: v.window.start,
      plannedEnd: v.window.end,
      implementationPlan: v.implementationPlan,
      backoutPlan: v.backoutPlan,
      testPlan: v.testPlan,
      riskAnswers: v.riskAnswers,
      implementerId: v.implementer,
      acceptClashes: fields.choices(CHANGE_FIELDS.acceptClashes).includes('yes'),
      freezeOverrideReason: fields.text(CHANGE_FIELDS.freezeOverride) || null,
      cmdbUpdates: v.cmdbUpdates,
    }),
  );
  if (!parsed.ok || parsed.value.implementerId) return parsed;
  return { ok: false, errors: { [CHANGE_FIELDS.implementer]: { key: 'incident.validation.choose_one' } } };
}

function title(fields: ViewFields): FieldResult<string> {
  const result = required(fields, CHANGE_FIELDS.title);
  if (result.ok && Array.from(result.value).length > CHANGE_TITLE_MAX) {
    return { ok: false, field: CHANGE_FIELDS.title, error: { key: 'incident.validation.title_too_long', params: { max: CHANGE_TITLE_MAX } } };
  }
  return result;
}

function window(fields: ViewFields): FieldResult<{ start: Date; end: Date }> {
  const start = fields.dateTime(CHANGE_FIELDS.plannedStart);
  const end = fields.dateTime(CHANGE_FIELDS.plannedEnd);
  if (!start) return { ok: false, field: CHANGE_FIELDS.plannedStart, error: { key: 'incident.validation.required' } };
  if (!end) return { ok: false, field: CHANGE_FIELDS.plannedEnd, error: { key: 'incident.validation.required' } };
  if (end.getTime() <= start.getTime()) return { ok: false, field: CHANGE_FIELDS.plannedEnd, error: { key: 'change.validation.end_before_start' } };
  return { ok: true, field: CHANGE_FIELDS.plannedStart, value: { start, end } };
}

/** The items picked from the CMDB, and those the CMDB updates name. */
function affected(fields: ViewFields): FieldResult<{ configurationItemIds: string[]; services: string[] }> {
  const updates = parseCiUpdates(fields.text(CHANGE_FIELDS.cmdbUpdates));
  const updated = updates.ok ? updates.updates.map((update) => update.itemKey) : [];
  const configurationItemIds = [...new Set([...fields.choices(CHANGE_FIELDS.configurationItems, CMDB_PICK_ACTION), ...updated])];
  const services = listOf(fields.text(CHANGE_FIELDS.services));
  if (configurationItemIds.length === 0 && services.length === 0) {
    return { ok: false, field: CHANGE_FIELDS.configurationItems, error: { key: 'change.validation.items_required' } };
  }
  return { ok: true, field: CHANGE_FIELDS.configurationItems, value: { configurationItemIds, services } };
}

/** "ITEM field=value" lines; the first malformed one is pointed out (the CMDB itself is checked by the listener). */
function cmdbUpdates(fields: ViewFields): FieldResult<CiUpdate[]> {
  const parsed = parseCiUpdates(fields.text(CHANGE_FIELDS.cmdbUpdates));
  if (parsed.ok) return { ok: true, field: CHANGE_FIELDS.cmdbUpdates, value: parsed.updates };
  return { ok: false, field: CHANGE_FIELDS.cmdbUpdates, error: cmdbUpdateError(parsed.problems) };
}

export function cmdbUpdateError(problems: readonly LineProblem[]): NonNullable<FieldErrors[string]> {
  const [first = { line: 0, problem: 'syntax' as const, detail: '' }] = problems;
  return { key: `change.validation.cmdb_${first.problem}`, params: { line: first.line, detail: first.detail } };
}

function riskAnswers(fields: ViewFields): FieldResult<RiskAnswers> {
  const answers = build(
    {
      impact: choice(fields, CHANGE_FIELDS.impact, levelSchema),
      complexity: choice(fields, CHANGE_FIELDS.complexity, levelSchema),
      tested: choice(fields, CHANGE_FIELDS.tested, yesNoSchema),
      backoutAvailable: choice(fields, CHANGE_FIELDS.backoutAvailable, yesNoSchema),
    },
    (v) => v,
  );
  if (answers.ok) return { ok: true, field: CHANGE_FIELDS.impact, value: answers.value };
  const [field, error] = Object.entries(answers.errors)[0] ?? [CHANGE_FIELDS.impact, undefined];
  return { ok: false, field, error };
}

/** Why the raise form cannot go through as it is: clashes to accept, a freeze to override. */
export function scheduleConflictErrors(check: ScheduleCheck, timeZone: string): FieldErrors {
  const errors: FieldErrors = {};
  if (check.clashes.length > 0) {
    const clashes = check.clashes
      .map((clash) => `${clash.number} (${clash.configurationItemIds.join(', ')}, ${localTime(clash.plannedStart, timeZone)} – ${localTime(clash.plannedEnd, timeZone)})`)
      .join('; ');
    errors[CHANGE_FIELDS.acceptClashes] = { key: 'change.validation.clashes', params: { clashes } };
  }
  if (check.blocked) {
    const freezes = check.freezes.map((freeze) => `${freeze.name} (${localTime(freeze.start, timeZone)} – ${localTime(freeze.end, timeZone)})`).join('; ');
    errors[CHANGE_FIELDS.plannedStart] = { key: 'change.validation.frozen', params: { freezes } };
  }
  return errors;
}

export type ChangeFormAction = { kind: 'event'; event: ChangeEvent } | { kind: 'decision'; decision: DecisionInput };

/** A submitted event modal: the event (or approval decision) it asks for, or inline errors. */
export function parseChangeForm(event: ChangeFormEvent, values: unknown): ParseResult<ChangeFormAction> {
  const fields = viewFields(values);
  const reason = () => required(fields, CHANGE_FIELDS.reason);
  const asEvent = (changeEvent: ChangeEvent): ChangeFormAction => ({ kind: 'event', event: changeEvent });
  switch (event) {
    case 'assess':
      return build({ level: choice(fields, CHANGE_FIELDS.riskLevel, riskLevelSchema) }, ({ level }) => {
        const why = fields.text(CHANGE_FIELDS.reason);
        return asEvent({ type: 'assess', ...(why ? { riskOverride: { level, reason: why } } : {}) });
      });
    case 'reject':
    case 'fail':
    case 'cancel':
      return build({ reason: reason() }, (v) => asEvent({ type: event, reason: v.reason }));
    case 'retrospective_review':
      return build({ notes: required(fields, CHANGE_FIELDS.notes) }, (v) => asEvent({ type: 'retrospective_review', notes: v.notes }));
    case 'review_done': {
      const effects = fields.choice(CHANGE_FIELDS.negativeEffects) === 'yes';
      if (effects && !fields.text(CHANGE_FIELDS.notes)) return { ok: false, errors: { [CHANGE_FIELDS.notes]: { key: 'change.validation.describe_effects' } } };
      return build(
        {
          objectivesMet: choice(fields, CHANGE_FIELDS.objectivesMet, yesNoSchema),
          customerSatisfied: choice(fields, CHANGE_FIELDS.customerSatisfied, yesNoSchema),
          unexpectedNegativeEffects: choice(fields, CHANGE_FIELDS.negativeEffects, yesNoSchema),
        },
        (v) => asEvent({ type: 'review_done', review: { ...v, notes: fields.text(CHANGE_FIELDS.notes) } }),
      );
    }
    case 'approve':
      return { ok: true, value: { kind: 'decision', decision: { decision: 'approve', comment: fields.text(CHANGE_FIELDS.comment) } } };
    case 'decline':
      return build({ reason: reason() }, (v): ChangeFormAction => ({ kind: 'decision', decision: { decision: 'reject', reason: v.reason } }));
  }
}
