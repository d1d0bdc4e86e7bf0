// When the scheduled reports fall due, as job slots: each run covers one period and is named by
// it, so a period is reported once however many instances tick. A run is due from its send time
// until CATCH_UP_MS after it (a bot that was down a while still sends it); later it is skipped.
import { dayPeriod, isoWeekday, localDateOf, localInstant, minutesOfDay, monthPeriod, previousMonth, shiftDate, weekPeriod, type ReportPeriod } from './period.js';

export interface ReportSchedule {
  readonly timeZone: string;
  /** 'HH:mm', or null: no digest. */
  readonly dailyDigestAt: string | null;
  /** ISO weekday, or null: no weekly report. */
  readonly weeklyOn: number | null;
  /** Day of the month (1–28), or null: no monthly report. */
  readonly monthlyOn: number | null;
  /** 'HH:mm' of the weekly and monthly reports. */
  readonly sendAt: string;
}

/** A run that is due: its slot name and the period it reports on. */
export interface DueRun {
  readonly slot: string;
  readonly period: ReportPeriod;
}

export const CATCH_UP_MS = 12 * 3_600_000;

/** The digest of the local day whose digest time has passed (within the catch-up window). */
export function dueDigest(schedule: ReportSchedule, now: Date): DueRun | null {
  if (schedule.dailyDigestAt === null) return null;
  const at = minutesOfDay(schedule.dailyDigestAt);
  const today = localDateOf(now, schedule.timeZone);
  const day = localInstant(today, at, schedule.timeZone) <= now ? today : shiftDate(today, -1);
  return dueIf(localInstant(day, at, schedule.timeZone), now, dayPeriod(day, schedule.timeZone));
}

/** The weekly report sent on the last `weeklyOn` day: it covers the 7 days before that day. */
export function dueWeekly(schedule: ReportSchedule, now: Date): DueRun | null {
  if (schedule.weeklyOn === null) return null;
  const at = minutesOfDay(schedule.sendAt);
  const today = localDateOf(now, schedule.timeZone);
  let sendDay = shiftDate(today, -((isoWeekday(today) - schedule.weeklyOn + 7) % 7));
  if (localInstant(sendDay, at, schedule.timeZone) > now) sendDay = shiftDate(sendDay, -7);
  return dueIf(localInstant(sendDay, at, schedule.timeZone), now, weekPeriod(shiftDate(sendDay, -7), schedule.timeZone));
}

/** The monthly report sent on the last `monthlyOn` day: it covers the calendar month before. */
export function dueMonthly(schedule: ReportSchedule, now: Date): DueRun | null {
  if (schedule.monthlyOn === null) return null;
  const at = minutesOfDay(schedule.sendAt);
  const day = String(schedule.monthlyOn).padStart(2, '0');
  let month = localDateOf(now, schedule.timeZone).slice(0, 7);
  if (localInstant(`${month}-${day}`, at, schedule.timeZone) > now) month = previousMonth(month);
  return dueIf(localInstant(`${month}-${day}`, at, schedule.timeZone), now, monthPeriod(previousMonth(month), schedule.timeZone));
}

function dueIf(dueAt: Date, now: Date, period: ReportPeriod): DueRun | null {
  return now.getTime() - dueAt.getTime() < CATCH_UP_MS ? { slot: period.label, period } : null;
}
