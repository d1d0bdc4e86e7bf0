// SLA bookkeeping rows: pauses, due times, the next alert and the alerts already sent.
import { Prisma } from '../generated/client.js';
import type { Tx } from '../database.js';
import { sqlQuery } from '../direct-sql.js';
import type { SlaPause } from '../../domain/sla.js';
import { utcTimestamp } from '../sql.js';

export async function startPause(tx: Tx, incidentId: number, from: Date, reason: string): Promise<void> {
  await tx.incidentPause.create({ data: { incidentId, from, reason } });
}

export async function endOpenPause(tx: Tx, incidentId: number, to: Date): Promise<void> {
  await tx.incidentPause.updateMany({ where: { incidentId, to: null }, data: { to } });
}

export async function recordPause(tx: Tx, incidentId: number, from: Date, to: Date, reason: string): Promise<void> {
  await tx.incidentPause.create({ data: { incidentId, from, to, reason } });
}

export interface PauseRecord extends SlaPause {
  reason: string;
}

export async function pausesOf(tx: Tx, incidentId: number): Promise<PauseRecord[]> {
  const rows = await tx.incidentPause.findMany({ where: { incidentId }, orderBy: { from: 'asc' } });
  return rows.map((row) => ({ from: row.from, to: row.to, reason: row.reason }));
}

export interface SlaSnapshot {
  policyId: string;
  responseDueAt: Date | null;
  resolutionDueAt: Date | null;
  nextSlaAlertAt: Date | null;
  alertsSent?: string[];
}

export async function saveSla(tx: Tx, incidentId: number, snapshot: SlaSnapshot): Promise<void> {
  await tx.incident.update({ where: { id: incidentId }, data: slaColumns(snapshot) });
}

export function slaColumns(snapshot: SlaSnapshot) {
  const { policyId, alertsSent, ...rest } = snapshot;
  return { slaPolicyId: policyId, ...rest, ...(alertsSent ? { slaAlertsSent: alertsSent } : {}) };
}

/** Incidents with an SLA alert due by `now`: an indexed query whose cost follows the due ones. */
export async function findDueSlaAlerts(tx: Tx, now: Date, limit: number): Promise<string[]> {
  const rows = await sqlQuery<{ number: string }>(tx, Prisma.sql`
    SELECT "number" FROM "Incident" WHERE "nextSlaAlertAt" <= ${utcTimestamp(now)} ORDER BY "nextSlaAlertAt" LIMIT ${limit}`);
  return rows.map((row) => row.number);
}
