// SLA attainment: each response and resolution target counts once, in the period in which its fate
// became known: met when the response or resolution came in time, breached when its time ran out
// (whether the ticket was done later or is still open). Attainment = met / (met + breached).
import type { BusinessCalendar } from '../calendar.js';
import { PRIORITIES, type Priority } from '../priority.js';
import { policyFor, slaStatus, SLA_TARGET_KINDS, type SlaPolicy, type SlaTargetKind } from '../sla.js';
import { countsAsIncident, percent, type ReportIncident } from './data.js';
import { isWithin, type ReportPeriod } from './period.js';

/** One target whose fate is known as of the evaluation time. */
export interface TargetOutcome {
  readonly incident: ReportIncident;
  readonly kind: SlaTargetKind;
  readonly met: boolean;
  /** When it was met (the response or resolution), or when its time ran out. */
  readonly settledAt: Date;
  readonly dueAt: Date | null;
  /** When the response or resolution came; null while a breached ticket is still open. */
  readonly doneAt: Date | null;
}

export interface Attainment {
  readonly met: number;
  readonly breached: number;
  /** met / (met + breached) × 100; null when no target was settled. */
  readonly rate: number | null;
}

export interface AttainmentFigures {
  readonly byPriority: Readonly<Record<Priority, Readonly<Record<SlaTargetKind, Attainment>>>>;
  readonly overall: Readonly<Record<SlaTargetKind, Attainment>>;
  /** The breaches settled in the period, by due time. */
  readonly breaches: readonly TargetOutcome[];
}

export interface SlaRules {
  readonly policies: readonly SlaPolicy[];
  readonly calendar: BusinessCalendar;
}

/**
 * Every target settled by `asOf`, as the SLA clocks count it (policy of the ticket's current
 * priority, category and service; holds left out). A response or resolution after `asOf` is not
 * known yet. Duplicates are left out.
 */
export function targetOutcomes(incidents: readonly ReportIncident[], rules: SlaRules, asOf: Date): TargetOutcome[] {
  return incidents.filter(countsAsIncident).flatMap((incident) => {
    const policy = policyFor(rules.policies, { priority: incident.priority, categoryPath: incident.categoryPath, service: incident.affectedService });
    const status = slaStatus({ openedAt: incident.openedAt, now: asOf, pauses: incident.pauses, respondedAt: incident.firstResponseAt, resolvedAt: incident.resolvedAt, policy, calendar: rules.calendar });
    return SLA_TARGET_KINDS.flatMap((kind): TargetOutcome[] => {
      const target = status[kind];
      if (target.state === 'met' && target.metAt) return [{ incident, kind, met: true, settledAt: target.metAt, dueAt: target.dueAt, doneAt: target.metAt }];
      if (target.state === 'breached' && target.breachedAt) return [{ incident, kind, met: false, settledAt: target.breachedAt, dueAt: target.dueAt, doneAt: target.metAt }];
      return [];
    });
  });
}

export function attainmentOf(outcomes: readonly TargetOutcome[], period: ReportPeriod): AttainmentFigures {
  const settled = outcomes.filter((outcome) => isWithin(period, outcome.settledAt));
  const byKind = (subset: readonly TargetOutcome[]) =>
    Object.fromEntries(SLA_TARGET_KINDS.map((kind) => [kind, attainment(subset.filter((outcome) => outcome.kind === kind))])) as Record<SlaTargetKind, Attainment>;
  return {
    byPriority: Object.fromEntries(PRIORITIES.map((priority) => [priority, byKind(settled.filter((outcome) => outcome.incident.priority === priority))])) as Record<Priority, Record<SlaTargetKind, Attainment>>,
    overall: byKind(settled),
    breaches: settled.filter((outcome) => !outcome.met).sort((a, b) => a.settledAt.getTime() - b.settledAt.getTime() || a.incident.number.localeCompare(b.incident.number)),
  };
}

function attainment(outcomes: readonly TargetOutcome[]): Attainment {
  const met = outcomes.filter((outcome) => outcome.met).length;
  const breached = outcomes.length - met;
  return { met, breached, rate: percent(met, outcomes.length) };
}
