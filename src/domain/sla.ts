// Service levels (服务级别管理): which policy applies to a ticket, and how far its response and
// resolution targets have run. Time on hold (waiting on the requester or a supplier) does not count.
//
// slaStatus, thresholdInstant and nextSlaAlert are pure functions of their input: after a priority
// change the caller passes the new policy and the clock is recomputed from openedAt, so nothing
// about the previous priority is stored.
import { z } from 'zod';
import { addBusinessMs, businessMsBetween, ROUND_THE_CLOCK, type BusinessCalendar } from './calendar.js';
import { CATEGORY_PATH_SEPARATOR, MAX_CATEGORY_DEPTH } from './category.js';
import { DomainError } from './errors.js';
import { PRIORITIES, prioritySchema, type Priority } from './priority.js';

export const SLA_HOURS = ['business', '24x7'] as const;
export type SlaHours = (typeof SLA_HOURS)[number];

export const SLA_TARGET_KINDS = ['response', 'resolution'] as const;
export type SlaTargetKind = (typeof SLA_TARGET_KINDS)[number];

export interface SlaPolicy {
  readonly id: string;
  readonly priority: Priority;
  /** A category path or an ancestor of it, e.g. 'hardware' or 'hardware/printer'. */
  readonly categoryPrefix?: string | undefined;
  readonly service?: string | undefined;
  readonly responseMinutes: number;
  readonly resolutionMinutes: number;
  readonly hours: SlaHours;
}

const categoryPrefixSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_-]*)*$/, 'must be a category path such as "hardware/printer"')
  .refine((prefix) => categoryDepth(prefix) <= MAX_CATEGORY_DEPTH, `must have at most ${MAX_CATEGORY_DEPTH} levels`);

export const slaPolicySchema = z
  .object({
    id: z.string().trim().min(1),
    priority: prioritySchema,
    categoryPrefix: categoryPrefixSchema.optional(),
    service: z.string().trim().min(1).optional(),
    responseMinutes: z.number().int().positive(),
    resolutionMinutes: z.number().int().positive(),
    hours: z.enum(SLA_HOURS),
  })
  .refine((policy) => policy.responseMinutes <= policy.resolutionMinutes, {
    message: 'responseMinutes must not exceed resolutionMinutes',
    path: ['responseMinutes'],
  });

// Start-up refuses a list that would leave some ticket without a target, or two policies that
// tie for one (policyFor could not choose between them).
export const slaPoliciesSchema = z.array(slaPolicySchema).superRefine((policies, context) => {
  const problems = [...duplicateProblems(policies), ...missingPriorityProblems(policies)];
  for (const message of problems) context.addIssue({ code: 'custom', message });
});

function duplicateProblems(policies: readonly SlaPolicy[]): string[] {
  const ids = new Set<string>();
  const scopes = new Set<string>();
  const problems: string[] = [];
  for (const policy of policies) {
    const scope = [policy.priority, policy.service ?? '*', policy.categoryPrefix ?? '*'].join(' ');
    if (ids.has(policy.id)) problems.push(`duplicate SLA policy id "${policy.id}"`);
    if (scopes.has(scope)) problems.push(`SLA policy "${policy.id}" has the same scope as another (${scope})`);
    ids.add(policy.id);
    scopes.add(scope);
  }
  return problems;
}

function missingPriorityProblems(policies: readonly SlaPolicy[]): string[] {
  return PRIORITIES.filter((priority) => !policies.some((policy) => isCatchAll(policy, priority))).map(
    (priority) => `no SLA policy for ${priority} without categoryPrefix and service`,
  );
}

function isCatchAll(policy: SlaPolicy, priority: Priority): boolean {
  return policy.priority === priority && !policy.service && !policy.categoryPrefix;
}

// P4's "5 business days" is counted as working time, so that it pauses and resumes like every
// other target: 5 days × the default 9-hour working day (08:30–17:30) = 2700 minutes.
const FIVE_BUSINESS_DAYS_MINUTES = 5 * 9 * 60;

/** DOMAIN.md's suggested defaults. Only P1 runs 24×7. */
export const DEFAULT_SLA_POLICIES: readonly SlaPolicy[] = [
  { id: 'p1', priority: 'P1', responseMinutes: 30, resolutionMinutes: 4 * 60, hours: '24x7' },
  { id: 'p2', priority: 'P2', responseMinutes: 2 * 60, resolutionMinutes: 8 * 60, hours: 'business' },
  { id: 'p3', priority: 'P3', responseMinutes: 4 * 60, resolutionMinutes: 24 * 60, hours: 'business' },
  { id: 'p4', priority: 'P4', responseMinutes: 8 * 60, resolutionMinutes: FIVE_BUSINESS_DAYS_MINUTES, hours: 'business' },
];

/** What a clock needs of a policy: its targets and the hours they count in (service requests have no priority). */
export type SlaTargets = Pick<SlaPolicy, 'responseMinutes' | 'resolutionMinutes' | 'hours'>;

export interface SlaSubject {
  readonly priority: Priority;
  readonly categoryPath?: string | null | undefined;
  readonly service?: string | null | undefined;
}

/**
 * The most specific policy for the ticket's priority: one for its service beats any other, then
 * the longest matching category prefix, then the priority-only one.
 */
export function policyFor(policies: readonly SlaPolicy[], subject: SlaSubject): SlaPolicy {
  const applicable = policies.filter((policy) => appliesTo(policy, subject));
  const best = applicable.sort((a, b) => specificity(b) - specificity(a))[0];
  if (!best) throw new DomainError('not_found', { number: `SLA ${subject.priority}` });
  return best;
}

function appliesTo(policy: SlaPolicy, subject: SlaSubject): boolean {
  if (policy.priority !== subject.priority) return false;
  if (policy.service && policy.service !== subject.service) return false;
  return !policy.categoryPrefix || isWithinCategory(subject.categoryPath, policy.categoryPrefix);
}

/** Whole path segments only: 'hardware' covers 'hardware/printer' but not 'hardware-lease'. */
function isWithinCategory(path: string | null | undefined, prefix: string): boolean {
  if (!path) return false;
  return path === prefix || path.startsWith(prefix + CATEGORY_PATH_SEPARATOR);
}

// Service levels are agreed per service, so a service match outranks the deepest category.
const SERVICE_SPECIFICITY = MAX_CATEGORY_DEPTH + 1;

function specificity(policy: SlaPolicy): number {
  const category = policy.categoryPrefix ? categoryDepth(policy.categoryPrefix) : 0;
  return (policy.service ? SERVICE_SPECIFICITY : 0) + category;
}

function categoryDepth(path: string): number {
  return path.split(CATEGORY_PATH_SEPARATOR).length;
}

/** The calendar a policy's targets are counted in. */
export function calendarForPolicy(policy: SlaTargets, businessCalendar: BusinessCalendar): BusinessCalendar {
  return policy.hours === '24x7' ? ROUND_THE_CLOCK : businessCalendar;
}

// ——— The clock ———

/** An on-hold interval; `to: null` while it lasts. */
export interface SlaPause {
  readonly from: Date;
  readonly to: Date | null;
}

export interface SlaClockInput<Policy extends SlaTargets = SlaPolicy> {
  readonly openedAt: Date;
  readonly now: Date;
  /**
   * Intervals during which no time counts (on hold). A resolved ticket that is reopened starts
   * its resolution clock again from where it stopped only if the caller passes the resolved
   * interval as a pause.
   */
  readonly pauses: readonly SlaPause[];
  readonly respondedAt: Date | null;
  readonly resolvedAt: Date | null;
  readonly policy: Policy;
  /** The business calendar; a 24×7 policy ignores it. */
  readonly calendar: BusinessCalendar;
}

export type TargetState = 'running' | 'paused' | 'met' | 'breached';

export interface TargetStatus {
  readonly kind: SlaTargetKind;
  readonly targetMs: number;
  readonly usedMs: number;
  /** Negative once the target is overrun. */
  readonly remainingMs: number;
  /** usedMs / targetMs; above 1 once overrun. */
  readonly fraction: number;
  /**
   * When the target runs (or ran) out, given the pauses so far; for a met target, when it would
   * have run out had the clock kept going. Null while paused, since the resumption is unknown
   * (and so for a target met while on hold).
   */
  readonly dueAt: Date | null;
  readonly state: TargetState;
  /** When the response or resolution happened, on time ('met') or late ('breached'). */
  readonly metAt: Date | null;
  /** When the used time reached the target, for a breached target. */
  readonly breachedAt: Date | null;
}

export interface SlaStatus {
  readonly response: TargetStatus;
  readonly resolution: TargetStatus;
}

/** The clock as of `input.now`; a respondedAt or resolvedAt after `now` is not known yet. */
export function slaStatus(input: SlaClockInput<SlaTargets>): SlaStatus {
  return {
    response: targetStatus(targetClock(input, 'response')),
    resolution: targetStatus(targetClock(input, 'resolution')),
  };
}

export const DEFAULT_WARNING_THRESHOLDS: readonly number[] = [0.5, 0.75, 0.9];
export const BREACH_FRACTION = 1;

/**
 * The instant the target reaches `fraction` of its time, given the pauses so far (it may be in
 * the past). Null while paused, and once the target is stopped by the response or resolution.
 */
export function thresholdInstant(input: SlaClockInput<SlaTargets>, kind: SlaTargetKind, fraction: number): Date | null {
  return instantOfFraction(targetClock(input, kind), fraction);
}

export interface SlaAlert {
  /** e.g. 'resolution:0.75' or 'response:1'; the caller records it as sent. */
  readonly key: string;
  readonly kind: SlaTargetKind;
  readonly fraction: number;
  readonly at: Date;
}

export function slaAlertKey(kind: SlaTargetKind, fraction: number): string {
  return `${kind}:${fraction}`;
}

/**
 * The earliest warning or breach alert not yet sent whose instant is known (it may be overdue).
 * A sweep job stores its `at` as the ticket's next alert time, so it only visits tickets that are due.
 */
export function nextSlaAlert(
  input: SlaClockInput<SlaTargets>,
  thresholds: readonly number[],
  sent: ReadonlySet<string>,
): SlaAlert | null {
  const fractions = [...new Set([...thresholds, BREACH_FRACTION])].sort((a, b) => a - b);
  const alerts = SLA_TARGET_KINDS.flatMap((kind) => {
    const clock = targetClock(input, kind);
    return fractions.flatMap((fraction) => {
      const key = slaAlertKey(kind, fraction);
      const at = sent.has(key) ? null : instantOfFraction(clock, fraction);
      return at ? [{ key, kind, fraction, at }] : [];
    });
  });
  return alerts.sort((a, b) => a.at.getTime() - b.at.getTime())[0] ?? null;
}

/** An alert to send now: the highest threshold a running target has crossed, and every key it settles. */
export interface DueAlert {
  readonly kind: SlaTargetKind;
  readonly fraction: number;
  readonly target: TargetStatus;
  /** The keys of every threshold crossed and not yet sent; the caller records them all as sent. */
  readonly claimed: readonly string[];
}

/**
 * The alerts due as the clock stands: per target still running, the thresholds (and the breach)
 * it has crossed that were not sent. Several crossed at once (the bot was down) give one alert.
 */
export function dueAlerts(status: SlaStatus, thresholds: readonly number[], sent: ReadonlySet<string>): DueAlert[] {
  const fractions = [...thresholds, BREACH_FRACTION];
  return SLA_TARGET_KINDS.flatMap((kind) => {
    const target = status[kind];
    if (target.metAt !== null || target.state === 'paused') return [];
    const crossed = fractions.filter((fraction) => fraction <= target.fraction && !sent.has(slaAlertKey(kind, fraction)));
    if (crossed.length === 0) return [];
    return [{ kind, fraction: Math.max(...crossed), target, claimed: crossed.map((fraction) => slaAlertKey(kind, fraction)) }];
  });
}

/** Epoch-ms interval during which the clock ran. */
interface Span {
  readonly from: number;
  readonly to: number;
}

interface TargetClock {
  readonly kind: SlaTargetKind;
  readonly calendar: BusinessCalendar;
  readonly targetMs: number;
  /** Where counting ends: the stop, else now. */
  readonly end: number;
  readonly stoppedAt: number | null;
  /** Running periods that ended in a pause, oldest first. */
  readonly finished: readonly Span[];
  /** Start of the period running at `end`; null if the clock was paused then. */
  readonly tail: number | null;
}

function targetClock(input: SlaClockInput<SlaTargets>, kind: SlaTargetKind): TargetClock {
  const openedAt = input.openedAt.getTime();
  const now = Math.max(input.now.getTime(), openedAt);
  const stop = (kind === 'response' ? input.respondedAt : input.resolvedAt)?.getTime() ?? null;
  const stoppedAt = stop !== null && stop <= now ? Math.max(stop, openedAt) : null;
  const end = stoppedAt ?? now;
  const { finished, tail } = runningPeriods(openedAt, end, input.pauses);
  const minutes = kind === 'response' ? input.policy.responseMinutes : input.policy.resolutionMinutes;
  const calendar = calendarForPolicy(input.policy, input.calendar);
  return { kind, calendar, targetMs: minutes * 60_000, end, stoppedAt, finished, tail };
}

function runningPeriods(openedAt: number, end: number, pauses: readonly SlaPause[]): Pick<TargetClock, 'finished' | 'tail'> {
  const finished: Span[] = [];
  let resumedAt = openedAt;
  for (const pause of [...pauses].sort((a, b) => a.from.getTime() - b.from.getTime())) {
    const from = pause.from.getTime();
    if (from > end) break;
    if (from > resumedAt) finished.push({ from: resumedAt, to: from });
    // Overlapping pauses merge: the clock resumes when the last of them ends.
    resumedAt = Math.max(resumedAt, pause.to?.getTime() ?? Infinity);
  }
  return { finished, tail: resumedAt <= end ? resumedAt : null };
}

function targetStatus(clock: TargetClock): TargetStatus {
  const usedMs = usedMsOf(clock);
  const state = stateOf(clock, usedMs);
  const dueAt = instantWhenUsed(clock, clock.targetMs);
  return {
    kind: clock.kind,
    targetMs: clock.targetMs,
    usedMs,
    remainingMs: clock.targetMs - usedMs,
    fraction: usedMs / clock.targetMs,
    dueAt,
    state,
    metAt: clock.stoppedAt === null ? null : new Date(clock.stoppedAt),
    breachedAt: state === 'breached' ? dueAt : null,
  };
}

function stateOf(clock: TargetClock, usedMs: number): TargetState {
  if (clock.stoppedAt !== null) return usedMs <= clock.targetMs ? 'met' : 'breached';
  // Running out at this very instant is already the breach, as the 100 % alert says.
  if (usedMs >= clock.targetMs) return 'breached';
  return clock.tail === null ? 'paused' : 'running';
}

function usedMsOf(clock: TargetClock): number {
  const finishedMs = clock.finished.reduce((total, span) => total + businessMs(clock, span.from, span.to), 0);
  return finishedMs + (clock.tail === null ? 0 : businessMs(clock, clock.tail, clock.end));
}

function instantOfFraction(clock: TargetClock, fraction: number): Date | null {
  if (clock.stoppedAt !== null || clock.tail === null) return null;
  return instantWhenUsed(clock, Math.round(fraction * clock.targetMs));
}

/** When the used time reaches `ms`: within a finished period, else by counting on from the tail. */
function instantWhenUsed(clock: TargetClock, ms: number): Date | null {
  let used = 0;
  for (const span of clock.finished) {
    const length = businessMs(clock, span.from, span.to);
    if (used + length >= ms) return addBusinessMs(clock.calendar, new Date(span.from), ms - used);
    used += length;
  }
  return clock.tail === null ? null : addBusinessMs(clock.calendar, new Date(clock.tail), ms - used);
}

function businessMs(clock: TargetClock, from: number, to: number): number {
  return businessMsBetween(clock.calendar, new Date(from), new Date(to));
}

/**
 * Working time of `calendar` from `from` to `to`, leaving out the pauses, as the SLA clocks count
 * it (for ROUND_THE_CLOCK: elapsed time without the pauses). Reports use it for business times.
 */
export function workingMsBetween(calendar: BusinessCalendar, from: Date, to: Date, pauses: readonly SlaPause[]): number {
  const end = Math.max(to.getTime(), from.getTime());
  const { finished, tail } = runningPeriods(from.getTime(), end, pauses);
  const spans = tail === null ? finished : [...finished, { from: tail, to: end }];
  return spans.reduce((total, span) => total + businessMsBetween(calendar, new Date(span.from), new Date(span.to)), 0);
}
