import { describe, expect, it } from 'vitest';
import { addWorkingDays } from '../../src/domain/calendar.js';

const shanghai = { timeZone: 'Asia/Shanghai' };

describe('addWorkingDays', () => {
  it.each([
    ['a Friday morning + 3 → Wednesday, same local time', '2026-03-06T02:00:00Z', 3, '2026-03-11T02:00:00Z'],
    ['a Monday + 1 → Tuesday', '2026-03-09T01:00:00Z', 1, '2026-03-10T01:00:00Z'],
    // 23:30 on Friday in Shanghai is still Friday there although it is 15:30Z: next working day is Monday.
    ['late Friday evening local time + 1 → Monday', '2026-03-06T15:30:00Z', 1, '2026-03-09T15:30:00Z'],
    // 00:30 on Saturday in Shanghai is Friday 16:30Z; one working day later is Monday 00:30 there.
    ['a Saturday (local) + 1 → Monday', '2026-03-06T16:30:00Z', 1, '2026-03-08T16:30:00Z'],
  ])('%s', (_name, start, days, expected) => {
    expect(addWorkingDays(new Date(start), days, shanghai).toISOString()).toBe(new Date(expected).toISOString());
  });

  it('counts in the calendar time zone, not the machine one, across a daylight-saving change', () => {
    // 2026-03-06T20:00Z is Friday 15:00 in New York and Saturday 04:00 in Shanghai.
    const start = new Date('2026-03-06T20:00:00Z');
    // New York moves to summer time on 8 March: Monday 15:00 there is 19:00Z.
    expect(addWorkingDays(start, 1, { timeZone: 'America/New_York' }).toISOString()).toBe('2026-03-09T19:00:00.000Z');
    // Shanghai: Saturday 04:00 + 1 working day = Monday 04:00 = Sunday 20:00Z.
    expect(addWorkingDays(start, 1, shanghai).toISOString()).toBe('2026-03-08T20:00:00.000Z');
  });
});
