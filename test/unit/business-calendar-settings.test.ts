import { describe, expect, it } from 'vitest';
import { addBusinessMs, addWorkingDays, isWorkingDay } from '../../src/domain/calendar.js';
import {
  buildBusinessCalendar,
  calendarSettingsSchema,
  calendarYearsAround,
  DEFAULT_CALENDAR_SETTINGS,
  yearsWithoutChinaHolidayData,
} from '../../src/settings/calendar.js';

// chinese-days 1.5.7, dist/years/2026.json (source: the State Council notice at
// https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm). Its `holidays` list whole
// holiday periods, weekends included; its `workdays` are the make-up days (调休上班).
const CHINA_2026_NATIONAL_DAY = ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'];
const CHINA_2026_MAKE_UP_DAYS = ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'];

describe('calendarSettingsSchema', () => {
  it('defaults to the desk hours of DOMAIN.md in Shanghai, with China public holidays', () => {
    expect(DEFAULT_CALENDAR_SETTINGS).toEqual({
      timeZone: 'Asia/Shanghai',
      workingDays: [1, 2, 3, 4, 5],
      opensAt: '08:30',
      closesAt: '17:30',
      holidays: [],
      makeUpWorkdays: [],
      chinaPublicHolidays: true,
    });
  });

  it.each([
    ['an unknown time zone', { timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
    ['a one-digit hour', { opensAt: '8:30' }, 'opensAt'],
    ['an hour past 24', { closesAt: '25:00' }, 'closesAt'],
    ['closing before opening', { opensAt: '17:30', closesAt: '08:30' }, 'closesAt'],
    ['closing at opening', { opensAt: '09:00', closesAt: '09:00' }, 'closesAt'],
    ['weekday 0', { workingDays: [0, 1] }, 'workingDays'],
    ['no working days', { workingDays: [] }, 'workingDays'],
    ['a date that does not exist', { holidays: ['2026-02-30'] }, 'holidays'],
    ['a date in another format', { makeUpWorkdays: ['2026/10/10'] }, 'makeUpWorkdays'],
  ])('refuses %s', (_name, value, field) => {
    const result = calendarSettingsSchema.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path[0]).toBe(field);
  });

  it('accepts a desk open until midnight', () => {
    expect(calendarSettingsSchema.safeParse({ opensAt: '00:00', closesAt: '24:00' }).success).toBe(true);
  });
});

describe('buildBusinessCalendar', () => {
  it('turns the times into minutes after midnight (08:30 → 510, 17:30 → 1050)', () => {
    const calendar = buildBusinessCalendar({}, [2026]);
    expect(calendar).toMatchObject({ timeZone: 'Asia/Shanghai', opensAt: 510, closesAt: 1050 });
    expect([...calendar.workingDays]).toEqual([1, 2, 3, 4, 5]);
  });

  it("adds China's 2026 holidays and make-up working days from chinese-days", () => {
    const calendar = buildBusinessCalendar({}, [2026]);
    for (const date of CHINA_2026_NATIONAL_DAY) expect(calendar.holidays.has(date)).toBe(true);
    expect([...calendar.makeUpWorkdays].sort()).toEqual(CHINA_2026_MAKE_UP_DAYS);
    // 1.5.7 lists 33 holiday dates for 2026 (New Year 3, Spring Festival 9, Qingming 3, Labour Day 5,
    // Dragon Boat 3, Mid-autumn 3, National Day 7).
    expect(calendar.holidays.size).toBe(33);
  });

  it.each([
    ['National Day (Thursday)', '2026-10-01', false],
    ['the Thursday after National Day', '2026-10-08', true],
    ['make-up Saturday 10-10', '2026-10-10', true],
    ['make-up Sunday 9-20', '2026-09-20', true],
    ['Mid-autumn Friday 9-25', '2026-09-25', false],
    ['Spring Festival make-up Saturday 2-14', '2026-02-14', true],
    ['an ordinary Saturday', '2026-10-17', false],
  ])('%s', (_name, date, expected) => {
    expect(isWorkingDay(buildBusinessCalendar({}, [2026]), date)).toBe(expected);
  });

  it('only takes the years asked for', () => {
    const calendar = buildBusinessCalendar({}, [2026]);
    expect([...calendar.holidays].every((date) => date.startsWith('2026-'))).toBe(true);
    expect(buildBusinessCalendar({}, [2025, 2026]).holidays.has('2025-10-08')).toBe(true);
  });

  it('keeps the configured dates for a year the package has no data for', () => {
    const calendar = buildBusinessCalendar({ holidays: ['2099-01-01'], makeUpWorkdays: ['2099-01-03'] }, [2099]);
    expect([...calendar.holidays]).toEqual(['2099-01-01']);
    expect([...calendar.makeUpWorkdays]).toEqual(['2099-01-03']);
  });

  it('leaves China out when chinaPublicHolidays is false', () => {
    const calendar = buildBusinessCalendar({ chinaPublicHolidays: false, holidays: ['2026-12-24'] }, [2026]);
    expect([...calendar.holidays]).toEqual(['2026-12-24']);
    expect(calendar.makeUpWorkdays.size).toBe(0);
    expect(isWorkingDay(calendar, '2026-10-01')).toBe(true);
  });

  it("lets the configured dates override the package's", () => {
    // The desk stays closed on make-up Saturday 10-10 and works on National Day 10-02.
    const calendar = buildBusinessCalendar({ holidays: ['2026-10-10'], makeUpWorkdays: ['2026-10-02'] }, [2026]);
    expect(isWorkingDay(calendar, '2026-10-10')).toBe(false);
    expect(isWorkingDay(calendar, '2026-10-02')).toBe(true);
  });

  it('drives the calendar arithmetic over National Day', () => {
    const calendar = buildBusinessCalendar({}, calendarYearsAround(new Date('2026-09-30T02:00:00Z')));
    // Wednesday 30 Sept 10:00 Shanghai (02:00Z) + 1 working day: 10-01..07 off → Thursday 10-08 10:00.
    expect(addWorkingDays(new Date('2026-09-30T02:00:00Z'), 1, calendar).toISOString()).toBe('2026-10-08T02:00:00.000Z');
    // Friday 10-09 17:00 (09:00Z) + 1 h: 30 min Friday, 30 min from 08:30 on make-up Saturday 10-10.
    expect(addBusinessMs(calendar, new Date('2026-10-09T09:00:00Z'), 3_600_000).toISOString()).toBe('2026-10-10T01:00:00.000Z');
  });

  it('uses the configured zone and hours', () => {
    const calendar = buildBusinessCalendar(
      { timeZone: 'America/New_York', opensAt: '09:00', closesAt: '18:00', workingDays: [1, 2, 3, 4, 5, 6], chinaPublicHolidays: false },
      [2026],
    );
    // Saturday 7 March 17:30 EST (22:30Z) + 1 h: 30 min Saturday, then Monday 09:00 EDT (13:00Z) + 30 min.
    expect(addBusinessMs(calendar, new Date('2026-03-07T22:30:00Z'), 3_600_000).toISOString()).toBe('2026-03-09T13:30:00.000Z');
  });
});

describe('calendar years', () => {
  it('are the previous, current and next year', () => {
    expect(calendarYearsAround(new Date('2026-06-01T00:00:00Z'))).toEqual([2025, 2026, 2027]);
  });

  it('tells which years chinese-days does not cover', () => {
    expect(yearsWithoutChinaHolidayData([2004, 2026, 2099])).toEqual([2099]);
  });
});
