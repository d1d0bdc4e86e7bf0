// The service desk's business calendar as configuration: time zone, working weekdays, opening
// hours, extra holidays and make-up working days, and (unless turned off) China's public holidays
// and 调休 working days from the chinese-days package.
import chineseDays from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { z } from 'zod';
import { timeZoneSchema } from '../domain/time-zone.js';
import type { BusinessCalendar } from '../domain/calendar.js';

const timeOfDaySchema = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'must be a time HH:mm such as 08:30');
const localDateSchema = z.iso.date('must be a date YYYY-MM-DD');

export const calendarSettingsSchema = z
  .object({
    /** Business time is counted in this zone. */
    timeZone: timeZoneSchema.default('Asia/Shanghai'),
    /** ISO weekdays: 1 = Monday … 7 = Sunday. */
    workingDays: z.array(z.number().int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5]),
    opensAt: timeOfDaySchema.default('08:30'),
    closesAt: timeOfDaySchema.default('17:30'),
    /** Days off besides the weekly ones and, if included, China's public holidays. */
    holidays: z.array(localDateSchema).default([]),
    /** Days worked although their weekday is not a working day. */
    makeUpWorkdays: z.array(localDateSchema).default([]),
    chinaPublicHolidays: z.boolean().default(true),
  })
  .refine((settings) => minutesOf(settings.closesAt) > minutesOf(settings.opensAt), {
    message: 'must be later than opensAt',
    path: ['closesAt'],
  });

export type CalendarSettings = z.output<typeof calendarSettingsSchema>;
/** What a settings file may give: every field has a default. */
export type CalendarSettingsInput = z.input<typeof calendarSettingsSchema>;

export const DEFAULT_CALENDAR_SETTINGS: CalendarSettings = calendarSettingsSchema.parse({});

/**
 * The calendar for instants in `years` (local years of the calendar's zone). Dates configured in
 * the settings win over the package's: a desk may close on a make-up day, or work on a holiday.
 */
const built = new WeakMap<object, Map<string, BusinessCalendar>>();

/**
 * The calendar around `now`, built once per settings object and year (every SLA computation asks
 * for it, so building it each time would redo the validation and the holiday lookup on a hot path).
 */
export function businessCalendarAt(input: CalendarSettings, now: Date): BusinessCalendar {
  const years = calendarYearsAround(now);
  const perYears = built.get(input) ?? new Map<string, BusinessCalendar>();
  built.set(input, perYears);
  const key = years.join(',');
  const calendar = perYears.get(key) ?? buildBusinessCalendar(input, years);
  perYears.set(key, calendar);
  return calendar;
}

export function buildBusinessCalendar(input: CalendarSettingsInput, years: readonly number[]): BusinessCalendar {
  const settings = calendarSettingsSchema.parse(input);
  const china = settings.chinaPublicHolidays ? chinaDaysIn(years) : { holidays: [], makeUpWorkdays: [] };
  return {
    timeZone: settings.timeZone,
    workingDays: new Set(settings.workingDays),
    opensAt: minutesOf(settings.opensAt),
    closesAt: minutesOf(settings.closesAt),
    holidays: new Set([...settings.holidays, ...without(china.holidays, settings.makeUpWorkdays)]),
    makeUpWorkdays: new Set([...settings.makeUpWorkdays, ...without(china.makeUpWorkdays, settings.holidays)]),
  };
}

/** The previous, current and next year: enough for any clock or deadline near `instant`. */
export function calendarYearsAround(instant: Date): number[] {
  const year = instant.getUTCFullYear();
  return [year - 1, year, year + 1];
}

/** Years the installed chinese-days has no data for; the package needs an update to cover them. */
export function yearsWithoutChinaHolidayData(years: readonly number[]): number[] {
  const covered = new Set(Object.keys(chineseDays.holidays).map((date) => Number(date.slice(0, 4))));
  return years.filter((year) => !covered.has(year));
}

// The package's JSON, not its functions: those parse 'YYYY-MM-DD' as UTC and then read local
// fields, so west of UTC every answer is a day early (and the CommonJS build has no named exports).
// Its `holidays` list whole holiday periods, weekends included; `workdays` are the make-up days.
function chinaDaysIn(years: readonly number[]): { holidays: string[]; makeUpWorkdays: string[] } {
  const inYears = (date: string) => years.some((year) => date.startsWith(`${year}-`));
  return {
    holidays: Object.keys(chineseDays.holidays).filter(inYears),
    makeUpWorkdays: Object.keys(chineseDays.workdays).filter(inYears),
  };
}

function without(dates: readonly string[], excluded: readonly string[]): string[] {
  return dates.filter((date) => !excluded.includes(date));
}

function minutesOf(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
}
