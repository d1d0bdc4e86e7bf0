// The daily digest for the service desk: open incidents by priority, how many nobody has, and
// those whose next deadline (response until someone responds, then resolution) is already past
// or falls within the horizon. Security incidents are the security team's: not in the digest.
import { isOpen, type IncidentStatus } from '../incident.js';
import { PRIORITIES, type Priority } from '../priority.js';

export interface DigestIncident {
  readonly number: string;
  readonly title: string;
  readonly priority: Priority;
  readonly state: IncidentStatus;
  readonly assigneeId: string | null;
  readonly isSecurity: boolean;
  readonly firstResponseAt: Date | null;
  /** As the SLA tracker stored them; null while the clock is paused. */
  readonly responseDueAt: Date | null;
  readonly resolutionDueAt: Date | null;
}

export interface DeadlineLine {
  readonly incident: DigestIncident;
  readonly target: 'response' | 'resolution';
  readonly dueAt: Date;
}

export interface DigestFigures {
  readonly open: number;
  readonly openByPriority: Readonly<Record<Priority, number>>;
  readonly unassigned: number;
  /** Past their deadline and still open, the earliest first. */
  readonly breached: readonly DeadlineLine[];
  /** Due within the horizon, the earliest first. */
  readonly breachingSoon: readonly DeadlineLine[];
  readonly horizonMs: number;
}

export const DIGEST_HORIZON_MS = 8 * 3_600_000;

export function digestOf(incidents: readonly DigestIncident[], now: Date, horizonMs: number = DIGEST_HORIZON_MS): DigestFigures {
  const open = incidents.filter((incident) => isOpen(incident.state) && !incident.isSecurity);
  const deadlines = open.flatMap(nextDeadline).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || a.incident.number.localeCompare(b.incident.number));
  return {
    open: open.length,
    openByPriority: Object.fromEntries(PRIORITIES.map((priority) => [priority, open.filter((incident) => incident.priority === priority).length])) as Record<Priority, number>,
    unassigned: open.filter((incident) => incident.assigneeId === null).length,
    breached: deadlines.filter((line) => line.dueAt <= now),
    breachingSoon: deadlines.filter((line) => line.dueAt > now && line.dueAt.getTime() <= now.getTime() + horizonMs),
    horizonMs,
  };
}

function nextDeadline(incident: DigestIncident): DeadlineLine[] {
  const target = incident.firstResponseAt ? 'resolution' : 'response';
  const dueAt = target === 'response' ? incident.responseDueAt : incident.resolutionDueAt;
  return dueAt ? [{ incident, target, dueAt }] : [];
}
