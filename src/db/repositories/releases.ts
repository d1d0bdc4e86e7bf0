// Release rows ↔ domain releases. No business rule here: only mapping and queries.
import type { Tx } from '../database.js';
import { sqlQuery } from '../direct-sql.js';
import { Prisma, type Release as ReleaseRow } from '../generated/client.js';
import type { ReleaseState, ReleaseStatus } from '../../domain/release.js';

export interface ReleaseRecord extends ReleaseState {
  id: number;
}

export function releaseRecordKey(id: number): string {
  return `release:${id}`;
}

function toRow(release: ReleaseState) {
  const { rollback, changeNumbers, ...rest } = release;
  return { ...rest, changeNumbers: [...changeNumbers], rollbackReason: rollback?.reason ?? null, rolledBackAt: rollback?.at ?? null };
}

function fromRow(row: ReleaseRow): ReleaseRecord {
  return {
    id: row.id,
    number: row.number,
    name: row.name,
    changeNumbers: row.changeNumbers,
    plannedFor: row.plannedFor,
    backoutPlan: row.backoutPlan,
    acceptanceCriteria: row.acceptanceCriteria,
    notes: row.notes,
    state: row.state as ReleaseStatus,
    creatorId: row.creatorId,
    deployedAt: row.deployedAt,
    deployedBy: row.deployedBy,
    closedAt: row.closedAt,
    acceptedBy: row.acceptedBy,
    rollback: row.rollbackReason && row.rolledBackAt ? { reason: row.rollbackReason, at: row.rolledBackAt } : null,
    createdAt: row.createdAt,
  };
}

export async function insertRelease(tx: Tx, release: ReleaseState, requestKey: string): Promise<ReleaseRecord> {
  return fromRow(await tx.release.create({ data: { ...toRow(release), requestKey } }));
}

export async function updateRelease(tx: Tx, id: number, release: ReleaseState): Promise<ReleaseRecord> {
  return fromRow(await tx.release.update({ where: { id }, data: toRow(release) }));
}

export async function findReleaseByRequestKey(tx: Tx, requestKey: string): Promise<ReleaseRecord | null> {
  const row = await tx.release.findUnique({ where: { requestKey } });
  return row ? fromRow(row) : null;
}

export async function findReleaseByNumber(tx: Tx, number: string): Promise<ReleaseRecord | null> {
  const row = await tx.release.findUnique({ where: { number } });
  return row ? fromRow(row) : null;
}

/** Loads and row-locks a release, so concurrent clicks on it run one after another. */
export async function lockReleaseByNumber(tx: Tx, number: string): Promise<ReleaseRecord | null> {
  const locked = await sqlQuery<{ id: number }>(tx, Prisma.sql`SELECT "id" FROM "Release" WHERE "number" = ${number} FOR UPDATE`);
  const id = locked[0]?.id;
  if (id === undefined) return null;
  return fromRow(await tx.release.findUniqueOrThrow({ where: { id } }));
}
