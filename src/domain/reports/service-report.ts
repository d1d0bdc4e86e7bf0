// The service report (服务报告) of one week or month, every figure computed from plain records:
// workload, response and resolution times, SLA attainment and breaches, major incidents, changes,
// problems, satisfaction, availability per service, and the trend over the periods before.
import type { Priority } from '../priority.js';
import { attainmentOf, targetOutcomes, type Attainment, type AttainmentFigures, type SlaRules } from './attainment.js';
import { availabilityOf, type ServiceAvailability } from './availability.js';
import { changeFiguresOf, type ChangeFigures } from './changes.js';
import { countsAsIncident, type ProblemFigures, type ReportChange, type ReportIncident, type ReportSurvey } from './data.js';
import { isWithin, type ReportKind, type ReportPeriod } from './period.js';
import { satisfactionOf, type SatisfactionFigures } from './satisfaction.js';
import { timingOf, type TimingFigures } from './timing.js';
import { volumeOf, type VolumeFigures } from './volume.js';

export interface ServiceReportInput {
  readonly kind: ReportKind;
  /** The periods of the trend, oldest first; the last one is the reported period. */
  readonly periods: readonly ReportPeriod[];
  /** Every incident that may count in any of the periods (see the repository's query). */
  readonly incidents: readonly ReportIncident[];
  readonly changes: readonly ReportChange[];
  readonly surveys: readonly ReportSurvey[];
  /** Null when problem records are not available. */
  readonly problems: ProblemFigures | null;
  readonly rules: SlaRules;
  readonly targets: { readonly satisfaction: number; readonly availability: number };
}

export interface MajorIncidentLine {
  readonly number: string;
  readonly title: string;
  readonly priority: Priority;
  readonly isSecurity: boolean;
  readonly declaredAt: Date;
  readonly resolvedAt: Date | null;
}

export interface TrendPoint {
  readonly period: ReportPeriod;
  readonly opened: number;
  readonly openedByPriority: Readonly<Record<Priority, number>>;
  readonly response: Attainment;
  readonly resolution: Attainment;
}

export interface ServiceReport {
  readonly kind: ReportKind;
  readonly period: ReportPeriod;
  readonly volume: VolumeFigures;
  readonly timing: TimingFigures;
  readonly sla: AttainmentFigures;
  readonly majors: readonly MajorIncidentLine[];
  readonly changes: ChangeFigures;
  readonly problems: ProblemFigures | null;
  readonly satisfaction: SatisfactionFigures;
  readonly availability: readonly ServiceAvailability[];
  readonly availabilityTarget: number;
  readonly trend: readonly TrendPoint[];
}

export function buildServiceReport(input: ServiceReportInput): ServiceReport {
  const period = input.periods.at(-1);
  if (!period) throw new RangeError('a service report needs a period');
  const outcomes = targetOutcomes(input.incidents, input.rules, period.end);
  const sla = attainmentOf(outcomes, period);
  return {
    kind: input.kind,
    period,
    volume: volumeOf(input.incidents, period),
    timing: timingOf(input.incidents, period, input.rules.calendar),
    sla,
    majors: majorsIn(input.incidents, period),
    changes: changeFiguresOf(input.changes, period),
    problems: input.problems,
    satisfaction: satisfactionOf(input.surveys, period, input.targets.satisfaction),
    availability: availabilityOf(input.incidents, period),
    availabilityTarget: input.targets.availability,
    trend: input.periods.map((each) => {
      const attainment = each === period ? sla : attainmentOf(outcomes, each);
      const volume = volumeOf(input.incidents, each);
      return { period: each, opened: volume.total, openedByPriority: volume.byPriority, response: attainment.overall.response, resolution: attainment.overall.resolution };
    }),
  };
}

/** Major incidents declared in the period, in the order declared. */
function majorsIn(incidents: readonly ReportIncident[], period: ReportPeriod): MajorIncidentLine[] {
  return incidents
    .filter((incident) => countsAsIncident(incident) && isWithin(period, incident.majorDeclaredAt))
    .map((incident) => ({
      number: incident.number,
      title: incident.title,
      priority: incident.priority,
      isSecurity: incident.isSecurity,
      declaredAt: incident.majorDeclaredAt ?? incident.openedAt,
      resolvedAt: incident.resolvedAt,
    }))
    .sort((a, b) => a.declaredAt.getTime() - b.declaredAt.getTime());
}
