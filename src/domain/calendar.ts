// Business time for the service desk, counted in its own time zone: which days are working days
// (weekday rule, public holidays, China's make-up working days 调休) and the opening hours of each.
// ROUND_THE_CLOCK (24×7, used for P1) goes through the same functions as plain arithmetic.
import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns';

export interface BusinessCalendar {
  readonly timeZone: string;
  /** ISO weekdays that are working days: 1 = Monday … 7 = Sunday. */
  readonly workingDays: ReadonlySet<number>;
  /** Minutes after local midnight, e.g. 08:30 → 510 and 17:30 → 1050; closesAt may be 1440 (midnight). */
  readonly opensAt: number;
  readonly closesAt: number;
  /** Local dates 'YYYY-MM-DD' that are not working days. */
  readonly holidays: ReadonlySet<string>;
  /** Local dates 'YYYY-MM-DD' that are working days although their weekday is not (调休). */
  readonly makeUpWorkdays: ReadonlySet<string>;
}

const MINUTES_PER_DAY = 24 * 60;
const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = MINUTES_PER_DAY * MS_PER_MINUTE;

/** Every instant is working time, so business time equals elapsed time (P1 runs 24×7). */
export const ROUND_THE_CLOCK: BusinessCalendar = {
  timeZone: 'UTC',
  workingDays: new Set([1, 2, 3, 4, 5, 6, 7]),
  opensAt: 0,
  closesAt: MINUTES_PER_DAY,
  holidays: new Set(),
  makeUpWorkdays: new Set(),
};

/** A make-up working day wins over the holiday list, which wins over the weekday rule. */
export function isWorkingDay(calendar: BusinessCalendar, localDate: string): boolean {
  if (calendar.makeUpWorkdays.has(localDate)) return true;
  if (calendar.holidays.has(localDate)) return false;
  return calendar.workingDays.has(isoWeekdayOf(localDate));
}

/** The moment `days` working days after `start` (before it, if negative), at the same local time of day. */
export function addWorkingDays(start: Date, days: number, calendar: BusinessCalendar): Date {
  assertHasWorkingHours(calendar);
  const local = new TZDate(start, calendar.timeZone);
  const firstDay = dayOf(start, calendar.timeZone);
  const step = days < 0 ? -1 : 1;
  let offset = 0;
  for (let left = Math.abs(days); left > 0; ) {
    offset += step;
    if (isWorkingDay(calendar, isoDateOf(shiftDays(firstDay, offset)))) left -= 1;
  }
  // Shifting the start itself (not day by day) keeps its time of day across daylight-saving changes.
  return new Date(addDays(local, offset).getTime());
}

/** Milliseconds of working hours between two instants; 0 if `to` is not after `from`. */
export function businessMsBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  if (to <= from) return 0;
  if (isRoundTheClock(calendar)) return to.getTime() - from.getTime();
  const lastDay = dayOf(to, calendar.timeZone);
  let total = 0;
  for (let day = dayOf(from, calendar.timeZone); day <= lastDay; day = shiftDays(day, 1)) {
    const hours = workingHoursOn(calendar, day, from.getTime());
    if (hours) total += Math.max(0, Math.min(hours.end, to.getTime()) - hours.start);
  }
  return total;
}

/**
 * The first instant at which `ms` of working time has passed since `from`. Outside working hours
 * the count starts at the next opening; a target that uses up a day exactly ends at its closing.
 */
export function addBusinessMs(calendar: BusinessCalendar, from: Date, ms: number): Date {
  if (ms <= 0) return new Date(from.getTime());
  if (isRoundTheClock(calendar)) return new Date(from.getTime() + ms);
  assertHasWorkingHours(calendar);
  let left = ms;
  for (let day = dayOf(from, calendar.timeZone); ; day = shiftDays(day, 1)) {
    const hours = workingHoursOn(calendar, day, from.getTime());
    if (!hours) continue;
    if (left <= hours.end - hours.start) return new Date(hours.start + left);
    left -= hours.end - hours.start;
  }
}

function isRoundTheClock(calendar: BusinessCalendar): boolean {
  return (
    calendar.workingDays.size === 7 &&
    calendar.opensAt === 0 &&
    calendar.closesAt === MINUTES_PER_DAY &&
    calendar.holidays.size === 0
  );
}

// Holidays are a finite list, so with one working weekday and non-empty hours every search ends.
function assertHasWorkingHours(calendar: BusinessCalendar): void {
  if (calendar.workingDays.size === 0 || calendar.closesAt <= calendar.opensAt) {
    throw new RangeError(`calendar in ${calendar.timeZone} has no working hours`);
  }
}

interface WorkingHours {
  readonly start: number;
  readonly end: number;
}

/** The day's working hours as epoch ms, starting no earlier than `notBefore`; null if none are left. */
function workingHoursOn(calendar: BusinessCalendar, day: Date, notBefore: number): WorkingHours | null {
  if (!isWorkingDay(calendar, isoDateOf(day))) return null;
  const start = Math.max(localInstant(calendar, day, calendar.opensAt), notBefore);
  const end = localInstant(calendar, day, calendar.closesAt);
  return start < end ? { start, end } : null;
}

// Days are held as UTC midnights standing for the local date: day arithmetic on them never meets
// a daylight-saving change, and each is turned into an instant only through the calendar's zone.
function dayOf(instant: Date, timeZone: string): Date {
  const local = new TZDate(instant, timeZone);
  return new Date(Date.UTC(local.getFullYear(), local.getMonth(), local.getDate()));
}

function shiftDays(day: Date, days: number): Date {
  return new Date(day.getTime() + days * MS_PER_DAY);
}

function isoDateOf(day: Date): string {
  return day.toISOString().slice(0, 10);
}

function isoWeekdayOf(localDate: string): number {
  const weekday = new Date(`${localDate}T00:00:00Z`).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

// Every SLA target walks the same few days, asking for their opening and closing instants again
// and again, and each answer costs a look-up of the zone's offset through Intl. They never change.
const knownLocalInstants = new Map<string, number>();
const MAX_KNOWN_LOCAL_INSTANTS = 10_000;

/** Wall-clock minutes after midnight on that local date; TZDate resolves the zone's offset for it. */
function localInstant(calendar: BusinessCalendar, day: Date, minutes: number): number {
  const { timeZone } = calendar;
  const key = `${timeZone} ${day.getTime()} ${minutes}`;
  const known = knownLocalInstants.get(key);
  if (known !== undefined) return known;
  if (knownLocalInstants.size >= MAX_KNOWN_LOCAL_INSTANTS) knownLocalInstants.clear();
  const instant = new TZDate(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 0, minutes, timeZone).getTime();
  knownLocalInstants.set(key, instant);
  return instant;
}
