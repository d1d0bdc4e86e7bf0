import { sqlExecute } from '../transaction-connection.js';
import type { Tx } from '../database.js';
import { Prisma, type PrismaClient } from '../generated/client.js';
import { jsonb, utcTimestamp } from '../sql.js';
import type { MessageRef, OutboxDraft } from '../../outbox/messages.js';

export interface ClaimedMessage {
  id: bigint;
  orderingKey: string;
  payload: unknown;
  attempts: number;
}

export async function enqueueMessages(tx: Tx, drafts: OutboxDraft[], now: Date): Promise<void> {
  if (drafts.length === 0) return;
  // A hot path: see ../transaction-connection.ts.
  const at = utcTimestamp(now);
  const rows = drafts.map((draft) => Prisma.sql`(${draft.orderingKey}, ${draft.payload.operation}, ${jsonb(draft.payload)}, ${at}, ${at})`);
  await sqlExecute(tx, Prisma.sql`
    INSERT INTO "OutboxMessage" ("orderingKey", "operation", "payload", "availableAt", "createdAt")
    VALUES ${Prisma.join(rows)}`);
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
  const claimed = await prisma.$queryRaw<ClaimedMessage[]>`
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
    RETURNING "id", "orderingKey", "payload", "attempts"`;
  // RETURNING does not keep the subquery's order.
  return claimed.sort((a, b) => (a.id < b.id ? -1 : 1));
}

export async function markDelivered(prisma: PrismaClient, id: bigint, now: Date): Promise<void> {
  await prisma.outboxMessage.update({
    where: { id },
    data: { status: 'delivered', deliveredAt: now, lockedUntil: null, lastError: null },
  });
}

export async function scheduleRetry(prisma: PrismaClient, id: bigint, availableAt: Date, error: string): Promise<void> {
  await prisma.outboxMessage.update({ where: { id }, data: { availableAt, lockedUntil: null, lastError: error } });
}

/** Puts a claimed message off without counting the claim as a delivery attempt (pacing). */
export async function postpone(prisma: PrismaClient, id: bigint, availableAt: Date): Promise<void> {
  await prisma.outboxMessage.update({ where: { id }, data: { availableAt, lockedUntil: null, attempts: { decrement: 1 } } });
}

export async function markDead(prisma: PrismaClient, id: bigint, error: string): Promise<void> {
  await prisma.outboxMessage.update({ where: { id }, data: { status: 'dead', lockedUntil: null, lastError: error } });
}

export async function findMessageRef(prisma: PrismaClient, ref: MessageRef) {
  return prisma.slackMessageRef.findUnique({ where: { recordKey_purpose: ref } });
}

export async function saveMessageRef(
  prisma: PrismaClient,
  ref: MessageRef,
  location: { channel: string; ts: string },
  now: Date,
): Promise<void> {
  await prisma.slackMessageRef.upsert({
    where: { recordKey_purpose: ref },
    create: { ...ref, ...location, postedAt: now },
    update: location,
  });
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
