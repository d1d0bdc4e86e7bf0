import { outboxOfTransaction, type Tx } from '../database.js';
import { sqlExecute, sqlQuery } from '../direct-sql.js';
import { Prisma, type PrismaClient } from '../generated/client.js';
import { jsonb, utcTimestamp } from '../sql.js';
import type { MessageRef, OutboxDraft } from '../../outbox/messages.js';

export interface ClaimedMessage {
  id: bigint;
  orderingKey: string;
  payload: unknown;
  attempts: number;
}

/**
 * Enqueues messages in the transaction that changes what they report. Within `Database.transaction`
 * and with a worker in this process, each message that is first in line for its record is claimed
 * for that worker in the same statement, and handed to it once the transaction commits: no claim
 * query stands between the commit and Slack. The others (behind an earlier message about the same
 * record, still pending) wait for a claim pass, to keep each record's messages in order.
 */
export async function enqueueMessages(tx: Tx, drafts: OutboxDraft[], now: Date): Promise<void> {
  if (drafts.length === 0) return;
  // A hot path: see ../direct-sql.ts.
  const outbox = outboxOfTransaction(tx);
  // Leases follow real time, as in claimDueMessages.
  const leaseUntil = new Date(Date.now() + (outbox.receiver?.leaseMs ?? 0));
  const at = utcTimestamp(now);
  const rows = drafts.map((draft, index) => {
    const mayClaim = outbox.receiver !== undefined && drafts.findIndex((other) => other.orderingKey === draft.orderingKey) === index;
    return Prisma.sql`(${draft.orderingKey}, ${draft.payload.operation}, ${jsonb(draft.payload)}, ${mayClaim}::boolean)`;
  });
  const inserted = await sqlQuery<{ orderingKey: string; id: string; claimed: boolean }>(
    tx,
    Prisma.sql`
    INSERT INTO "OutboxMessage" ("orderingKey", "operation", "payload", "availableAt", "createdAt", "lockedUntil", "attempts")
    SELECT "orderingKey", "operation", "payload", ${at}, ${at}, CASE WHEN "claim" THEN ${utcTimestamp(leaseUntil)} END, CASE WHEN "claim" THEN 1 ELSE 0 END
    FROM (
      SELECT v.*, v."mayClaim" AND NOT EXISTS (
        SELECT 1 FROM "OutboxMessage" earlier WHERE earlier."orderingKey" = v."orderingKey" AND earlier."status" = 'pending') AS "claim"
      FROM (VALUES ${Prisma.join(rows)}) AS v("orderingKey", "operation", "payload", "mayClaim")) AS drafts
    RETURNING "orderingKey", "id"::text AS "id", "lockedUntil" IS NOT NULL AS "claimed"`,
  );
  const claimed = inserted.flatMap((row): ClaimedMessage[] => {
    const draft = row.claimed ? drafts.find((candidate) => candidate.orderingKey === row.orderingKey) : undefined;
    return draft ? [{ id: BigInt(row.id), orderingKey: row.orderingKey, payload: draft.payload, attempts: 1 }] : [];
  });
  outbox.note({ claimed, leaseUntil, waiting: claimed.length < inserted.length });
}

/**
 * Claims up to `limit` due messages for a lease. Only the oldest pending message of each
 * ordering key is eligible, so messages about one record go out in order; SKIP LOCKED lets several
 * instances share the work without taking the same message.
 *
 * Due times follow the bot's clock (`now`); the lease follows real time (`lease.now`), because it
 * guards against a process that died or hangs mid-delivery, whatever the bot's clock says.
 */
export async function claimDueMessages(
  prisma: PrismaClient,
  now: Date,
  lease: { now: Date; ms: number },
  limit: number,
): Promise<ClaimedMessage[]> {
  const leaseUntil = utcTimestamp(new Date(lease.now.getTime() + lease.ms));
  const leaseExpiredBy = utcTimestamp(lease.now);
  const dueBy = utcTimestamp(now);
  const claimed = await sqlQuery<{ id: string; orderingKey: string; payload: string; attempts: number }>(
    prisma,
    Prisma.sql`
    UPDATE "OutboxMessage" SET "lockedUntil" = ${leaseUntil}, "attempts" = "attempts" + 1
    WHERE "id" IN (
      SELECT m."id" FROM "OutboxMessage" m
      WHERE m."status" = 'pending' AND m."availableAt" <= ${dueBy}
        AND (m."lockedUntil" IS NULL OR m."lockedUntil" <= ${leaseExpiredBy})
        AND NOT EXISTS (
          SELECT 1 FROM "OutboxMessage" earlier
          WHERE earlier."orderingKey" = m."orderingKey" AND earlier."status" = 'pending' AND earlier."id" < m."id")
      ORDER BY m."id" LIMIT ${limit}
      FOR UPDATE SKIP LOCKED)
    RETURNING "id"::text AS "id", "orderingKey", "payload"::text AS "payload", "attempts"`,
  );
  return (
    claimed
      .map((row): ClaimedMessage => ({ id: BigInt(row.id), orderingKey: row.orderingKey, payload: JSON.parse(row.payload) as unknown, attempts: row.attempts }))
      // RETURNING does not keep the subquery's order.
      .sort((a, b) => (a.id < b.id ? -1 : 1))
  );
}

/** Where the worker leaves a claimed message: delivered, dead, or due again later. */
function settle(prisma: PrismaClient, id: bigint, changes: Prisma.Sql): Promise<number> {
  return sqlExecute(prisma, Prisma.sql`UPDATE "OutboxMessage" SET ${changes}, "lockedUntil" = NULL WHERE "id" = ${id.toString()}::bigint`);
}

export async function markDelivered(prisma: PrismaClient, id: bigint, now: Date): Promise<void> {
  await settle(prisma, id, Prisma.sql`"status" = 'delivered', "deliveredAt" = ${utcTimestamp(now)}, "lastError" = NULL`);
}

export async function scheduleRetry(prisma: PrismaClient, id: bigint, availableAt: Date, error: string): Promise<void> {
  await settle(prisma, id, Prisma.sql`"availableAt" = ${utcTimestamp(availableAt)}, "lastError" = ${error}`);
}

/** Puts a claimed message off without counting the claim as a delivery attempt (pacing). */
export async function postpone(prisma: PrismaClient, id: bigint, availableAt: Date): Promise<void> {
  await settle(prisma, id, Prisma.sql`"availableAt" = ${utcTimestamp(availableAt)}, "attempts" = "attempts" - 1`);
}

export async function markDead(prisma: PrismaClient, id: bigint, error: string): Promise<void> {
  await settle(prisma, id, Prisma.sql`"status" = 'dead', "lastError" = ${error}`);
}

export async function findMessageRef(prisma: PrismaClient, ref: MessageRef): Promise<{ channel: string; ts: string } | null> {
  const [found] = await sqlQuery<{ channel: string; ts: string }>(
    prisma,
    Prisma.sql`SELECT "channel", "ts" FROM "SlackMessageRef" WHERE "recordKey" = ${ref.recordKey} AND "purpose" = ${ref.purpose}`,
  );
  return found ?? null;
}

export async function saveMessageRef(
  prisma: PrismaClient,
  ref: MessageRef,
  location: { channel: string; ts: string },
  now: Date,
): Promise<void> {
  await sqlExecute(
    prisma,
    Prisma.sql`
    INSERT INTO "SlackMessageRef" ("recordKey", "purpose", "channel", "ts", "postedAt")
    VALUES (${ref.recordKey}, ${ref.purpose}, ${location.channel}, ${location.ts}, ${utcTimestamp(now)})
    ON CONFLICT ("recordKey", "purpose") DO UPDATE SET "channel" = EXCLUDED."channel", "ts" = EXCLUDED."ts"`,
  );
}

export interface DeadLetter {
  id: bigint;
  orderingKey: string;
  operation: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
}

/** Messages Slack refused for good (or too often), newest first: the admins' dead-letter list. */
export async function findDeadLetters(tx: Tx, limit: number): Promise<DeadLetter[]> {
  return tx.outboxMessage.findMany({
    where: { status: 'dead' },
    orderBy: { id: 'desc' },
    take: limit,
    select: { id: true, orderingKey: true, operation: true, attempts: true, lastError: true, createdAt: true },
  });
}

/** Puts dead letters (all, or the one given) back in the queue for another round of attempts. */
export async function requeueDeadLetters(tx: Tx, id: bigint | null, now: Date): Promise<number> {
  const requeued = await tx.outboxMessage.updateMany({
    where: { status: 'dead', ...(id === null ? {} : { id }) },
    data: { status: 'pending', attempts: 0, availableAt: now, lockedUntil: null },
  });
  return requeued.count;
}
