// Workload: incidents opened in the period by priority, top-level category and source.
import { CATEGORY_PATH_SEPARATOR } from '../category.js';
import { PRIORITIES, type Priority } from '../priority.js';
import { countsAsIncident, type ReportIncident } from './data.js';
import { isWithin, type ReportPeriod } from './period.js';

/** The category key of incidents nobody classified. */
export const UNCATEGORISED = '-';

export interface VolumeFigures {
  /** Incidents opened in the period, duplicates left out. */
  readonly total: number;
  readonly byPriority: Readonly<Record<Priority, number>>;
  /** By the first level of the category path, most first (then by key). */
  readonly byCategory: readonly (readonly [string, number])[];
  /** By how they were reported (slash_command, modal, …), most first. */
  readonly bySource: readonly (readonly [string, number])[];
  /** Incidents opened in the period and closed as duplicates of another. */
  readonly duplicates: number;
}

export function volumeOf(incidents: readonly ReportIncident[], period: ReportPeriod): VolumeFigures {
  const opened = incidents.filter((incident) => isWithin(period, incident.openedAt));
  const counted = opened.filter(countsAsIncident);
  const byPriority = Object.fromEntries(PRIORITIES.map((priority) => [priority, counted.filter((incident) => incident.priority === priority).length])) as Record<Priority, number>;
  return {
    total: counted.length,
    byPriority,
    byCategory: tally(counted.map((incident) => incident.categoryPath?.split(CATEGORY_PATH_SEPARATOR)[0] ?? UNCATEGORISED)),
    bySource: tally(counted.map((incident) => incident.source)),
    duplicates: opened.length - counted.length,
  };
}

function tally(keys: readonly string[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
