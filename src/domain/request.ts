// The service request life cycle (服务请求): approval first (the department head, then any further
// stages of the item), fulfilment only after it. The table below is the single source of which
// event may happen in which state and who may cause it.
import { recordDecision, type ApprovalPolicy, type ApprovalTally, type DecisionRequest, type DecisionResult } from './approval.js';
import { DEPARTMENT_HEAD_STAGE, type FulfilmentGroup, type CatalogueItem } from './catalogue.js';
import { DomainError, isDomainError } from './errors.js';
import { DESK_ROLES, SYSTEM_ACTOR, type FieldChange } from './incident.js';
import { assertAllowed, availableEvents, type Lifecycle, type TransitionRule } from './lifecycle.js';
import { hasAnyRole, type Actor, type Role } from './roles.js';

export const REQUEST_STATES = ['awaiting_approval', 'approved', 'in_progress', 'fulfilled', 'rejected', 'cancelled'] as const;
export type RequestStatus = (typeof REQUEST_STATES)[number];
export const OPEN_REQUEST_STATES: readonly RequestStatus[] = ['awaiting_approval', 'approved', 'in_progress'];

export interface RequestNote {
  readonly reason: string;
  readonly byId: string;
  readonly at: Date;
}

export interface RequestState {
  readonly number: string;
  readonly requesterId: string;
  readonly state: RequestStatus;
  readonly fulfilment: FulfilmentGroup;
  readonly assigneeId: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly approvedAt: Date | null;
  readonly takenAt: Date | null;
  readonly fulfilledAt: Date | null;
  /** When it was fulfilled, rejected or cancelled. */
  readonly endedAt: Date | null;
  readonly rejection: RequestNote | null;
  readonly cancellation: RequestNote | null;
}

export type RequestEvent =
  | { readonly type: 'approve' }
  | { readonly type: 'reject'; readonly reason: string; readonly byId: string }
  | { readonly type: 'take' }
  | { readonly type: 'fulfil' }
  | { readonly type: 'cancel'; readonly reason: string };
export type RequestEventType = RequestEvent['type'];

export type RequestActor = Actor | typeof SYSTEM_ACTOR;
type RequestParty = 'requester' | 'fulfiller' | 'system';

const REQUEST_TRANSITIONS: Readonly<Record<RequestEventType, TransitionRule<RequestStatus, RequestParty, RequestState, RequestActor>>> = {
  // The approval tally (approval.ts) decides these; the service causes them.
  approve: { to: { awaiting_approval: 'approved' }, by: ['system'] },
  reject: { to: { awaiting_approval: 'rejected' }, by: ['system'] },
  take: { to: { approved: 'in_progress' }, by: ['fulfiller'] },
  fulfil: { to: { approved: 'fulfilled', in_progress: 'fulfilled' }, by: ['fulfiller'] },
  cancel: { to: { awaiting_approval: 'cancelled', approved: 'cancelled', in_progress: 'cancelled' }, by: ['requester', 'fulfiller'] },
};

const FINISHED: readonly RequestStatus[] = ['fulfilled', 'rejected', 'cancelled'];

const REQUEST_LIFECYCLE: Lifecycle<RequestEventType, RequestStatus, RequestParty, RequestState, RequestActor> = {
  table: REQUEST_TRANSITIONS,
  isFinished: (request) => FINISHED.includes(request.state),
  numberOf: (request) => request.number,
  partiesOf: (request, actor) => partiesOf(request, actor),
};

/** Who fulfils: the item's fulfilment role (and admins), or the desk when the item names none. */
export function fulfilmentRoles(group: FulfilmentGroup): readonly Role[] {
  return group.role ? [group.role, 'admin'] : DESK_ROLES;
}

function partiesOf(request: RequestState, actor: RequestActor): ReadonlySet<RequestParty> {
  if (actor === SYSTEM_ACTOR) return new Set<RequestParty>(['system']);
  const parties = new Set<RequestParty>();
  if (actor.userId === request.requesterId) parties.add('requester');
  if (hasAnyRole(actor, fulfilmentRoles(request.fulfilment))) parties.add('fulfiller');
  return parties;
}

export function isRequestFinished(state: RequestStatus): boolean {
  return FINISHED.includes(state);
}

export function availableRequestActions(request: RequestState, actor: RequestActor): RequestEventType[] {
  return availableEvents(REQUEST_LIFECYCLE, request, actor);
}

export function assertRequestEventAllowed(request: RequestState, type: RequestEventType, actor: RequestActor): void {
  assertAllowed(REQUEST_LIFECYCLE, request, type, actor);
}

export function newRequestState(input: { number: string; requesterId: string; fulfilment: FulfilmentGroup }, now: Date): RequestState {
  return {
    ...input,
    state: 'awaiting_approval',
    assigneeId: null,
    createdAt: now,
    updatedAt: now,
    approvedAt: null,
    takenAt: null,
    fulfilledAt: null,
    endedAt: null,
    rejection: null,
    cancellation: null,
  };
}

export function applyRequestEvent(request: RequestState, event: RequestEvent, actor: RequestActor, now: Date): { request: RequestState; changes: FieldChange[] } {
  assertRequestEventAllowed(request, event.type, actor);
  const target = REQUEST_TRANSITIONS[event.type].to[request.state] ?? request.state;
  const next: RequestState = { ...effectOf(request, event, actor, now), state: target, updatedAt: now };
  return { request: next, changes: diff(request, next) };
}

function effectOf(request: RequestState, event: RequestEvent, actor: RequestActor, now: Date): RequestState {
  const actorId = actor === SYSTEM_ACTOR ? SYSTEM_ACTOR : actor.userId;
  switch (event.type) {
    case 'approve':
      return { ...request, approvedAt: now };
    case 'reject':
      return { ...request, rejection: { reason: required(event.reason), byId: event.byId, at: now }, endedAt: now };
    case 'take':
      return { ...request, assigneeId: actorId, takenAt: now };
    case 'fulfil':
      return { ...request, assigneeId: request.assigneeId ?? actorId, takenAt: request.takenAt ?? now, fulfilledAt: now, endedAt: now };
    case 'cancel':
      return { ...request, cancellation: { reason: required(event.reason), byId: actorId, at: now }, endedAt: now };
  }
}

function required(reason: string): string {
  const trimmed = reason.trim();
  if (!trimmed) throw new DomainError('reason_required', { field: 'reason' });
  return trimmed;
}

function diff(before: RequestState, after: RequestState): FieldChange[] {
  const fields = [
    ['state', (request: RequestState) => request.state],
    ['assigneeId', (request: RequestState) => request.assigneeId],
  ] as const;
  return fields.flatMap(([field, read]) => (read(before) === read(after) ? [] : [{ field, from: read(before), to: read(after) }]));
}

// ——— Approval ———

/** Who gives the department's approval: the head (a user), or the department_head role for a head's own request. */
export type DepartmentApprover = { kind: 'head'; userId: string } | { kind: 'role' };

/**
 * The approval policy of a request: the department head's stage (when the item asks for it),
 * then the item's further stages. Null when the item needs no approval (fulfilled at once).
 */
export function requestApprovalPolicy(approval: CatalogueItem['approval'], departmentApprover: DepartmentApprover | null): ApprovalPolicy | null {
  const stages = [...approval.stages];
  if (approval.departmentHead) {
    if (!departmentApprover) throw new DomainError('no_department_head');
    const approver = departmentApprover.kind === 'head' ? departmentApprover.userId : 'department_head';
    stages.unshift({ name: DEPARTMENT_HEAD_STAGE, rule: 'any', approvers: [approver] });
  }
  return stages.length > 0 ? { kind: 'stages', stages } : null;
}

/** An approver's decision on a request (approval.ts rules); the requester never decides on their own. */
export function decideOnRequest(tally: ApprovalTally, request: Pick<RequestState, 'requesterId'>, decision: DecisionRequest, now: Date): DecisionResult {
  try {
    return recordDecision(tally, decision, { requesterId: request.requesterId, implementerId: null }, now);
  } catch (error) {
    // approval.ts words this for changes; a request's approver reads about requests.
    if (isDomainError(error) && error.code === 'not_an_approver') throw new DomainError('not_a_request_approver');
    throw error;
  }
}
