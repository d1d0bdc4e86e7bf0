import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { DEFAULT_PRIORITY_MATRIX } from '../../src/domain/priority.js';
import {
  applyProblemEvent,
  assertMayCreateProblem,
  assertProblemEventAllowed,
  availableProblemActions,
  createProblem,
  knownErrorOf,
  PROBLEM_STATES,
  type ProblemActor,
  type ProblemEvent,
  type ProblemEventType,
  type ProblemState,
  type ProblemStatus,
} from '../../src/domain/problem.js';
import type { Actor, Role } from '../../src/domain/roles.js';

const EARLIER = new Date('2025-03-03T08:00:00.000Z');
const NOW = new Date('2025-03-03T10:00:00.000Z');

function person(userId: string, ...roles: Role[]): Actor {
  return { userId, roles: new Set(roles) };
}

const manager = person('U_MANAGER', 'problem_manager');
const agent = person('U_AGENT', 'service_desk');
const stranger = person('U_STRANGER', 'change_manager');

const BASE: ProblemState = {
  number: 'PRB-000007',
  state: 'new',
  title: 'VPN drops every afternoon',
  description: 'Several users lose the VPN around 15:00',
  source: 'incident',
  impact: 'medium',
  urgency: 'medium',
  priority: 'P3',
  categoryPath: 'network/vpn',
  affectedService: 'VPN',
  creatorId: 'U_AGENT',
  ownerId: null,
  rootCause: null,
  workaround: null,
  resolution: null,
  cancelReason: null,
  linkedIncidents: ['INC-000001'],
  reopenCount: 0,
  openedAt: EARLIER,
  updatedAt: EARLIER,
  knownErrorAt: null,
  resolvedAt: null,
  closedAt: null,
};

const KNOWN = { rootCause: 'Gateway session limit of 200', workaround: 'Reconnect to the second gateway' };

const IN_STATE: Record<ProblemStatus, ProblemState> = {
  new: BASE,
  investigating: { ...BASE, state: 'investigating', ownerId: 'U_MANAGER' },
  known_error: { ...BASE, state: 'known_error', ownerId: 'U_MANAGER', ...KNOWN, knownErrorAt: EARLIER },
  resolved: {
    ...BASE,
    state: 'resolved',
    ownerId: 'U_MANAGER',
    ...KNOWN,
    knownErrorAt: EARLIER,
    resolution: { notes: 'Licence raised to 500 sessions', changeNumber: 'CHG-000003' },
    resolvedAt: EARLIER,
  },
  closed: {
    ...BASE,
    state: 'closed',
    ownerId: 'U_MANAGER',
    ...KNOWN,
    knownErrorAt: EARLIER,
    resolution: { notes: 'Licence raised to 500 sessions', changeNumber: 'CHG-000003' },
    resolvedAt: EARLIER,
    closedAt: EARLIER,
  },
};

function problem(state: ProblemStatus, overrides: Partial<ProblemState> = {}): ProblemState {
  return { ...IN_STATE[state], ...overrides };
}

const VALID_EVENT: Record<ProblemEventType, ProblemEvent> = {
  investigate: { type: 'investigate' },
  assign: { type: 'assign', ownerId: 'U_ENGINEER' },
  record_known_error: { type: 'record_known_error', workaround: 'Use the web portal while connected by 4G' },
  resolve: { type: 'resolve', resolution: 'Gateway firmware upgraded', changeNumber: 'CHG-000010' },
  reopen: { type: 'reopen', reason: 'Drops again after the upgrade' },
  close: { type: 'close' },
  cancel: { type: 'cancel', reason: 'Duplicate of PRB-000002' },
  link_incident: { type: 'link_incident', incidentNumber: 'INC-000009' },
  unlink_incident: { type: 'unlink_incident', incidentNumber: 'INC-000001', reason: 'Different cause' },
  change_priority: { type: 'change_priority', impact: 'high', urgency: 'high', priority: 'P2', reason: 'Whole sales team' },
  classify: { type: 'classify', categoryPath: 'network/vpn/gateway', affectedService: 'VPN' },
  add_note: { type: 'add_note', text: 'Vendor case 4711 opened' },
};

const EVENT_TYPES = Object.keys(VALID_EVENT) as ProblemEventType[];

function refusalOf(action: () => unknown): { code: string; params: Record<string, string | number> } {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, params: error.params };
    throw error;
  }
  throw new Error('expected a DomainError, but the action succeeded');
}

function apply(from: ProblemState, event: ProblemEvent, actor: ProblemActor = manager) {
  return applyProblemEvent(from, event, actor, NOW);
}

describe('transition table', () => {
  const X = null; // refused
  // Written out by hand from the rules; columns: new, investigating, known_error, resolved, closed.
  const EXPECTED: Record<ProblemEventType, (ProblemStatus | null)[]> = {
    investigate: ['investigating', X, X, X, X],
    assign: ['new', 'investigating', 'known_error', X, X],
    record_known_error: [X, 'known_error', 'known_error', X, X],
    resolve: [X, 'resolved', 'resolved', X, X],
    reopen: [X, X, X, 'investigating', X],
    close: [X, X, X, 'closed', X],
    cancel: ['closed', 'closed', 'closed', X, X],
    link_incident: ['new', 'investigating', 'known_error', 'resolved', X],
    unlink_incident: ['new', 'investigating', 'known_error', 'resolved', X],
    change_priority: ['new', 'investigating', 'known_error', X, X],
    classify: ['new', 'investigating', 'known_error', X, X],
    add_note: ['new', 'investigating', 'known_error', 'resolved', X],
  };

  const cases = EVENT_TYPES.flatMap((type) =>
    PROBLEM_STATES.map((from, column) => ({ type, from, to: EXPECTED[type][column] ?? null })),
  );

  it('covers every event type', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...EVENT_TYPES].sort());
    expect(EVENT_TYPES).toHaveLength(12);
  });

  it.each(cases.filter((c) => c.to !== null))('$type: $from → $to', ({ type, from, to }) => {
    const result = apply(problem(from), VALID_EVENT[type]);
    expect(result.problem.state).toBe(to);
    expect(result.problem.updatedAt).toBe(NOW);
  });

  it.each(cases.filter((c) => c.to === null && c.from !== 'closed'))('$type from $from is refused', ({ type, from }) => {
    expect(refusalOf(() => apply(problem(from), VALID_EVENT[type]))).toEqual({
      code: 'transition_not_allowed',
      params: { state: from, event: type },
    });
  });

  it.each(EVENT_TYPES)('%s on a closed problem is refused as record_closed', (type) => {
    expect(refusalOf(() => apply(problem('closed'), VALID_EVENT[type]))).toEqual({
      code: 'record_closed',
      params: { number: 'PRB-000007' },
    });
  });

  it('does not change the problem it was given', () => {
    const before = problem('known_error');
    const copy = structuredClone(before);
    apply(before, VALID_EVENT.link_incident);
    apply(before, VALID_EVENT.resolve);
    expect(before).toEqual(copy);
  });
});

describe('who may cause each event', () => {
  const MANAGERS = ['problem_manager', 'admin'];
  const DESK = ['service_desk', 'second_line', 'third_line', 'incident_manager', 'security', 'admin'];
  const ROLES: Role[] = [
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
  ];
  const CANDIDATES: [string, ProblemActor][] = [
    ...ROLES.map((role): [string, ProblemActor] => [role, person(`U_${role}`, role)]),
    ['nobody in particular', person('U_PLAIN')],
    ['system', 'system'],
  ];
  const ALLOWED: Record<ProblemEventType, { from: ProblemStatus; who: string[] }> = {
    investigate: { from: 'new', who: MANAGERS },
    assign: { from: 'investigating', who: MANAGERS },
    record_known_error: { from: 'investigating', who: MANAGERS },
    resolve: { from: 'known_error', who: MANAGERS },
    reopen: { from: 'resolved', who: MANAGERS },
    close: { from: 'resolved', who: MANAGERS },
    cancel: { from: 'new', who: MANAGERS },
    link_incident: { from: 'investigating', who: [...new Set([...MANAGERS, ...DESK]), 'system'] },
    unlink_incident: { from: 'investigating', who: MANAGERS },
    change_priority: { from: 'investigating', who: MANAGERS },
    classify: { from: 'investigating', who: MANAGERS },
    add_note: { from: 'resolved', who: [...new Set([...MANAGERS, ...DESK]), 'system'] },
  };

  const cases = EVENT_TYPES.flatMap((type) =>
    CANDIDATES.map(([name, actor]) => ({ type, name, actor, allowed: ALLOWED[type].who.includes(name) })),
  );

  it.each(cases.filter((c) => c.allowed))('$type by $name is allowed', ({ type, actor }) => {
    expect(() => apply(problem(ALLOWED[type].from), VALID_EVENT[type], actor)).not.toThrow();
  });

  it.each(cases.filter((c) => !c.allowed))('$type by $name is refused as not_allowed', ({ type, actor }) => {
    expect(refusalOf(() => apply(problem(ALLOWED[type].from), VALID_EVENT[type], actor))).toEqual({
      code: 'not_allowed',
      params: { event: type },
    });
  });
});

describe('what each event changes', () => {
  it('investigate makes the problem manager the owner', () => {
    const { problem: next, changes } = apply(problem('new'), VALID_EVENT.investigate);
    expect(changes).toEqual([
      { field: 'state', from: 'new', to: 'investigating' },
      { field: 'ownerId', from: null, to: 'U_MANAGER' },
    ]);
    expect(next.ownerId).toBe('U_MANAGER');
  });

  it('investigate keeps an owner assigned before', () => {
    const { changes } = apply(problem('new', { ownerId: 'U_ENGINEER' }), VALID_EVENT.investigate);
    expect(changes).toEqual([{ field: 'state', from: 'new', to: 'investigating' }]);
  });

  it('assign hands the investigation to someone else', () => {
    expect(apply(problem('investigating'), VALID_EVENT.assign).changes).toEqual([
      { field: 'ownerId', from: 'U_MANAGER', to: 'U_ENGINEER' },
    ]);
  });

  it('record_known_error with both records both and when it became a known error', () => {
    const event: ProblemEvent = { type: 'record_known_error', rootCause: ' Session limit ', workaround: ' Reconnect ' };
    const { problem: next, changes } = apply(problem('investigating'), event);
    expect(changes).toEqual([
      { field: 'state', from: 'investigating', to: 'known_error' },
      { field: 'rootCause', from: null, to: 'Session limit' },
      { field: 'workaround', from: null, to: 'Reconnect' },
    ]);
    expect(next.knownErrorAt).toBe(NOW);
  });

  it('record_known_error with the root cause only leaves the workaround empty', () => {
    const event: ProblemEvent = { type: 'record_known_error', rootCause: 'Session limit', workaround: '  ' };
    const { problem: next } = apply(problem('investigating'), event);
    expect(next).toMatchObject({ rootCause: 'Session limit', workaround: null });
  });

  it('record_known_error again completes or corrects, keeping what was not given and the first time', () => {
    const { problem: next, changes } = apply(problem('known_error'), VALID_EVENT.record_known_error);
    expect(changes).toEqual([
      { field: 'workaround', from: KNOWN.workaround, to: 'Use the web portal while connected by 4G' },
    ]);
    expect(next).toMatchObject({ rootCause: KNOWN.rootCause, knownErrorAt: EARLIER });
  });

  it('resolve records the resolution and the normalised change number', () => {
    const event: ProblemEvent = { type: 'resolve', resolution: ' Firmware upgraded ', changeNumber: ' chg-10 ' };
    const { problem: next, changes } = apply(problem('known_error'), event);
    expect(changes).toEqual([
      { field: 'state', from: 'known_error', to: 'resolved' },
      { field: 'resolution', from: null, to: 'Firmware upgraded' },
      { field: 'changeNumber', from: null, to: 'CHG-000010' },
    ]);
    expect(next.resolvedAt).toBe(NOW);
  });

  it('resolve without a change records none', () => {
    const event: ProblemEvent = { type: 'resolve', resolution: 'Vendor patched the client', changeNumber: '' };
    expect(apply(problem('investigating'), event).problem.resolution).toEqual({
      notes: 'Vendor patched the client',
      changeNumber: null,
    });
  });

  it('reopen clears the resolution, keeps the known error, and counts the reopening', () => {
    const { problem: next, changes } = apply(problem('resolved'), VALID_EVENT.reopen);
    expect(changes).toEqual([
      { field: 'state', from: 'resolved', to: 'investigating' },
      { field: 'resolution', from: 'Licence raised to 500 sessions', to: null },
      { field: 'changeNumber', from: 'CHG-000003', to: null },
    ]);
    expect(next).toMatchObject({ resolvedAt: null, reopenCount: 1, ...KNOWN });
  });

  it('close records when', () => {
    const { problem: next, changes } = apply(problem('resolved'), VALID_EVENT.close);
    expect(changes).toEqual([{ field: 'state', from: 'resolved', to: 'closed' }]);
    expect(next.closedAt).toBe(NOW);
  });

  it('cancel closes an open problem with the reason', () => {
    const { problem: next, changes } = apply(problem('investigating'), VALID_EVENT.cancel);
    expect(changes).toEqual([{ field: 'state', from: 'investigating', to: 'closed' }]);
    expect(next).toMatchObject({ cancelReason: 'Duplicate of PRB-000002', closedAt: NOW, resolution: null });
  });

  it('link_incident adds the normalised number at the end', () => {
    const { problem: next, changes } = apply(problem('new'), { type: 'link_incident', incidentNumber: 'inc-9' }, agent);
    expect(changes).toEqual([{ field: 'linkedIncident', from: null, to: 'INC-000009' }]);
    expect(next.linkedIncidents).toEqual(['INC-000001', 'INC-000009']);
  });

  it('unlink_incident removes the incident', () => {
    const { problem: next, changes } = apply(problem('investigating'), VALID_EVENT.unlink_incident);
    expect(changes).toEqual([{ field: 'linkedIncident', from: 'INC-000001', to: null }]);
    expect(next.linkedIncidents).toEqual([]);
  });

  it('change_priority records each axis that changed', () => {
    expect(apply(problem('known_error'), VALID_EVENT.change_priority).changes).toEqual([
      { field: 'impact', from: 'medium', to: 'high' },
      { field: 'urgency', from: 'medium', to: 'high' },
      { field: 'priority', from: 'P3', to: 'P2' },
    ]);
  });

  it('classify changes the category and the service, and may clear them', () => {
    expect(apply(problem('new'), VALID_EVENT.classify).changes).toEqual([
      { field: 'categoryPath', from: 'network/vpn', to: 'network/vpn/gateway' },
    ]);
    const cleared: ProblemEvent = { type: 'classify', categoryPath: 'network/vpn', affectedService: null };
    expect(apply(problem('new'), cleared).changes).toEqual([{ field: 'affectedService', from: 'VPN', to: null }]);
  });

  it('add_note changes no field', () => {
    const before = problem('resolved');
    const { problem: next, changes } = apply(before, VALID_EVENT.add_note, 'system');
    expect(changes).toEqual([]);
    expect(next).toEqual({ ...before, updatedAt: NOW });
  });
});

describe('refusals that depend on the request', () => {
  it.each<[string, ProblemEvent]>([
    ['nothing', { type: 'record_known_error' }],
    ['blanks', { type: 'record_known_error', rootCause: ' ', workaround: '\n' }],
  ])('record_known_error with %s is refused: a root cause or a workaround is needed', (_label, event) => {
    expect(refusalOf(() => apply(problem('investigating'), event))).toEqual({
      code: 'root_cause_or_workaround_required',
      params: { number: 'PRB-000007' },
    });
  });

  it('record_known_error repeating what is recorded is refused as already_done', () => {
    expect(refusalOf(() => apply(problem('known_error'), { type: 'record_known_error', ...KNOWN }))).toEqual({
      code: 'already_done',
      params: { event: 'record_known_error' },
    });
  });

  it('record_known_error after a reopening may repeat what is recorded, to mark it a known error again', () => {
    const reopened = problem('investigating', { ...KNOWN, knownErrorAt: EARLIER });
    expect(apply(reopened, { type: 'record_known_error', ...KNOWN }).changes).toEqual([
      { field: 'state', from: 'investigating', to: 'known_error' },
    ]);
  });

  it('resolve needs a resolution', () => {
    expect(refusalOf(() => apply(problem('investigating'), { type: 'resolve', resolution: ' ' }))).toEqual({
      code: 'text_required',
      params: { field: 'resolution' },
    });
  });

  it.each(['INC-000010', 'change 10'])('resolve refuses a change number that is not a change (%j)', (changeNumber) => {
    expect(refusalOf(() => apply(problem('investigating'), { type: 'resolve', resolution: 'Fixed', changeNumber }))).toEqual({
      code: 'invalid_input',
      params: { field: 'changeNumber', value: changeNumber },
    });
  });

  it.each<[string, ProblemStatus, ProblemEvent]>([
    ['reopen', 'resolved', { type: 'reopen', reason: ' ' }],
    ['cancel', 'new', { type: 'cancel', reason: '' }],
    ['unlink_incident', 'new', { type: 'unlink_incident', incidentNumber: 'INC-000001', reason: '' }],
    ['change_priority', 'new', { type: 'change_priority', impact: 'high', urgency: 'high', priority: 'P2', reason: '' }],
  ])('%s without a reason is refused as reason_required', (_type, from, event) => {
    expect(refusalOf(() => apply(problem(from), event))).toEqual({ code: 'reason_required', params: { field: 'reason' } });
  });

  it('link_incident of an incident already linked is refused as already_done', () => {
    expect(refusalOf(() => apply(problem('new'), { type: 'link_incident', incidentNumber: 'inc-000001' }))).toEqual({
      code: 'already_done',
      params: { event: 'link_incident' },
    });
  });

  it.each(['PRB-000001', 'the printer one', ''])('link_incident refuses what is not an incident number (%j)', (incidentNumber) => {
    expect(refusalOf(() => apply(problem('new'), { type: 'link_incident', incidentNumber }))).toEqual({
      code: 'invalid_input',
      params: { field: 'incidentNumber', value: incidentNumber },
    });
  });

  it('unlink_incident of an incident that is not linked is refused', () => {
    const event: ProblemEvent = { type: 'unlink_incident', incidentNumber: 'INC-000002', reason: 'typo' };
    expect(refusalOf(() => apply(problem('new'), event))).toEqual({
      code: 'incident_not_linked',
      params: { problem: 'PRB-000007', incident: 'INC-000002' },
    });
  });

  it('unlink_incident is refused, and not offered, when nothing is linked', () => {
    const unlinked = problem('investigating', { linkedIncidents: [] });
    expect(refusalOf(() => apply(unlinked, VALID_EVENT.unlink_incident))).toEqual({
      code: 'incident_not_linked',
      params: { problem: 'PRB-000007' },
    });
    expect(availableProblemActions(unlinked, manager)).not.toContain('unlink_incident');
  });

  it.each<[string, ProblemEvent]>([
    ['assign to the owner', { type: 'assign', ownerId: 'U_MANAGER' }],
    ['change_priority to the same', { type: 'change_priority', impact: 'medium', urgency: 'medium', priority: 'P3', reason: 'x' }],
    ['classify as it is', { type: 'classify', categoryPath: 'network/vpn', affectedService: ' VPN ' }],
  ])('%s is refused as already_done', (_label, event) => {
    expect(refusalOf(() => apply(problem('investigating'), event))).toEqual({
      code: 'already_done',
      params: { event: event.type },
    });
  });

  it('assign to nobody is refused', () => {
    expect(refusalOf(() => apply(problem('investigating'), { type: 'assign', ownerId: ' ' }))).toEqual({
      code: 'invalid_input',
      params: { field: 'ownerId' },
    });
  });

  it('an empty note is refused', () => {
    expect(refusalOf(() => apply(problem('new'), { type: 'add_note', text: ' ' }, agent))).toEqual({
      code: 'text_required',
      params: { field: 'text' },
    });
  });
});

describe('availableProblemActions', () => {
  it.each<[string, ProblemState, ProblemActor, string[]]>([
    [
      'the problem manager, new',
      problem('new'),
      manager,
      ['investigate', 'assign', 'cancel', 'link_incident', 'unlink_incident', 'change_priority', 'classify', 'add_note'],
    ],
    [
      'the problem manager, investigating',
      problem('investigating'),
      manager,
      ['assign', 'record_known_error', 'resolve', 'cancel', 'link_incident', 'unlink_incident', 'change_priority', 'classify', 'add_note'],
    ],
    [
      'the problem manager, known error',
      problem('known_error'),
      manager,
      ['assign', 'record_known_error', 'resolve', 'cancel', 'link_incident', 'unlink_incident', 'change_priority', 'classify', 'add_note'],
    ],
    ['the problem manager, resolved', problem('resolved'), manager, ['reopen', 'close', 'link_incident', 'unlink_incident', 'add_note']],
    ['the problem manager, closed', problem('closed'), manager, []],
    ['a desk agent, investigating', problem('investigating'), agent, ['link_incident', 'add_note']],
    ['a desk agent, resolved', problem('resolved'), agent, ['link_incident', 'add_note']],
    ['the system, known error', problem('known_error'), 'system', ['link_incident', 'add_note']],
    ['someone unrelated, new', problem('new'), stranger, []],
  ])('%s', (_label, from, actor, expected) => {
    expect(availableProblemActions(from, actor)).toEqual(expected);
  });

  it('assertProblemEventAllowed throws the same refusal as applying', () => {
    expect(refusalOf(() => assertProblemEventAllowed(problem('new'), 'investigate', agent))).toEqual({
      code: 'not_allowed',
      params: { event: 'investigate' },
    });
    expect(() => assertProblemEventAllowed(problem('new'), 'investigate', manager)).not.toThrow();
  });
});

describe('createProblem', () => {
  it('starts new, with priority from the matrix and the incidents it came from', () => {
    const created = createProblem(
      {
        number: 'PRB-000008',
        creatorId: 'U_AGENT',
        title: ' Printers jam on floor 3 ',
        description: 'Three jams this week ',
        source: 'trend_analysis',
        impact: 'high',
        urgency: 'high',
        categoryPath: 'hardware/printer',
        affectedService: ' Printer 3F ',
        linkedIncidents: ['INC-000003', 'inc-4', 'INC-000003'],
      },
      DEFAULT_PRIORITY_MATRIX,
      NOW,
    );
    expect(created).toEqual({
      number: 'PRB-000008',
      state: 'new',
      title: 'Printers jam on floor 3',
      description: 'Three jams this week',
      source: 'trend_analysis',
      impact: 'high',
      urgency: 'high',
      priority: 'P2',
      categoryPath: 'hardware/printer',
      affectedService: 'Printer 3F',
      creatorId: 'U_AGENT',
      ownerId: null,
      rootCause: null,
      workaround: null,
      resolution: null,
      cancelReason: null,
      linkedIncidents: ['INC-000003', 'INC-000004'],
      reopenCount: 0,
      openedAt: NOW,
      updatedAt: NOW,
      knownErrorAt: null,
      resolvedAt: null,
      closedAt: null,
    });
  });

  it('defaults to medium impact and urgency, no classification and no incidents', () => {
    const created = createProblem(
      { number: 'PRB-000009', creatorId: 'U_AGENT', title: 'Slow logins', description: '', source: 'proactive' },
      DEFAULT_PRIORITY_MATRIX,
      NOW,
    );
    expect(created).toMatchObject({ priority: 'P3', categoryPath: null, affectedService: null, linkedIncidents: [] });
  });

  it('needs a title', () => {
    const input = { number: 'PRB-000009', creatorId: 'U_AGENT', title: ' ', description: '', source: 'incident' as const };
    expect(refusalOf(() => createProblem(input, DEFAULT_PRIORITY_MATRIX, NOW))).toEqual({
      code: 'text_required',
      params: { field: 'title' },
    });
  });

  it.each<[string, ProblemActor, boolean]>([
    ['a desk agent', agent, true],
    ['the problem manager', manager, true],
    ['the system', 'system', true],
    ['someone unrelated', stranger, false],
  ])('may be recorded by %s: %s', (_label, actor, allowed) => {
    if (allowed) expect(() => assertMayCreateProblem(actor)).not.toThrow();
    else expect(refusalOf(() => assertMayCreateProblem(actor))).toEqual({ code: 'not_allowed', params: { event: 'create_problem' } });
  });
});

describe('knownErrorOf', () => {
  const VIEW = {
    number: 'PRB-000007',
    title: 'VPN drops every afternoon',
    categoryPath: 'network/vpn',
    affectedService: 'VPN',
    ...KNOWN,
  };

  it.each<[string, ProblemState, typeof VIEW | null]>([
    ['a new problem', problem('new'), null],
    ['a problem under investigation, nothing known', problem('investigating'), null],
    ['a known error', problem('known_error'), VIEW],
    ['a reopened problem with a known workaround', problem('investigating', KNOWN), VIEW],
    ['a resolved problem', problem('resolved'), null],
    ['a closed problem', problem('closed'), null],
  ])('%s', (_label, from, expected) => {
    expect(knownErrorOf(from)).toEqual(expected);
  });
});
