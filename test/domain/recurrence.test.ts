import { describe, expect, it } from 'vitest';
import { nextOccurrence, type Recurrence } from '../../src/domain/recurrence.js';

const SHANGHAI = 'Asia/Shanghai';
const next = (recurrence: Recurrence, after: string, zone = SHANGHAI) => nextOccurrence(recurrence, new Date(after), zone)?.toISOString();
// node-cron's parse of '30 2 * * 1-5' and '0 0 L * *' (Sunday is 0).
const all = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => from + index);
const cron = (fields: Partial<Extract<Recurrence, { kind: 'cron' }>['fields']>): Recurrence => ({
  kind: 'cron',
  expression: 'test',
  fields: { minute: [0], hour: [0], dayOfMonth: all(1, 31), month: all(1, 12), dayOfWeek: all(0, 6), ...fields },
});

describe('the next occurrence of a recurrence', () => {
  it.each([
    ['daily later today', { kind: 'daily', at: '09:00' }, '2026-03-02T00:00:00Z', '2026-03-02T01:00:00.000Z'],
    ['daily, today already past', { kind: 'daily', at: '09:00' }, '2026-03-02T01:00:00Z', '2026-03-03T01:00:00.000Z'],
    ['weekly on Friday', { kind: 'weekly', weekday: 5, at: '18:30' }, '2026-03-02T01:00:00Z', '2026-03-06T10:30:00.000Z'],
    ['weekly on Sunday', { kind: 'weekly', weekday: 7, at: '08:00' }, '2026-03-02T01:00:00Z', '2026-03-08T00:00:00.000Z'],
    ['monthly on the 15th', { kind: 'monthly', day: 15, at: '10:00' }, '2026-03-20T00:00:00Z', '2026-04-15T02:00:00.000Z'],
    ['monthly on the 31st falls on 30 April', { kind: 'monthly', day: 31, at: '10:00' }, '2026-04-01T00:00:00Z', '2026-04-30T02:00:00.000Z'],
  ] as const)('%s', (_name, recurrence, after, expected) => {
    expect(next(recurrence, after)).toBe(expected);
  });

  it('follows a cron expression: weekdays at 02:30', () => {
    const weekdays = cron({ minute: [30], hour: [2], dayOfWeek: [1, 2, 3, 4, 5] });
    expect(next(weekdays, '2026-03-06T18:31:00Z')).toBe('2026-03-08T18:30:00.000Z'); // Friday 02:31 local → Monday 02:30 local
  });

  it('follows a cron expression on the last day of the month', () => {
    expect(next(cron({ dayOfMonth: ['L'] }), '2026-02-01T00:00:00Z', 'UTC')).toBe('2026-02-28T00:00:00.000Z');
  });

  it('keeps wall-clock time across a daylight-saving change', () => {
    const daily = { kind: 'daily', at: '09:00' } as const;
    // 09:00 EST is 14:00 UTC; the day after the clocks go forward, 09:00 EDT is 13:00 UTC.
    expect(next(daily, '2026-03-07T12:00:00Z', 'America/New_York')).toBe('2026-03-07T14:00:00.000Z');
    expect(next(daily, '2026-03-07T15:00:00Z', 'America/New_York')).toBe('2026-03-08T13:00:00.000Z');
  });

  it('says so when an expression never matches', () => {
    expect(next(cron({ dayOfMonth: [31], month: [2] }), '2026-01-01T00:00:00Z')).toBeUndefined();
  });
});
