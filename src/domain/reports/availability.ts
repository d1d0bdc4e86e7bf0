// Availability per service from outage incidents.
//
// An outage incident is a P1 or P2 incident (its priority now) that names an affected service,
// duplicates left out. The service is down from the incident's opening until its resolution (until
// the end of the period while it is open). Outages of one service that overlap or touch merge
// into one failure. Over a period of length T with merged outages overlapping it:
//   downtime D = the outages' time inside the period; failures N = how many overlap it;
//   availability = (T − D) / T × 100;  MTTR = D / N;  MTBF = (T − D) / N;  MTBSI = T / N = MTTR + MTBF.
// The agreed service time is the whole period (24×7). Services without an outage are not listed.
import type { Priority } from '../priority.js';
import { countsAsIncident, type ReportIncident } from './data.js';
import { periodMs, type ReportPeriod } from './period.js';

export const OUTAGE_PRIORITIES: readonly Priority[] = ['P1', 'P2'];

export interface ServiceAvailability {
  readonly service: string;
  readonly failures: number;
  readonly downtimeMs: number;
  readonly availability: number;
  readonly mttrMs: number;
  readonly mtbfMs: number;
  readonly mtbsiMs: number;
  /** The outage incidents behind the figures. */
  readonly incidents: readonly string[];
}

interface Outage {
  start: number;
  end: number;
  numbers: string[];
}

export function isOutage(incident: ReportIncident): boolean {
  return countsAsIncident(incident) && OUTAGE_PRIORITIES.includes(incident.priority) && (incident.affectedService?.trim() ?? '') !== '';
}

/** One line per service with an outage in the period, least available first. */
export function availabilityOf(incidents: readonly ReportIncident[], period: ReportPeriod): ServiceAvailability[] {
  const byService = new Map<string, ReportIncident[]>();
  for (const incident of incidents.filter(isOutage)) {
    const service = incident.affectedService?.trim() ?? '';
    byService.set(service, [...(byService.get(service) ?? []), incident]);
  }
  return [...byService]
    .flatMap(([service, outages]) => serviceFigures(service, merge(outages, period), period))
    .sort((a, b) => a.availability - b.availability || a.service.localeCompare(b.service));
}

/** Outages clipped to the period, overlapping or touching ones merged. */
function merge(incidents: readonly ReportIncident[], period: ReportPeriod): Outage[] {
  const clipped = incidents
    .map((incident) => ({
      start: Math.max(incident.openedAt.getTime(), period.start.getTime()),
      end: Math.min(incident.resolvedAt?.getTime() ?? Infinity, period.end.getTime()),
      numbers: [incident.number],
    }))
    .filter((outage) => outage.end > outage.start)
    .sort((a, b) => a.start - b.start);
  const merged: Outage[] = [];
  for (const outage of clipped) {
    const last = merged.at(-1);
    if (last && outage.start <= last.end) {
      last.end = Math.max(last.end, outage.end);
      last.numbers.push(...outage.numbers);
    } else merged.push({ ...outage, numbers: [...outage.numbers] });
  }
  return merged;
}

function serviceFigures(service: string, outages: readonly Outage[], period: ReportPeriod): ServiceAvailability[] {
  const failures = outages.length;
  if (failures === 0) return [];
  const total = periodMs(period);
  const downtimeMs = outages.reduce((sum, outage) => sum + outage.end - outage.start, 0);
  return [
    {
      service,
      failures,
      downtimeMs,
      availability: ((total - downtimeMs) / total) * 100,
      mttrMs: downtimeMs / failures,
      mtbfMs: (total - downtimeMs) / failures,
      mtbsiMs: total / failures,
      incidents: outages.flatMap((outage) => outage.numbers).sort(),
    },
  ];
}
