import { describe, expect, it } from 'vitest';
import {
  addBusinessMs,
  addWorkingDays,
  businessMsBetween,
  isWorkingDay,
  ROUND_THE_CLOCK,
  type BusinessCalendar,
} from '../../src/domain/calendar.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;

// Monday to Friday, 08:30–17:30 (510–1050 minutes), no holidays.
function calendar(overrides: Partial<BusinessCalendar> = {}): BusinessCalendar {
  return {
    timeZone: 'Asia/Shanghai',
    workingDays: new Set([1, 2, 3, 4, 5]),
    opensAt: 510,
    closesAt: 1050,
    holidays: new Set(),
    makeUpWorkdays: new Set(),
    ...overrides,
  };
}

// Shanghai is UTC+8 all year: 08:30–17:30 there is 00:30Z–09:30Z.
const shanghai = calendar();

// China 2026 around National Day, as chinese-days 1.5.7 lists it (dist/years/2026.json; its source
// cites https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm): Mid-autumn 9-25..27
// (Fri–Sun) and National Day 10-01..07 (Thu–Wed) off; Sunday 9-20 and Saturday 10-10 are worked.
const china2026 = calendar({
  holidays: new Set(['2026-09-25', '2026-09-26', '2026-09-27', ...dates('2026-10-0', [1, 2, 3, 4, 5, 6, 7])]),
  makeUpWorkdays: new Set(['2026-09-20', '2026-10-10']),
});

// New York: EST (UTC−5) until 8 March 2026 02:00, EDT (UTC−4) until 1 November 2026 02:00.
const newYork = calendar({ timeZone: 'America/New_York' });

function dates(prefix: string, days: number[]): string[] {
  return days.map((day) => `${prefix}${day}`);
}

const at = (iso: string) => new Date(iso);

describe('isWorkingDay', () => {
  it.each([
    ['a Friday', shanghai, '2026-03-06', true],
    ['a Saturday', shanghai, '2026-03-07', false],
    ['a Sunday', shanghai, '2026-03-08', false],
    ['National Day, a Thursday', china2026, '2026-10-01', false],
    ['the last day of the National Day week, a Wednesday', china2026, '2026-10-07', false],
    ['the Thursday after National Day', china2026, '2026-10-08', true],
    ['make-up Saturday 10-10', china2026, '2026-10-10', true],
    ['make-up Sunday 9-20', china2026, '2026-09-20', true],
    ['a Sunday in the Mid-autumn holiday', china2026, '2026-09-27', false],
    ['a date in both lists counts as worked', calendar({ holidays: new Set(['2026-03-07']), makeUpWorkdays: new Set(['2026-03-07']) }), '2026-03-07', true],
    ['a six-day week works on Saturday', calendar({ workingDays: new Set([1, 2, 3, 4, 5, 6]) }), '2026-03-07', true],
  ])('%s', (_name, cal, date, expected) => {
    expect(isWorkingDay(cal, date)).toBe(expected);
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['a Friday morning + 3 → Wednesday, same local time', shanghai, '2026-03-06T02:00:00Z', 3, '2026-03-11T02:00:00Z'],
    ['a Monday + 1 → Tuesday', shanghai, '2026-03-09T01:00:00Z', 1, '2026-03-10T01:00:00Z'],
    // 23:30 on Friday in Shanghai is still Friday there although it is 15:30Z: next working day is Monday.
    ['late Friday evening local time + 1 → Monday', shanghai, '2026-03-06T15:30:00Z', 1, '2026-03-09T15:30:00Z'],
    // 00:30 on Saturday in Shanghai is Friday 16:30Z; one working day later is Monday 00:30 there.
    ['a Saturday (local) + 1 → Monday', shanghai, '2026-03-06T16:30:00Z', 1, '2026-03-08T16:30:00Z'],
    ['0 days → the same instant', shanghai, '2026-03-07T02:00:00Z', 0, '2026-03-07T02:00:00Z'],
    // Wednesday 9-30 10:00 local; 10-01..07 are holidays, so the next working day is Thursday 10-08.
    ['the day before National Day + 1 → 10-08', china2026, '2026-09-30T02:00:00Z', 1, '2026-10-08T02:00:00Z'],
    // 10-08 Thu, 10-09 Fri, then the make-up Saturday 10-10 counts.
    ['the day before National Day + 3 → make-up Saturday 10-10', china2026, '2026-09-30T02:00:00Z', 3, '2026-10-10T02:00:00Z'],
    // Friday 9-18 + 1: Saturday 9-19 is off, Sunday 9-20 is a make-up day.
    ['a Friday + 1 → make-up Sunday 9-20', china2026, '2026-09-18T02:00:00Z', 1, '2026-09-20T02:00:00Z'],
    ['backwards: 10-08 − 1 → 9-30', china2026, '2026-10-08T02:00:00Z', -1, '2026-09-30T02:00:00Z'],
    // Friday 30 Oct 15:00 EDT = 19:00Z; Monday 2 Nov 15:00 is EST again = 20:00Z.
    ['New York across the end of summer time', newYork, '2026-10-30T19:00:00Z', 1, '2026-11-02T20:00:00Z'],
  ])('%s', (_name, cal, start, days, expected) => {
    expect(addWorkingDays(at(start), days, cal).toISOString()).toBe(at(expected).toISOString());
  });

  it('counts in the calendar time zone, not the machine one, across a daylight-saving change', () => {
    // 2026-03-06T20:00Z is Friday 15:00 in New York and Saturday 04:00 in Shanghai.
    const start = at('2026-03-06T20:00:00Z');
    // New York moves to summer time on 8 March: Monday 15:00 there is 19:00Z.
    expect(addWorkingDays(start, 1, newYork).toISOString()).toBe('2026-03-09T19:00:00.000Z');
    // Shanghai: Saturday 04:00 + 1 working day = Monday 04:00 = Sunday 20:00Z.
    expect(addWorkingDays(start, 1, shanghai).toISOString()).toBe('2026-03-08T20:00:00.000Z');
  });
});

describe('businessMsBetween', () => {
  it.each([
    ['within one morning: Monday 10:00 → 12:00', shanghai, '2026-03-09T02:00:00Z', '2026-03-09T04:00:00Z', 2 * HOUR],
    // Monday 07:00 → 19:00 local covers the whole 08:30–17:30 day.
    ['from before opening to after closing', shanghai, '2026-03-08T23:00:00Z', '2026-03-09T11:00:00Z', 9 * HOUR],
    // Friday 16:30–17:30 and Monday 08:30–09:30.
    ['a night and a weekend: Friday 16:30 → Monday 09:30', shanghai, '2026-03-06T08:30:00Z', '2026-03-09T01:30:00Z', 2 * HOUR],
    ['a whole weekend counts nothing', shanghai, '2026-03-06T09:30:00Z', '2026-03-09T00:30:00Z', 0],
    ['to before from', shanghai, '2026-03-09T04:00:00Z', '2026-03-09T02:00:00Z', 0],
    // 9-30 17:00–17:30, then nothing until 10-08 08:30–09:00.
    ['across the National Day week', china2026, '2026-09-30T09:00:00Z', '2026-10-08T01:00:00Z', HOUR],
    // Friday 10-09 17:00–17:30 and make-up Saturday 10-10 08:30–09:00.
    ['into the make-up Saturday', china2026, '2026-10-09T09:00:00Z', '2026-10-10T01:00:00Z', HOUR],
    // Monday 9 March, 12:00Z–13:00Z is 08:00–09:00 EDT: half an hour after the 08:30 opening.
    // (Read as EST it would be 07:00–08:00, before opening, giving 0.)
    ['New York, first Monday of summer time', newYork, '2026-03-09T12:00:00Z', '2026-03-09T13:00:00Z', 30 * MINUTE],
    // Monday 2 November, 13:00Z–14:00Z is 08:00–09:00 EST again (EDT would give a full hour).
    ['New York, first Monday after summer time', newYork, '2026-11-02T13:00:00Z', '2026-11-02T14:00:00Z', 30 * MINUTE],
    // Friday 17:00 EST (22:00Z) → Monday 09:00 EDT (13:00Z): half an hour each side.
    ['New York, over the weekend the clocks change', newYork, '2026-03-06T22:00:00Z', '2026-03-09T13:00:00Z', HOUR],
    ['24×7: a weekend is plain elapsed time', ROUND_THE_CLOCK, '2026-03-07T12:00:00Z', '2026-03-09T12:00:00Z', 48 * HOUR],
  ])('%s', (_name, cal, from, to, expected) => {
    expect(businessMsBetween(cal, at(from), at(to))).toBe(expected);
  });
});

describe('addBusinessMs', () => {
  it.each([
    ['Monday 10:00 + 2 h → 12:00', shanghai, '2026-03-09T02:00:00Z', 2 * HOUR, '2026-03-09T04:00:00Z'],
    ['before opening: Monday 07:00 + 1 h → 09:30', shanghai, '2026-03-08T23:00:00Z', HOUR, '2026-03-09T01:30:00Z'],
    ['after closing: Monday 19:00 + 1 h → Tuesday 09:30', shanghai, '2026-03-09T11:00:00Z', HOUR, '2026-03-10T01:30:00Z'],
    // Friday 16:30 + 4 h: 1 h on Friday, 3 h from Monday 08:30 → 11:30.
    ['a night and a weekend', shanghai, '2026-03-06T08:30:00Z', 4 * HOUR, '2026-03-09T03:30:00Z'],
    ['a day used up exactly ends at its closing, not the next opening', shanghai, '2026-03-09T08:30:00Z', HOUR, '2026-03-09T09:30:00Z'],
    ['0 ms on a Saturday → the same instant', shanghai, '2026-03-07T02:00:00Z', 0, '2026-03-07T02:00:00Z'],
    // 45 h = five 9-hour days: Monday 10:00 → next Monday 10:00.
    ['five working days', shanghai, '2026-03-09T02:00:00Z', 45 * HOUR, '2026-03-16T02:00:00Z'],
    ['across the National Day week', china2026, '2026-09-30T09:00:00Z', HOUR, '2026-10-08T01:00:00Z'],
    ['into the make-up Saturday', china2026, '2026-10-09T09:00:00Z', HOUR, '2026-10-10T01:00:00Z'],
    // Friday 17:00 EST (22:00Z) + 1 h: 30 min Friday, 30 min from Monday 08:30 EDT → 09:00 EDT = 13:00Z.
    ['New York, spring forward over the weekend', newYork, '2026-03-06T22:00:00Z', HOUR, '2026-03-09T13:00:00Z'],
    // Friday 30 Oct 17:00 EDT (21:00Z) + 1 h → Monday 2 Nov 09:00 EST = 14:00Z.
    ['New York, fall back over the weekend', newYork, '2026-10-30T21:00:00Z', HOUR, '2026-11-02T14:00:00Z'],
    ['24×7: plain arithmetic', ROUND_THE_CLOCK, '2026-03-07T12:00:00Z', 4 * HOUR, '2026-03-07T16:00:00Z'],
  ])('%s', (_name, cal, from, ms, expected) => {
    expect(addBusinessMs(cal, at(from), ms).toISOString()).toBe(at(expected).toISOString());
  });

  it.each([
    ['Shanghai', shanghai],
    ['China 2026', china2026],
    ['New York', newYork],
  ])('is the inverse of businessMsBetween from working time (%s)', (_name, cal) => {
    // Wednesday 30 Sept 2026, 14:00Z: 10:00 in New York (working time), 22:00 in Shanghai (after
    // closing, the eve of National Day), so both a mid-day and an off-hours start are covered.
    const from = at('2026-09-30T14:00:00Z');
    for (const ms of [MINUTE, 7 * HOUR, 9 * HOUR, 40 * HOUR]) {
      expect(businessMsBetween(cal, from, addBusinessMs(cal, from, ms))).toBe(ms);
    }
  });

  it('refuses a calendar without working hours instead of searching for ever', () => {
    expect(() => addBusinessMs(calendar({ workingDays: new Set() }), at('2026-03-09T02:00:00Z'), HOUR)).toThrow(RangeError);
  });
});
