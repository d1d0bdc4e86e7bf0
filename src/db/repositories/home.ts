// App Home bookkeeping: who has opened the Home, and the queued "publish this user's Home again"
// messages, kept to one waiting message per user.
import type { Tx } from '../database.js';
import { sqlQuery, sqlExecute } from '../direct-sql.js';
import { Prisma } from '../generated/client.js';
import { utcTimestamp } from '../sql.js';
import { enqueueMessages } from './outbox.js';

export async function recordHomeViewer(tx: Tx, userId: string, now: Date): Promise<void> {
  await tx.homeViewer.upsert({ where: { userId }, create: { userId, firstOpenedAt: now, lastOpenedAt: now }, update: { lastOpenedAt: now } });
}

export function homeOrderingKey(userId: string): string {
  return `home:${userId}`;
}

/**
 * Queues a publish of each user's Home, for those who have opened it. A user whose publish is
 * already waiting (not yet taken by a worker) gets none more: the waiting one is rendered when
 * delivered, so it shows this change too. Touching its row locks it until this transaction
 * commits, so a worker cannot take it and render the data from before the change.
 */
export async function requestHomeRefresh(tx: Tx, userIds: readonly string[], now: Date): Promise<void> {
  const wanted = [...new Set(userIds)];
  if (wanted.length === 0) return;
  // A hot path (every change to a ticket): see ../direct-sql.ts.
  const viewers = await sqlQuery<{ userId: string }>(tx, Prisma.sql`SELECT "userId" FROM "HomeViewer" WHERE "userId" IN (${Prisma.join(wanted)})`);
  for (const { userId } of viewers) {
    const touched = await sqlExecute(tx, Prisma.sql`
      UPDATE "OutboxMessage" SET "availableAt" = LEAST("availableAt", ${utcTimestamp(now)})
      WHERE "orderingKey" = ${homeOrderingKey(userId)} AND "status" = 'pending' AND "lockedUntil" IS NULL`);
    if (touched === 0) await enqueueMessages(tx, [{ orderingKey: homeOrderingKey(userId), payload: { operation: 'publish_home', user: userId } }], now);
  }
}
