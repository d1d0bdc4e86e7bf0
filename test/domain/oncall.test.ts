import { describe, expect, it } from 'vitest';
import type { DomainError } from '../../src/domain/errors.js';
import { checkOverrideWindow, handoffsBetween, localDateTime, mayOverride, onCallAt, rotationSchema, type Rotation } from '../../src/domain/oncall.js';

const daily: Rotation = rotationSchema.parse({
  team: 'second_line',
  cadence: 'daily',
  handoffAt: '09:00',
  timeZone: 'Asia/Shanghai',
  startsOn: '2026-03-02',
  members: ['U_A', 'U_B', 'U_C'],
});

// Shanghai is UTC+8 all year, so 09:00 there is 01:00Z.
describe('a daily rotation', () => {
  it.each([
    ['the first shift, from its handoff', '2026-03-02T01:00:00Z', 'U_A', '2026-03-02T01:00:00Z', '2026-03-03T01:00:00Z'],
    ['one minute before the first handoff: the day before belongs to the last member', '2026-03-02T00:59:00Z', 'U_C', '2026-03-01T01:00:00Z', '2026-03-02T01:00:00Z'],
    ['the third day', '2026-03-04T05:00:00Z', 'U_C', '2026-03-04T01:00:00Z', '2026-03-05T01:00:00Z'],
    ['the fourth day (07:00 local on 6 March is still the 5 March shift) wraps around to the first member', '2026-03-05T23:00:00Z', 'U_A', '2026-03-05T01:00:00Z', '2026-03-06T01:00:00Z'],
  ])('%s', (_name, at, userId, startsAt, endsAt) => {
    expect(onCallAt(daily, [], new Date(at))).toEqual({ team: 'second_line', userId, startsAt: new Date(startsAt), endsAt: new Date(endsAt), isOverride: false });
  });

  it('lets an override replace the member for its window only', () => {
    const override = { team: 'second_line', userId: 'U_SUB', from: new Date('2026-03-02T04:00:00Z'), to: new Date('2026-03-02T08:00:00Z') };
    expect(onCallAt(daily, [override], new Date('2026-03-02T05:00:00Z'))).toMatchObject({ userId: 'U_SUB', isOverride: true });
    expect(onCallAt(daily, [override], new Date('2026-03-02T08:00:00Z'))).toMatchObject({ userId: 'U_A', isOverride: false });
    expect(onCallAt(daily, [{ ...override, team: 'third_line' }], new Date('2026-03-02T05:00:00Z'))).toMatchObject({ userId: 'U_A' });
  });

  it('lists the handoffs in a window, each once', () => {
    const handoffs = handoffsBetween(daily, new Date('2026-03-02T00:00:00Z'), new Date('2026-03-04T01:00:00Z'));
    expect(handoffs.map((shift) => [shift.startsAt.toISOString(), shift.userId])).toEqual([
      ['2026-03-02T01:00:00.000Z', 'U_A'],
      ['2026-03-03T01:00:00.000Z', 'U_B'],
      ['2026-03-04T01:00:00.000Z', 'U_C'],
    ]);
    expect(handoffsBetween(daily, new Date('2026-03-02T01:00:00Z'), new Date('2026-03-02T23:00:00Z'))).toEqual([]);
  });
});

describe('a weekly rotation across a daylight-saving change', () => {
  const weekly: Rotation = rotationSchema.parse({
    team: 'third_line',
    cadence: 'weekly',
    handoffAt: '09:00',
    handoffWeekday: 1,
    timeZone: 'America/New_York',
    startsOn: '2026-03-02',
    members: ['U_A', 'U_B'],
  });

  it('hands over on Monday 09:00 local: 14:00Z in winter, 13:00Z after the clocks change on 8 March', () => {
    // Monday 9 March 08:00 EDT (12:00Z) is still the first week's shift, which began Monday 2 March 09:00 EST.
    expect(onCallAt(weekly, [], new Date('2026-03-09T12:00:00Z'))).toEqual({
      team: 'third_line',
      userId: 'U_A',
      startsAt: new Date('2026-03-02T14:00:00Z'),
      endsAt: new Date('2026-03-09T13:00:00Z'),
      isOverride: false,
    });
    expect(onCallAt(weekly, [], new Date('2026-03-09T13:00:00Z'))).toMatchObject({ userId: 'U_B', endsAt: new Date('2026-03-16T13:00:00Z') });
    // Wednesday of the third week: back to the first member.
    expect(onCallAt(weekly, [], new Date('2026-03-18T15:00:00Z'))).toMatchObject({ userId: 'U_A', startsAt: new Date('2026-03-16T13:00:00Z') });
  });
});

describe('override windows typed by a lead', () => {
  it('reads wall-clock times in the team\'s time zone, a bare date as midnight', () => {
    expect(localDateTime('2026-12-24 18:00', 'Asia/Shanghai')).toEqual(new Date('2026-12-24T10:00:00Z'));
    expect(localDateTime('2026-12-24T18:00', 'America/New_York')).toEqual(new Date('2026-12-24T23:00:00Z'));
    expect(localDateTime('2026-07-01', 'America/New_York')).toEqual(new Date('2026-07-01T04:00:00Z'));
  });

  it('refuses dates that do not exist or are not dates', () => {
    for (const text of ['2026-02-30 10:00', '2026-13-01', '2026-12-24 24:00', '2026-12-24 18:60', 'tomorrow', '24.12.2026']) {
      expect(localDateTime(text, 'Asia/Shanghai'), text).toBeUndefined();
    }
  });

  const now = new Date('2026-12-01T00:00:00Z');
  const codeOf = (from: string, to: string) => {
    try {
      checkOverrideWindow(new Date(from), new Date(to), now);
      return 'accepted';
    } catch (error) {
      return (error as DomainError).code;
    }
  };

  it('accepts a window that ends in the future, even one that has begun', () => {
    expect(codeOf('2026-11-30T00:00:00Z', '2026-12-02T00:00:00Z')).toBe('accepted');
    expect(codeOf('2026-12-24T10:00:00Z', '2027-01-24T10:00:00Z')).toBe('accepted');
  });

  it('refuses a window that ends before it starts, is over, or runs more than 31 days', () => {
    expect(codeOf('2026-12-03T00:00:00Z', '2026-12-02T00:00:00Z')).toBe('override_window_invalid');
    expect(codeOf('2026-11-20T00:00:00Z', '2026-11-30T00:00:00Z')).toBe('override_in_past');
    expect(codeOf('2026-12-24T10:00:00Z', '2027-01-24T10:00:01Z')).toBe('override_too_long');
  });

  it('lets the team\'s leads and admins set overrides, nobody else', () => {
    const led = { ...daily, leads: ['U_LEAD'] };
    expect(mayOverride({ userId: 'U_LEAD', roles: new Set() }, led)).toBe(true);
    expect(mayOverride({ userId: 'U_ADMIN', roles: new Set(['admin']) }, led)).toBe(true);
    expect(mayOverride({ userId: 'U_A', roles: new Set(['second_line', 'incident_manager']) }, led)).toBe(false);
  });
});
