// Maintenance plan rows ↔ domain plans, and the history of their occurrences.
import type { Tx } from '../database.js';
import { sqlQuery } from '../direct-sql.js';
import { Prisma } from '../generated/client.js';
import type { MaintenancePlanState } from '../../domain/maintenance.js';
import { recurrenceSchema, type Recurrence } from '../../domain/recurrence.js';
import { toJsonColumn } from '../sql.js';

export interface PlanRecord extends MaintenancePlanState {
  itemId: number;
}

export type MaintenanceOutcome = 'done' | 'postponed';

export interface MaintenanceHistoryEntry {
  planId: number;
  title: string;
  dueAt: Date;
  outcome: MaintenanceOutcome;
  byId: string;
  note: string | null;
  postponedTo: Date | null;
  at: Date;
}

export function planRecordKey(id: number): string {
  return `maintenance:${id}`;
}

const withItem = { item: { select: { key: true } } } as const;
type PlanRow = Prisma.MaintenancePlanGetPayload<{ include: typeof withItem }>;

function fromRow(row: PlanRow): PlanRecord {
  return {
    id: row.id,
    itemId: row.itemId,
    itemKey: row.item.key,
    title: row.title,
    recurrence: recurrenceSchema.parse(row.recurrence),
    ownerId: row.ownerId,
    nextDueAt: row.nextDueAt,
    remindedAt: row.remindedAt,
    escalatedAt: row.escalatedAt,
    active: row.active,
  };
}

export interface NewPlan {
  itemId: number;
  title: string;
  recurrence: Recurrence;
  ownerId: string;
  nextDueAt: Date;
  createdBy: string;
}

export async function insertPlan(tx: Tx, plan: NewPlan, now: Date): Promise<PlanRecord> {
  return fromRow(await tx.maintenancePlan.create({ data: { ...plan, recurrence: toJsonColumn(plan.recurrence), createdAt: now, updatedAt: now }, include: withItem }));
}

export async function plansOfItem(tx: Tx, itemId: number): Promise<PlanRecord[]> {
  return (await tx.maintenancePlan.findMany({ where: { itemId, active: true }, orderBy: { nextDueAt: 'asc' }, include: withItem })).map(fromRow);
}

export async function lockPlan(tx: Tx, id: number): Promise<PlanRecord | null> {
  const locked = await sqlQuery<{ id: number }>(tx, Prisma.sql`SELECT "id" FROM "MaintenancePlan" WHERE "id" = ${id} FOR UPDATE`);
  if (!locked[0]) return null;
  return fromRow(await tx.maintenancePlan.findUniqueOrThrow({ where: { id }, include: withItem }));
}

/** Active plans due by `now` whose owner has not been reminded of this occurrence. */
export async function findRemindersDue(tx: Tx, now: Date): Promise<PlanRecord[]> {
  return (await tx.maintenancePlan.findMany({ where: { active: true, remindedAt: null, nextDueAt: { lte: now } }, take: 100, include: withItem })).map(fromRow);
}

/** Active plans due before `dueBefore` (overdue) whose lead has not been told. */
export async function findEscalationsDue(tx: Tx, dueBefore: Date): Promise<PlanRecord[]> {
  return (await tx.maintenancePlan.findMany({ where: { active: true, escalatedAt: null, nextDueAt: { lte: dueBefore } }, take: 100, include: withItem })).map(fromRow);
}

/** Claims the reminder (or escalation) of the occurrence due at `dueAt`: succeeds for exactly one caller. */
export async function claimPlanNotice(tx: Tx, plan: PlanRecord, notice: 'remindedAt' | 'escalatedAt', now: Date): Promise<boolean> {
  const claimed = await tx.maintenancePlan.updateMany({ where: { id: plan.id, nextDueAt: plan.nextDueAt, [notice]: null }, data: { [notice]: now } });
  return claimed.count === 1;
}

/** Moves the plan to its next occurrence, to be reminded and escalated afresh. */
export async function moveToNextDue(tx: Tx, id: number, nextDueAt: Date, now: Date): Promise<void> {
  await tx.maintenancePlan.update({ where: { id }, data: { nextDueAt, remindedAt: null, escalatedAt: null, updatedAt: now } });
}

export async function insertHistory(tx: Tx, plan: PlanRecord, entry: Omit<MaintenanceHistoryEntry, 'planId' | 'title'>): Promise<void> {
  await tx.maintenanceRecord.create({ data: { planId: plan.id, itemId: plan.itemId, ...entry } });
}

export async function historyOfItem(tx: Tx, itemId: number, limit: number): Promise<MaintenanceHistoryEntry[]> {
  const rows = await tx.maintenanceRecord.findMany({ where: { itemId }, orderBy: { id: 'desc' }, take: limit, include: { plan: { select: { title: true } } } });
  return rows.map((row) => ({
    planId: row.planId,
    title: row.plan.title,
    dueAt: row.dueAt,
    outcome: row.outcome === 'done' ? 'done' : 'postponed',
    byId: row.byId,
    note: row.note,
    postponedTo: row.postponedTo,
    at: row.at,
  }));
}
