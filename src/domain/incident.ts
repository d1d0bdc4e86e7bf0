// The incident life cycle (事件管理): which event may happen in which state, who may cause it, and
// what it changes. INCIDENT_TRANSITIONS is the single source of those rules; both
// applyIncidentEvent and availableIncidentActions read it.
import { z } from 'zod';
import { assertAllowed, availableEvents, type Lifecycle, type TransitionRule as LifecycleRule } from './lifecycle.js';
import { DomainError, type DomainErrorCode } from './errors.js';
import { formatRecordNumber, parseRecordNumber } from './numbering.js';
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

export const INCIDENT_STATES = ['new', 'in_progress', 'on_hold', 'resolved', 'closed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATES)[number];

export const OPEN_INCIDENT_STATES: readonly IncidentStatus[] = ['new', 'in_progress', 'on_hold'];

/** Lines of support, lowest first. An incident starts at the service desk and only moves up. */
export const SUPPORT_TIERS = ['service_desk', 'second_line', 'third_line'] as const;
export type SupportTier = (typeof SUPPORT_TIERS)[number];
export type EscalationTier = Exclude<SupportTier, 'service_desk'>;

export const HOLD_KINDS = ['awaiting_requester', 'awaiting_supplier'] as const;
export type HoldKind = (typeof HOLD_KINDS)[number];

export const RESOLUTION_CODES = ['fixed', 'workaround', 'no_fault_found', 'user_error', 'duplicate', 'other'] as const;
export type ResolutionCode = (typeof RESOLUTION_CODES)[number];

export const NOTE_VISIBILITIES = ['public', 'internal'] as const;
export type NoteVisibility = (typeof NOTE_VISIBILITIES)[number];

export const escalationTierSchema = z.enum(['second_line', 'third_line']);
export const holdKindSchema = z.enum(HOLD_KINDS);
export const resolutionCodeSchema = z.enum(RESOLUTION_CODES);
export const noteVisibilitySchema = z.enum(NOTE_VISIBILITIES);

export interface IncidentHold {
  readonly kind: HoldKind;
  readonly reason: string;
  readonly since: Date;
}

export interface IncidentResolution {
  readonly code: ResolutionCode;
  readonly notes: string;
}

export interface IncidentState {
  readonly number: string;
  readonly state: IncidentStatus;
  readonly impact: Impact;
  readonly urgency: Urgency;
  readonly priority: Priority;
  readonly tier: SupportTier;
  readonly assigneeId: string | null;
  readonly reporterId: string;
  readonly isSecurity: boolean;
  readonly hold: IncidentHold | null;
  readonly resolution: IncidentResolution | null;
  readonly duplicateOf: string | null;
  readonly reopenCount: number;
  /** Time spent on hold in finished holds; SLA clocks do not count it. The running hold is `hold.since`. */
  readonly totalHeldMs: number;
  readonly openedAt: Date;
  readonly updatedAt: Date;
  readonly firstResponseAt: Date | null;
  readonly managerEscalatedAt: Date | null;
  readonly resolvedAt: Date | null;
  readonly closedAt: Date | null;
  /** Set when declared a major incident (重大事件); its lead gives regular updates. */
  readonly major: MajorIncident | null;
}

export interface MajorIncident {
  readonly leadId: string;
  readonly declaredAt: Date;
  readonly lastUpdateAt: Date | null;
}

export type IncidentEvent =
  | { readonly type: 'take' }
  | { readonly type: 'assign'; readonly assigneeId: string }
  | { readonly type: 'escalate_functional'; readonly tier: EscalationTier; readonly reason: string }
  | { readonly type: 'escalate_hierarchical'; readonly reason: string }
  | { readonly type: 'hold'; readonly kind: HoldKind; readonly reason: string }
  | { readonly type: 'resume' }
  | { readonly type: 'resolve'; readonly code: ResolutionCode; readonly notes: string }
  | { readonly type: 'reopen'; readonly reason: string }
  | { readonly type: 'confirm' }
  | { readonly type: 'auto_close' }
  | { readonly type: 'mark_duplicate'; readonly duplicateOf: string; readonly notes?: string }
  | {
      readonly type: 'change_priority';
      readonly impact: Impact;
      readonly urgency: Urgency;
      readonly priority: Priority;
      readonly reason: string;
    }
  | { readonly type: 'add_note'; readonly visibility: NoteVisibility; readonly text: string }
  | { readonly type: 'declare_major'; readonly leadId: string; readonly summary: string }
  | { readonly type: 'major_update'; readonly text: string };

export type IncidentEventType = IncidentEvent['type'];

/** One changed field, as the audit log records it. */
export interface FieldChange {
  readonly field: string;
  readonly from: string | null;
  readonly to: string | null;
}

export interface IncidentTransition {
  readonly incident: IncidentState;
  readonly changes: readonly FieldChange[];
}

export const SYSTEM_ACTOR = 'system';
export type IncidentActor = Actor | typeof SYSTEM_ACTOR;

/** Who may cause an event: desk staff (see incidentDeskRoles), the incident's reporter, or the bot itself. */
export type Party = 'desk' | 'reporter' | 'major_lead' | 'system';

type TransitionRule = LifecycleRule<IncidentStatus, Party, IncidentState, IncidentActor>;

export const DESK_ROLES: readonly Role[] = [
  'service_desk',
  'second_line',
  'third_line',
  'incident_manager',
  'security',
  'admin',
];
/** Information-security incidents are visible to, and handled by, the security team only. */
export const SECURITY_DESK_ROLES: readonly Role[] = ['security', 'admin'];

export const INCIDENT_TRANSITIONS: Readonly<Record<IncidentEventType, TransitionRule>> = {
  // Take is for unassigned tickets; handing over an assigned one is an explicit Assign.
  take: { to: { new: 'in_progress', in_progress: 'in_progress' }, by: ['desk'], guard: refuseIfAssigned },
  assign: { to: { new: 'in_progress', in_progress: 'in_progress', on_hold: 'on_hold' }, by: ['desk'] },
  escalate_functional: { to: { new: 'new', in_progress: 'new', on_hold: 'new' }, by: ['desk'], guard: refuseTopTier },
  // 'system' may escalate to the incident manager too (an automatic step, like the SLA's).
  escalate_hierarchical: {
    to: { new: 'new', in_progress: 'in_progress', on_hold: 'on_hold' },
    by: ['desk', 'system'],
    guard: refuseIfManagerEscalated,
  },
  hold: { to: { in_progress: 'on_hold' }, by: ['desk'] },
  // 'system' resumes when the awaited requester answers in the thread.
  resume: { to: { on_hold: 'in_progress' }, by: ['desk', 'system'] },
  resolve: { to: { new: 'resolved', in_progress: 'resolved', on_hold: 'resolved' }, by: ['desk'] },
  reopen: { to: { resolved: 'in_progress' }, by: ['desk', 'reporter'] },
  // Only the requester's confirmation, or the silence period, closes a resolved incident.
  confirm: { to: { resolved: 'closed' }, by: ['reporter'] },
  auto_close: { to: { resolved: 'closed' }, by: ['system'] },
  mark_duplicate: { to: { new: 'closed', in_progress: 'closed', on_hold: 'closed' }, by: ['desk'] },
  change_priority: { to: { new: 'new', in_progress: 'in_progress', on_hold: 'on_hold' }, by: ['desk'] },
  add_note: {
    to: { new: 'new', in_progress: 'in_progress', on_hold: 'on_hold', resolved: 'resolved' },
    by: ['desk', 'reporter'],
  },
  declare_major: { to: { new: 'new', in_progress: 'in_progress', on_hold: 'on_hold' }, by: ['desk'], guard: refuseIfMajor },
  major_update: { to: { new: 'new', in_progress: 'in_progress', on_hold: 'on_hold', resolved: 'resolved' }, by: ['desk', 'major_lead'], guard: refuseUnlessMajor },
};

const INCIDENT_LIFECYCLE: Lifecycle<IncidentEventType, IncidentStatus, Party, IncidentState, IncidentActor> = {
  table: INCIDENT_TRANSITIONS,
  isFinished: (incident) => incident.state === 'closed',
  numberOf: (incident) => incident.number,
  partiesOf: (incident, actor) => partiesOf(incident, actor),
};

export function isOpen(state: IncidentStatus): boolean {
  return OPEN_INCIDENT_STATES.includes(state);
}

export function actorIdOf(actor: IncidentActor): string {
  return actor === SYSTEM_ACTOR ? SYSTEM_ACTOR : actor.userId;
}

export function incidentDeskRoles(incident: Pick<IncidentState, 'isSecurity'>): readonly Role[] {
  return incident.isSecurity ? SECURITY_DESK_ROLES : DESK_ROLES;
}

export function partiesOf(incident: IncidentState, actor: IncidentActor): ReadonlySet<Party> {
  if (actor === SYSTEM_ACTOR) return new Set<Party>(['system']);
  const parties = new Set<Party>();
  if (hasAnyRole(actor, incidentDeskRoles(incident))) parties.add('desk');
  if (actor.userId === incident.reporterId) parties.add('reporter');
  if (actor.userId === incident.major?.leadId) parties.add('major_lead');
  return parties;
}

export interface NewIncident {
  readonly number: string;
  readonly reporterId: string;
  readonly impact?: Impact;
  readonly urgency?: Urgency;
  readonly isSecurity?: boolean;
}

export function createIncident(input: NewIncident, matrix: PriorityMatrix, now: Date): IncidentState {
  const impact = input.impact ?? DEFAULT_IMPACT;
  const urgency = input.urgency ?? DEFAULT_URGENCY;
  return {
    number: input.number,
    state: 'new',
    impact,
    urgency,
    priority: priorityOf(matrix, impact, urgency),
    tier: 'service_desk',
    assigneeId: null,
    reporterId: input.reporterId,
    isSecurity: input.isSecurity ?? false,
    hold: null,
    resolution: null,
    duplicateOf: null,
    reopenCount: 0,
    totalHeldMs: 0,
    openedAt: now,
    updatedAt: now,
    firstResponseAt: null,
    managerEscalatedAt: null,
    resolvedAt: null,
    closedAt: null,
    major: null,
  };
}

export interface PriorityChangeRequest {
  readonly impact?: Impact;
  readonly urgency?: Urgency;
  /** A manual override; without it the priority follows the matrix. */
  readonly priority?: Priority;
  readonly reason: string;
}

export function priorityChangeEvent(
  incident: IncidentState,
  matrix: PriorityMatrix,
  request: PriorityChangeRequest,
): Extract<IncidentEvent, { type: 'change_priority' }> {
  const impact = request.impact ?? incident.impact;
  const urgency = request.urgency ?? incident.urgency;
  const priority = request.priority ?? priorityOf(matrix, impact, urgency);
  return { type: 'change_priority', impact, urgency, priority, reason: request.reason };
}

/** The events the actor may cause now, in table order; used to choose which buttons to show. */
export function availableIncidentActions(incident: IncidentState, actor: IncidentActor): IncidentEventType[] {
  return availableEvents(INCIDENT_LIFECYCLE, incident, actor);
}

/** Only people who may work the ticket can be assigned it (security incidents: the security team). */
export function assertAssignable(incident: Pick<IncidentState, 'isSecurity'>, assignee: Actor): void {
  if (!hasAnyRole(assignee, incidentDeskRoles(incident))) throw new DomainError('assignee_not_eligible', { user: assignee.userId });
}

/** Throws the reason the actor may not cause this event now (used before opening a form for it). */
export function assertIncidentEventAllowed(incident: IncidentState, type: IncidentEventType, actor: IncidentActor): void {
  assertAllowed(INCIDENT_LIFECYCLE, incident, type, actor);
}

export function applyIncidentEvent(
  incident: IncidentState,
  event: IncidentEvent,
  actor: IncidentActor,
  now: Date,
): IncidentTransition {
  assertAllowed(INCIDENT_LIFECYCLE, incident, event.type, actor);
  const target = INCIDENT_TRANSITIONS[event.type].to[incident.state] ?? incident.state;
  const effected = { ...applyEffect(incident, event, actor, now), state: target, updatedAt: now };
  const next = settleHold(incident, effected, now);
  return { incident: next, changes: diffIncident(incident, next) };
}

function refuseIfAssigned(incident: IncidentState): DomainError | null {
  return incident.assigneeId ? new DomainError('already_done', { event: 'take' }) : null;
}

function refuseTopTier(incident: IncidentState): DomainError | null {
  const top = SUPPORT_TIERS[SUPPORT_TIERS.length - 1];
  return incident.tier === top ? new DomainError('tier_not_higher', { from: incident.tier, to: incident.tier }) : null;
}

function refuseIfMajor(incident: IncidentState): DomainError | null {
  return incident.major ? new DomainError('already_done', { event: 'declare_major' }) : null;
}

function refuseUnlessMajor(incident: IncidentState): DomainError | null {
  return incident.major ? null : new DomainError('not_major', { number: incident.number });
}

function refuseIfManagerEscalated(incident: IncidentState): DomainError | null {
  return incident.managerEscalatedAt ? new DomainError('already_done', { event: 'escalate_hierarchical' }) : null;
}

function applyEffect(incident: IncidentState, event: IncidentEvent, actor: IncidentActor, now: Date): IncidentState {
  switch (event.type) {
    case 'take':
      return { ...incident, assigneeId: actorIdOf(actor), firstResponseAt: incident.firstResponseAt ?? now };
    case 'assign':
      return assign(incident, event.assigneeId, now);
    case 'escalate_functional':
      return escalateFunctional(incident, event.tier, event.reason);
    case 'escalate_hierarchical':
      requireText(event.reason, 'reason');
      return { ...incident, managerEscalatedAt: now };
    case 'hold':
      return { ...incident, hold: { kind: event.kind, reason: requireText(event.reason, 'reason'), since: now } };
    case 'resume':
      return incident;
    case 'resolve':
      return resolve(incident, event.code, event.notes, now);
    case 'reopen':
      requireText(event.reason, 'reason');
      return { ...incident, resolution: null, resolvedAt: null, reopenCount: incident.reopenCount + 1 };
    case 'confirm':
    case 'auto_close':
      return { ...incident, closedAt: now };
    case 'mark_duplicate':
      return markDuplicate(incident, event.duplicateOf, event.notes ?? '', now);
    case 'change_priority':
      return changePriority(incident, event);
    case 'add_note':
      return checkNote(incident, event.visibility, event.text, actor);
    case 'declare_major': {
      const leadId = requireText(event.leadId, 'leadId', 'invalid_input');
      requireText(event.summary, 'summary', 'text_required');
      return { ...incident, major: { leadId, declaredAt: now, lastUpdateAt: null } };
    }
    case 'major_update':
      requireText(event.text, 'text', 'text_required');
      return incident.major ? { ...incident, major: { ...incident.major, lastUpdateAt: now } } : incident;
  }
}

function assign(incident: IncidentState, assigneeId: string, now: Date): IncidentState {
  const assignee = requireText(assigneeId, 'assigneeId', 'invalid_input');
  if (assignee === incident.assigneeId) throw new DomainError('already_done', { event: 'assign' });
  return { ...incident, assigneeId: assignee, firstResponseAt: incident.firstResponseAt ?? now };
}

function escalateFunctional(incident: IncidentState, tier: EscalationTier, reason: string): IncidentState {
  requireText(reason, 'reason');
  if (SUPPORT_TIERS.indexOf(tier) <= SUPPORT_TIERS.indexOf(incident.tier)) {
    throw new DomainError('tier_not_higher', { from: incident.tier, to: tier });
  }
  // Back in the queue of the next line, for whoever there takes it.
  return { ...incident, tier, assigneeId: null };
}

function resolve(incident: IncidentState, code: ResolutionCode, notes: string, now: Date): IncidentState {
  const resolution = { code, notes: requireText(notes, 'notes') };
  // Resolving at first contact is also the first response.
  return { ...incident, resolution, resolvedAt: now, firstResponseAt: incident.firstResponseAt ?? now };
}

function markDuplicate(incident: IncidentState, duplicateOf: string, notes: string, now: Date): IncidentState {
  const original = parseRecordNumber(duplicateOf);
  if (original?.prefix !== 'INC') throw new DomainError('invalid_input', { field: 'duplicateOf', value: duplicateOf });
  const originalNumber = formatRecordNumber(original.prefix, original.sequence);
  if (originalNumber === normalisedNumber(incident.number)) {
    throw new DomainError('duplicate_of_self', { number: incident.number });
  }
  return {
    ...incident,
    duplicateOf: originalNumber,
    resolution: { code: 'duplicate', notes: notes.trim() },
    resolvedAt: now,
    closedAt: now,
  };
}

function normalisedNumber(number: string): string {
  const parsed = parseRecordNumber(number);
  return parsed ? formatRecordNumber(parsed.prefix, parsed.sequence) : number;
}

function changePriority(
  incident: IncidentState,
  change: Extract<IncidentEvent, { type: 'change_priority' }>,
): IncidentState {
  requireText(change.reason, 'reason');
  const { impact, urgency, priority } = change;
  if (impact === incident.impact && urgency === incident.urgency && priority === incident.priority) {
    throw new DomainError('already_done', { event: 'change_priority' });
  }
  return { ...incident, impact, urgency, priority };
}

function checkNote(
  incident: IncidentState,
  visibility: NoteVisibility,
  text: string,
  actor: IncidentActor,
): IncidentState {
  requireText(text, 'text', 'text_required');
  // The reporter may talk to the desk, but internal notes are for desk staff only.
  if (visibility === 'internal' && !partiesOf(incident, actor).has('desk')) {
    throw new DomainError('not_allowed', { event: 'add_note', visibility });
  }
  return incident;
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

/** Leaving on_hold ends the running hold and adds its length to the held total. */
function settleHold(previous: IncidentState, next: IncidentState, now: Date): IncidentState {
  if (!previous.hold || next.state === 'on_hold') return next;
  const heldMs = Math.max(0, now.getTime() - previous.hold.since.getTime());
  return { ...next, hold: null, totalHeldMs: previous.totalHeldMs + heldMs };
}

const AUDITED_FIELDS: Readonly<Record<string, (incident: IncidentState) => string | null>> = {
  state: (incident) => incident.state,
  assigneeId: (incident) => incident.assigneeId,
  tier: (incident) => incident.tier,
  impact: (incident) => incident.impact,
  urgency: (incident) => incident.urgency,
  priority: (incident) => incident.priority,
  holdKind: (incident) => incident.hold?.kind ?? null,
  resolutionCode: (incident) => incident.resolution?.code ?? null,
  duplicateOf: (incident) => incident.duplicateOf,
  managerEscalatedAt: (incident) => incident.managerEscalatedAt?.toISOString() ?? null,
  majorLeadId: (incident) => incident.major?.leadId ?? null,
};

export const INCIDENT_AUDITED_FIELDS = Object.keys(AUDITED_FIELDS);

function diffIncident(previous: IncidentState, next: IncidentState): FieldChange[] {
  return Object.entries(AUDITED_FIELDS).flatMap(([field, read]) => {
    const from = read(previous);
    const to = read(next);
    return from === to ? [] : [{ field, from, to }];
  });
}
