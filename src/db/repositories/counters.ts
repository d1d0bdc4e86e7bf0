import { Prisma } from '../generated/client.js';
import type { Tx } from '../database.js';
import { sqlQuery } from '../direct-sql.js';

/** Takes the next number of a sequence inside the caller's transaction: gapless and unique. */
export async function nextSequenceValue(tx: Tx, name: string): Promise<number> {
  // A hot path: see ../direct-sql.ts.
  const [counter] = await sqlQuery<{ value: number }>(tx, Prisma.sql`
    INSERT INTO "Counter" ("name", "value") VALUES (${name}, 1)
    ON CONFLICT ("name") DO UPDATE SET "value" = "Counter"."value" + 1
    RETURNING "value"`);
  return counter!.value;
}
