// The forward schedule of change (变更日程): clashes between changes on the same configuration
// item, freeze (blackout) windows from the configuration, and changes that should have started.
// Windows are half-open [start, end): a change ending at 10:00 does not clash with one starting then.
import { z } from 'zod';
import { isChangeFinished, type ChangeRecordState, type ChangeWindow } from './change.js';
import { DomainError } from './errors.js';

export type ScheduledChange = Pick<
  ChangeRecordState,
  'number' | 'type' | 'state' | 'configurationItemIds' | 'plannedStart' | 'plannedEnd'
>;

export interface ScheduleClash {
  readonly number: string;
  /** The configuration items both changes touch. */
  readonly configurationItemIds: readonly string[];
  readonly plannedStart: Date;
  readonly plannedEnd: Date;
}

export const freezeWindowSchema = z
  .object({
    name: z.string().trim().min(1),
    start: z.coerce.date(),
    end: z.coerce.date(),
    reason: z.string().trim().default(''),
  })
  .refine((freeze) => freeze.end.getTime() > freeze.start.getTime(), { message: 'must end after it starts', path: ['end'] });
export type FreezeWindow = z.infer<typeof freezeWindowSchema>;

export interface FreezeOverride {
  /** Whether the person overriding holds the change manager role; only they may. */
  readonly byChangeManager: boolean;
  readonly reason: string;
}

export interface ScheduleCheck {
  readonly clashes: readonly ScheduleClash[];
  readonly freezes: readonly FreezeWindow[];
  /** True when a freeze stops the change from being scheduled. */
  readonly blocked: boolean;
  /** True when a freeze was hit and the change manager's override let the change through. */
  readonly overridden: boolean;
}

export function windowsOverlap(a: ChangeWindow, b: ChangeWindow): boolean {
  return a.start.getTime() < b.end.getTime() && b.start.getTime() < a.end.getTime();
}

function windowOf(change: ScheduledChange): ChangeWindow {
  return { start: change.plannedStart, end: change.plannedEnd };
}

/** Other live changes on a shared configuration item whose windows overlap this one's. */
export function findClashes(change: ScheduledChange, others: readonly ScheduledChange[]): ScheduleClash[] {
  return others.flatMap((other) => {
    if (other.number === change.number || isChangeFinished(other.state)) return [];
    const shared = change.configurationItemIds.filter((id) => other.configurationItemIds.includes(id));
    if (shared.length === 0 || !windowsOverlap(windowOf(change), windowOf(other))) return [];
    return [{ number: other.number, configurationItemIds: shared, plannedStart: other.plannedStart, plannedEnd: other.plannedEnd }];
  });
}

export function freezesHit(window: ChangeWindow, freezes: readonly FreezeWindow[]): FreezeWindow[] {
  return freezes.filter((freeze) => windowsOverlap(window, freeze));
}

/**
 * Clashes are warnings: the change manager decides whether two changes on one item may share a
 * window. A freeze blocks normal changes unless the change manager overrides it with a reason.
 * Standard changes (pre-approved, low risk) and emergency changes (which cannot wait for the
 * freeze to end) are warned of a freeze, never blocked by it.
 */
export function checkSchedule(
  change: ScheduledChange,
  others: readonly ScheduledChange[],
  freezes: readonly FreezeWindow[],
  override?: FreezeOverride,
): ScheduleCheck {
  if (override) assertValidOverride(override);
  const hit = freezesHit(windowOf(change), freezes);
  const frozen = change.type === 'normal' && hit.length > 0;
  return {
    clashes: findClashes(change, others),
    freezes: hit,
    blocked: frozen && !override,
    overridden: frozen && override !== undefined,
  };
}

function assertValidOverride(override: FreezeOverride): void {
  if (!override.byChangeManager) throw new DomainError('not_allowed', { event: 'override_freeze' });
  if (override.reason.trim() === '') throw new DomainError('reason_required', { field: 'reason' });
}

/**
 * A scheduled change that has not started by its planned start plus the grace period is late
 * (from the first instant after that moment). Changes still awaiting approval are not: they may not start.
 */
export function isLateStart(change: Pick<ChangeRecordState, 'state' | 'plannedStart'>, now: Date, graceMinutes: number): boolean {
  if (change.state !== 'scheduled') return false;
  return now.getTime() > change.plannedStart.getTime() + graceMinutes * 60_000;
}
