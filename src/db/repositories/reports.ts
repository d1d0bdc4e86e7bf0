// What the service reports read: incidents, their pauses, changes and survey answers of a time
// window, mapped to the plain records the report figures are computed from. No business rule here.
import { z } from 'zod';
import type { Tx } from '../database.js';
import type { ChangeState, ChangeType } from '../../domain/change.js';
import type { IncidentStatus } from '../../domain/incident.js';
import type { Priority } from '../../domain/priority.js';
import type { ReportChange, ReportIncident, ReportSurvey } from '../../domain/reports/data.js';
import type { DigestIncident } from '../../domain/reports/digest.js';
import { isSatisfactionRating } from '../../domain/satisfaction.js';
import type { SlaPause } from '../../domain/sla.js';

const OPEN_STATES = ['new', 'in_progress', 'on_hold'];

/**
 * Incidents that may count in [from, to): opened before `to` and not resolved before `from` (an
 * incident resolved earlier has every target, outage and time settled before the window).
 */
export async function findIncidentsForReport(tx: Tx, from: Date, to: Date): Promise<ReportIncident[]> {
  const rows = await tx.incident.findMany({
    where: { openedAt: { lt: to }, OR: [{ resolvedAt: null }, { resolvedAt: { gte: from } }] },
    orderBy: { id: 'asc' },
  });
  const pauses = await tx.incidentPause.findMany({ where: { incidentId: { in: rows.map((row) => row.id) } }, orderBy: { from: 'asc' } });
  const pausesOf = new Map<number, SlaPause[]>();
  for (const pause of pauses) pausesOf.set(pause.incidentId, [...(pausesOf.get(pause.incidentId) ?? []), { from: pause.from, to: pause.to }]);
  return rows.map((row) => ({
    number: row.number,
    title: row.title,
    priority: row.priority as Priority,
    categoryPath: row.categoryPath,
    source: row.source,
    affectedService: row.affectedService,
    isSecurity: row.isSecurity,
    duplicateOf: row.duplicateOf,
    state: row.state as IncidentStatus,
    openedAt: row.openedAt,
    firstResponseAt: row.firstResponseAt,
    resolvedAt: row.resolvedAt,
    majorDeclaredAt: row.majorDeclaredAt,
    pauses: pausesOf.get(row.id) ?? [],
  }));
}

const failureSchema = z.object({ reason: z.string() });

/** Changes raised in [from, to) or whose implementation ended then. */
export async function findChangesForReport(tx: Tx, from: Date, to: Date): Promise<ReportChange[]> {
  const rows = await tx.change.findMany({
    where: { OR: [{ createdAt: { gte: from, lt: to } }, { endedAt: { gte: from, lt: to } }] },
    orderBy: { id: 'asc' },
  });
  return rows.map((row) => ({
    number: row.number,
    title: row.title,
    type: row.type as ChangeType,
    state: row.state as ChangeState,
    createdAt: row.createdAt,
    endedAt: row.endedAt,
    failureReason: row.failure === null ? null : failureSchema.parse(row.failure).reason,
  }));
}

export async function findSurveysForReport(tx: Tx, from: Date, to: Date): Promise<ReportSurvey[]> {
  const rows = await tx.satisfactionSurvey.findMany({ where: { answeredAt: { gte: from, lt: to } }, select: { rating: true, answeredAt: true } });
  return rows.flatMap((row) => (isSatisfactionRating(row.rating) ? [{ rating: row.rating, answeredAt: row.answeredAt }] : []));
}

/** Open incidents outside the security team's, for the daily digest. */
export async function findOpenIncidentsForDigest(tx: Tx): Promise<DigestIncident[]> {
  const rows = await tx.incident.findMany({ where: { state: { in: OPEN_STATES }, isSecurity: false }, orderBy: { id: 'asc' } });
  return rows.map((row) => ({
    number: row.number,
    title: row.title,
    priority: row.priority as Priority,
    state: row.state as IncidentStatus,
    assigneeId: row.assigneeId,
    isSecurity: row.isSecurity,
    firstResponseAt: row.firstResponseAt,
    responseDueAt: row.responseDueAt,
    resolutionDueAt: row.resolutionDueAt,
  }));
}
