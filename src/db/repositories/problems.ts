// Problem rows ↔ domain problems, their linked incidents, and the known errors offered on incidents.
// No business rule here: only mapping and queries.
import type { Tx } from '../database.js';
import { sqlQuery } from '../direct-sql.js';
import { lockRecordByNumber } from '../sql.js';
import { Prisma, type Problem as ProblemRow } from '../generated/client.js';
import { DomainError } from '../../domain/errors.js';
import type { KnownError, MatchReason } from '../../domain/known-error.js';
import type { Impact, Priority, Urgency } from '../../domain/priority.js';
import { OPEN_PROBLEM_STATES, type ProblemSource, type ProblemState, type ProblemStatus } from '../../domain/problem.js';

export interface ProblemRecord extends ProblemState {
  id: number;
}

export function problemRecordKey(id: number): string {
  return `problem:${id}`;
}

/** What an incident's card shows about problems: the known errors offered on it, and the problems it is linked to. */
export interface IncidentProblemContext {
  knownErrors: readonly OfferedKnownError[];
  linkedProblems: readonly string[];
}

export interface OfferedKnownError {
  number: string;
  title: string;
  rootCause: string | null;
  workaround: string | null;
}

export async function insertProblem(tx: Tx, problem: ProblemState, requestKey: string | null): Promise<ProblemRecord> {
  const row = await tx.problem.create({ data: { ...toRow(problem), requestKey } });
  await syncLinkedIncidents(tx, row.id, problem.linkedIncidents, problem.updatedAt);
  return fromRow(row, problem.linkedIncidents);
}

/** Saves the problem and makes its ProblemIncident rows match `linkedIncidents`. */
export async function updateProblem(tx: Tx, id: number, problem: ProblemState): Promise<ProblemRecord> {
  const row = await tx.problem.update({ where: { id }, data: toRow(problem) });
  await syncLinkedIncidents(tx, id, problem.linkedIncidents, problem.updatedAt);
  return fromRow(row, problem.linkedIncidents);
}

export async function findProblemByNumber(tx: Tx, number: string): Promise<ProblemRecord | null> {
  const row = await tx.problem.findUnique({ where: { number } });
  return row ? fromRow(row, await linkedNumbers(tx, row.id)) : null;
}

export async function findProblemByRequestKey(tx: Tx, requestKey: string): Promise<ProblemRecord | null> {
  const row = await tx.problem.findUnique({ where: { requestKey } });
  return row ? fromRow(row, await linkedNumbers(tx, row.id)) : null;
}

/** Loads and row-locks a problem for the rest of the transaction, so concurrent clicks serialise. */
export async function lockProblemByNumber(tx: Tx, number: string): Promise<ProblemRecord | null> {
  const id = await lockRecordByNumber(tx, 'Problem', number);
  if (id === undefined) return null;
  return fromRow(await tx.problem.findUniqueOrThrow({ where: { id } }), await linkedNumbers(tx, id));
}

/** Open problems whose root cause or workaround is known: the known errors offered to the desk. */
export async function findOfferedKnownErrors(tx: Tx): Promise<(KnownError & { id: number })[]> {
  // A hot path (every report): see ../direct-sql.ts.
  return sqlQuery<(KnownError & { id: number })>(tx, Prisma.sql`
    SELECT "id", "number", "title", "categoryPath", "affectedService", "workaround" FROM "Problem"
    WHERE "state" IN (${Prisma.join(OPEN_PROBLEM_STATES)}) AND ("rootCause" IS NOT NULL OR "workaround" IS NOT NULL)
    ORDER BY "id"`);
}

export async function saveKnownErrorMatches(tx: Tx, incidentId: number, matches: readonly { problemId: number; reasons: readonly MatchReason[] }[], now: Date): Promise<void> {
  await tx.knownErrorMatch.createMany({
    data: matches.map((match) => ({ incidentId, problemId: match.problemId, reasons: [...match.reasons], matchedAt: now })),
    skipDuplicates: true,
  });
}

/** The known errors offered on the incident that are still open and known, and the problems it is linked to. */
export async function incidentProblemContext(tx: Tx, incidentId: number): Promise<IncidentProblemContext> {
  const matches = await tx.knownErrorMatch.findMany({ where: { incidentId }, orderBy: { id: 'asc' } });
  const links = await tx.problemIncident.findMany({ where: { incidentId }, orderBy: { id: 'asc' } });
  // Most incidents have neither: their cards cost two queries, not four.
  const offered =
    matches.length === 0
      ? []
      : await tx.problem.findMany({ where: { id: { in: matches.map((match) => match.problemId) }, state: { in: [...OPEN_PROBLEM_STATES] } }, orderBy: { id: 'asc' } });
  const linkedProblems = links.length === 0 ? [] : await tx.problem.findMany({ where: { id: { in: links.map((link) => link.problemId) } }, orderBy: { id: 'asc' } });
  return {
    knownErrors: offered
      .filter((problem) => problem.rootCause !== null || problem.workaround !== null)
      .map(({ number, title, rootCause, workaround }) => ({ number, title, rootCause, workaround })),
    linkedProblems: linkedProblems.map((problem) => problem.number),
  };
}

async function linkedNumbers(tx: Tx, problemId: number): Promise<string[]> {
  const links = await tx.problemIncident.findMany({ where: { problemId }, orderBy: { id: 'asc' } });
  return links.map((link) => link.incidentNumber);
}

async function syncLinkedIncidents(tx: Tx, problemId: number, numbers: readonly string[], now: Date): Promise<void> {
  const existing = await linkedNumbers(tx, problemId);
  const removed = existing.filter((number) => !numbers.includes(number));
  if (removed.length > 0) await tx.problemIncident.deleteMany({ where: { problemId, incidentNumber: { in: removed } } });
  // Added one by one, so they keep the order they were linked in.
  for (const number of numbers.filter((candidate) => !existing.includes(candidate))) {
    const incident = await tx.incident.findUnique({ where: { number }, select: { id: true } });
    if (!incident) throw new DomainError('not_found', { number });
    await tx.problemIncident.create({ data: { problemId, incidentId: incident.id, incidentNumber: number, linkedAt: now } });
  }
}

function toRow(problem: ProblemState) {
  return {
    number: problem.number,
    title: problem.title,
    description: problem.description,
    source: problem.source,
    state: problem.state,
    impact: problem.impact,
    urgency: problem.urgency,
    priority: problem.priority,
    categoryPath: problem.categoryPath,
    affectedService: problem.affectedService,
    creatorId: problem.creatorId,
    ownerId: problem.ownerId,
    rootCause: problem.rootCause,
    workaround: problem.workaround,
    resolutionNotes: problem.resolution?.notes ?? null,
    changeNumber: problem.resolution?.changeNumber ?? null,
    cancelReason: problem.cancelReason,
    reopenCount: problem.reopenCount,
    openedAt: problem.openedAt,
    updatedAt: problem.updatedAt,
    knownErrorAt: problem.knownErrorAt,
    resolvedAt: problem.resolvedAt,
    closedAt: problem.closedAt,
  };
}

// The columns hold only values the domain wrote, so the casts restate the domain's own types.
function fromRow(row: ProblemRow, linkedIncidents: readonly string[]): ProblemRecord {
  return {
    id: row.id,
    number: row.number,
    state: row.state as ProblemStatus,
    title: row.title,
    description: row.description,
    source: row.source as ProblemSource,
    impact: row.impact as Impact,
    urgency: row.urgency as Urgency,
    priority: row.priority as Priority,
    categoryPath: row.categoryPath,
    affectedService: row.affectedService,
    creatorId: row.creatorId,
    ownerId: row.ownerId,
    rootCause: row.rootCause,
    workaround: row.workaround,
    resolution: row.resolutionNotes === null ? null : { notes: row.resolutionNotes, changeNumber: row.changeNumber },
    cancelReason: row.cancelReason,
    linkedIncidents,
    reopenCount: row.reopenCount,
    openedAt: row.openedAt,
    updatedAt: row.updatedAt,
    knownErrorAt: row.knownErrorAt,
    resolvedAt: row.resolvedAt,
    closedAt: row.closedAt,
  };
}

/** Problems opened, and known errors recorded, in [from, to): the service report's problem figures. */
export async function countProblemFigures(tx: Tx, from: Date, to: Date): Promise<{ opened: number; knownErrorsAdded: number }> {
  const [opened, knownErrorsAdded] = [
    await tx.problem.count({ where: { openedAt: { gte: from, lt: to } } }),
    await tx.problem.count({ where: { knownErrorAt: { gte: from, lt: to } } }),
  ];
  return { opened, knownErrorsAdded };
}
