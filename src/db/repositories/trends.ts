// What trend analysis reads (recent incidents, the clusters proposed before) and how it claims a
// cluster: inserting its key, which is unique, so only one caller ever proposes it.
import type { Tx } from '../database.js';
import { sqlQuery } from '../direct-sql.js';
import type { AuditRecord } from './audit.js';
import { Prisma, type TrendCandidate as CandidateRow } from '../generated/client.js';
import type { Priority } from '../../domain/priority.js';
import type { ProblemCandidate, TrendGroupBy, TrendIncident } from '../../domain/trends.js';

export interface TrendIncidentRecord extends TrendIncident {
  title: string;
  priority: Priority;
}

export interface CandidateRecord extends ProblemCandidate {
  id: number;
  proposedAt: Date;
  problemId: number | null;
}

export function candidateRecordKey(id: number): string {
  return `trend:${id}`;
}

/** How a problem candidate is named in the audit trail (it has no number of its own). */
export function candidateAuditRecord(id: number): AuditRecord {
  return { recordType: 'problem_candidate', recordId: id, recordNumber: candidateRecordKey(id) };
}

/**
 * Incidents opened in (since, now], with the problem each is linked to. Security incidents stay
 * with the security team and duplicates are the same incident twice, so neither counts.
 */
export async function findTrendIncidents(tx: Tx, since: Date, now: Date): Promise<TrendIncidentRecord[]> {
  const rows = await tx.incident.findMany({
    where: { openedAt: { gt: since, lte: now }, isSecurity: false, duplicateOf: null },
    select: { id: true, number: true, title: true, priority: true, openedAt: true, categoryPath: true, affectedService: true },
    orderBy: { openedAt: 'asc' },
  });
  const links = await tx.problemIncident.findMany({ where: { incidentId: { in: rows.map((row) => row.id) } }, orderBy: { id: 'asc' } });
  const problems = await tx.problem.findMany({ where: { id: { in: links.map((link) => link.problemId) } }, select: { id: true, number: true } });
  const problemNumber = (incidentId: number) => {
    const link = links.find((candidate) => candidate.incidentId === incidentId);
    return problems.find((problem) => problem.id === link?.problemId)?.number ?? null;
  };
  return rows.map(({ id, number, title, priority, openedAt, categoryPath, affectedService }) => ({
    number,
    title,
    priority: priority as Priority,
    openedAt,
    categoryPath,
    affectedService,
    problemNumber: problemNumber(id),
  }));
}

/** Keys of the clusters proposed after `since` (older ones cannot share an incident with the window). */
export async function proposedKeysSince(tx: Tx, since: Date): Promise<Set<string>> {
  const rows = await tx.trendCandidate.findMany({ where: { proposedAt: { gt: since } }, select: { key: true } });
  return new Set(rows.map((row) => row.key));
}

/** Records the cluster unless its key is already there; returns it only to the caller that inserted it. */
export async function claimCandidate(tx: Tx, candidate: ProblemCandidate, now: Date): Promise<CandidateRecord | null> {
  const { key, groupBy, value, incidents } = candidate;
  const inserted = await tx.trendCandidate.createMany({ data: [{ key, groupBy, value, incidents: [...incidents], proposedAt: now }], skipDuplicates: true });
  if (inserted.count === 0) return null;
  return fromRow(await tx.trendCandidate.findUniqueOrThrow({ where: { key } }));
}

export async function lockCandidate(tx: Tx, id: number): Promise<CandidateRecord | null> {
  const locked = await sqlQuery<{ id: number }>(tx, Prisma.sql`SELECT "id" FROM "TrendCandidate" WHERE "id" = ${id} FOR UPDATE`);
  return locked.length === 0 ? null : fromRow(await tx.trendCandidate.findUniqueOrThrow({ where: { id } }));
}

export async function markCandidateTaken(tx: Tx, id: number, problemId: number): Promise<void> {
  await tx.trendCandidate.update({ where: { id }, data: { problemId } });
}

export async function findCandidate(tx: Tx, id: number): Promise<CandidateRecord | null> {
  const row = await tx.trendCandidate.findUnique({ where: { id } });
  return row ? fromRow(row) : null;
}

function fromRow(row: CandidateRow): CandidateRecord {
  return {
    id: row.id,
    key: row.key,
    groupBy: row.groupBy as TrendGroupBy,
    value: row.value,
    incidents: row.incidents,
    proposedAt: row.proposedAt,
    problemId: row.problemId,
  };
}
