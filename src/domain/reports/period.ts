// Report periods in the service desk's time zone: local days, weeks and months as half-open
// intervals [start, end) of instants, and the ones before them for trends.
import { TZDate } from '@date-fns/tz';

export const REPORT_KINDS = ['week', 'month'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export interface ReportPeriod {
  readonly kind: ReportKind | 'day';
  /** Local midnight of the first day. */
  readonly start: Date;
  /** Local midnight after the last day (excluded). */
  readonly end: Date;
  /** The first local day 'YYYY-MM-DD' (a day or week) or the month 'YYYY-MM'. */
  readonly label: string;
  /** The last local day, 'YYYY-MM-DD'. */
  readonly lastDay: string;
}

const MS_PER_DAY = 86_400_000;

/** The local calendar date 'YYYY-MM-DD' of an instant in the zone. */
export function localDateOf(instant: Date, timeZone: string): string {
  const local = new TZDate(instant, timeZone);
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
}

/** The instant at `minutes` after local midnight of a local date in the zone. */
export function localInstant(date: string, minutes: number, timeZone: string): Date {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  return new Date(new TZDate(year, month - 1, day, 0, minutes, timeZone).getTime());
}

/** 'HH:mm' as minutes after midnight. */
export function minutesOfDay(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/** Date arithmetic on local dates, without instants (so never across a daylight-saving change). */
export function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** ISO weekday of a local date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

export function dayPeriod(date: string, timeZone: string): ReportPeriod {
  return { kind: 'day', start: localInstant(date, 0, timeZone), end: localInstant(shiftDate(date, 1), 0, timeZone), label: date, lastDay: date };
}

/** The 7 local days from `firstDay`. */
export function weekPeriod(firstDay: string, timeZone: string): ReportPeriod {
  const lastDay = shiftDate(firstDay, 6);
  return { kind: 'week', start: localInstant(firstDay, 0, timeZone), end: localInstant(shiftDate(firstDay, 7), 0, timeZone), label: firstDay, lastDay };
}

/** A local calendar month, 'YYYY-MM'. */
export function monthPeriod(month: string, timeZone: string): ReportPeriod {
  const firstDay = `${month}-01`;
  const next = nextMonth(month);
  return { kind: 'month', start: localInstant(firstDay, 0, timeZone), end: localInstant(`${next}-01`, 0, timeZone), label: month, lastDay: shiftDate(`${next}-01`, -1) };
}

/** The `count` periods of the same kind ending with `period`, oldest first. */
export function periodsUpTo(period: ReportPeriod, count: number, timeZone: string): ReportPeriod[] {
  const periods = [period];
  while (periods.length < count) periods.unshift(previousPeriod(periods[0] ?? period, timeZone));
  return periods;
}

export function previousPeriod(period: ReportPeriod, timeZone: string): ReportPeriod {
  switch (period.kind) {
    case 'day':
      return dayPeriod(shiftDate(period.label, -1), timeZone);
    case 'week':
      return weekPeriod(shiftDate(period.label, -7), timeZone);
    case 'month':
      return monthPeriod(previousMonth(period.label), timeZone);
  }
}

/** The last whole week before `now` that starts on `weekStartsOn` (ISO weekday). */
export function lastCompletedWeek(now: Date, timeZone: string, weekStartsOn: number): ReportPeriod {
  const today = localDateOf(now, timeZone);
  const thisWeek = shiftDate(today, -((isoWeekday(today) - weekStartsOn + 7) % 7));
  return weekPeriod(shiftDate(thisWeek, -7), timeZone);
}

/** The last whole calendar month before `now`. */
export function lastCompletedMonth(now: Date, timeZone: string): ReportPeriod {
  return monthPeriod(previousMonth(localDateOf(now, timeZone).slice(0, 7)), timeZone);
}

export function isWithin(period: Pick<ReportPeriod, 'start' | 'end'>, instant: Date | null): instant is Date {
  return instant !== null && instant >= period.start && instant < period.end;
}

export function periodMs(period: Pick<ReportPeriod, 'start' | 'end'>): number {
  return period.end.getTime() - period.start.getTime();
}

function nextMonth(month: string): string {
  const [year = 0, number = 1] = month.split('-').map(Number);
  return number === 12 ? `${year + 1}-01` : `${year}-${pad(number + 1)}`;
}

export function previousMonth(month: string): string {
  const [year = 0, number = 1] = month.split('-').map(Number);
  return number === 1 ? `${year - 1}-12` : `${year}-${pad(number - 1)}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
