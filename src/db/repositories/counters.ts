import type { Tx } from '../database.js';

/** Takes the next number of a sequence inside the caller's transaction: gapless and unique. */
export async function nextSequenceValue(tx: Tx, name: string): Promise<number> {
  const counter = await tx.counter.upsert({
    where: { name },
    create: { name, value: 1 },
    update: { value: { increment: 1 } },
  });
  return counter.value;
}
