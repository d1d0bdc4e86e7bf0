// Parses the maintenance forms and the occurrence a reminder's buttons carry.
import { z } from 'zod';
import { cronFieldsOf } from '../../jobs/cron-fields.js';
import { POSTPONE_DAYS, type PostponeDays } from '../../domain/maintenance.js';
import { RECURRENCE_KINDS, type Recurrence } from '../../domain/recurrence.js';
import { build, choice, pickedUser, required, type FieldResult } from '../form-fields.js';
import { MAINTENANCE_FIELDS } from '../ids.js';
import { viewFields, type ParseResult, type ViewFields } from '../view-state.js';

export interface PlanForm {
  title: string;
  ownerId: string;
  recurrence: Recurrence;
}

const TIME = /^([01]?\d|2[0-3]):([0-5]\d)$/;

export function parsePlanForm(values: unknown): ParseResult<PlanForm> {
  const fields = viewFields(values);
  const kind = choice(fields, MAINTENANCE_FIELDS.kind, z.enum(RECURRENCE_KINDS));
  return build(
    {
      title: required(fields, MAINTENANCE_FIELDS.title),
      ownerId: pickedUser(fields, MAINTENANCE_FIELDS.owner),
      recurrence: kind.ok ? recurrence(fields, kind.value) : kind,
    },
    (v) => v,
  );
}

function recurrence(fields: ViewFields, kind: Recurrence['kind']): FieldResult<Recurrence> {
  const fail = (field: string, key: 'maintenance.validation.time' | 'maintenance.validation.day' | 'maintenance.validation.cron' | 'incident.validation.choose_one'): FieldResult<Recurrence> => ({ ok: false, field, error: { key } });
  if (kind === 'cron') {
    const expression = fields.text(MAINTENANCE_FIELDS.cron);
    const cronFields = cronFieldsOf(expression);
    return cronFields ? { ok: true, field: MAINTENANCE_FIELDS.cron, value: { kind, expression, fields: cronFields } } : fail(MAINTENANCE_FIELDS.cron, 'maintenance.validation.cron');
  }
  const time = TIME.exec(fields.text(MAINTENANCE_FIELDS.at));
  if (!time) return fail(MAINTENANCE_FIELDS.at, 'maintenance.validation.time');
  const at = `${(time[1] ?? '').padStart(2, '0')}:${time[2] ?? '00'}`;
  if (kind === 'daily') return { ok: true, field: MAINTENANCE_FIELDS.at, value: { kind, at } };
  if (kind === 'weekly') {
    const weekday = Number(fields.choice(MAINTENANCE_FIELDS.weekday));
    return weekday >= 1 && weekday <= 7 ? { ok: true, field: MAINTENANCE_FIELDS.weekday, value: { kind, weekday, at } } : fail(MAINTENANCE_FIELDS.weekday, 'incident.validation.choose_one');
  }
  const day = Number(fields.text(MAINTENANCE_FIELDS.day));
  return Number.isInteger(day) && day >= 1 && day <= 31 ? { ok: true, field: MAINTENANCE_FIELDS.day, value: { kind, day, at } } : fail(MAINTENANCE_FIELDS.day, 'maintenance.validation.day');
}

export function parsePostponeForm(values: unknown): ParseResult<{ days: PostponeDays; reason: string }> {
  const fields = viewFields(values);
  const days = z.coerce.number().pipe(z.union(POSTPONE_DAYS.map((value) => z.literal(value))));
  return build({ days: choice(fields, MAINTENANCE_FIELDS.days, days), reason: required(fields, MAINTENANCE_FIELDS.reason) }, (v) => v);
}

/** A reminder's button value: the plan and the due time of the occurrence it is about. */
export function occurrenceValue(planId: number, dueAt: Date): string {
  return `${planId}:${dueAt.getTime()}`;
}

export function parseOccurrence(value: string): { planId: number; dueAt: Date } | null {
  const match = /^(\d+):(\d+)$/.exec(value);
  return match ? { planId: Number(match[1]), dueAt: new Date(Number(match[2])) } : null;
}
