// What the report figures are computed from: plain records, as the repositories load them.
import type { ChangeState, ChangeType } from '../change.js';
import type { IncidentStatus } from '../incident.js';
import type { Priority } from '../priority.js';
import type { SatisfactionRating } from '../satisfaction.js';
import type { SlaPause } from '../sla.js';

export interface ReportIncident {
  readonly number: string;
  readonly title: string;
  readonly priority: Priority;
  readonly categoryPath: string | null;
  readonly source: string;
  /** The affected service or configuration item, as the reporter named it. */
  readonly affectedService: string | null;
  readonly isSecurity: boolean;
  /** Set on a duplicate: it is left out of every figure but the duplicate count. */
  readonly duplicateOf: string | null;
  readonly state: IncidentStatus;
  readonly openedAt: Date;
  readonly firstResponseAt: Date | null;
  readonly resolvedAt: Date | null;
  readonly majorDeclaredAt: Date | null;
  /** On hold, and resolved until reopened: the SLA clocks stand still then. */
  readonly pauses: readonly SlaPause[];
}

export interface ReportChange {
  readonly number: string;
  readonly title: string;
  readonly type: ChangeType;
  readonly state: ChangeState;
  readonly createdAt: Date;
  /** When the implementation ended: completed, or failed and rolled back. */
  readonly endedAt: Date | null;
  /** The reason given when it failed; null unless it failed. */
  readonly failureReason: string | null;
}

export interface ReportSurvey {
  readonly rating: SatisfactionRating;
  readonly answeredAt: Date;
}

/** Problem management's figures for a period, from wherever problems are kept. */
export interface ProblemFigures {
  readonly opened: number;
  readonly knownErrorsAdded: number;
}

/** Duplicates are counted once, under their original. */
export function countsAsIncident(incident: Pick<ReportIncident, 'duplicateOf'>): boolean {
  return incident.duplicateOf === null;
}

/** The mean of the values, or null when there are none. */
export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((total, value) => total + value, 0) / values.length;
}

/** part / whole × 100, or null when the whole is 0. */
export function percent(part: number, whole: number): number | null {
  return whole === 0 ? null : (part / whole) * 100;
}
