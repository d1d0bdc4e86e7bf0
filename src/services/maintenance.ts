// Planned maintenance use cases: plan it on an item, remind the owner when it is due and escalate
// an overdue occurrence to their team lead (each notice claimed on the plan's row, so it is sent
// once), and record Done or Postpone, with the history kept on the item.
import type { Clock } from '../clock.js';
import type { Database, Tx } from '../db/database.js';
import { appendAudit } from '../db/repositories/audit.js';
import { findItemByKey } from '../db/repositories/cmdb.js';
import {
  claimPlanNotice,
  findEscalationsDue,
  findRemindersDue,
  historyOfItem,
  insertHistory,
  insertPlan,
  lockPlan,
  moveToNextDue,
  plansOfItem,
  type MaintenanceHistoryEntry,
  type PlanRecord,
} from '../db/repositories/maintenance.js';
import { enqueueMessages } from '../db/repositories/outbox.js';
import { DomainError } from '../domain/errors.js';
import { assertMayPlan, assertMayWork, completeOccurrence, firstDue, overdueSince, postponeOccurrence, type PostponeDays } from '../domain/maintenance.js';
import type { Recurrence } from '../domain/recurrence.js';
import type { OutboxDraft } from '../outbox/messages.js';
import type { Settings } from '../settings/schema.js';
import type { RequestActor } from './context.js';
import type { StaffDirectory } from './staff-directory.js';

export interface MaintenanceOutcomeNotice {
  plan: PlanRecord;
  dueAt: Date;
  outcome: 'done' | 'postponed';
  byId: string;
  nextDueAt: Date;
  reason: string | null;
  /** Whoever may have had this occurrence's reminder: the owner and their team leads. */
  toldIds: readonly string[];
}

export interface MaintenanceMessages {
  planned(plan: PlanRecord, byId: string): OutboxDraft[];
  reminder(plan: PlanRecord): OutboxDraft[];
  overdue(plan: PlanRecord, leadIds: readonly string[]): OutboxDraft[];
  recorded(notice: MaintenanceOutcomeNotice): OutboxDraft[];
}

export interface NewPlanInput {
  itemKey: string;
  title: string;
  recurrence: Recurrence;
  ownerId: string;
}

export interface MaintenanceServiceDeps {
  db: Database;
  clock: Clock;
  settings: () => Settings;
  staff: StaffDirectory;
  messages: MaintenanceMessages;
}

export class MaintenanceService {
  constructor(private readonly deps: MaintenanceServiceDeps) {}

  /** Whether the person may plan maintenance on the item (asked before the form opens). */
  async assertMayPlan(itemKey: string, actor: RequestActor): Promise<void> {
    const item = await this.deps.db.transaction((tx) => findItemByKey(tx, itemKey));
    if (!item) throw new DomainError('not_found', { number: itemKey });
    assertMayPlan(item, actor);
  }

  async plan(input: NewPlanInput, actor: RequestActor): Promise<PlanRecord> {
    const plan = await this.deps.db.transaction(async (tx) => {
      const item = await findItemByKey(tx, input.itemKey);
      if (!item) throw new DomainError('not_found', { number: input.itemKey });
      assertMayPlan(item, actor);
      const now = this.deps.clock.now();
      const nextDueAt = firstDue(input.recurrence, now, this.timeZone());
      const created = await insertPlan(tx, { itemId: item.id, title: input.title, recurrence: input.recurrence, ownerId: input.ownerId, nextDueAt, createdBy: actor.userId }, now);
      await this.audit(tx, created, now, { actorId: actor.userId, action: 'maintenance_planned', details: { plan: created.id, title: created.title, recurrence: created.recurrence, owner: created.ownerId } });
      await enqueueMessages(tx, this.deps.messages.planned(created, actor.userId), now);
      return created;
    });
    return plan;
  }

  /** The item's active plans and its latest maintenance history. */
  async ofItem(itemId: number): Promise<{ plans: PlanRecord[]; history: MaintenanceHistoryEntry[] }> {
    return this.deps.db.transaction(async (tx) => ({ plans: await plansOfItem(tx, itemId), history: await historyOfItem(tx, itemId, 5) }));
  }

  /** Reminds owners of occurrences now due, and escalates those overdue; returns how many notices went out. */
  async run(now: Date): Promise<number> {
    const overdueBefore = overdueSince(this.deps.settings().maintenance.escalateAfterHours, now);
    const sent =
      (await this.each(now, (tx) => findRemindersDue(tx, now), 'remindedAt', async (_tx, plan) => this.deps.messages.reminder(plan))) +
      (await this.each(now, (tx) => findEscalationsDue(tx, overdueBefore), 'escalatedAt', async (tx, plan) => this.deps.messages.overdue(plan, await this.leadsOf(tx, plan.ownerId))));
    return sent;
  }

  private async each(now: Date, findDue: (tx: Tx) => Promise<PlanRecord[]>, notice: 'remindedAt' | 'escalatedAt', draftsFor: (tx: Tx, plan: PlanRecord) => Promise<OutboxDraft[]>): Promise<number> {
    let sent = 0;
    for (const plan of await this.deps.db.transaction(findDue)) {
      const claimed = await this.deps.db.transaction(async (tx) => {
        if (!(await claimPlanNotice(tx, plan, notice, now))) return false;
        await enqueueMessages(tx, await draftsFor(tx, plan), now);
        return true;
      });
      if (claimed) sent += 1;
    }
    return sent;
  }

  /** The owner's team lead: their department head, else the configured leads. */
  private async leadsOf(tx: Tx, ownerId: string): Promise<string[]> {
    const head = await this.deps.staff.leadOf(tx, ownerId);
    return head ? [head] : this.deps.settings().maintenance.leads.filter((lead) => lead !== ownerId);
  }

  async done(planId: number, dueAt: Date, actor: RequestActor): Promise<PlanRecord> {
    return this.record(planId, dueAt, actor, (plan, now) => ({ outcome: 'done', next: completeOccurrence(plan, now, this.timeZone()).nextDueAt, reason: null }));
  }

  async postpone(planId: number, dueAt: Date, days: PostponeDays, reason: string, actor: RequestActor): Promise<PlanRecord> {
    if (!reason.trim()) throw new DomainError('reason_required', { field: 'reason' });
    return this.record(planId, dueAt, actor, (_plan, now) => ({ outcome: 'postponed', next: postponeOccurrence(days, now).nextDueAt, reason: reason.trim() }));
  }

  /** Whether the person may record the occurrence due at `dueAt` (asked before a form opens). */
  async assertMayWork(planId: number, dueAt: Date, actor: RequestActor): Promise<void> {
    await this.deps.db.transaction(async (tx) => {
      const plan = await lockPlan(tx, planId);
      if (!plan) throw new DomainError('not_found', { number: String(planId) });
      assertMayWork(plan, dueAt, actor, await this.deps.staff.leadOf(tx, plan.ownerId));
    });
  }

  private async record(planId: number, dueAt: Date, actor: RequestActor, decide: (plan: PlanRecord, now: Date) => { outcome: 'done' | 'postponed'; next: Date; reason: string | null }): Promise<PlanRecord> {
    const plan = await this.deps.db.transaction(async (tx) => {
      const locked = await lockPlan(tx, planId);
      if (!locked) throw new DomainError('not_found', { number: String(planId) });
      assertMayWork(locked, dueAt, actor, await this.deps.staff.leadOf(tx, locked.ownerId));
      const now = this.deps.clock.now();
      const { outcome, next, reason } = decide(locked, now);
      await insertHistory(tx, locked, { dueAt, outcome, byId: actor.userId, note: reason, postponedTo: outcome === 'postponed' ? next : null, at: now });
      await moveToNextDue(tx, locked.id, next, now);
      await this.audit(tx, locked, now, { actorId: actor.userId, action: `maintenance_${outcome}`, field: 'nextDueAt', fromValue: dueAt.toISOString(), toValue: next.toISOString(), details: { plan: locked.id, reason } });
      const toldIds = [locked.ownerId, ...(await this.leadsOf(tx, locked.ownerId))];
      await enqueueMessages(tx, this.deps.messages.recorded({ plan: locked, dueAt, outcome, byId: actor.userId, nextDueAt: next, reason, toldIds }), now);
      return { ...locked, nextDueAt: next, remindedAt: null, escalatedAt: null };
    });
    return plan;
  }

  private timeZone(): string {
    return this.deps.settings().calendar.timeZone;
  }

  private audit(tx: Tx, plan: PlanRecord, at: Date, entry: Parameters<typeof appendAudit>[3][number]): Promise<void> {
    return appendAudit(tx, { recordType: 'configuration_item', recordId: plan.itemId, recordNumber: plan.itemKey }, at, [entry]);
  }
}
