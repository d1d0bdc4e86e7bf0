// The problem life cycle (问题管理): a problem is the unknown cause of one or more incidents; once
// its root cause or a workaround is recorded it is a known error (已知错误); it is resolved, usually
// through a change, and closed. PROBLEM_TRANSITIONS is the single source of which event may happen
// in which state and who may cause it; applyProblemEvent and availableProblemActions both read it.
import { assertAllowed, availableEvents, type Lifecycle, type TransitionRule as LifecycleRule } from './lifecycle.js';
import { DomainError, type DomainErrorCode } from './errors.js';
import { DESK_ROLES, SYSTEM_ACTOR, type FieldChange } from './incident.js';
import { formatRecordNumber, parseRecordNumber, type RecordPrefix } from './numbering.js';
import {
  DEFAULT_IMPACT,
  DEFAULT_URGENCY,
  priorityOf,
  type Impact,
  type Priority,
  type PriorityMatrix,
  type Urgency,
} from './priority.js';
import { hasAnyRole, type Actor, type Role } from './roles.js';

export const PROBLEM_STATES = ['new', 'investigating', 'known_error', 'resolved', 'closed'] as const;
export type ProblemStatus = (typeof PROBLEM_STATES)[number];

export const OPEN_PROBLEM_STATES: readonly ProblemStatus[] = ['new', 'investigating', 'known_error'];

/** Where a problem was found (问题来源); the procedures want the source coded. */
export const PROBLEM_SOURCES = ['incident', 'trend_analysis', 'release', 'proactive'] as const;
export type ProblemSource = (typeof PROBLEM_SOURCES)[number];

/** Administrators may step in for the problem manager, as they do for the desk. */
export const PROBLEM_MANAGER_ROLES: readonly Role[] = ['problem_manager', 'admin'];

export interface ProblemResolution {
  readonly notes: string;
  /** The change (CHG-…) that removed the cause, when there was one. */
  readonly changeNumber: string | null;
}

export interface ProblemState {
  readonly number: string;
  readonly state: ProblemStatus;
  readonly title: string;
  readonly description: string;
  readonly source: ProblemSource;
  readonly impact: Impact;
  readonly urgency: Urgency;
  readonly priority: Priority;
  readonly categoryPath: string | null;
  /** The affected service or configuration item. */
  readonly affectedService: string | null;
  readonly creatorId: string;
  /** Who runs the investigation; the problem manager who starts it unless handed to someone else. */
  readonly ownerId: string | null;
  readonly rootCause: string | null;
  readonly workaround: string | null;
  readonly resolution: ProblemResolution | null;
  /** Why a problem was closed without a resolution (not a problem, duplicate, accepted risk). */
  readonly cancelReason: string | null;
  /** Incident numbers, in the order they were linked. */
  readonly linkedIncidents: readonly string[];
  readonly reopenCount: number;
  readonly openedAt: Date;
  readonly updatedAt: Date;
  readonly knownErrorAt: Date | null;
  readonly resolvedAt: Date | null;
  readonly closedAt: Date | null;
}

export type ProblemEvent =
  | { readonly type: 'investigate' }
  | { readonly type: 'assign'; readonly ownerId: string }
  | { readonly type: 'record_known_error'; readonly rootCause?: string; readonly workaround?: string }
  | { readonly type: 'resolve'; readonly resolution: string; readonly changeNumber?: string }
  | { readonly type: 'reopen'; readonly reason: string }
  | { readonly type: 'close' }
  | { readonly type: 'cancel'; readonly reason: string }
  | { readonly type: 'link_incident'; readonly incidentNumber: string }
  | { readonly type: 'unlink_incident'; readonly incidentNumber: string; readonly reason: string }
  | {
      readonly type: 'change_priority';
      readonly impact: Impact;
      readonly urgency: Urgency;
      readonly priority: Priority;
      readonly reason: string;
    }
  | { readonly type: 'classify'; readonly categoryPath: string | null; readonly affectedService: string | null }
  | { readonly type: 'add_note'; readonly text: string };

export type ProblemEventType = ProblemEvent['type'];

export interface ProblemTransition {
  readonly problem: ProblemState;
  readonly changes: readonly FieldChange[];
}

export type ProblemActor = Actor | typeof SYSTEM_ACTOR;

/** The problem manager runs the record; the desk may link incidents and add notes; 'system' is the bot. */
export type ProblemParty = 'problem_manager' | 'desk' | 'system';

type TransitionRule = LifecycleRule<ProblemStatus, ProblemParty, ProblemState, ProblemActor>;

const STAY_OPEN = { new: 'new', investigating: 'investigating', known_error: 'known_error' } as const;
const STAY_UNTIL_CLOSED = { ...STAY_OPEN, resolved: 'resolved' } as const;

export const PROBLEM_TRANSITIONS: Readonly<Record<ProblemEventType, TransitionRule>> = {
  investigate: { to: { new: 'investigating' }, by: ['problem_manager'] },
  assign: { to: STAY_OPEN, by: ['problem_manager'] },
  // Recording again in known_error corrects or completes the root cause and workaround.
  record_known_error: { to: { investigating: 'known_error', known_error: 'known_error' }, by: ['problem_manager'] },
  resolve: { to: { investigating: 'resolved', known_error: 'resolved' }, by: ['problem_manager'] },
  // The fix did not hold, so the recorded root cause is in doubt again.
  reopen: { to: { resolved: 'investigating' }, by: ['problem_manager'] },
  close: { to: { resolved: 'closed' }, by: ['problem_manager'] },
  cancel: { to: { new: 'closed', investigating: 'closed', known_error: 'closed' }, by: ['problem_manager'] },
  // An incident after resolution may still be linked: it tells the manager the fix did not hold.
  link_incident: { to: STAY_UNTIL_CLOSED, by: ['problem_manager', 'desk', 'system'] },
  unlink_incident: { to: STAY_UNTIL_CLOSED, by: ['problem_manager'], guard: refuseIfNothingLinked },
  change_priority: { to: STAY_OPEN, by: ['problem_manager'] },
  classify: { to: STAY_OPEN, by: ['problem_manager'] },
  add_note: { to: STAY_UNTIL_CLOSED, by: ['problem_manager', 'desk', 'system'] },
};

const PROBLEM_LIFECYCLE: Lifecycle<ProblemEventType, ProblemStatus, ProblemParty, ProblemState, ProblemActor> = {
  table: PROBLEM_TRANSITIONS,
  isFinished: (problem) => problem.state === 'closed',
  numberOf: (problem) => problem.number,
  partiesOf: (_problem, actor) => problemPartiesOf(actor),
};

export function isProblemOpen(state: ProblemStatus): boolean {
  return OPEN_PROBLEM_STATES.includes(state);
}

export function isProblemManager(actor: Actor): boolean {
  return hasAnyRole(actor, PROBLEM_MANAGER_ROLES);
}

export function problemPartiesOf(actor: ProblemActor): ReadonlySet<ProblemParty> {
  if (actor === SYSTEM_ACTOR) return new Set<ProblemParty>(['system']);
  const parties = new Set<ProblemParty>();
  if (isProblemManager(actor)) parties.add('problem_manager');
  if (hasAnyRole(actor, DESK_ROLES)) parties.add('desk');
  return parties;
}

export interface NewProblem {
  readonly number: string;
  readonly creatorId: string;
  readonly title: string;
  readonly description: string;
  readonly source: ProblemSource;
  readonly impact?: Impact;
  readonly urgency?: Urgency;
  readonly categoryPath?: string | null;
  readonly affectedService?: string | null;
  readonly linkedIncidents?: readonly string[];
}

/** The desk, the problem manager and the bot (trend analysis) may record a problem. */
export function assertMayCreateProblem(actor: ProblemActor): void {
  if (problemPartiesOf(actor).size === 0) throw new DomainError('not_allowed', { event: 'create_problem' });
}

export function createProblem(input: NewProblem, matrix: PriorityMatrix, now: Date): ProblemState {
  const impact = input.impact ?? DEFAULT_IMPACT;
  const urgency = input.urgency ?? DEFAULT_URGENCY;
  const linked = (input.linkedIncidents ?? []).map((number) => normaliseNumber(number, 'INC', 'incidentNumber'));
  return {
    number: input.number,
    state: 'new',
    title: requireText(input.title, 'title', 'text_required'),
    description: input.description.trim(),
    source: input.source,
    impact,
    urgency,
    priority: priorityOf(matrix, impact, urgency),
    categoryPath: input.categoryPath ?? null,
    affectedService: optionalText(input.affectedService),
    creatorId: input.creatorId,
    ownerId: null,
    rootCause: null,
    workaround: null,
    resolution: null,
    cancelReason: null,
    linkedIncidents: [...new Set(linked)],
    reopenCount: 0,
    openedAt: now,
    updatedAt: now,
    knownErrorAt: null,
    resolvedAt: null,
    closedAt: null,
  };
}

/** The events the actor may cause now, in table order; used to choose which buttons to show. */
export function availableProblemActions(problem: ProblemState, actor: ProblemActor): ProblemEventType[] {
  return availableEvents(PROBLEM_LIFECYCLE, problem, actor);
}

/** Throws the reason the actor may not cause this event now (used before opening a form for it). */
export function assertProblemEventAllowed(problem: ProblemState, type: ProblemEventType, actor: ProblemActor): void {
  assertAllowed(PROBLEM_LIFECYCLE, problem, type, actor);
}

export function applyProblemEvent(
  problem: ProblemState,
  event: ProblemEvent,
  actor: ProblemActor,
  now: Date,
): ProblemTransition {
  assertAllowed(PROBLEM_LIFECYCLE, problem, event.type, actor);
  const target = PROBLEM_TRANSITIONS[event.type].to[problem.state] ?? problem.state;
  const next = { ...applyEffect(problem, event, actor, now), state: target, updatedAt: now };
  return { problem: next, changes: diffProblem(problem, next) };
}

function refuseIfNothingLinked(problem: ProblemState): DomainError | null {
  return problem.linkedIncidents.length === 0 ? new DomainError('incident_not_linked', { problem: problem.number }) : null;
}

function applyEffect(problem: ProblemState, event: ProblemEvent, actor: ProblemActor, now: Date): ProblemState {
  switch (event.type) {
    case 'investigate':
      return { ...problem, ownerId: problem.ownerId ?? actorIdOf(actor) };
    case 'assign':
      return assign(problem, event.ownerId);
    case 'record_known_error':
      return recordKnownError(problem, event.rootCause, event.workaround, now);
    case 'resolve':
      return resolve(problem, event.resolution, event.changeNumber, now);
    case 'reopen':
      requireText(event.reason, 'reason');
      return { ...problem, resolution: null, resolvedAt: null, reopenCount: problem.reopenCount + 1 };
    case 'close':
      return { ...problem, closedAt: now };
    case 'cancel':
      return { ...problem, cancelReason: requireText(event.reason, 'reason'), closedAt: now };
    case 'link_incident':
      return linkIncident(problem, event.incidentNumber);
    case 'unlink_incident':
      return unlinkIncident(problem, event.incidentNumber, event.reason);
    case 'change_priority':
      return changePriority(problem, event);
    case 'classify':
      return classify(problem, event.categoryPath, event.affectedService);
    case 'add_note':
      requireText(event.text, 'text', 'text_required');
      return problem;
  }
}

function actorIdOf(actor: ProblemActor): string {
  return actor === SYSTEM_ACTOR ? SYSTEM_ACTOR : actor.userId;
}

function assign(problem: ProblemState, ownerId: string): ProblemState {
  const owner = requireText(ownerId, 'ownerId', 'invalid_input');
  if (owner === problem.ownerId) throw new DomainError('already_done', { event: 'assign' });
  return { ...problem, ownerId: owner };
}

/** Either may be given; one left out keeps what was recorded before. */
function recordKnownError(
  problem: ProblemState,
  rootCause: string | undefined,
  workaround: string | undefined,
  now: Date,
): ProblemState {
  const givenRootCause = optionalText(rootCause);
  const givenWorkaround = optionalText(workaround);
  if (givenRootCause === null && givenWorkaround === null) {
    throw new DomainError('root_cause_or_workaround_required', { number: problem.number });
  }
  const next = {
    ...problem,
    rootCause: givenRootCause ?? problem.rootCause,
    workaround: givenWorkaround ?? problem.workaround,
    knownErrorAt: problem.knownErrorAt ?? now,
  };
  const unchanged = next.rootCause === problem.rootCause && next.workaround === problem.workaround;
  if (problem.state === 'known_error' && unchanged) throw new DomainError('already_done', { event: 'record_known_error' });
  return next;
}

function resolve(problem: ProblemState, notes: string, changeNumber: string | undefined, now: Date): ProblemState {
  const resolution = {
    notes: requireText(notes, 'resolution', 'text_required'),
    changeNumber: optionalNumber(changeNumber, 'CHG', 'changeNumber'),
  };
  return { ...problem, resolution, resolvedAt: now };
}

function linkIncident(problem: ProblemState, incidentNumber: string): ProblemState {
  const number = normaliseNumber(incidentNumber, 'INC', 'incidentNumber');
  if (problem.linkedIncidents.includes(number)) throw new DomainError('already_done', { event: 'link_incident' });
  return { ...problem, linkedIncidents: [...problem.linkedIncidents, number] };
}

function unlinkIncident(problem: ProblemState, incidentNumber: string, reason: string): ProblemState {
  requireText(reason, 'reason');
  const number = normaliseNumber(incidentNumber, 'INC', 'incidentNumber');
  if (!problem.linkedIncidents.includes(number)) throw new DomainError('incident_not_linked', { problem: problem.number, incident: number });
  return { ...problem, linkedIncidents: problem.linkedIncidents.filter((linked) => linked !== number) };
}

function changePriority(problem: ProblemState, change: Extract<ProblemEvent, { type: 'change_priority' }>): ProblemState {
  requireText(change.reason, 'reason');
  const { impact, urgency, priority } = change;
  if (impact === problem.impact && urgency === problem.urgency && priority === problem.priority) {
    throw new DomainError('already_done', { event: 'change_priority' });
  }
  return { ...problem, impact, urgency, priority };
}

/** The caller checks the path against the configured tree (isKnownCategory); null clears a field. */
function classify(problem: ProblemState, categoryPath: string | null, affectedService: string | null): ProblemState {
  const next = {
    ...problem,
    categoryPath: optionalText(categoryPath),
    affectedService: optionalText(affectedService),
  };
  if (next.categoryPath === problem.categoryPath && next.affectedService === problem.affectedService) {
    throw new DomainError('already_done', { event: 'classify' });
  }
  return next;
}

function normaliseNumber(text: string, prefix: RecordPrefix, field: string): string {
  const parsed = parseRecordNumber(text);
  if (parsed?.prefix !== prefix) throw new DomainError('invalid_input', { field, value: text });
  return formatRecordNumber(parsed.prefix, parsed.sequence);
}

function optionalNumber(text: string | undefined, prefix: RecordPrefix, field: string): string | null {
  const trimmed = optionalText(text);
  return trimmed === null ? null : normaliseNumber(trimmed, prefix, field);
}

function optionalText(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}

function requireText(
  value: string,
  field: string,
  code: Extract<DomainErrorCode, 'reason_required' | 'text_required' | 'invalid_input'> = 'reason_required',
): string {
  const trimmed = value.trim();
  if (trimmed === '') throw new DomainError(code, { field });
  return trimmed;
}

const AUDITED_FIELDS: Readonly<Record<string, (problem: ProblemState) => string | null>> = {
  state: (problem) => problem.state,
  ownerId: (problem) => problem.ownerId,
  impact: (problem) => problem.impact,
  urgency: (problem) => problem.urgency,
  priority: (problem) => problem.priority,
  categoryPath: (problem) => problem.categoryPath,
  affectedService: (problem) => problem.affectedService,
  rootCause: (problem) => problem.rootCause,
  workaround: (problem) => problem.workaround,
  resolution: (problem) => problem.resolution?.notes ?? null,
  changeNumber: (problem) => problem.resolution?.changeNumber ?? null,
};

/** Besides the fields above, each incident linked or unlinked is one 'linkedIncident' change. */
export const PROBLEM_AUDITED_FIELDS = [...Object.keys(AUDITED_FIELDS), 'linkedIncident'];

function diffProblem(previous: ProblemState, next: ProblemState): FieldChange[] {
  const fieldChanges = Object.entries(AUDITED_FIELDS).flatMap(([field, read]) => {
    const from = read(previous);
    const to = read(next);
    return from === to ? [] : [{ field, from, to }];
  });
  return [...fieldChanges, ...diffLinkedIncidents(previous.linkedIncidents, next.linkedIncidents)];
}

function diffLinkedIncidents(previous: readonly string[], next: readonly string[]): FieldChange[] {
  const removed = previous.filter((number) => !next.includes(number));
  const added = next.filter((number) => !previous.includes(number));
  return [
    ...removed.map((number) => ({ field: 'linkedIncident', from: number, to: null })),
    ...added.map((number) => ({ field: 'linkedIncident', from: null, to: number })),
  ];
}

/** A known error as the desk sees it, while the problem is open and its cause or workaround is known. */
export interface KnownErrorView {
  readonly number: string;
  readonly title: string;
  readonly categoryPath: string | null;
  readonly affectedService: string | null;
  readonly rootCause: string | null;
  readonly workaround: string | null;
}

/**
 * Offered to the desk from the moment something is known until the problem is resolved: a
 * reopened problem (investigating again) keeps offering its workaround, a resolved one no longer does.
 */
export function knownErrorOf(problem: ProblemState): KnownErrorView | null {
  if (!isProblemOpen(problem.state) || (problem.rootCause === null && problem.workaround === null)) return null;
  const { number, title, categoryPath, affectedService, rootCause, workaround } = problem;
  return { number, title, categoryPath, affectedService, rootCause, workaround };
}

/** The investigation may be handed to a problem manager or to anyone on the desk (second and third line included). */
export function assertOwnerEligible(owner: Actor): void {
  if (problemPartiesOf(owner).size === 0) throw new DomainError('assignee_not_eligible', { user: owner.userId });
}
