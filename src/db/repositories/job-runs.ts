// Job slots are claimed and finished every minute by every instance: direct SQL (../direct-sql.ts).
import { sqlExecute, sqlQuery } from '../direct-sql.js';
import { Prisma, type PrismaClient } from '../generated/client.js';
import { utcTimestamp } from '../sql.js';

/**
 * Claims one slot of a job (e.g. auto-close at 2026-03-02T09:15) for this instance. Only one
 * instance gets a slot; a slot whose claimer died unfinished can be taken over when its lease ends.
 */
export async function claimJobSlot(prisma: PrismaClient, job: string, slot: string, instanceId: string, now: Date, leaseMs: number): Promise<boolean> {
  const leaseUntil = utcTimestamp(new Date(now.getTime() + leaseMs));
  const claimed = await sqlQuery<{ job: string }>(
    prisma,
    Prisma.sql`
    INSERT INTO "JobRun" ("job", "slot", "claimedBy", "leaseUntil") VALUES (${job}, ${slot}, ${instanceId}, ${leaseUntil})
    ON CONFLICT ("job", "slot") DO UPDATE SET "claimedBy" = EXCLUDED."claimedBy", "leaseUntil" = EXCLUDED."leaseUntil"
      WHERE "JobRun"."finishedAt" IS NULL AND "JobRun"."leaseUntil" < ${utcTimestamp(now)}
    RETURNING "job"`,
  );
  return claimed.length > 0;
}

export async function finishJobSlot(prisma: PrismaClient, job: string, slot: string, now: Date): Promise<void> {
  await sqlExecute(prisma, Prisma.sql`UPDATE "JobRun" SET "finishedAt" = ${utcTimestamp(now)} WHERE "job" = ${job} AND "slot" = ${slot}`);
}
