import { Prisma } from '../generated/client.js';
import type { Tx } from '../database.js';
import { sqlQuery } from '../direct-sql.js';
import { escalationPolicySchema, type EscalationRun, type EscalationState } from '../../domain/escalation.js';
import { toJsonColumn, utcTimestamp } from '../sql.js';

export interface EscalationRecord extends EscalationRun {
  id: number;
  incidentId: number;
  trigger: string;
}

/** Starts a chain for this trigger unless one exists (a breach starts at most one chain). */
export async function createEscalation(tx: Tx, incidentId: number, trigger: string, run: EscalationRun, now: Date): Promise<void> {
  const existing = await tx.escalation.findUnique({ where: { incidentId_trigger: { incidentId, trigger } } });
  if (existing) return;
  await tx.escalation.create({
    data: { incidentId, trigger, policy: toJsonColumn(run.policy), stepIndex: run.stepIndex, round: run.round, state: run.state, nextStepAt: run.nextStepAt, startedAt: now },
  });
}

export async function findDueEscalations(tx: Tx, now: Date, limit: number): Promise<number[]> {
  const rows = await sqlQuery<{ id: number }>(tx, Prisma.sql`
    SELECT "id" FROM "Escalation" WHERE "nextStepAt" <= ${utcTimestamp(now)} ORDER BY "nextStepAt" LIMIT ${limit}`);
  return rows.map((row) => row.id);
}

/** Loads and row-locks a chain, so a step runs once however many sweeps reach it. */
export async function lockEscalation(tx: Tx, id: number): Promise<EscalationRecord | null> {
  const locked = await sqlQuery<{ id: number }>(tx, Prisma.sql`SELECT "id" FROM "Escalation" WHERE "id" = ${id} FOR UPDATE`);
  if (locked.length === 0) return null;
  const row = await tx.escalation.findUniqueOrThrow({ where: { id } });
  return {
    id: row.id,
    incidentId: row.incidentId,
    trigger: row.trigger,
    policy: escalationPolicySchema.parse(row.policy),
    stepIndex: row.stepIndex,
    round: row.round,
    state: row.state as EscalationState,
    nextStepAt: row.nextStepAt,
  };
}

export async function saveEscalation(tx: Tx, id: number, run: EscalationRun, acknowledgedBy?: { userId: string; at: Date }): Promise<void> {
  await tx.escalation.update({
    where: { id },
    data: {
      stepIndex: run.stepIndex,
      round: run.round,
      state: run.state,
      nextStepAt: run.nextStepAt,
      ...(acknowledgedBy ? { acknowledgedBy: acknowledgedBy.userId, acknowledgedAt: acknowledgedBy.at } : {}),
    },
  });
}
