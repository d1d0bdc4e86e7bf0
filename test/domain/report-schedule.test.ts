// Report periods and when scheduled reports fall due, in the desk's time zone whatever the
// machine's (these tests also run with TZ=America/New_York).
import { describe, expect, it } from 'vitest';
import { lastCompletedMonth, lastCompletedWeek, monthPeriod, periodMs, periodsUpTo, weekPeriod } from '../../src/domain/reports/period.js';
import { dueDigest, dueMonthly, dueWeekly, type ReportSchedule } from '../../src/domain/reports/schedule.js';

const HOUR = 3_600_000;
const shanghai = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);
const schedule: ReportSchedule = { timeZone: 'Asia/Shanghai', dailyDigestAt: '09:00', weeklyOn: 1, monthlyOn: 1, sendAt: '09:00' };

describe('report periods', () => {
  it('are local weeks and months, also across a daylight-saving change', () => {
    expect(periodMs(weekPeriod('2026-03-02', 'Asia/Shanghai'))).toBe(7 * 24 * HOUR);
    // New York springs forward on Sunday 8 March 2026; Berlin on Sunday 29 March.
    expect(periodMs(weekPeriod('2026-03-02', 'America/New_York'))).toBe(7 * 24 * HOUR - HOUR);
    expect(periodMs(monthPeriod('2026-03', 'Europe/Berlin'))).toBe(31 * 24 * HOUR - HOUR);
    expect(monthPeriod('2026-12', 'Asia/Shanghai')).toMatchObject({ label: '2026-12', lastDay: '2026-12-31', end: shanghai('2027-01-01 00:00') });
  });

  it('go back for the trend, across a year', () => {
    expect(periodsUpTo(monthPeriod('2026-02', 'Asia/Shanghai'), 3, 'Asia/Shanghai').map((period) => period.label)).toEqual(['2025-12', '2026-01', '2026-02']);
    expect(periodsUpTo(weekPeriod('2026-01-05', 'Asia/Shanghai'), 2, 'Asia/Shanghai').map((period) => period.label)).toEqual(['2025-12-29', '2026-01-05']);
  });

  it('on demand: the last whole week and month before now, in the desk time zone', () => {
    // Wednesday 4 March: the last whole Monday-to-Sunday week is 23 February – 1 March.
    expect(lastCompletedWeek(shanghai('2026-03-04 12:00'), 'Asia/Shanghai', 1)).toMatchObject({ label: '2026-02-23', lastDay: '2026-03-01' });
    // 00:30 on 1 March in Shanghai is still 28 February in UTC: the last whole month is February.
    expect(lastCompletedMonth(shanghai('2026-03-01 00:30'), 'Asia/Shanghai').label).toBe('2026-02');
  });
});

describe('when scheduled reports fall due', () => {
  it('the daily digest: from its time for 12 hours, named by the local day', () => {
    expect(dueDigest(schedule, shanghai('2026-03-02 08:59'))).toBeNull();
    expect(dueDigest(schedule, shanghai('2026-03-02 09:00'))?.slot).toBe('2026-03-02');
    expect(dueDigest(schedule, shanghai('2026-03-02 20:59'))?.slot).toBe('2026-03-02');
    expect(dueDigest(schedule, shanghai('2026-03-02 21:00'))).toBeNull();
    // A digest at 20:00 is still due after midnight, for the day before.
    expect(dueDigest({ ...schedule, dailyDigestAt: '20:00' }, shanghai('2026-03-03 01:00'))?.slot).toBe('2026-03-02');
    expect(dueDigest({ ...schedule, dailyDigestAt: null }, shanghai('2026-03-02 09:00'))).toBeNull();
  });

  it('the weekly report on Monday covers the Monday-to-Sunday week before', () => {
    const due = dueWeekly(schedule, shanghai('2026-03-02 09:05'));
    expect(due?.slot).toBe('2026-02-23');
    expect(due?.period).toMatchObject({ start: shanghai('2026-02-23 00:00'), end: shanghai('2026-03-02 00:00') });
    expect(dueWeekly(schedule, shanghai('2026-03-02 08:55'))).toBeNull();
    expect(dueWeekly(schedule, shanghai('2026-03-04 09:05'))).toBeNull();
    // Sent on Fridays: the seven days before, Friday to Thursday.
    expect(dueWeekly({ ...schedule, weeklyOn: 5 }, shanghai('2026-03-06 10:00'))?.period).toMatchObject({ label: '2026-02-27', lastDay: '2026-03-05' });
  });

  it('the monthly report covers the previous calendar month', () => {
    expect(dueMonthly(schedule, shanghai('2026-03-01 09:00'))?.slot).toBe('2026-02');
    expect(dueMonthly(schedule, shanghai('2026-03-01 08:00'))).toBeNull();
    expect(dueMonthly(schedule, shanghai('2026-01-01 09:30'))?.slot).toBe('2025-12');
    expect(dueMonthly({ ...schedule, monthlyOn: 15 }, shanghai('2026-03-15 10:00'))?.slot).toBe('2026-02');
    expect(dueMonthly({ ...schedule, monthlyOn: null }, shanghai('2026-03-01 09:00'))).toBeNull();
  });
});
