// The change life cycle (变更管理): which event may happen in which state, who may cause it, and
// what it changes. CHANGE_TRANSITIONS is the single source of those rules; both applyChangeEvent
// and availableChangeActions read it. Approval votes (approval.ts), risk (risk.ts), schedule checks
// (change-schedule.ts) and the post-implementation review (review.ts) are separate pure parts;
// a service runs them and then causes the event here.
import { assertAllowed, availableEvents, type Lifecycle, type TransitionRule as LifecycleRule } from './lifecycle.js';
import { DomainError, type DomainErrorCode } from './errors.js';
import { SYSTEM_ACTOR, type FieldChange } from './incident.js';
import { overrideRisk, riskAssessmentOf, type RiskAnswers, type RiskAssessment, type RiskLevel } from './risk.js';
import { postImplementationReviewSchema, reviewOutcome, type PostImplementationReview } from './review.js';
import { hasAnyRole, type Actor } from './roles.js';

export const CHANGE_TYPES = ['standard', 'normal', 'emergency'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

export const CHANGE_STATES = [
  'draft',
  'assessment',
  'authorisation',
  'scheduled',
  'implementing',
  'review',
  'closed',
  'rejected',
  'cancelled',
  'failed',
] as const;
export type ChangeState = (typeof CHANGE_STATES)[number];

/** States in which a change will not be implemented (again): the schedule ignores them. */
export const FINISHED_CHANGE_STATES: readonly ChangeState[] = ['closed', 'rejected', 'cancelled', 'failed'];

/**
 * States that refuse every event as record_closed. A failed change is finished too, but its
 * post-implementation (and emergency retrospective) review may still be recorded.
 */
const LOCKED_CHANGE_STATES: readonly ChangeState[] = ['closed', 'rejected', 'cancelled'];

export interface ChangeOutcomeNote {
  readonly reason: string;
  readonly at: Date;
}

export interface RetrospectiveReview {
  readonly reviewerId: string;
  readonly notes: string;
  readonly at: Date;
}

/** A request for change (RFC, 变更请求) as the domain sees it at one moment. */
export interface ChangeRecordState {
  readonly number: string;
  readonly title: string;
  readonly description: string;
  readonly type: ChangeType;
  /** The catalogue template a standard change was made from; null for normal and emergency changes. */
  readonly templateId: string | null;
  readonly affectedServices: readonly string[];
  readonly configurationItemIds: readonly string[];
  readonly plannedStart: Date;
  readonly plannedEnd: Date;
  readonly implementationPlan: string;
  readonly backoutPlan: string;
  readonly testPlan: string;
  readonly risk: RiskAssessment;
  readonly requesterId: string;
  readonly implementerId: string;
  readonly state: ChangeState;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly submittedAt: Date | null;
  readonly authorisedAt: Date | null;
  readonly startedAt: Date | null;
  /** When implementation ended, completed or failed. */
  readonly endedAt: Date | null;
  readonly closedAt: Date | null;
  readonly rejection: ChangeOutcomeNote | null;
  readonly cancellation: ChangeOutcomeNote | null;
  /** Why the change failed; a failed change has been rolled back with its back-out plan. */
  readonly failure: ChangeOutcomeNote | null;
  /** Set when the change fails: the card offers to open a problem record for the cause. */
  readonly problemSuggested: boolean;
  readonly review: PostImplementationReview | null;
  readonly reviewedAt: Date | null;
  /** The CAB's look back at an emergency change, required before it closes. */
  readonly retrospective: RetrospectiveReview | null;
}

export interface ChangeWindow {
  readonly start: Date;
  readonly end: Date;
}

export interface RiskOverride {
  readonly level: RiskLevel;
  readonly reason: string;
}

export type ChangeEvent =
  | { readonly type: 'submit' }
  | { readonly type: 'assess'; readonly riskOverride?: RiskOverride }
  | { readonly type: 'authorise' }
  | { readonly type: 'reject'; readonly reason: string }
  | { readonly type: 'reschedule'; readonly window: ChangeWindow; readonly reason: string }
  | { readonly type: 'start' }
  | { readonly type: 'complete' }
  | { readonly type: 'fail'; readonly reason: string }
  | { readonly type: 'review_done'; readonly review: PostImplementationReview }
  | { readonly type: 'retrospective_review'; readonly notes: string }
  | { readonly type: 'close' }
  | { readonly type: 'cancel'; readonly reason: string };

export type ChangeEventType = ChangeEvent['type'];

export interface ChangeTransition {
  readonly change: ChangeRecordState;
  readonly changes: readonly FieldChange[];
}

export type ChangeActor = Actor | typeof SYSTEM_ACTOR;

/** Who may cause an event: the change's requester or implementer, a role holder, or the bot itself. */
export type ChangeParty = 'requester' | 'implementer' | 'change_manager' | 'cab' | 'system';

/** A target state, or one per change type where the type decides the route. */
type Target = ChangeState | Readonly<Record<ChangeType, ChangeState>>;

type TransitionRule = LifecycleRule<ChangeState, ChangeParty, ChangeRecordState, ChangeActor, Target>;

export const CHANGE_TRANSITIONS: Readonly<Record<ChangeEventType, TransitionRule>> = {
  submit: { to: { draft: 'assessment' }, by: ['requester'] },
  // Standard changes come from the catalogue of pre-approved templates, so they skip authorisation.
  // The bot assesses standard and emergency changes itself at submission, so neither waits for a person.
  assess: {
    to: { assessment: { standard: 'scheduled', normal: 'authorisation', emergency: 'authorisation' } },
    by: ['change_manager', 'system'],
  },
  // The service causes these when the approval tally (approval.ts) comes out approved or rejected.
  authorise: { to: { authorisation: 'scheduled' }, by: ['system'] },
  reject: {
    to: { assessment: 'rejected', authorisation: 'rejected' },
    by: ['change_manager', 'system'],
    guard: refuseManualRejectionDuringVote,
  },
  reschedule: {
    to: { assessment: 'assessment', authorisation: 'authorisation', scheduled: 'scheduled' },
    by: ['change_manager'],
  },
  // The change manager may record implementation steps on the implementer's behalf.
  start: { to: { scheduled: 'implementing' }, by: ['implementer', 'change_manager'] },
  complete: { to: { implementing: 'review' }, by: ['implementer', 'change_manager'] },
  // Failing means the back-out plan was carried out: the change is rolled back.
  fail: { to: { implementing: 'failed' }, by: ['implementer', 'change_manager'] },
  review_done: { to: { review: 'review', failed: 'failed' }, by: ['change_manager'], guard: refuseIfReviewed },
  retrospective_review: {
    to: { review: 'review', failed: 'failed' },
    by: ['cab'],
    guard: refuseUnlessRetrospectiveDue,
  },
  // The bot closes a change once its reviews are in.
  close: { to: { review: 'closed' }, by: ['change_manager', 'system'], guard: refuseUntilReviewed },
  // Only before implementation starts; after that the way out is fail (roll back).
  cancel: {
    to: { draft: 'cancelled', assessment: 'cancelled', authorisation: 'cancelled', scheduled: 'cancelled' },
    by: ['requester', 'change_manager'],
  },
};

const CHANGE_LIFECYCLE: Lifecycle<ChangeEventType, ChangeState, ChangeParty, ChangeRecordState, ChangeActor, Target> = {
  table: CHANGE_TRANSITIONS,
  isFinished: (change) => LOCKED_CHANGE_STATES.includes(change.state),
  numberOf: (change) => change.number,
  partiesOf: (change, actor) => changePartiesOf(change, actor),
};

export function isChangeFinished(state: ChangeState): boolean {
  return FINISHED_CHANGE_STATES.includes(state);
}

export function changePartiesOf(change: ChangeRecordState, actor: ChangeActor): ReadonlySet<ChangeParty> {
  if (actor === SYSTEM_ACTOR) return new Set<ChangeParty>(['system']);
  const parties = new Set<ChangeParty>();
  if (actor.userId === change.requesterId) parties.add('requester');
  if (actor.userId === change.implementerId) parties.add('implementer');
  if (hasAnyRole(actor, ['change_manager'])) parties.add('change_manager');
  if (hasAnyRole(actor, ['cab'])) parties.add('cab');
  return parties;
}

export interface NewChange {
  readonly number: string;
  readonly title: string;
  readonly description: string;
  readonly type: ChangeType;
  readonly templateId?: string | null;
  readonly affectedServices: readonly string[];
  readonly configurationItemIds: readonly string[];
  readonly plannedStart: Date;
  readonly plannedEnd: Date;
  readonly implementationPlan: string;
  readonly backoutPlan: string;
  readonly testPlan: string;
  readonly riskAnswers: RiskAnswers;
  readonly requesterId: string;
  readonly implementerId: string;
}

/** A new RFC in draft; completeness is checked when it is submitted. */
export function createChange(input: NewChange, now: Date): ChangeRecordState {
  const { riskAnswers, templateId, ...fields } = input;
  return {
    ...fields,
    templateId: templateId ?? null,
    risk: riskAssessmentOf(riskAnswers),
    state: 'draft',
    createdAt: now,
    updatedAt: now,
    submittedAt: null,
    authorisedAt: null,
    startedAt: null,
    endedAt: null,
    closedAt: null,
    rejection: null,
    cancellation: null,
    failure: null,
    problemSuggested: false,
    review: null,
    reviewedAt: null,
    retrospective: null,
  };
}

/** The events the actor may cause now, in table order; used to choose which buttons to show. */
export function availableChangeActions(change: ChangeRecordState, actor: ChangeActor): ChangeEventType[] {
  return availableEvents(CHANGE_LIFECYCLE, change, actor);
}

/** Throws the reason the actor may not cause this event now (used before opening a form for it). */
export function assertChangeEventAllowed(change: ChangeRecordState, type: ChangeEventType, actor: ChangeActor): void {
  assertAllowed(CHANGE_LIFECYCLE, change, type, actor);
}

export function applyChangeEvent(
  change: ChangeRecordState,
  event: ChangeEvent,
  actor: ChangeActor,
  now: Date,
): ChangeTransition {
  assertChangeEventAllowed(change, event.type, actor);
  const target = targetState(change, event.type);
  const next = { ...applyEffect(change, event, actor, now), state: target, updatedAt: now };
  return { change: next, changes: diffChange(change, next) };
}

function targetState(change: ChangeRecordState, type: ChangeEventType): ChangeState {
  const target = CHANGE_TRANSITIONS[type].to[change.state] ?? change.state;
  return typeof target === 'string' ? target : target[change.type];
}

/** While the approvers vote, only their tally rejects; the change manager may cancel instead. */
function refuseManualRejectionDuringVote(change: ChangeRecordState, actor: ChangeActor): DomainError | null {
  if (change.state === 'authorisation' && actor !== SYSTEM_ACTOR) return new DomainError('not_allowed', { event: 'reject' });
  return null;
}

function refuseIfReviewed(change: ChangeRecordState): DomainError | null {
  return change.review ? new DomainError('already_done', { event: 'review_done' }) : null;
}

function refuseUnlessRetrospectiveDue(change: ChangeRecordState): DomainError | null {
  if (change.type !== 'emergency') return new DomainError('not_emergency', { number: change.number });
  return change.retrospective ? new DomainError('already_done', { event: 'retrospective_review' }) : null;
}

function refuseUntilReviewed(change: ChangeRecordState): DomainError | null {
  if (!change.review) return new DomainError('review_required', { number: change.number });
  if (change.type === 'emergency' && !change.retrospective) {
    return new DomainError('retrospective_review_required', { number: change.number });
  }
  return null;
}

function applyEffect(change: ChangeRecordState, event: ChangeEvent, actor: ChangeActor, now: Date): ChangeRecordState {
  switch (event.type) {
    case 'submit':
      assertReadyForAssessment(change);
      return { ...change, submittedAt: now };
    case 'assess':
      return event.riskOverride ? { ...change, risk: overriddenRisk(change.risk, event.riskOverride) } : change;
    case 'authorise':
      return { ...change, authorisedAt: now };
    case 'reject':
      return { ...change, rejection: { reason: requireText(event.reason, 'reason'), at: now } };
    case 'reschedule':
      return reschedule(change, event.window, event.reason);
    case 'start':
      return { ...change, startedAt: now };
    case 'complete':
      return { ...change, endedAt: now };
    case 'fail':
      return fail(change, event.reason, now);
    case 'review_done':
      return { ...change, review: validReview(event.review), reviewedAt: now };
    case 'retrospective_review':
      return retrospective(change, event.notes, actor, now);
    case 'close':
      return { ...change, closedAt: now };
    case 'cancel':
      return { ...change, cancellation: { reason: requireText(event.reason, 'reason'), at: now } };
  }
}

const REQUIRED_RFC_TEXT = ['title', 'implementationPlan', 'backoutPlan', 'testPlan'] as const;

/** What assessment needs of an RFC. Checked on submit, not as a guard, so the button stays and says what is missing. */
function assertReadyForAssessment(change: ChangeRecordState): void {
  for (const field of REQUIRED_RFC_TEXT) requireText(change[field], field, 'text_required');
  if (change.configurationItemIds.length === 0 && change.affectedServices.length === 0) {
    throw new DomainError('invalid_input', { field: 'configurationItemIds' });
  }
  if (change.type === 'standard' && !change.templateId) throw new DomainError('invalid_input', { field: 'templateId' });
  assertValidWindow({ start: change.plannedStart, end: change.plannedEnd });
}

export function assertValidWindow(window: ChangeWindow): void {
  if (!(window.end.getTime() > window.start.getTime())) throw new DomainError('invalid_input', { field: 'plannedEnd' });
}

function overriddenRisk(risk: RiskAssessment, override: RiskOverride): RiskAssessment {
  return overrideRisk(risk.assessed, override.level, override.reason);
}

function reschedule(change: ChangeRecordState, window: ChangeWindow, reason: string): ChangeRecordState {
  requireText(reason, 'reason');
  assertValidWindow(window);
  const unchanged =
    window.start.getTime() === change.plannedStart.getTime() && window.end.getTime() === change.plannedEnd.getTime();
  if (unchanged) throw new DomainError('already_done', { event: 'reschedule' });
  return { ...change, plannedStart: window.start, plannedEnd: window.end };
}

function fail(change: ChangeRecordState, reason: string, now: Date): ChangeRecordState {
  const failure = { reason: requireText(reason, 'reason'), at: now };
  return { ...change, failure, endedAt: now, problemSuggested: true };
}

function validReview(review: PostImplementationReview): PostImplementationReview {
  const parsed = postImplementationReviewSchema.safeParse(review);
  if (!parsed.success) throw new DomainError('invalid_input', { field: String(parsed.error.issues[0]?.path[0] ?? 'review') });
  return parsed.data;
}

function retrospective(change: ChangeRecordState, notes: string, actor: ChangeActor, now: Date): ChangeRecordState {
  const reviewerId = actor === SYSTEM_ACTOR ? SYSTEM_ACTOR : actor.userId;
  return { ...change, retrospective: { reviewerId, notes: requireText(notes, 'notes', 'text_required'), at: now } };
}

function requireText(
  value: string,
  field: string,
  code: Extract<DomainErrorCode, 'reason_required' | 'text_required'> = 'reason_required',
): string {
  const trimmed = value.trim();
  if (trimmed === '') throw new DomainError(code, { field });
  return trimmed;
}

const AUDITED_FIELDS: Readonly<Record<string, (change: ChangeRecordState) => string | null>> = {
  state: (change) => change.state,
  riskLevel: (change) => change.risk.level,
  plannedStart: (change) => change.plannedStart.toISOString(),
  plannedEnd: (change) => change.plannedEnd.toISOString(),
  problemSuggested: (change) => String(change.problemSuggested),
  reviewOutcome: (change) => (change.review ? reviewOutcome(change.review) : null),
  retrospectiveReviewerId: (change) => change.retrospective?.reviewerId ?? null,
};

export const CHANGE_AUDITED_FIELDS = Object.keys(AUDITED_FIELDS);

function diffChange(previous: ChangeRecordState, next: ChangeRecordState): FieldChange[] {
  return Object.entries(AUDITED_FIELDS).flatMap(([field, read]) => {
    const from = read(previous);
    const to = read(next);
    return from === to ? [] : [{ field, from, to }];
  });
}
