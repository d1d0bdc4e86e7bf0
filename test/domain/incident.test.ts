import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import {
  applyIncidentEvent,
  availableIncidentActions,
  createIncident,
  INCIDENT_STATES,
  isOpen,
  priorityChangeEvent,
  type IncidentActor,
  type IncidentEvent,
  type IncidentEventType,
  type IncidentState,
  type IncidentStatus,
} from '../../src/domain/incident.js';
import { DEFAULT_PRIORITY_MATRIX } from '../../src/domain/priority.js';
import type { Actor, Role } from '../../src/domain/roles.js';

const EARLIER = new Date('2025-03-03T08:00:00.000Z');
const NOW = new Date('2025-03-03T10:00:00.000Z');
const TWO_HOURS_MS = 2 * 60 * 60 * 1000;

const REPORTER_ID = 'U_REPORTER';
const ASSIGNEE_ID = 'U_ASSIGNEE';
const AGENT_ID = 'U_AGENT';

function person(userId: string, ...roles: Role[]): Actor {
  return { userId, roles: new Set(roles) };
}

const agent = person(AGENT_ID, 'service_desk');
const reporter = person(REPORTER_ID);
const stranger = person('U_STRANGER', 'change_manager');

const BASE: IncidentState = {
  number: 'INC-000042',
  state: 'new',
  impact: 'medium',
  urgency: 'medium',
  priority: 'P3',
  tier: 'service_desk',
  assigneeId: null,
  reporterId: REPORTER_ID,
  isSecurity: false,
  hold: null,
  resolution: null,
  duplicateOf: null,
  reopenCount: 0,
  totalHeldMs: 0,
  openedAt: EARLIER,
  updatedAt: EARLIER,
  firstResponseAt: null,
  managerEscalatedAt: null,
  resolvedAt: null,
  closedAt: null,
  major: null,
};

const IN_STATE: Record<IncidentStatus, IncidentState> = {
  new: BASE,
  in_progress: { ...BASE, state: 'in_progress', assigneeId: ASSIGNEE_ID, firstResponseAt: EARLIER },
  on_hold: {
    ...BASE,
    state: 'on_hold',
    assigneeId: ASSIGNEE_ID,
    firstResponseAt: EARLIER,
    hold: { kind: 'awaiting_requester', reason: 'Need the error message', since: EARLIER },
  },
  resolved: {
    ...BASE,
    state: 'resolved',
    assigneeId: ASSIGNEE_ID,
    firstResponseAt: EARLIER,
    resolution: { code: 'fixed', notes: 'Replaced the toner' },
    resolvedAt: EARLIER,
  },
  closed: {
    ...BASE,
    state: 'closed',
    assigneeId: ASSIGNEE_ID,
    firstResponseAt: EARLIER,
    resolution: { code: 'fixed', notes: 'Replaced the toner' },
    resolvedAt: EARLIER,
    closedAt: EARLIER,
  },
};

function incident(state: IncidentStatus, overrides: Partial<IncidentState> = {}): IncidentState {
  return { ...IN_STATE[state], ...overrides };
}

/** What an event needs of the record besides its state: take wants it unassigned, an update wants it major. */
const PRECONDITION: Partial<Record<IncidentEventType, Partial<IncidentState>>> = {
  take: { assigneeId: null },
  major_update: { major: { leadId: ASSIGNEE_ID, declaredAt: EARLIER, lastUpdateAt: null } },
};

function readyFor(type: IncidentEventType, state: IncidentStatus): IncidentState {
  return incident(state, PRECONDITION[type] ?? {});
}

const VALID_EVENT: Record<IncidentEventType, IncidentEvent> = {
  take: { type: 'take' },
  assign: { type: 'assign', assigneeId: 'U_OTHER' },
  escalate_functional: { type: 'escalate_functional', tier: 'second_line', reason: 'Needs a server admin' },
  escalate_hierarchical: { type: 'escalate_hierarchical', reason: 'SLA at risk' },
  hold: { type: 'hold', kind: 'awaiting_supplier', reason: 'Vendor ticket 881' },
  resume: { type: 'resume' },
  resolve: { type: 'resolve', code: 'fixed', notes: 'Restarted the spooler' },
  reopen: { type: 'reopen', reason: 'Still broken' },
  confirm: { type: 'confirm' },
  auto_close: { type: 'auto_close' },
  mark_duplicate: { type: 'mark_duplicate', duplicateOf: 'INC-000007' },
  change_priority: { type: 'change_priority', impact: 'high', urgency: 'critical', priority: 'P1', reason: 'Whole floor' },
  add_note: { type: 'add_note', visibility: 'public', text: 'Looking into it' },
  declare_major: { type: 'declare_major', leadId: 'U_LEAD', summary: 'Mail is down for everyone' },
  major_update: { type: 'major_update', text: 'Failover to the standby in progress' },
};

// The one who may cause each event in the transition table below.
const ACTOR_FOR: Record<IncidentEventType, IncidentActor> = {
  take: agent,
  assign: agent,
  escalate_functional: agent,
  escalate_hierarchical: agent,
  hold: agent,
  resume: agent,
  resolve: agent,
  reopen: agent,
  confirm: reporter,
  auto_close: 'system',
  mark_duplicate: agent,
  change_priority: agent,
  add_note: agent,
  declare_major: agent,
  major_update: agent,
};

const EVENT_TYPES = Object.keys(VALID_EVENT) as IncidentEventType[];

function refusalOf(action: () => unknown): { code: string; params: Record<string, string | number> } {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, params: error.params };
    throw error;
  }
  throw new Error('expected a DomainError, but the action succeeded');
}

function apply(from: IncidentState, event: IncidentEvent, actor: IncidentActor = agent) {
  return applyIncidentEvent(from, event, actor, NOW);
}

describe('transition table', () => {
  const X = null; // refused
  // Written out by hand from the rules; columns: new, in_progress, on_hold, resolved, closed.
  const EXPECTED: Record<IncidentEventType, (IncidentStatus | null)[]> = {
    take: ['in_progress', 'in_progress', X, X, X],
    assign: ['in_progress', 'in_progress', 'on_hold', X, X],
    escalate_functional: ['new', 'new', 'new', X, X],
    escalate_hierarchical: ['new', 'in_progress', 'on_hold', X, X],
    hold: [X, 'on_hold', X, X, X],
    resume: [X, X, 'in_progress', X, X],
    resolve: ['resolved', 'resolved', 'resolved', X, X],
    reopen: [X, X, X, 'in_progress', X],
    confirm: [X, X, X, 'closed', X],
    auto_close: [X, X, X, 'closed', X],
    mark_duplicate: ['closed', 'closed', 'closed', X, X],
    change_priority: ['new', 'in_progress', 'on_hold', X, X],
    add_note: ['new', 'in_progress', 'on_hold', 'resolved', X],
    declare_major: ['new', 'in_progress', 'on_hold', X, X],
    major_update: ['new', 'in_progress', 'on_hold', 'resolved', X],
  };

  const cases = EVENT_TYPES.flatMap((type) =>
    INCIDENT_STATES.map((from, column) => ({ type, from, to: EXPECTED[type][column] ?? null })),
  );

  it('covers every event type', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...EVENT_TYPES].sort());
    expect(EVENT_TYPES).toHaveLength(15);
  });

  it.each(cases.filter((c) => c.to !== null))('$type: $from → $to', ({ type, from, to }) => {
    const result = apply(readyFor(type, from), VALID_EVENT[type], ACTOR_FOR[type]);
    expect(result.incident.state).toBe(to);
    expect(result.incident.updatedAt).toBe(NOW);
  });

  it.each(cases.filter((c) => c.to === null && c.from !== 'closed'))('$type from $from is refused', ({ type, from }) => {
    expect(refusalOf(() => apply(incident(from), VALID_EVENT[type], ACTOR_FOR[type]))).toEqual({
      code: 'transition_not_allowed',
      params: { state: from, event: type },
    });
  });

  it.each(EVENT_TYPES)('%s on a closed incident is refused as record_closed', (type) => {
    expect(refusalOf(() => apply(incident('closed'), VALID_EVENT[type], ACTOR_FOR[type]))).toEqual({
      code: 'record_closed',
      params: { number: 'INC-000042' },
    });
  });

  it('does not change the incident it was given', () => {
    const before = incident('on_hold');
    const copy = structuredClone(before);
    apply(before, VALID_EVENT.resolve);
    expect(before).toEqual(copy);
  });
});

describe('who may cause each event', () => {
  const DESK = ['service_desk', 'second_line', 'third_line', 'incident_manager', 'security', 'admin'];
  const CANDIDATES: [string, IncidentActor][] = [
    ...(
      [
        'admin',
        'service_desk',
        'second_line',
        'third_line',
        'incident_manager',
        'change_manager',
        'cab',
        'emergency_cab',
        'problem_manager',
        'security',
        'department_head',
      ] as const
    ).map((role): [string, IncidentActor] => [role, person(`U_${role}`, role)]),
    ['reporter', reporter],
    ['system', 'system'],
  ];
  const ALLOWED: Record<IncidentEventType, { from: IncidentStatus; who: string[] }> = {
    take: { from: 'new', who: DESK },
    assign: { from: 'in_progress', who: DESK },
    escalate_functional: { from: 'in_progress', who: DESK },
    escalate_hierarchical: { from: 'in_progress', who: [...DESK, 'system'] },
    hold: { from: 'in_progress', who: DESK },
    resume: { from: 'on_hold', who: [...DESK, 'system'] },
    resolve: { from: 'in_progress', who: DESK },
    reopen: { from: 'resolved', who: [...DESK, 'reporter'] },
    confirm: { from: 'resolved', who: ['reporter'] },
    auto_close: { from: 'resolved', who: ['system'] },
    mark_duplicate: { from: 'in_progress', who: DESK },
    change_priority: { from: 'in_progress', who: DESK },
    add_note: { from: 'in_progress', who: [...DESK, 'reporter'] },
    declare_major: { from: 'in_progress', who: DESK },
    major_update: { from: 'in_progress', who: DESK },
  };

  const cases = EVENT_TYPES.flatMap((type) =>
    CANDIDATES.map(([name, actor]) => ({ type, name, actor, allowed: ALLOWED[type].who.includes(name) })),
  );

  it.each(cases.filter((c) => c.allowed))('$type by $name is allowed', ({ type, actor }) => {
    expect(() => apply(readyFor(type, ALLOWED[type].from), VALID_EVENT[type], actor)).not.toThrow();
  });

  it.each(cases.filter((c) => !c.allowed))('$type by $name is refused as not_allowed', ({ type, actor }) => {
    expect(refusalOf(() => apply(readyFor(type, ALLOWED[type].from), VALID_EVENT[type], actor))).toEqual({
      code: 'not_allowed',
      params: { event: type },
    });
  });

  it('lets the reporter add public notes but not internal ones', () => {
    const internal: IncidentEvent = { type: 'add_note', visibility: 'internal', text: 'my password is…' };
    expect(refusalOf(() => apply(incident('in_progress'), internal, reporter))).toEqual({
      code: 'not_allowed',
      params: { event: 'add_note', visibility: 'internal' },
    });
    expect(apply(incident('in_progress'), internal, agent).changes).toEqual([]);
  });

  it('lets a desk agent who reported the incident confirm it', () => {
    const agentReporter = person(REPORTER_ID, 'service_desk');
    expect(apply(incident('resolved'), VALID_EVENT.confirm, agentReporter).incident.state).toBe('closed');
  });
});

describe('security incidents', () => {
  const secure = (state: IncidentStatus) => incident(state, { isSecurity: true });
  const NON_SECURITY_DESK: Role[] = ['service_desk', 'second_line', 'third_line', 'incident_manager'];

  it.each(NON_SECURITY_DESK)('refuse desk work by %s', (role) => {
    const actor = person(`U_${role}`, role);
    expect(refusalOf(() => apply(secure('new'), VALID_EVENT.take, actor))).toEqual({
      code: 'not_allowed',
      params: { event: 'take' },
    });
    expect(availableIncidentActions(secure('in_progress'), actor)).toEqual([]);
  });

  it.each(['security', 'admin'] as Role[])('accept desk work by %s', (role) => {
    const actor = person(`U_${role}`, role);
    expect(apply(secure('new'), VALID_EVENT.take, actor).incident.assigneeId).toBe(`U_${role}`);
  });

  it('still let the reporter confirm, reopen and add public notes', () => {
    expect(availableIncidentActions(secure('resolved'), reporter)).toEqual(['reopen', 'confirm', 'add_note']);
    expect(availableIncidentActions(secure('in_progress'), reporter)).toEqual(['add_note']);
  });
});

describe('refusals that depend on the request', () => {
  it('refuses a second take by the same agent as already_done', () => {
    const taken = apply(incident('new'), VALID_EVENT.take).incident;
    expect(taken.assigneeId).toBe(AGENT_ID);
    expect(refusalOf(() => apply(taken, VALID_EVENT.take))).toEqual({ code: 'already_done', params: { event: 'take' } });
  });

  it('refuses to take an incident someone else has: that is an explicit Assign', () => {
    expect(refusalOf(() => apply(incident('in_progress'), VALID_EVENT.take))).toEqual({ code: 'already_done', params: { event: 'take' } });
  });

  it('refuses assigning to the current assignee as already_done', () => {
    const event: IncidentEvent = { type: 'assign', assigneeId: ASSIGNEE_ID };
    expect(refusalOf(() => apply(incident('in_progress'), event))).toEqual({
      code: 'already_done',
      params: { event: 'assign' },
    });
  });

  it('refuses assigning to nobody', () => {
    expect(refusalOf(() => apply(incident('new'), { type: 'assign', assigneeId: ' ' }))).toEqual({
      code: 'invalid_input',
      params: { field: 'assigneeId' },
    });
  });

  it.each<[string, IncidentStatus, IncidentEvent, string]>([
    ['escalate_functional', 'in_progress', { type: 'escalate_functional', tier: 'second_line', reason: '' }, 'reason'],
    ['escalate_hierarchical', 'in_progress', { type: 'escalate_hierarchical', reason: '  ' }, 'reason'],
    ['hold', 'in_progress', { type: 'hold', kind: 'awaiting_requester', reason: '\n' }, 'reason'],
    ['resolve', 'in_progress', { type: 'resolve', code: 'fixed', notes: ' ' }, 'notes'],
    ['reopen', 'resolved', { type: 'reopen', reason: '' }, 'reason'],
    [
      'change_priority',
      'in_progress',
      { type: 'change_priority', impact: 'high', urgency: 'high', priority: 'P2', reason: '' },
      'reason',
    ],
  ])('%s without a reason is refused as reason_required', (_type, from, event, field) => {
    expect(refusalOf(() => apply(incident(from), event))).toEqual({ code: 'reason_required', params: { field } });
  });

  it('refuses an empty note as text_required', () => {
    const event: IncidentEvent = { type: 'add_note', visibility: 'public', text: '   ' };
    expect(refusalOf(() => apply(incident('new'), event, reporter))).toEqual({
      code: 'text_required',
      params: { field: 'text' },
    });
  });

  it('refuses a functional escalation to the same tier as tier_not_higher', () => {
    const event: IncidentEvent = { type: 'escalate_functional', tier: 'second_line', reason: 'again' };
    expect(refusalOf(() => apply(incident('in_progress', { tier: 'second_line' }), event))).toEqual({
      code: 'tier_not_higher',
      params: { from: 'second_line', to: 'second_line' },
    });
  });

  it('refuses any functional escalation from the third line, which has no higher tier', () => {
    const event: IncidentEvent = { type: 'escalate_functional', tier: 'second_line', reason: 'back down' };
    expect(refusalOf(() => apply(incident('new', { tier: 'third_line' }), event))).toEqual({
      code: 'tier_not_higher',
      params: { from: 'third_line', to: 'third_line' },
    });
  });

  it('refuses a second hierarchical escalation as already_done', () => {
    const escalated = apply(incident('in_progress'), VALID_EVENT.escalate_hierarchical).incident;
    expect(refusalOf(() => apply(escalated, VALID_EVENT.escalate_hierarchical, 'system'))).toEqual({
      code: 'already_done',
      params: { event: 'escalate_hierarchical' },
    });
  });

  it.each(['INC-000042', 'inc-42', '  INC-0000042 '])('refuses marking as a duplicate of itself (%j)', (duplicateOf) => {
    expect(refusalOf(() => apply(incident('new'), { type: 'mark_duplicate', duplicateOf }))).toEqual({
      code: 'duplicate_of_self',
      params: { number: 'INC-000042' },
    });
  });

  it.each(['REQ-000007', 'seven', ''])('refuses a duplicate of something that is not an incident (%j)', (duplicateOf) => {
    expect(refusalOf(() => apply(incident('new'), { type: 'mark_duplicate', duplicateOf }))).toEqual({
      code: 'invalid_input',
      params: { field: 'duplicateOf', value: duplicateOf },
    });
  });

  it('refuses a priority change that changes nothing as already_done', () => {
    const event: IncidentEvent = {
      type: 'change_priority',
      impact: 'medium',
      urgency: 'medium',
      priority: 'P3',
      reason: 'checked',
    };
    expect(refusalOf(() => apply(incident('new'), event))).toEqual({
      code: 'already_done',
      params: { event: 'change_priority' },
    });
  });
});

describe('what each event changes', () => {
  it('take from new assigns the actor and records the first response', () => {
    const { incident: next, changes } = apply(incident('new'), VALID_EVENT.take);
    expect(changes).toEqual([
      { field: 'state', from: 'new', to: 'in_progress' },
      { field: 'assigneeId', from: null, to: AGENT_ID },
    ]);
    expect(next.firstResponseAt).toBe(NOW);
  });

  it('take keeps an earlier first response', () => {
    expect(apply(incident('in_progress', { assigneeId: null }), VALID_EVENT.take).incident.firstResponseAt).toBe(EARLIER);
  });

  it('assign from new starts work for the given user', () => {
    const { incident: next, changes } = apply(incident('new'), VALID_EVENT.assign);
    expect(changes).toEqual([
      { field: 'state', from: 'new', to: 'in_progress' },
      { field: 'assigneeId', from: null, to: 'U_OTHER' },
    ]);
    expect(next.firstResponseAt).toBe(NOW);
  });

  it('assign while on hold keeps the hold', () => {
    const { incident: next, changes } = apply(incident('on_hold'), VALID_EVENT.assign);
    expect(changes).toEqual([{ field: 'assigneeId', from: ASSIGNEE_ID, to: 'U_OTHER' }]);
    expect(next.hold).toEqual(IN_STATE.on_hold.hold);
    expect(next.totalHeldMs).toBe(0);
  });

  it('escalate_functional queues the incident for the next line', () => {
    const { incident: next, changes } = apply(incident('in_progress'), VALID_EVENT.escalate_functional);
    expect(changes).toEqual([
      { field: 'state', from: 'in_progress', to: 'new' },
      { field: 'assigneeId', from: ASSIGNEE_ID, to: null },
      { field: 'tier', from: 'service_desk', to: 'second_line' },
    ]);
    expect(next.firstResponseAt).toBe(EARLIER);
  });

  it('escalate_functional from on hold may skip a line and ends the hold', () => {
    const event: IncidentEvent = { type: 'escalate_functional', tier: 'third_line', reason: 'Vendor bug' };
    const { incident: next, changes } = apply(incident('on_hold', { totalHeldMs: 1000 }), event);
    expect(changes).toEqual([
      { field: 'state', from: 'on_hold', to: 'new' },
      { field: 'assigneeId', from: ASSIGNEE_ID, to: null },
      { field: 'tier', from: 'service_desk', to: 'third_line' },
      { field: 'holdKind', from: 'awaiting_requester', to: null },
    ]);
    expect(next.hold).toBeNull();
    expect(next.totalHeldMs).toBe(1000 + TWO_HOURS_MS);
  });

  it('escalate_hierarchical flags the incident for the incident manager', () => {
    const { incident: next, changes } = apply(incident('on_hold'), VALID_EVENT.escalate_hierarchical, 'system');
    expect(changes).toEqual([{ field: 'managerEscalatedAt', from: null, to: '2025-03-03T10:00:00.000Z' }]);
    expect(next.managerEscalatedAt).toBe(NOW);
    expect(next.hold).toEqual(IN_STATE.on_hold.hold);
  });

  it('hold records why and since when', () => {
    const event: IncidentEvent = { type: 'hold', kind: 'awaiting_supplier', reason: '  Vendor ticket 881 ' };
    const { incident: next, changes } = apply(incident('in_progress'), event);
    expect(changes).toEqual([
      { field: 'state', from: 'in_progress', to: 'on_hold' },
      { field: 'holdKind', from: null, to: 'awaiting_supplier' },
    ]);
    expect(next.hold).toEqual({ kind: 'awaiting_supplier', reason: 'Vendor ticket 881', since: NOW });
  });

  it('resume ends the hold and adds its length to the held total', () => {
    const { incident: next, changes } = apply(incident('on_hold', { totalHeldMs: 5000 }), VALID_EVENT.resume, 'system');
    expect(changes).toEqual([
      { field: 'state', from: 'on_hold', to: 'in_progress' },
      { field: 'holdKind', from: 'awaiting_requester', to: null },
    ]);
    expect(next.hold).toBeNull();
    expect(next.totalHeldMs).toBe(5000 + TWO_HOURS_MS);
  });

  it('resolve at first contact records the resolution and the first response', () => {
    const event: IncidentEvent = { type: 'resolve', code: 'user_error', notes: ' Caps lock was on ' };
    const { incident: next, changes } = apply(incident('new'), event);
    expect(changes).toEqual([
      { field: 'state', from: 'new', to: 'resolved' },
      { field: 'resolutionCode', from: null, to: 'user_error' },
    ]);
    expect(next.resolution).toEqual({ code: 'user_error', notes: 'Caps lock was on' });
    expect(next.resolvedAt).toBe(NOW);
    expect(next.firstResponseAt).toBe(NOW);
    expect(next.assigneeId).toBeNull();
  });

  it('resolve while on hold ends the hold', () => {
    const { incident: next, changes } = apply(incident('on_hold'), VALID_EVENT.resolve);
    expect(changes).toEqual([
      { field: 'state', from: 'on_hold', to: 'resolved' },
      { field: 'holdKind', from: 'awaiting_requester', to: null },
      { field: 'resolutionCode', from: null, to: 'fixed' },
    ]);
    expect(next.totalHeldMs).toBe(TWO_HOURS_MS);
  });

  it('reopen by the reporter clears the resolution and counts the reopening', () => {
    const { incident: next, changes } = apply(incident('resolved'), VALID_EVENT.reopen, reporter);
    expect(changes).toEqual([
      { field: 'state', from: 'resolved', to: 'in_progress' },
      { field: 'resolutionCode', from: 'fixed', to: null },
    ]);
    expect(next).toMatchObject({ resolution: null, resolvedAt: null, reopenCount: 1, assigneeId: ASSIGNEE_ID });
  });

  it.each<[IncidentEvent, IncidentActor]>([
    [{ type: 'confirm' }, reporter],
    [{ type: 'auto_close' }, 'system'],
  ])('$0.type closes the incident', (event, actor) => {
    const { incident: next, changes } = apply(incident('resolved'), event, actor);
    expect(changes).toEqual([{ field: 'state', from: 'resolved', to: 'closed' }]);
    expect(next.closedAt).toBe(NOW);
    expect(next.resolution).toEqual({ code: 'fixed', notes: 'Replaced the toner' });
  });

  it('mark_duplicate closes the incident with the normalised original number', () => {
    const event: IncidentEvent = { type: 'mark_duplicate', duplicateOf: ' inc-7 ' };
    const { incident: next, changes } = apply(incident('in_progress'), event);
    expect(changes).toEqual([
      { field: 'state', from: 'in_progress', to: 'closed' },
      { field: 'resolutionCode', from: null, to: 'duplicate' },
      { field: 'duplicateOf', from: null, to: 'INC-000007' },
    ]);
    expect(next).toMatchObject({ resolvedAt: NOW, closedAt: NOW, resolution: { code: 'duplicate', notes: '' } });
  });

  it('change_priority records each axis that changed', () => {
    const { incident: next, changes } = apply(incident('in_progress'), VALID_EVENT.change_priority);
    expect(changes).toEqual([
      { field: 'impact', from: 'medium', to: 'high' },
      { field: 'urgency', from: 'medium', to: 'critical' },
      { field: 'priority', from: 'P3', to: 'P1' },
    ]);
    expect(next.state).toBe('in_progress');
  });

  it('add_note changes no field', () => {
    const before = incident('resolved');
    const { incident: next, changes } = apply(before, VALID_EVENT.add_note, reporter);
    expect(changes).toEqual([]);
    expect(next).toEqual({ ...before, updatedAt: NOW });
  });
});

describe('availableIncidentActions', () => {
  const DESK_ON_NEW = [
    'take',
    'assign',
    'escalate_functional',
    'escalate_hierarchical',
    'resolve',
    'mark_duplicate',
    'change_priority',
    'add_note',
    'declare_major',
  ];

  it.each<[string, IncidentState, IncidentActor, string[]]>([
    ['a desk agent, new', incident('new'), agent, DESK_ON_NEW],
    [
      'a desk agent, in progress with someone else',
      incident('in_progress'),
      agent,
      [
        'assign',
        'escalate_functional',
        'escalate_hierarchical',
        'hold',
        'resolve',
        'mark_duplicate',
        'change_priority',
        'add_note',
        'declare_major',
      ],
    ],
    [
      'the assignee, in progress',
      incident('in_progress', { assigneeId: AGENT_ID }),
      agent,
      ['assign', 'escalate_functional', 'escalate_hierarchical', 'hold', 'resolve', 'mark_duplicate', 'change_priority', 'add_note', 'declare_major'],
    ],
    [
      'a desk agent, on hold',
      incident('on_hold'),
      agent,
      ['assign', 'escalate_functional', 'escalate_hierarchical', 'resume', 'resolve', 'mark_duplicate', 'change_priority', 'add_note', 'declare_major'],
    ],
    ['a desk agent, resolved', incident('resolved'), agent, ['reopen', 'add_note']],
    ['a desk agent, closed', incident('closed'), agent, []],
    [
      'a desk agent, at the third line and escalated to the manager',
      incident('new', { tier: 'third_line', managerEscalatedAt: EARLIER }),
      agent,
      ['take', 'assign', 'resolve', 'mark_duplicate', 'change_priority', 'add_note', 'declare_major'],
    ],
    ['the reporter, new', incident('new'), reporter, ['add_note']],
    ['the reporter, on hold', incident('on_hold'), reporter, ['add_note']],
    ['the reporter, resolved', incident('resolved'), reporter, ['reopen', 'confirm', 'add_note']],
    ['the reporter, closed', incident('closed'), reporter, []],
    ['the system, in progress', incident('in_progress'), 'system', ['escalate_hierarchical']],
    ['the system, on hold', incident('on_hold'), 'system', ['escalate_hierarchical', 'resume']],
    ['the system, resolved', incident('resolved'), 'system', ['auto_close']],
    ['someone unrelated, new', incident('new'), stranger, []],
    ['someone unrelated, resolved', incident('resolved'), stranger, []],
  ])('%s', (_label, from, actor, expected) => {
    expect(availableIncidentActions(from, actor)).toEqual(expected);
  });
});

describe('isOpen', () => {
  it.each<[IncidentStatus, boolean]>([
    ['new', true],
    ['in_progress', true],
    ['on_hold', true],
    ['resolved', false],
    ['closed', false],
  ])('%s → %s', (state, open) => {
    expect(isOpen(state)).toBe(open);
  });
});

describe('createIncident', () => {
  it('starts a quick report new, at the service desk, with medium impact and urgency', () => {
    expect(createIncident({ number: 'INC-000001', reporterId: REPORTER_ID }, DEFAULT_PRIORITY_MATRIX, NOW)).toEqual({
      ...BASE,
      number: 'INC-000001',
      openedAt: NOW,
      updatedAt: NOW,
    });
  });

  it('takes the priority from the matrix', () => {
    const created = createIncident(
      { number: 'INC-000002', reporterId: REPORTER_ID, impact: 'very_high', urgency: 'high', isSecurity: true },
      DEFAULT_PRIORITY_MATRIX,
      NOW,
    );
    expect(created).toMatchObject({ impact: 'very_high', urgency: 'high', priority: 'P1', isSecurity: true });
  });
});

describe('priorityChangeEvent', () => {
  it('follows the matrix for a changed axis', () => {
    expect(priorityChangeEvent(BASE, DEFAULT_PRIORITY_MATRIX, { urgency: 'critical', reason: 'Payroll run' })).toEqual({
      type: 'change_priority',
      impact: 'medium',
      urgency: 'critical',
      priority: 'P2',
      reason: 'Payroll run',
    });
  });

  it('keeps a manual override', () => {
    expect(priorityChangeEvent(BASE, DEFAULT_PRIORITY_MATRIX, { priority: 'P1', reason: 'CEO laptop' })).toEqual({
      type: 'change_priority',
      impact: 'medium',
      urgency: 'medium',
      priority: 'P1',
      reason: 'CEO laptop',
    });
  });
});

describe('major incidents', () => {
  it('declaring names the lead and the moment; declaring again is refused', () => {
    const declared = apply(incident('in_progress'), VALID_EVENT.declare_major);
    expect(declared.incident.major).toEqual({ leadId: 'U_LEAD', declaredAt: NOW, lastUpdateAt: null });
    expect(declared.changes).toEqual([{ field: 'majorLeadId', from: null, to: 'U_LEAD' }]);
    expect(refusalOf(() => apply(declared.incident, VALID_EVENT.declare_major))).toEqual({ code: 'already_done', params: { event: 'declare_major' } });
  });

  it('needs a summary and a lead', () => {
    expect(refusalOf(() => apply(incident('new'), { type: 'declare_major', leadId: 'U_LEAD', summary: ' ' }))).toEqual({ code: 'text_required', params: { field: 'summary' } });
    expect(refusalOf(() => apply(incident('new'), { type: 'declare_major', leadId: '', summary: 'x' }))).toEqual({ code: 'invalid_input', params: { field: 'leadId' } });
  });

  it('an update records its time, and is refused on an ordinary incident', () => {
    expect(apply(readyFor('major_update', 'in_progress'), VALID_EVENT.major_update).incident.major?.lastUpdateAt).toBe(NOW);
    expect(refusalOf(() => apply(incident('in_progress'), VALID_EVENT.major_update))).toEqual({ code: 'not_major', params: { number: 'INC-000042' } });
  });
});

describe('the lead of a major incident', () => {
  it('may post updates without a desk role, but nothing else', () => {
    const lead = person('U_LEAD');
    const major = incident('in_progress', { major: { leadId: 'U_LEAD', declaredAt: EARLIER, lastUpdateAt: null } });
    expect(apply(major, VALID_EVENT.major_update, lead).incident.major?.lastUpdateAt).toBe(NOW);
    expect(refusalOf(() => apply(major, VALID_EVENT.resolve, lead))).toEqual({ code: 'not_allowed', params: { event: 'resolve' } });
  });
});
