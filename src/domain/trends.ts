// Trend analysis (问题来源: 事件趋势分析): several incidents of one category, or on one service or
// configuration item, within a short window suggest a common cause. Each such cluster is
// proposed to the problem manager once, as a problem candidate.
//
// Cluster identity. A candidate's key names its grouping and its incidents:
//   "<groupBy>:<value>:<INC-…,INC-…>"   e.g. "category:hardware/printer:INC-000001,INC-000002,INC-000003"
// The caller stores the keys it has proposed and passes them back. A cluster found now is the
// same as a proposed one when it has the same grouping (category path, or service as serviceKey
// normalises it) and shares at least one incident with it. So a fourth incident joining a
// proposed cluster proposes nothing new, while a fresh batch in a later window, sharing no
// incident with the earlier proposal, is a new candidate.
import { DomainError } from './errors.js';
import { serviceKey } from './known-error.js';
import { compareCodePoints } from './text-search.js';

export type TrendGroupBy = 'category' | 'service';

export interface TrendIncident {
  readonly number: string;
  readonly openedAt: Date;
  readonly categoryPath: string | null;
  readonly affectedService: string | null;
  /** The problem the incident is linked to; a linked incident is already covered. */
  readonly problemNumber: string | null;
}

export interface TrendOptions {
  /** How many incidents make a cluster. */
  readonly minIncidents: number;
  /** The window, in days of 24 hours, ending now. */
  readonly windowDays: number;
}

export const DEFAULT_TREND_OPTIONS: TrendOptions = { minIncidents: 3, windowDays: 7 };

export interface ProblemCandidate {
  readonly key: string;
  readonly groupBy: TrendGroupBy;
  /** The category path, or the service as serviceKey normalises it. */
  readonly value: string;
  /** Oldest first. */
  readonly incidents: readonly string[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
const GROUPINGS: readonly TrendGroupBy[] = ['category', 'service'];

/**
 * The clusters among incidents opened in the window (now − windowDays, now] that no problem covers
 * yet and that were not proposed before, categories first, each grouping in value order.
 */
export function findProblemCandidates(
  incidents: readonly TrendIncident[],
  now: Date,
  options: Partial<TrendOptions> = {},
  alreadyProposed: ReadonlySet<string> = new Set(),
): ProblemCandidate[] {
  const { minIncidents, windowDays } = validOptions(options);
  const windowStart = now.getTime() - windowDays * DAY_MS;
  const recent = incidents
    .filter((incident) => incident.problemNumber === null)
    .filter((incident) => incident.openedAt.getTime() > windowStart && incident.openedAt.getTime() <= now.getTime())
    .sort((a, b) => a.openedAt.getTime() - b.openedAt.getTime() || compareCodePoints(a.number, b.number));
  const proposed = [...alreadyProposed].flatMap((key) => parseCandidateKey(key) ?? []);
  return GROUPINGS.flatMap((groupBy) => clustersBy(groupBy, recent))
    .filter((candidate) => candidate.incidents.length >= minIncidents)
    .filter((candidate) => !proposed.some((earlier) => isSameCluster(candidate, earlier)));
}

export function candidateKey(groupBy: TrendGroupBy, value: string, incidents: readonly string[]): string {
  return `${groupBy}:${value}:${incidents.join(',')}`;
}

/** Reads a key back; null for a key this module did not make. */
export function parseCandidateKey(key: string): ProblemCandidate | null {
  const first = key.indexOf(':');
  const last = key.lastIndexOf(':');
  const groupBy = GROUPINGS.find((grouping) => grouping === key.slice(0, first));
  const value = key.slice(first + 1, last);
  const incidents = key.slice(last + 1).split(',').filter((number) => number !== '');
  if (!groupBy || first === last || value === '' || incidents.length === 0) return null;
  return { key, groupBy, value, incidents };
}

/** The rule in the header: same grouping and value, and at least one incident in common. */
export function isSameCluster(a: ProblemCandidate, b: ProblemCandidate): boolean {
  return a.groupBy === b.groupBy && a.value === b.value && a.incidents.some((number) => b.incidents.includes(number));
}

function clustersBy(groupBy: TrendGroupBy, incidents: readonly TrendIncident[]): ProblemCandidate[] {
  const groups = new Map<string, string[]>();
  for (const incident of incidents) {
    const value = groupValue(groupBy, incident);
    if (value === null) continue;
    const numbers = groups.get(value) ?? [];
    numbers.push(incident.number);
    groups.set(value, numbers);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => compareCodePoints(a, b))
    .map(([value, numbers]) => ({ key: candidateKey(groupBy, value, numbers), groupBy, value, incidents: numbers }));
}

function groupValue(groupBy: TrendGroupBy, incident: TrendIncident): string | null {
  if (groupBy === 'service') return serviceKey(incident.affectedService);
  const path = incident.categoryPath?.trim() ?? '';
  return path === '' ? null : path;
}

function validOptions(options: Partial<TrendOptions>): TrendOptions {
  const chosen = {
    minIncidents: options.minIncidents ?? DEFAULT_TREND_OPTIONS.minIncidents,
    windowDays: options.windowDays ?? DEFAULT_TREND_OPTIONS.windowDays,
  };
  // A "cluster" of one incident is every incident; a trend needs at least two.
  if (!Number.isInteger(chosen.minIncidents) || chosen.minIncidents < 2) {
    throw new DomainError('invalid_input', { field: 'minIncidents', value: chosen.minIncidents });
  }
  if (!(chosen.windowDays > 0)) throw new DomainError('invalid_input', { field: 'windowDays', value: chosen.windowDays });
  return chosen;
}
