import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../../src/domain/calendar.js';
import { DomainError } from '../../src/domain/errors.js';
import type { Priority } from '../../src/domain/priority.js';
import {
  DEFAULT_SLA_POLICIES,
  DEFAULT_WARNING_THRESHOLDS,
  nextSlaAlert,
  policyFor,
  slaPoliciesSchema,
  slaPolicySchema,
  slaStatus,
  thresholdInstant,
  type SlaClockInput,
  type SlaPolicy,
  type SlaTargetKind,
  type TargetStatus,
} from '../../src/domain/sla.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const at = (iso: string) => new Date(iso);

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

// Shanghai is UTC+8: the desk's 08:30–17:30 is 00:30Z–09:30Z. 9 March 2026 is a Monday.
const shanghai = calendar();
// National Day 2026 as chinese-days lists it: 10-01..07 off, Saturday 10-10 worked.
const china2026 = calendar({
  holidays: new Set(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07']),
  makeUpWorkdays: new Set(['2026-10-10']),
});
// EST (UTC−5) until Sunday 8 March 2026, then EDT (UTC−4).
const newYork = calendar({ timeZone: 'America/New_York' });

const policy = (priority: Priority) => policyFor(DEFAULT_SLA_POLICIES, { priority });
const P1 = policy('P1'); // 30 min / 4 h, 24×7
const P2 = policy('P2'); // 2 h / 8 h, business
const P3 = policy('P3'); // 4 h / 24 h, business

// A P3 ticket opened Monday 10:00 Shanghai (02:00Z).
// Response (4 h) is due Monday 14:00 (06:00Z).
// Resolution (24 h): Monday 10:00–17:30 gives 7.5 h, Tuesday 9 h (16.5), Wednesday 7.5 h from
// 08:30 → Wednesday 16:00 (2026-03-11T08:00Z).
function ticket(overrides: Partial<SlaClockInput> = {}): SlaClockInput {
  return {
    openedAt: at('2026-03-09T02:00:00Z'),
    now: at('2026-03-09T04:00:00Z'),
    pauses: [],
    respondedAt: null,
    resolvedAt: null,
    policy: P3,
    calendar: shanghai,
    ...overrides,
  };
}

type Expected = Partial<Record<keyof TargetStatus, unknown>>;

describe('slaStatus', () => {
  it('reports every field of a running clock', () => {
    // Monday 12:00: 2 h used of each target.
    expect(slaStatus(ticket())).toEqual({
      response: {
        kind: 'response',
        targetMs: 4 * HOUR,
        usedMs: 2 * HOUR,
        remainingMs: 2 * HOUR,
        fraction: 0.5,
        dueAt: at('2026-03-09T06:00:00Z'),
        state: 'running',
        metAt: null,
        breachedAt: null,
      },
      resolution: {
        kind: 'resolution',
        targetMs: 24 * HOUR,
        usedMs: 2 * HOUR,
        remainingMs: 22 * HOUR,
        fraction: 2 / 24,
        dueAt: at('2026-03-11T08:00:00Z'),
        state: 'running',
        metAt: null,
        breachedAt: null,
      },
    });
  });

  it.each<[string, Partial<SlaClockInput>, Expected, Expected]>([
    [
      'response met on time (Monday 11:00); dueAt still says when it would have run out',
      { respondedAt: at('2026-03-09T03:00:00Z') },
      { state: 'met', usedMs: HOUR, metAt: at('2026-03-09T03:00:00Z'), dueAt: at('2026-03-09T06:00:00Z'), breachedAt: null },
      { state: 'running', usedMs: 2 * HOUR },
    ],
    [
      'response at the last moment (Monday 14:00) is met',
      { respondedAt: at('2026-03-09T06:00:00Z'), now: at('2026-03-09T07:00:00Z') },
      { state: 'met', usedMs: 4 * HOUR, remainingMs: 0, breachedAt: null },
      { state: 'running', usedMs: 5 * HOUR },
    ],
    [
      // Responded Monday 15:00: 5 h used, 1 h late; the target ran out at 14:00.
      'response met late is breached',
      { respondedAt: at('2026-03-09T07:00:00Z'), now: at('2026-03-09T08:00:00Z') },
      {
        state: 'breached',
        usedMs: 5 * HOUR,
        remainingMs: -HOUR,
        fraction: 1.25,
        metAt: at('2026-03-09T07:00:00Z'),
        breachedAt: at('2026-03-09T06:00:00Z'),
      },
      { state: 'running', usedMs: 6 * HOUR },
    ],
    [
      'no response by Monday 15:00: breached while still running',
      { now: at('2026-03-09T07:00:00Z') },
      { state: 'breached', usedMs: 5 * HOUR, metAt: null, breachedAt: at('2026-03-09T06:00:00Z'), dueAt: at('2026-03-09T06:00:00Z') },
      { state: 'running', usedMs: 5 * HOUR, breachedAt: null },
    ],
    [
      // On hold Monday 11:00–13:00; at 14:00, 1 h + 1 h used. Both targets move 2 h later:
      // response to 16:00; resolution from Wednesday 16:00 + 2 h = 1.5 h to Wednesday's
      // closing + 0.5 h → Thursday 09:00 (2026-03-12T01:00Z).
      'a finished pause moves both targets',
      { pauses: [{ from: at('2026-03-09T03:00:00Z'), to: at('2026-03-09T05:00:00Z') }], now: at('2026-03-09T06:00:00Z') },
      { state: 'running', usedMs: 2 * HOUR, dueAt: at('2026-03-09T08:00:00Z') },
      { state: 'running', usedMs: 2 * HOUR, dueAt: at('2026-03-12T01:00:00Z') },
    ],
    [
      'on hold since Monday 11:00: paused, no due time',
      { pauses: [{ from: at('2026-03-09T03:00:00Z'), to: null }], now: at('2026-03-09T06:00:00Z') },
      { state: 'paused', usedMs: HOUR, fraction: 0.25, dueAt: null },
      { state: 'paused', usedMs: HOUR, dueAt: null },
    ],
    [
      // On hold Monday 18:00 → Tuesday 08:00, when the desk is closed anyway: Tuesday 09:30 has
      // 7.5 h (Monday) + 1 h used, and resolution is still due Wednesday 16:00.
      'a pause outside working hours changes nothing',
      {
        pauses: [{ from: at('2026-03-09T10:00:00Z'), to: at('2026-03-10T00:00:00Z') }],
        respondedAt: at('2026-03-09T03:00:00Z'),
        now: at('2026-03-10T01:30:00Z'),
      },
      { state: 'met', usedMs: HOUR },
      { state: 'running', usedMs: 8.5 * HOUR, dueAt: at('2026-03-11T08:00:00Z') },
    ],
    [
      // Resolved Tuesday 12:00: Monday 7.5 h + Tuesday 08:30–12:00 3.5 h = 11 h.
      'resolved within target',
      { respondedAt: at('2026-03-09T03:00:00Z'), resolvedAt: at('2026-03-10T04:00:00Z'), now: at('2026-03-11T02:00:00Z') },
      { state: 'met' },
      { state: 'met', usedMs: 11 * HOUR, metAt: at('2026-03-10T04:00:00Z'), dueAt: at('2026-03-11T08:00:00Z') },
    ],
    [
      'a response recorded after `now` is not known yet',
      { respondedAt: at('2026-03-09T05:00:00Z') },
      { state: 'running', usedMs: 2 * HOUR, metAt: null },
      { state: 'running' },
    ],
    [
      // P1 opened Saturday 11:00 Shanghai (03:00Z): 24×7, so the weekend counts. At 04:00Z the
      // 30-minute response ran out at 03:30Z; resolution has 1 h of 4 h used, due 07:00Z.
      'P1 runs 24×7 over a weekend',
      { policy: P1, openedAt: at('2026-03-07T03:00:00Z'), now: at('2026-03-07T04:00:00Z') },
      { state: 'breached', usedMs: HOUR, breachedAt: at('2026-03-07T03:30:00Z') },
      { state: 'running', usedMs: HOUR, fraction: 0.25, dueAt: at('2026-03-07T07:00:00Z') },
    ],
    [
      // A 10-minute hold also counts for nothing under 24×7: responded after 35 min, 25 min used.
      'P1 with a pause: response met',
      {
        policy: P1,
        openedAt: at('2026-03-07T03:00:00Z'),
        pauses: [{ from: at('2026-03-07T03:10:00Z'), to: at('2026-03-07T03:20:00Z') }],
        respondedAt: at('2026-03-07T03:35:00Z'),
        now: at('2026-03-07T04:00:00Z'),
      },
      { state: 'met', usedMs: 25 * MINUTE },
      { state: 'running', usedMs: 50 * MINUTE, dueAt: at('2026-03-07T07:10:00Z') },
    ],
    [
      // P2 opened Wednesday 30 Sept 16:00 (08:00Z): 1.5 h before closing, then National Day.
      // Response (2 h) → 10-08 09:00 (01:00Z); resolution (8 h) → 10-08 15:00 (07:00Z).
      'P2 over the National Day week',
      { policy: P2, calendar: china2026, openedAt: at('2026-09-30T08:00:00Z'), now: at('2026-10-05T08:00:00Z') },
      { state: 'running', usedMs: 1.5 * HOUR, dueAt: at('2026-10-08T01:00:00Z') },
      { state: 'running', usedMs: 1.5 * HOUR, dueAt: at('2026-10-08T07:00:00Z') },
    ],
    [
      // P2 opened Friday 6 March 16:00 EST (21:00Z), now 17:00 EST: 1 h used. Monday 9 March is
      // summer time (08:30 EDT = 12:30Z). Response: 1.5 h Friday + 0.5 h → 09:00 EDT (13:00Z);
      // resolution: 1.5 h + 6.5 h → 15:00 EDT (19:00Z).
      'P2 in New York over the change to summer time',
      { policy: P2, calendar: newYork, openedAt: at('2026-03-06T21:00:00Z'), now: at('2026-03-06T22:00:00Z') },
      { state: 'running', usedMs: HOUR, dueAt: at('2026-03-09T13:00:00Z') },
      { state: 'running', usedMs: HOUR, dueAt: at('2026-03-09T19:00:00Z') },
    ],
  ])('%s', (_name, overrides, response, resolution) => {
    const status = slaStatus(ticket(overrides));
    expect(status.response).toMatchObject(response);
    expect(status.resolution).toMatchObject(resolution);
  });

  // Nothing about the old priority is stored: the caller passes the new policy and the clock is
  // recomputed from openedAt (Monday 10:00), with the same pauses.
  it.each<[string, SlaPolicy, Expected, Expected]>([
    ['stays P3', P3, { state: 'running', dueAt: at('2026-03-09T06:00:00Z') }, { dueAt: at('2026-03-11T08:00:00Z') }],
    // P2: 2 h response is used up exactly at 12:00 (04:00Z); 8 h resolution = 7.5 h Monday + 0.5 h → Tuesday 09:00.
    [
      'raised to P2',
      P2,
      { state: 'breached', breachedAt: at('2026-03-09T04:00:00Z') },
      { dueAt: at('2026-03-10T01:00:00Z') },
    ],
    // P1 counts 24×7 from opening: resolution 10:00 + 4 h = 14:00 (06:00Z).
    ['raised to P1', P1, { state: 'breached', breachedAt: at('2026-03-09T02:30:00Z') }, { dueAt: at('2026-03-09T06:00:00Z') }],
  ])('a priority change recomputes from openedAt: %s', (_name, newPolicy, response, resolution) => {
    const status = slaStatus(ticket({ policy: newPolicy }));
    expect(status.response).toMatchObject(response);
    expect(status.resolution).toMatchObject(resolution);
  });
});

// A P2 ticket opened Monday 16:30 Shanghai (08:30Z), 1 h before closing.
// Response 2 h: 50 % (60 min) = Monday 17:30 (09:30Z); 75 % (90 min) = 1 h Monday + 30 min
// Tuesday → 09:00 (01:00Z); 90 % (108 min) → Tuesday 09:18 (01:18Z); 100 % → Tuesday 09:30 (01:30Z).
// Resolution 8 h: 50 % (4 h) = 1 h + 3 h → Tuesday 11:30 (03:30Z); 75 % (6 h) → 13:30 (05:30Z);
// 90 % (7 h 12 min) → 14:42 (06:42Z); 100 % → 15:30 (07:30Z).
function p2Ticket(overrides: Partial<SlaClockInput> = {}): SlaClockInput {
  return ticket({ policy: P2, openedAt: at('2026-03-09T08:30:00Z'), now: at('2026-03-09T09:00:00Z'), ...overrides });
}

const P1_ON_SATURDAY = { policy: P1, openedAt: at('2026-03-07T03:00:00Z'), now: at('2026-03-07T03:00:00Z') };

describe('thresholdInstant', () => {
  it.each<[string, Partial<SlaClockInput>, SlaTargetKind, number, string | null]>([
    ['response 50 %', {}, 'response', 0.5, '2026-03-09T09:30:00Z'],
    ['response 75 %', {}, 'response', 0.75, '2026-03-10T01:00:00Z'],
    ['response 90 %', {}, 'response', 0.9, '2026-03-10T01:18:00Z'],
    ['response 100 %', {}, 'response', 1, '2026-03-10T01:30:00Z'],
    ['resolution 50 %', {}, 'resolution', 0.5, '2026-03-10T03:30:00Z'],
    ['resolution 75 %', {}, 'resolution', 0.75, '2026-03-10T05:30:00Z'],
    ['resolution 90 %', {}, 'resolution', 0.9, '2026-03-10T06:42:00Z'],
    ['resolution 100 %', {}, 'resolution', 1, '2026-03-10T07:30:00Z'],
    // On hold Monday 17:00 → Tuesday 09:00: 30 min used before, Tuesday 08:30–09:00 skipped.
    // 25 % (30 min) was reached as the hold began; 50 % (60 min) is 30 min after 09:00.
    ...pausedOvernight('response', 0.25, '2026-03-09T09:00:00Z'),
    ...pausedOvernight('response', 0.5, '2026-03-10T01:30:00Z'),
    ...pausedOvernight('response', 1, '2026-03-10T02:30:00Z'),
    ['null while on hold', { pauses: [{ from: at('2026-03-09T09:00:00Z'), to: null }] }, 'response', 0.5, null],
    ['null once responded', { respondedAt: at('2026-03-09T09:00:00Z') }, 'response', 0.5, null],
    ['resolution still runs after the response', { respondedAt: at('2026-03-09T09:00:00Z') }, 'resolution', 0.5, '2026-03-10T03:30:00Z'],
    // P1 opened Saturday 03:00Z, 24×7: 4 h resolution → 50 % at 05:00Z, 90 % (3 h 36 min) at 06:36Z.
    ['P1 resolution 50 %', P1_ON_SATURDAY, 'resolution', 0.5, '2026-03-07T05:00:00Z'],
    ['P1 resolution 90 %', P1_ON_SATURDAY, 'resolution', 0.9, '2026-03-07T06:36:00Z'],
  ])('%s', (_name, overrides, kind, fraction, expected) => {
    expect(thresholdInstant(p2Ticket(overrides), kind, fraction)).toEqual(expected === null ? null : at(expected));
  });

  function pausedOvernight(
    kind: SlaTargetKind,
    fraction: number,
    expected: string,
  ): [string, Partial<SlaClockInput>, SlaTargetKind, number, string][] {
    const overrides = {
      pauses: [{ from: at('2026-03-09T09:00:00Z'), to: at('2026-03-10T01:00:00Z') }],
      now: at('2026-03-10T01:10:00Z'),
    };
    return [[`${kind} ${fraction * 100} % after an overnight hold`, overrides, kind, fraction, expected]];
  }
});

describe('nextSlaAlert', () => {
  const ALL_RESPONSE = ['response:0.5', 'response:0.75', 'response:0.9', 'response:1'];

  it.each<[string, Partial<SlaClockInput>, readonly number[], string[], { key: string; at: string } | null]>([
    ['the first warning', {}, DEFAULT_WARNING_THRESHOLDS, [], { key: 'response:0.5', at: '2026-03-09T09:30:00Z' }],
    ['the next one once it is sent', {}, DEFAULT_WARNING_THRESHOLDS, ['response:0.5'], { key: 'response:0.75', at: '2026-03-10T01:00:00Z' }],
    [
      'the breach itself',
      {},
      DEFAULT_WARNING_THRESHOLDS,
      ['response:0.5', 'response:0.75', 'response:0.9'],
      { key: 'response:1', at: '2026-03-10T01:30:00Z' },
    ],
    ['resolution after every response alert', {}, DEFAULT_WARNING_THRESHOLDS, ALL_RESPONSE, { key: 'resolution:0.5', at: '2026-03-10T03:30:00Z' }],
    [
      'no more response alerts once responded (Tuesday 09:10)',
      { respondedAt: at('2026-03-10T01:10:00Z'), now: at('2026-03-10T01:15:00Z') },
      DEFAULT_WARNING_THRESHOLDS,
      ['response:0.5', 'response:0.75'],
      { key: 'resolution:0.5', at: '2026-03-10T03:30:00Z' },
    ],
    [
      'an overdue alert is still returned (the job sends it at once)',
      { now: at('2026-03-10T04:00:00Z') },
      DEFAULT_WARNING_THRESHOLDS,
      [],
      { key: 'response:0.5', at: '2026-03-09T09:30:00Z' },
    ],
    // 80 % of 2 h = 96 min: 1 h Monday + 36 min → Tuesday 09:06 (01:06Z).
    ['configured thresholds', {}, [0.8], [], { key: 'response:0.8', at: '2026-03-10T01:06:00Z' }],
    ['none while on hold', { pauses: [{ from: at('2026-03-09T09:00:00Z'), to: null }] }, DEFAULT_WARNING_THRESHOLDS, [], null],
    [
      'none once all are sent',
      {},
      DEFAULT_WARNING_THRESHOLDS,
      [...ALL_RESPONSE, 'resolution:0.5', 'resolution:0.75', 'resolution:0.9', 'resolution:1'],
      null,
    ],
  ])('%s', (_name, overrides, thresholds, sent, expected) => {
    const alert = nextSlaAlert(p2Ticket(overrides), thresholds, new Set(sent));
    expect(alert && { key: alert.key, at: alert.at }).toEqual(expected && { key: expected.key, at: at(expected.at) });
  });

  it('says which target and fraction the key stands for', () => {
    expect(nextSlaAlert(p2Ticket(), DEFAULT_WARNING_THRESHOLDS, new Set(ALL_RESPONSE))).toEqual({
      key: 'resolution:0.5',
      kind: 'resolution',
      fraction: 0.5,
      at: at('2026-03-10T03:30:00Z'),
    });
  });
});

describe('policyFor', () => {
  const targets = { responseMinutes: 60, resolutionMinutes: 480, hours: 'business' } as const;
  const policies: SlaPolicy[] = [
    ...DEFAULT_SLA_POLICIES,
    { id: 'hardware', priority: 'P3', categoryPrefix: 'hardware', ...targets },
    { id: 'printers', priority: 'P3', categoryPrefix: 'hardware/printer', ...targets },
    { id: 'erp', priority: 'P3', service: 'erp', ...targets },
    { id: 'erp-hardware', priority: 'P3', service: 'erp', categoryPrefix: 'hardware', ...targets },
  ];

  it.each<[string, Priority, string | null, string | null, string]>([
    ['priority only', 'P3', null, null, 'p3'],
    ['an unrelated category', 'P3', 'software/email', null, 'p3'],
    ['a category prefix', 'P3', 'hardware/laptop', null, 'hardware'],
    ['the longer prefix wins', 'P3', 'hardware/printer/jam', null, 'printers'],
    ['prefixes match whole segments only', 'P3', 'hardware-lease', null, 'p3'],
    ['a service beats any category', 'P3', 'hardware/printer', 'erp', 'erp-hardware'],
    ['a service alone', 'P3', 'software', 'erp', 'erp'],
    ['another service', 'P3', null, 'crm', 'p3'],
    ['other priorities keep their own', 'P2', 'hardware/printer', 'erp', 'p2'],
  ])('%s', (_name, priority, categoryPath, service, expectedId) => {
    expect(policyFor(policies, { priority, categoryPath, service }).id).toBe(expectedId);
  });

  it('throws not_found when no policy covers the priority', () => {
    const withoutP4 = DEFAULT_SLA_POLICIES.filter((candidate) => candidate.priority !== 'P4');
    expect(() => policyFor(withoutP4, { priority: 'P4' })).toThrow(DomainError);
    expect(() => policyFor(withoutP4, { priority: 'P4' })).toThrow(/not_found/);
  });
});

describe('SLA policy schemas', () => {
  it('accepts the defaults, which follow DOMAIN.md', () => {
    expect(slaPoliciesSchema.parse(DEFAULT_SLA_POLICIES)).toEqual(DEFAULT_SLA_POLICIES);
    // P4 resolves in 5 business days = 5 × 9 h (08:30–17:30) = 2700 minutes.
    expect(policy('P4')).toMatchObject({ responseMinutes: 480, resolutionMinutes: 2700, hours: 'business' });
    expect(P1).toMatchObject({ responseMinutes: 30, resolutionMinutes: 240, hours: '24x7' });
  });

  const p3 = { id: 'x', priority: 'P3', responseMinutes: 60, resolutionMinutes: 120, hours: 'business' };

  it.each([
    ['a response slower than the resolution', { ...p3, responseMinutes: 180 }],
    ['an unknown priority', { ...p3, priority: 'P5' }],
    ['a category prefix that is not a path', { ...p3, categoryPrefix: 'Hardware/' }],
    ['a category prefix deeper than three levels', { ...p3, categoryPrefix: 'a/b/c/d' }],
    ['unknown hours', { ...p3, hours: '9x5' }],
    ['zero minutes', { ...p3, responseMinutes: 0 }],
  ])('refuses a policy with %s', (_name, value) => {
    expect(slaPolicySchema.safeParse(value).success).toBe(false);
  });

  it.each([
    ['a priority without a catch-all policy', DEFAULT_SLA_POLICIES.slice(0, 3), /no SLA policy for P4/],
    ['a repeated id', [...DEFAULT_SLA_POLICIES, { ...p3, id: 'p1', service: 'erp' }], /duplicate SLA policy id "p1"/],
    ['two policies with the same scope', [...DEFAULT_SLA_POLICIES, { ...p3, id: 'p3-again' }], /same scope/],
  ])('refuses a list with %s', (_name, value, message) => {
    const result = slaPoliciesSchema.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message).join('\n')).toMatch(message);
  });
});
