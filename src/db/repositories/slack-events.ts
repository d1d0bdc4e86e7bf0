import type { Tx } from '../database.js';
import { lockKey } from '../sql.js';

/** Claims an Events API delivery by its event_id; false when it was already handled (a retry). */
export async function claimSlackEvent(tx: Tx, eventId: string, now: Date): Promise<boolean> {
  await lockKey(tx, `slack-event:${eventId}`);
  if (await tx.processedSlackEvent.findUnique({ where: { eventId } })) return false;
  await tx.processedSlackEvent.create({ data: { eventId, receivedAt: now } });
  return true;
}
