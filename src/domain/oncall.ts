// On-call rotations (值班): who answers for a team at a given moment, from an ordered list of
// members handing over daily or weekly at a local time, with overrides on top.
import { TZDate } from '@date-fns/tz';
import { addDays, differenceInCalendarDays, startOfDay } from 'date-fns';
import { z } from 'zod';
import { DomainError } from './errors.js';
import { hasAnyRole, type Actor } from './roles.js';
import { timeZoneSchema } from './time-zone.js';

export const rotationSchema = z.object({
  team: z.string().regex(/^[a-z0-9_-]+$/, 'must be lower-case letters, digits, "_" or "-"'),
  cadence: z.enum(['daily', 'weekly']),
  /** Local time of the handoff, HH:mm. */
  handoffAt: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:mm'),
  /** For weekly rotations: ISO weekday of the handoff (1 = Monday). */
  handoffWeekday: z.number().int().min(1).max(7).default(1),
  timeZone: timeZoneSchema,
  /** The first shift starts on this local date (YYYY-MM-DD) with the first member. */
  startsOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD'),
  members: z.array(z.string().min(1)).min(1),
  /** Where handoffs are announced (a channel id); the service desk channel when not given. */
  channel: z.string().optional(),
  /** Team leads (user ids): they may set overrides for this team with `/oncall override`. */
  leads: z.array(z.string().min(1)).default([]),
});
export type Rotation = z.infer<typeof rotationSchema>;

export const overrideSchema = z.object({
  team: z.string(),
  userId: z.string().min(1),
  from: z.coerce.date(),
  to: z.coerce.date(),
});
export type Override = z.infer<typeof overrideSchema>;

/** The longest override a lead may set in one go: longer absences belong in the rotation itself. */
export const MAX_OVERRIDE_DAYS = 31;

/** Refuses an override that ends before it starts, lies in the past or runs too long. */
export function checkOverrideWindow(from: Date, to: Date, now: Date): void {
  if (to.getTime() <= from.getTime()) throw new DomainError('override_window_invalid');
  if (to.getTime() <= now.getTime()) throw new DomainError('override_in_past');
  if (to.getTime() - from.getTime() > MAX_OVERRIDE_DAYS * 86_400_000) throw new DomainError('override_too_long', { days: MAX_OVERRIDE_DAYS });
}

/** Whether the actor may set overrides for the rotation: its leads, and admins. */
export function mayOverride(actor: Actor, rotation: Rotation): boolean {
  return rotation.leads.includes(actor.userId) || hasAnyRole(actor, ['admin']);
}

/**
 * A wall-clock time "YYYY-MM-DD" or "YYYY-MM-DD HH:mm" in the given time zone, as an instant;
 * undefined for a date that does not exist (such as 2026-02-30).
 */
export function localDateTime(text: string, timeZone: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}))?$/.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day, hours, minutes] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number];
  if (hours > 23 || minutes > 59) return undefined;
  const local = new TZDate(year, month - 1, day, hours, minutes, 0, timeZone);
  if (local.getFullYear() !== year || local.getMonth() !== month - 1 || local.getDate() !== day) return undefined;
  return new Date(local.getTime());
}

export interface Shift {
  team: string;
  userId: string;
  startsAt: Date;
  endsAt: Date;
  /** True when an override replaces the rotation's member for this time. */
  isOverride: boolean;
}

/** Who is on call for the rotation's team at `at` (an override wins), with the shift's bounds. */
export function onCallAt(rotation: Rotation, overrides: readonly Override[], at: Date): Shift {
  const override = overrides.find((candidate) => candidate.team === rotation.team && candidate.from <= at && at < candidate.to);
  if (override) return { team: rotation.team, userId: override.userId, startsAt: override.from, endsAt: override.to, isOverride: true };
  return rotationShiftAt(rotation, at);
}

/** The rotation's own shift at `at`, ignoring overrides. */
export function rotationShiftAt(rotation: Rotation, at: Date): Shift {
  const startsAt = lastHandoffAtOrBefore(rotation, at);
  const endsAt = nextHandoff(rotation, startsAt);
  const index = shiftIndex(rotation, startsAt);
  const members = rotation.members;
  const userId = members[((index % members.length) + members.length) % members.length] ?? members[0]!;
  return { team: rotation.team, userId, startsAt, endsAt, isOverride: false };
}

/** The handoffs (shift starts) in (from, to], oldest first: for the handoff announcements. */
export function handoffsBetween(rotation: Rotation, from: Date, to: Date): Shift[] {
  const shifts: Shift[] = [];
  let start = nextHandoff(rotation, lastHandoffAtOrBefore(rotation, from));
  while (start <= to) {
    shifts.push(rotationShiftAt(rotation, start));
    start = nextHandoff(rotation, start);
  }
  return shifts;
}

const [hoursOf, minutesOf] = [(text: string) => Number(text.slice(0, 2)), (text: string) => Number(text.slice(3, 5))];

function handoffOnLocalDay(rotation: Rotation, localDay: TZDate): TZDate {
  const day = startOfDay(localDay);
  return new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), hoursOf(rotation.handoffAt), minutesOf(rotation.handoffAt), 0, rotation.timeZone);
}

function lastHandoffAtOrBefore(rotation: Rotation, at: Date): Date {
  const local = new TZDate(at, rotation.timeZone);
  let candidate = handoffOnLocalDay(rotation, local);
  if (candidate.getTime() > at.getTime()) candidate = handoffOnLocalDay(rotation, addDays(local, -1));
  if (rotation.cadence === 'weekly') {
    while (isoWeekday(candidate) !== rotation.handoffWeekday) candidate = handoffOnLocalDay(rotation, addDays(candidate, -1));
  }
  return new Date(candidate.getTime());
}

function nextHandoff(rotation: Rotation, shiftStart: Date): Date {
  const local = new TZDate(shiftStart, rotation.timeZone);
  return new Date(handoffOnLocalDay(rotation, addDays(local, rotation.cadence === 'daily' ? 1 : 7)).getTime());
}

function shiftIndex(rotation: Rotation, shiftStart: Date): number {
  const [year, month, day] = rotation.startsOn.split('-').map(Number) as [number, number, number];
  const firstDay = new TZDate(year, month - 1, day, rotation.timeZone);
  const days = differenceInCalendarDays(new TZDate(shiftStart, rotation.timeZone), firstDay);
  return rotation.cadence === 'daily' ? days : Math.floor(days / 7);
}

function isoWeekday(date: Date): number {
  return date.getDay() === 0 ? 7 : date.getDay();
}
