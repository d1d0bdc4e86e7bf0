// When planned maintenance recurs: daily, weekly or monthly at a local time, or by a cron
// expression (minute hour day-of-month month day-of-week, parsed outside the domain into the lists
// of values each field allows). Times are wall-clock times in the plan's time zone.
import { TZDate } from '@date-fns/tz';
import { z } from 'zod';

const timeOfDaySchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:mm such as 09:00');

/** The values a cron expression allows in each field; 'L' in dayOfMonth is the month's last day. Sunday is 0. */
export const cronFieldsSchema = z.object({
  minute: z.array(z.number().int().min(0).max(59)).min(1),
  hour: z.array(z.number().int().min(0).max(23)).min(1),
  dayOfMonth: z.array(z.union([z.number().int().min(1).max(31), z.literal('L')])).min(1),
  month: z.array(z.number().int().min(1).max(12)).min(1),
  dayOfWeek: z.array(z.number().int().min(0).max(6)).min(1),
});
export type CronFields = z.infer<typeof cronFieldsSchema>;

export const recurrenceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('daily'), at: timeOfDaySchema }),
  /** weekday: ISO, 1 = Monday … 7 = Sunday. */
  z.object({ kind: z.literal('weekly'), weekday: z.number().int().min(1).max(7), at: timeOfDaySchema }),
  /** A day past the month's end (31 in April) falls on its last day. */
  z.object({ kind: z.literal('monthly'), day: z.number().int().min(1).max(31), at: timeOfDaySchema }),
  z.object({ kind: z.literal('cron'), expression: z.string(), fields: cronFieldsSchema }),
]);
export type Recurrence = z.infer<typeof recurrenceSchema>;
export const RECURRENCE_KINDS = ['daily', 'weekly', 'monthly', 'cron'] as const;

/** Far enough for any expression that matches at all (a 29 February, a Friday the 13th). */
const SEARCH_DAYS = 8 * 366;
const MS_PER_DAY = 86_400_000;

/** The first occurrence strictly after `after`, or null when the recurrence never matches. */
export function nextOccurrence(recurrence: Recurrence, after: Date, timeZone: string): Date | null {
  const local = new TZDate(after, timeZone);
  const firstDay = Date.UTC(local.getFullYear(), local.getMonth(), local.getDate());
  for (let offset = 0; offset <= SEARCH_DAYS; offset += 1) {
    const day = new Date(firstDay + offset * MS_PER_DAY);
    for (const [hour, minute] of timesOn(recurrence, day)) {
      const instant = localInstant(day, hour, minute, timeZone);
      if (instant.getTime() > after.getTime()) return instant;
    }
  }
  return null;
}

/** The (hour, minute) pairs the recurrence allows on a local day (held as a UTC midnight), in order. */
function timesOn(recurrence: Recurrence, day: Date): [number, number][] {
  if (recurrence.kind === 'cron') return cronMatchesDay(recurrence.fields, day) ? cronTimes(recurrence.fields) : [];
  const [hour = 0, minute = 0] = recurrence.at.split(':').map(Number);
  const matches =
    recurrence.kind === 'daily' ||
    (recurrence.kind === 'weekly' && isoWeekday(day) === recurrence.weekday) ||
    (recurrence.kind === 'monthly' && day.getUTCDate() === Math.min(recurrence.day, lastDayOfMonth(day)));
  return matches ? [[hour, minute]] : [];
}

/** As node-cron matches: month, day of month and day of week must all allow the day. */
function cronMatchesDay(fields: CronFields, day: Date): boolean {
  const dayOfMonth = day.getUTCDate();
  const isLast = dayOfMonth === lastDayOfMonth(day);
  return (
    fields.month.includes(day.getUTCMonth() + 1) &&
    fields.dayOfMonth.some((allowed) => allowed === dayOfMonth || (allowed === 'L' && isLast)) &&
    fields.dayOfWeek.includes(day.getUTCDay())
  );
}

function cronTimes(fields: CronFields): [number, number][] {
  const hours = [...fields.hour].sort((a, b) => a - b);
  const minutes = [...fields.minute].sort((a, b) => a - b);
  return hours.flatMap((hour) => minutes.map((minute): [number, number] => [hour, minute]));
}

function isoWeekday(day: Date): number {
  return day.getUTCDay() === 0 ? 7 : day.getUTCDay();
}

function lastDayOfMonth(day: Date): number {
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 0)).getUTCDate();
}

/** Wall-clock time on that local date; TZDate resolves the zone's offset (a time skipped by DST moves on). */
function localInstant(day: Date, hour: number, minute: number, timeZone: string): Date {
  return new Date(new TZDate(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hour, minute, timeZone).getTime());
}
