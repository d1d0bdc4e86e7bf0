// Planned maintenance (定期维护): routine work on a configuration item, on a recurrence, with an
// owner who is reminded when it is due and marks it done or postpones it; an occurrence left
// undone is escalated to the owner's team lead. Each occurrence's outcome is kept on the item.
import { DomainError } from './errors.js';
import { nextOccurrence, type Recurrence } from './recurrence.js';
import { hasAnyRole, type Actor, type Role } from './roles.js';

export interface MaintenancePlanState {
  readonly id: number;
  readonly itemKey: string;
  readonly title: string;
  readonly recurrence: Recurrence;
  readonly ownerId: string;
  readonly nextDueAt: Date;
  readonly remindedAt: Date | null;
  readonly escalatedAt: Date | null;
  readonly active: boolean;
}

/** How long the owner may put an occurrence off, in days. */
export const POSTPONE_DAYS = [1, 3, 7] as const;
export type PostponeDays = (typeof POSTPONE_DAYS)[number];

/** Who plans maintenance on an item: its owner, admins and change managers. */
const PLANNER_ROLES: readonly Role[] = ['admin', 'change_manager'];

export function assertMayPlan(item: { ownerId: string | null }, actor: Actor): void {
  if (actor.userId !== item.ownerId && !hasAnyRole(actor, PLANNER_ROLES)) throw new DomainError('not_maintenance_planner');
}

/** The first due time of a new plan: the first occurrence after now. */
export function firstDue(recurrence: Recurrence, now: Date, timeZone: string): Date {
  const due = nextOccurrence(recurrence, now, timeZone);
  if (!due) throw new DomainError('invalid_input', { field: 'recurrence' });
  return due;
}

/**
 * Refuses work on an occurrence that is not the one due (a Done pressed on an old reminder) and
 * work by anyone but the owner, their team lead, or an admin.
 */
export function assertMayWork(plan: MaintenancePlanState, dueAt: Date, actor: Actor, leadId: string | null): void {
  if (!plan.active || plan.nextDueAt.getTime() !== dueAt.getTime()) throw new DomainError('already_done', { event: 'maintenance' });
  if (actor.userId !== plan.ownerId && actor.userId !== leadId && !hasAnyRole(actor, ['admin'])) throw new DomainError('not_maintenance_owner');
}

export interface NextOccurrence {
  readonly nextDueAt: Date;
}

/** Done: the next occurrence after this one (or after now, if it was done late, so none is owed twice). */
export function completeOccurrence(plan: MaintenancePlanState, now: Date, timeZone: string): NextOccurrence {
  const after = new Date(Math.max(now.getTime(), plan.nextDueAt.getTime()));
  const next = nextOccurrence(plan.recurrence, after, timeZone);
  if (!next) throw new DomainError('invalid_input', { field: 'recurrence' });
  return { nextDueAt: next };
}

/** Postponed: due again `days` days from now, reminded and escalated afresh. */
export function postponeOccurrence(days: PostponeDays, now: Date): NextOccurrence {
  return { nextDueAt: new Date(now.getTime() + days * 86_400_000) };
}

/** An occurrence not done `hours` after it was due is overdue: escalated once. */
export function overdueSince(hours: number, now: Date): Date {
  return new Date(now.getTime() - hours * 3_600_000);
}
