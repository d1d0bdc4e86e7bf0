// Mean time to acknowledge (first response) and to resolve, in calendar time (elapsed, holds
// included) and in business time (the service desk's working hours, holds left out, for every
// priority alike so that the figures compare).
import type { BusinessCalendar } from '../calendar.js';
import { workingMsBetween } from '../sla.js';
import { countsAsIncident, mean, type ReportIncident } from './data.js';
import { isWithin, type ReportPeriod } from './period.js';

export interface MeanTime {
  /** Incidents measured. */
  readonly count: number;
  readonly calendarMs: number | null;
  readonly businessMs: number | null;
}

export interface TimingFigures {
  /** Over incidents first responded to (taken, assigned or resolved) in the period. */
  readonly acknowledge: MeanTime;
  /** Over incidents resolved in the period (the last resolution, for reopened ones). */
  readonly resolve: MeanTime;
}

export function timingOf(incidents: readonly ReportIncident[], period: ReportPeriod, calendar: BusinessCalendar): TimingFigures {
  const counted = incidents.filter(countsAsIncident);
  return {
    acknowledge: meanTime(counted, (incident) => incident.firstResponseAt, period, calendar),
    resolve: meanTime(counted, (incident) => incident.resolvedAt, period, calendar),
  };
}

function meanTime(incidents: readonly ReportIncident[], until: (incident: ReportIncident) => Date | null, period: ReportPeriod, calendar: BusinessCalendar): MeanTime {
  const measured = incidents.flatMap((incident) => {
    const end = until(incident);
    return isWithin(period, end) ? [{ incident, end }] : [];
  });
  return {
    count: measured.length,
    calendarMs: mean(measured.map(({ incident, end }) => end.getTime() - incident.openedAt.getTime())),
    businessMs: mean(measured.map(({ incident, end }) => workingMsBetween(calendar, incident.openedAt, end, incident.pauses))),
  };
}
