// Every figure of the service report on one fixed data set, each expected value worked out by hand
// in the comments. The desk works Monday to Friday 09:00–17:00 in Shanghai (UTC+8, no daylight
// saving, no holidays). February 2026: the 1st is a Sunday, the 2nd a Monday; 28 days = 672 h.
import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../../src/domain/calendar.js';
import type { SlaPolicy } from '../../src/domain/sla.js';
import type { ReportChange, ReportIncident, ReportSurvey } from '../../src/domain/reports/data.js';
import { monthPeriod, periodsUpTo } from '../../src/domain/reports/period.js';
import { buildServiceReport, type ServiceReport } from '../../src/domain/reports/service-report.js';
import { digestOf, type DigestIncident } from '../../src/domain/reports/digest.js';

const TZ = 'Asia/Shanghai';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Local Shanghai wall-clock time. */
const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);

const desk: BusinessCalendar = { timeZone: TZ, workingDays: new Set([1, 2, 3, 4, 5]), opensAt: 9 * 60, closesAt: 17 * 60, holidays: new Set(), makeUpWorkdays: new Set() };
const policies: SlaPolicy[] = [
  { id: 'p1', priority: 'P1', responseMinutes: 30, resolutionMinutes: 240, hours: '24x7' },
  { id: 'p2', priority: 'P2', responseMinutes: 60, resolutionMinutes: 480, hours: 'business' },
  { id: 'p3', priority: 'P3', responseMinutes: 240, resolutionMinutes: 1440, hours: 'business' },
  { id: 'p4', priority: 'P4', responseMinutes: 480, resolutionMinutes: 2400, hours: 'business' },
];

function incident(number: number, fields: Partial<ReportIncident> & Pick<ReportIncident, 'priority' | 'openedAt'>): ReportIncident {
  return { number: `INC-${String(number).padStart(6, '0')}`, title: `Incident ${number}`, categoryPath: null, source: 'slash_command', affectedService: null, isSecurity: false, duplicateOf: null, state: 'closed', firstResponseAt: null, resolvedAt: null, majorDeclaredAt: null, pauses: [], ...fields };
}

const incidents: ReportIncident[] = [
  // I1 P1 VPN, major: response 20 min (met), resolution 3 h (met); outage 10:00–13:00.
  incident(1, { priority: 'P1', categoryPath: 'network/vpn', affectedService: 'VPN', openedAt: at('2026-02-02 10:00'), firstResponseAt: at('2026-02-02 10:20'), resolvedAt: at('2026-02-02 13:00'), majorDeclaredAt: at('2026-02-02 10:30') }),
  // I2 P2 Email, opened Tue 16:30. Response: 30 business min on Tue + 45 on Wed = 75 > 60, due Wed
  // 09:30 (breached). Resolution: 30 + 360 (Wed 09:00–15:00) = 390 ≤ 480 (met).
  incident(2, { priority: 'P2', categoryPath: 'hardware/printer', source: 'modal', affectedService: 'Email', openedAt: at('2026-02-03 16:30'), firstResponseAt: at('2026-02-04 09:45'), resolvedAt: at('2026-02-04 15:00') }),
  // I3 P2 Email, on hold 11:00–14:00. Response 10 min (met). Resolution: Wed 60 + 180, Thu 120 =
  // 360 business min (met). Its outage overlaps I2's: one failure Tue 16:30 – Thu 11:00 = 42.5 h.
  incident(3, { priority: 'P2', categoryPath: 'software/email', source: 'app_home', affectedService: 'Email', openedAt: at('2026-02-04 10:00'), firstResponseAt: at('2026-02-04 10:10'), resolvedAt: at('2026-02-05 11:00'), pauses: [{ from: at('2026-02-04 11:00'), to: at('2026-02-04 14:00') }] }),
  // I4 P3, no service. Response: 240 business min from Thu 09:00, due Thu 13:00; came 14:00
  // (breached). Resolution: 3 business days of 8 h, due Mon 9th 17:00; came Tue 10th 10:00 (breached).
  incident(4, { priority: 'P3', categoryPath: 'software/email', openedAt: at('2026-02-05 09:00'), firstResponseAt: at('2026-02-05 14:00'), resolvedAt: at('2026-02-10 10:00') }),
  // I5 P4, open, not answered: 60 business min used by the end of the month (running, not settled).
  incident(5, { priority: 'P4', source: 'message_shortcut', state: 'new', openedAt: at('2026-02-27 16:00') }),
  // I6 a duplicate of I1: left out of every figure but the duplicate count.
  incident(6, { priority: 'P1', duplicateOf: 'INC-000001', affectedService: 'VPN', openedAt: at('2026-02-02 10:05'), firstResponseAt: at('2026-02-02 10:06'), resolvedAt: at('2026-02-02 10:06') }),
  // I7 P1 VPN, opened Saturday 31 January 20:00: response met in January (20:10). Resolution (24×7)
  // due 00:00 on 1 February, came 02:00: a February breach. Outage inside February: 00:00–02:00.
  incident(7, { priority: 'P1', categoryPath: 'network/vpn', affectedService: 'VPN', openedAt: at('2026-01-31 20:00'), firstResponseAt: at('2026-01-31 20:10'), resolvedAt: at('2026-02-01 02:00') }),
  // I8 P3, a security incident: response 30 min, resolution 3 h (both met).
  incident(8, { priority: 'P3', categoryPath: 'network/wifi', source: 'modal', isSecurity: true, openedAt: at('2026-02-16 09:00'), firstResponseAt: at('2026-02-16 09:30'), resolvedAt: at('2026-02-16 12:00') }),
  // I9 P2 ERP, open and never answered since Fri 27th 09:00: response due 10:00 and resolution due
  // 17:00, both breached. Outage to the end of the month: 15 h on the 27th + 24 h on the 28th = 39 h.
  incident(9, { priority: 'P2', categoryPath: 'access', affectedService: 'ERP', state: 'new', openedAt: at('2026-02-27 09:00') }),
];

const change = (number: number, fields: Partial<ReportChange> & Pick<ReportChange, 'type' | 'createdAt'>): ReportChange => ({
  number: `CHG-${String(number).padStart(6, '0')}`, title: `Change ${number}`, state: 'closed', endedAt: null, failureReason: null, ...fields,
});
const changes: ReportChange[] = [
  change(1, { type: 'normal', createdAt: at('2026-02-03 10:00'), endedAt: at('2026-02-10 12:00') }),
  change(2, { type: 'emergency', state: 'failed', createdAt: at('2026-02-04 08:00'), endedAt: at('2026-02-04 09:00'), failureReason: 'Rolled back after errors' }),
  change(3, { type: 'standard', state: 'scheduled', createdAt: at('2026-02-20 10:00') }),
  change(4, { type: 'normal', state: 'review', createdAt: at('2026-01-20 10:00'), endedAt: at('2026-02-02 11:00') }),
  change(5, { type: 'emergency', createdAt: at('2026-01-30 10:00'), endedAt: at('2026-01-31 10:00') }),
];

const survey = (rating: ReportSurvey['rating'], local: string): ReportSurvey => ({ rating, answeredAt: at(local) });
const surveys: ReportSurvey[] = [
  survey('very_satisfied', '2026-02-02 14:00'),
  survey('very_satisfied', '2026-02-05 14:00'),
  survey('satisfied', '2026-02-06 14:00'),
  survey('satisfied', '2026-02-11 14:00'),
  survey('satisfied', '2026-02-17 14:00'),
  survey('neutral', '2026-02-18 14:00'),
  survey('dissatisfied', '2026-02-19 14:00'),
  survey('very_dissatisfied', '2026-02-20 14:00'),
  survey('very_satisfied', '2026-01-28 14:00'), // January: not counted
];

const february = monthPeriod('2026-02', TZ);
function report(problems: { opened: number; knownErrorsAdded: number } | null = null): ServiceReport {
  return buildServiceReport({ kind: 'month', periods: periodsUpTo(february, 2, TZ), incidents, changes, surveys, problems, rules: { policies, calendar: desk }, targets: { satisfaction: 85, availability: 99.9 } });
}

describe('the monthly service report on a fixed data set', () => {
  it('covers February in Shanghai: 1 February 00:00 to 1 March 00:00 local (16:00Z the day before)', () => {
    expect(february.start.toISOString()).toBe('2026-01-31T16:00:00.000Z');
    expect(february.end.toISOString()).toBe('2026-02-28T16:00:00.000Z');
  });

  it('counts the volume of incidents opened in the month by priority, category and source', () => {
    // Opened in February, duplicates left out: I1 I2 I3 I4 I5 I8 I9 = 7 (I7 opened in January, I6 is a duplicate).
    const { volume } = report();
    expect(volume.total).toBe(7);
    // P1: I1; P2: I2 I3 I9; P3: I4 I8; P4: I5.
    expect(volume.byPriority).toEqual({ P1: 1, P2: 3, P3: 2, P4: 1 });
    // network: I1 I8; software: I3 I4; hardware: I2; access: I9; unclassified ('-'): I5.
    expect(volume.byCategory).toEqual([['network', 2], ['software', 2], ['-', 1], ['access', 1], ['hardware', 1]]);
    // slash_command: I1 I4 I9; modal: I2 I8; app_home: I3; message_shortcut: I5.
    expect(volume.bySource).toEqual([['slash_command', 3], ['modal', 2], ['app_home', 1], ['message_shortcut', 1]]);
    expect(volume.duplicates).toBe(1);
  });

  it('gives the mean time to acknowledge and to resolve in calendar and business time', () => {
    const { timing } = report();
    // Acknowledged in February: I1 20 min; I2 17 h 15 min = 1035 min (business 30 + 45 = 75);
    // I3 10; I4 300; I8 30. Calendar (20 + 1035 + 10 + 300 + 30) / 5 = 1395 / 5 = 279 min;
    // business (20 + 75 + 10 + 300 + 30) / 5 = 435 / 5 = 87 min.
    expect(timing.acknowledge).toEqual({ count: 5, calendarMs: 279 * MINUTE, businessMs: 87 * MINUTE });
    // Resolved in February: I1 180 / 180; I2 1350 / 390; I3 1500 / 360 (the hold left out);
    // I4 7260 (5 days + 1 h) / 1500 (3 days × 480 + 60); I7 360 / 0 (a weekend night); I8 180 / 180.
    // Calendar 10830 / 6 = 1805 min; business 2610 / 6 = 435 min.
    expect(timing.resolve).toEqual({ count: 6, calendarMs: 1805 * MINUTE, businessMs: 435 * MINUTE });
  });

  it('measures SLA attainment by priority from the targets settled in the month, with the breaches', () => {
    const { sla } = report();
    // P1 response: I1 met (I7's was met in January). P1 resolution: I1 met, I7 breached → 1 of 2.
    expect(sla.byPriority.P1.response).toEqual({ met: 1, breached: 0, rate: 100 });
    expect(sla.byPriority.P1.resolution).toEqual({ met: 1, breached: 1, rate: 50 });
    // P2 response: I3 met; I2 and I9 breached → 1 of 3. Resolution: I2, I3 met; I9 breached → 2 of 3.
    expect(sla.byPriority.P2.response.rate).toBeCloseTo(100 / 3, 10);
    expect(sla.byPriority.P2.resolution).toMatchObject({ met: 2, breached: 1 });
    expect(sla.byPriority.P2.resolution.rate).toBeCloseTo(200 / 3, 10);
    // P3: I8 met both, I4 breached both → 50 % each. P4: I5 still running → no figure.
    expect(sla.byPriority.P3).toEqual({ response: { met: 1, breached: 1, rate: 50 }, resolution: { met: 1, breached: 1, rate: 50 } });
    expect(sla.byPriority.P4.response).toEqual({ met: 0, breached: 0, rate: null });
    // Overall response: I1 I3 I8 met, I2 I4 I9 breached → 3 / 6 = 50 %.
    // Overall resolution: I1 I2 I3 I8 met, I4 I7 I9 breached → 4 / 7.
    expect(sla.overall.response).toEqual({ met: 3, breached: 3, rate: 50 });
    expect(sla.overall.resolution.rate).toBeCloseTo(400 / 7, 10);
    expect(sla.breaches.map((breach) => [breach.incident.number, breach.kind, breach.settledAt.toISOString(), breach.doneAt?.toISOString() ?? null])).toEqual([
      ['INC-000007', 'resolution', at('2026-02-01 00:00').toISOString(), at('2026-02-01 02:00').toISOString()],
      ['INC-000002', 'response', at('2026-02-04 09:30').toISOString(), at('2026-02-04 09:45').toISOString()],
      ['INC-000004', 'response', at('2026-02-05 13:00').toISOString(), at('2026-02-05 14:00').toISOString()],
      ['INC-000004', 'resolution', at('2026-02-09 17:00').toISOString(), at('2026-02-10 10:00').toISOString()],
      ['INC-000009', 'response', at('2026-02-27 10:00').toISOString(), null],
      ['INC-000009', 'resolution', at('2026-02-27 17:00').toISOString(), null],
    ]);
  });

  it('lists the major incidents declared in the month', () => {
    expect(report().majors).toEqual([{ number: 'INC-000001', title: 'Incident 1', priority: 'P1', isSecurity: false, declaredAt: at('2026-02-02 10:30'), resolvedAt: at('2026-02-02 13:00') }]);
  });

  it('counts changes: raised (emergency share), implemented, success rate and the failed ones', () => {
    const { changes: figures } = report();
    // Raised in February: CHG 1 (normal), 2 (emergency), 3 (standard) → emergency share 1 / 3.
    expect(figures).toMatchObject({ raised: 3, raisedByType: { standard: 1, normal: 1, emergency: 1 }, implemented: 3, successful: 2 });
    expect(figures.emergencyShare).toBeCloseTo(100 / 3, 10);
    // Ended in February: CHG 1 and 4 completed, CHG 2 failed (CHG 5 ended in January) → 2 / 3.
    expect(figures.successRate).toBeCloseTo(200 / 3, 10);
    expect(figures.failed.map((each) => each.number)).toEqual(['CHG-000002']);
  });

  it('takes the problem figures from the port, or says they are not available', () => {
    expect(report({ opened: 2, knownErrorsAdded: 1 }).problems).toEqual({ opened: 2, knownErrorsAdded: 1 });
    expect(report().problems).toBeNull();
  });

  it('gives the satisfaction rate as DOMAIN.md defines it, against the 85 % target', () => {
    // February: 2 very satisfied + 3 satisfied + 1 neutral = 6 of 8 answers → 75 %, below 85 %.
    expect(report().satisfaction).toEqual({
      answers: 8,
      byRating: { very_satisfied: 2, satisfied: 3, neutral: 1, dissatisfied: 1, very_dissatisfied: 1 },
      rate: 75,
      target: 85,
      meetsTarget: false,
    });
  });

  it('gives availability, MTTR, MTBF and MTBSI per service from the P1/P2 outages', () => {
    const byService = Object.fromEntries(report().availability.map((line) => [line.service, line]));
    expect(report().availability.map((line) => line.service)).toEqual(['Email', 'ERP', 'VPN']);
    // Email: I2 and I3 merge into one failure of 42.5 h. (672 − 42.5) / 672 = 629.5 / 672.
    expect(byService.Email).toMatchObject({ failures: 1, downtimeMs: 42.5 * HOUR, mttrMs: 42.5 * HOUR, mtbfMs: 629.5 * HOUR, mtbsiMs: 672 * HOUR, incidents: ['INC-000002', 'INC-000003'] });
    expect(byService.Email?.availability).toBeCloseTo((629.5 / 672) * 100, 10);
    // ERP: I9 open, 39 h to the end of the month. 633 / 672.
    expect(byService.ERP).toMatchObject({ failures: 1, downtimeMs: 39 * HOUR, mtbfMs: 633 * HOUR });
    expect(byService.ERP?.availability).toBeCloseTo((633 / 672) * 100, 10);
    // VPN: I1 3 h and I7 2 h inside February (I6, a duplicate, is not an outage): 2 failures, 5 h.
    // MTTR 5 / 2 = 2.5 h; MTBF (672 − 5) / 2 = 333.5 h; MTBSI 672 / 2 = 336 h = MTTR + MTBF.
    expect(byService.VPN).toMatchObject({ failures: 2, downtimeMs: 5 * HOUR, mttrMs: 2.5 * HOUR, mtbfMs: 333.5 * HOUR, mtbsiMs: 336 * HOUR });
    expect(byService.VPN?.availability).toBeCloseTo((667 / 672) * 100, 10);
  });

  it('gives the trend: January then February', () => {
    // January: I7 opened, its response met (1 of 1); no resolution settled. February as above.
    expect(report().trend.map((point) => [point.period.label, point.opened, point.response.rate, point.resolution.met, point.resolution.breached])).toEqual([
      ['2026-01', 1, 100, 0, 0],
      ['2026-02', 7, 50, 4, 3],
    ]);
  });
});

describe('the daily digest', () => {
  const now = at('2026-03-02 09:00');
  const open = (number: string, fields: Partial<DigestIncident>): DigestIncident => ({
    number, title: number, priority: 'P3', state: 'in_progress', assigneeId: 'U0AGENT', isSecurity: false, firstResponseAt: null, responseDueAt: null, resolutionDueAt: null, ...fields,
  });
  const digest = digestOf(
    [
      open('A', { priority: 'P1', assigneeId: null, state: 'new', responseDueAt: at('2026-03-02 08:30') }), // response already past
      open('B', { priority: 'P2', firstResponseAt: at('2026-02-27 10:00'), responseDueAt: at('2026-02-27 11:00'), resolutionDueAt: at('2026-03-02 16:00') }), // resolution in 7 h
      open('C', { priority: 'P3', assigneeId: null, state: 'new', responseDueAt: at('2026-03-02 17:30') }), // 8.5 h away: beyond the horizon
      open('D', { priority: 'P3', state: 'on_hold' }), // paused: no deadline
      open('E', { priority: 'P1', isSecurity: true, assigneeId: null, responseDueAt: at('2026-03-02 09:10') }), // the security team's
      open('F', { priority: 'P4', state: 'resolved', resolutionDueAt: at('2026-03-02 10:00') }), // not open
    ],
    now,
  );

  it('counts the open incidents by priority and the unassigned ones, without security incidents', () => {
    // Open and not security: A (P1), B (P2), C and D (P3). Unassigned: A and C.
    expect(digest).toMatchObject({ open: 4, openByPriority: { P1: 1, P2: 1, P3: 2, P4: 0 }, unassigned: 2 });
  });

  it('lists what is past its deadline and what falls due within 8 hours', () => {
    expect(digest.breached.map((line) => [line.incident.number, line.target])).toEqual([['A', 'response']]);
    expect(digest.breachingSoon.map((line) => [line.incident.number, line.target])).toEqual([['B', 'resolution']]);
  });
});
