import type { Tx } from '../database.js';
import type { Override } from '../../domain/oncall.js';

export interface OverrideDraft extends Override {
  createdBy: string;
}

export async function insertOverride(tx: Tx, draft: OverrideDraft, now: Date): Promise<number> {
  const row = await tx.onCallOverride.create({
    data: { team: draft.team, userId: draft.userId, startsAt: draft.from, endsAt: draft.to, createdBy: draft.createdBy, createdAt: now },
  });
  return row.id;
}

/** Overrides still running after `since`, the latest set first (it wins where two overlap). */
export async function overridesEndingAfter(tx: Tx, since: Date): Promise<Override[]> {
  const rows = await tx.onCallOverride.findMany({ where: { endsAt: { gt: since } }, orderBy: { id: 'desc' } });
  return rows.map((row) => ({ team: row.team, userId: row.userId, from: row.startsAt, to: row.endsAt }));
}
