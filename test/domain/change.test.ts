import { describe, expect, it } from 'vitest';
import {
  applyChangeEvent,
  assertChangeEventAllowed,
  availableChangeActions,
  CHANGE_STATES,
  createChange,
  isChangeFinished,
  type ChangeActor,
  type ChangeEvent,
  type ChangeEventType,
  type ChangeRecordState,
  type ChangeState,
} from '../../src/domain/change.js';
import { DomainError } from '../../src/domain/errors.js';
import {
  postImplementationReviewSchema,
  reviewOutcome,
  type PostImplementationReview,
  type ReviewOutcome,
} from '../../src/domain/review.js';
import { ROLES, type Actor, type Role } from '../../src/domain/roles.js';

const EARLIER = new Date('2025-03-03T08:00:00.000Z');
const NOW = new Date('2025-03-03T10:00:00.000Z');
const PLANNED_START = new Date('2025-03-08T14:00:00.000Z');
const PLANNED_END = new Date('2025-03-08T16:00:00.000Z');

const REQUESTER_ID = 'U_REQUESTER';
const IMPLEMENTER_ID = 'U_IMPLEMENTER';

function person(userId: string, ...roles: Role[]): Actor {
  return { userId, roles: new Set(roles) };
}

const requester = person(REQUESTER_ID);
const implementer = person(IMPLEMENTER_ID, 'second_line');
const changeManager = person('U_CHANGE_MANAGER', 'change_manager');
const cabMember = person('U_CAB', 'cab');

const GOOD_REVIEW: PostImplementationReview = {
  objectivesMet: true,
  customerSatisfied: true,
  unexpectedNegativeEffects: false,
  notes: '',
};

const BASE: ChangeRecordState = {
  number: 'CHG-000123',
  title: 'Upgrade the mail server',
  description: 'Exchange CU14 to fix the calendar bug',
  type: 'normal',
  templateId: null,
  affectedServices: ['email'],
  configurationItemIds: ['CI-MAIL-01'],
  plannedStart: PLANNED_START,
  plannedEnd: PLANNED_END,
  implementationPlan: 'Drain, patch, restart, undrain',
  backoutPlan: 'Restore the VM snapshot',
  testPlan: 'Send and receive a test mail',
  risk: { assessed: 'medium', level: 'medium', overrideReason: null },
  requesterId: REQUESTER_ID,
  implementerId: IMPLEMENTER_ID,
  state: 'draft',
  createdAt: EARLIER,
  updatedAt: EARLIER,
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

const SUBMITTED = { ...BASE, submittedAt: EARLIER };
const AUTHORISED = { ...SUBMITTED, authorisedAt: EARLIER };
const STARTED = { ...AUTHORISED, startedAt: EARLIER };
const ENDED = { ...STARTED, endedAt: EARLIER };

const IN_STATE: Record<ChangeState, ChangeRecordState> = {
  draft: BASE,
  assessment: { ...SUBMITTED, state: 'assessment' },
  authorisation: { ...SUBMITTED, state: 'authorisation' },
  scheduled: { ...AUTHORISED, state: 'scheduled' },
  implementing: { ...STARTED, state: 'implementing' },
  review: { ...ENDED, state: 'review' },
  closed: { ...ENDED, state: 'closed', review: GOOD_REVIEW, reviewedAt: EARLIER, closedAt: EARLIER },
  rejected: { ...SUBMITTED, state: 'rejected', rejection: { reason: 'Too risky', at: EARLIER } },
  cancelled: { ...BASE, state: 'cancelled', cancellation: { reason: 'Not needed', at: EARLIER } },
  failed: { ...ENDED, state: 'failed', failure: { reason: 'Patch broke OWA', at: EARLIER }, problemSuggested: true },
};

function change(state: ChangeState, overrides: Partial<ChangeRecordState> = {}): ChangeRecordState {
  return { ...IN_STATE[state], ...overrides };
}

/** What an event needs of the record besides its state. */
const PRECONDITION: Partial<Record<ChangeEventType, Partial<ChangeRecordState>>> = {
  retrospective_review: { type: 'emergency' },
  close: { review: GOOD_REVIEW, reviewedAt: EARLIER },
};

function readyFor(type: ChangeEventType, state: ChangeState): ChangeRecordState {
  return change(state, PRECONDITION[type] ?? {});
}

const NEW_WINDOW = { start: new Date('2025-03-09T14:00:00.000Z'), end: new Date('2025-03-09T16:00:00.000Z') };

const VALID_EVENT: Record<ChangeEventType, ChangeEvent> = {
  submit: { type: 'submit' },
  assess: { type: 'assess' },
  authorise: { type: 'authorise' },
  reject: { type: 'reject', reason: 'No business case' },
  reschedule: { type: 'reschedule', window: NEW_WINDOW, reason: 'Clashes with the payroll run' },
  start: { type: 'start' },
  complete: { type: 'complete' },
  fail: { type: 'fail', reason: 'Patch broke OWA; snapshot restored' },
  review_done: { type: 'review_done', review: GOOD_REVIEW },
  retrospective_review: { type: 'retrospective_review', notes: 'Justified; should have been tested on staging' },
  close: { type: 'close' },
  cancel: { type: 'cancel', reason: 'Vendor withdrew the patch' },
};

const ACTOR_FOR: Record<ChangeEventType, ChangeActor> = {
  submit: requester,
  assess: changeManager,
  authorise: 'system',
  reject: 'system',
  reschedule: changeManager,
  start: implementer,
  complete: implementer,
  fail: implementer,
  review_done: changeManager,
  retrospective_review: cabMember,
  close: changeManager,
  cancel: requester,
};

const EVENT_TYPES = Object.keys(VALID_EVENT) as ChangeEventType[];

function refusalOf(action: () => unknown): { code: string; params: Record<string, string | number> } {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, params: error.params };
    throw error;
  }
  throw new Error('expected a DomainError, but the action succeeded');
}

function apply(from: ChangeRecordState, event: ChangeEvent, actor: ChangeActor) {
  return applyChangeEvent(from, event, actor, NOW);
}

const LOCKED: ChangeState[] = ['closed', 'rejected', 'cancelled'];

describe('transition table', () => {
  const X = null; // refused
  // Written out by hand from the rules, for a normal change (emergency for retrospective_review).
  // Columns: draft, assessment, authorisation, scheduled, implementing, review, closed, rejected, cancelled, failed.
  const EXPECTED: Record<ChangeEventType, (ChangeState | null)[]> = {
    submit: ['assessment', X, X, X, X, X, X, X, X, X],
    assess: [X, 'authorisation', X, X, X, X, X, X, X, X],
    authorise: [X, X, 'scheduled', X, X, X, X, X, X, X],
    reject: [X, 'rejected', 'rejected', X, X, X, X, X, X, X],
    reschedule: [X, 'assessment', 'authorisation', 'scheduled', X, X, X, X, X, X],
    start: [X, X, X, 'implementing', X, X, X, X, X, X],
    complete: [X, X, X, X, 'review', X, X, X, X, X],
    fail: [X, X, X, X, 'failed', X, X, X, X, X],
    review_done: [X, X, X, X, X, 'review', X, X, X, 'failed'],
    retrospective_review: [X, X, X, X, X, 'review', X, X, X, 'failed'],
    close: [X, X, X, X, X, 'closed', X, X, X, X],
    cancel: ['cancelled', 'cancelled', 'cancelled', 'cancelled', X, X, X, X, X, X],
  };

  const cases = EVENT_TYPES.flatMap((type) =>
    CHANGE_STATES.map((from, column) => ({ type, from, to: EXPECTED[type][column] ?? null })),
  );

  it('covers every event type and state', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...EVENT_TYPES].sort());
    expect(EVENT_TYPES).toHaveLength(12);
    expect(CHANGE_STATES).toHaveLength(10);
  });

  it.each(cases.filter((c) => c.to !== null))('$type: $from → $to', ({ type, from, to }) => {
    const result = apply(readyFor(type, from), VALID_EVENT[type], ACTOR_FOR[type]);
    expect(result.change.state).toBe(to);
    expect(result.change.updatedAt).toBe(NOW);
  });

  it.each(cases.filter((c) => c.to === null && !LOCKED.includes(c.from)))('$type from $from is refused', ({ type, from }) => {
    expect(refusalOf(() => apply(readyFor(type, from), VALID_EVENT[type], ACTOR_FOR[type]))).toEqual({
      code: 'transition_not_allowed',
      params: { state: from, event: type },
    });
  });

  it.each(LOCKED.flatMap((from) => EVENT_TYPES.map((type) => ({ type, from }))))(
    '$type on a $from change is refused as record_closed',
    ({ type, from }) => {
      expect(refusalOf(() => apply(readyFor(type, from), VALID_EVENT[type], ACTOR_FOR[type]))).toEqual({
        code: 'record_closed',
        params: { number: 'CHG-000123' },
      });
    },
  );

  it('does not change the record it was given', () => {
    const before = change('implementing');
    const copy = structuredClone(before);
    apply(before, VALID_EVENT.fail, implementer);
    expect(before).toEqual(copy);
  });
});

describe('who may cause each event', () => {
  const CANDIDATES: [string, ChangeActor][] = [
    ...ROLES.map((role): [string, ChangeActor] => [role, person(`U_${role}`, role)]),
    ['requester', requester],
    ['implementer', implementer],
    ['system', 'system'],
  ];
  const ALLOWED: Record<ChangeEventType, { from: ChangeState; who: string[] }> = {
    submit: { from: 'draft', who: ['requester'] },
    assess: { from: 'assessment', who: ['change_manager', 'system'] },
    authorise: { from: 'authorisation', who: ['system'] },
    reject: { from: 'assessment', who: ['change_manager', 'system'] },
    reschedule: { from: 'scheduled', who: ['change_manager'] },
    start: { from: 'scheduled', who: ['implementer', 'change_manager'] },
    complete: { from: 'implementing', who: ['implementer', 'change_manager'] },
    fail: { from: 'implementing', who: ['implementer', 'change_manager'] },
    review_done: { from: 'review', who: ['change_manager'] },
    retrospective_review: { from: 'review', who: ['cab'] },
    close: { from: 'review', who: ['change_manager', 'system'] },
    cancel: { from: 'scheduled', who: ['requester', 'change_manager'] },
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

  it('lets only the approval tally (the system) reject during authorisation', () => {
    expect(refusalOf(() => apply(change('authorisation'), VALID_EVENT.reject, changeManager))).toEqual({
      code: 'not_allowed',
      params: { event: 'reject' },
    });
    expect(apply(change('authorisation'), VALID_EVENT.reject, 'system').change.state).toBe('rejected');
  });

  it('treats a change manager who requested the change as both parties', () => {
    const both = person(REQUESTER_ID, 'change_manager');
    expect(availableChangeActions(change('assessment'), both)).toEqual(['assess', 'reject', 'reschedule', 'cancel']);
  });
});

describe('standard changes', () => {
  const standard = (state: ChangeState, overrides: Partial<ChangeRecordState> = {}) =>
    change(state, { type: 'standard', templateId: 'TPL-PASSWORD-POLICY', ...overrides });

  it('skip authorisation: assessment goes straight to scheduled', () => {
    const { change: next, changes } = apply(standard('assessment'), VALID_EVENT.assess, changeManager);
    expect(changes).toEqual([{ field: 'state', from: 'assessment', to: 'scheduled' }]);
    expect(next.authorisedAt).toBeNull();
  });

  it('run draft → assessment → scheduled → implementing → review → closed', () => {
    const steps: [ChangeEvent, ChangeActor][] = [
      [VALID_EVENT.submit, requester],
      [VALID_EVENT.assess, changeManager],
      [VALID_EVENT.start, implementer],
      [VALID_EVENT.complete, implementer],
      [VALID_EVENT.review_done, changeManager],
      [VALID_EVENT.close, changeManager],
    ];
    let current = standard('draft');
    const states = steps.map(([event, actor]) => {
      current = apply(current, event, actor).change;
      return current.state;
    });
    expect(states).toEqual(['assessment', 'scheduled', 'implementing', 'review', 'review', 'closed']);
  });

  it('need their catalogue template to be submitted', () => {
    expect(refusalOf(() => apply(standard('draft', { templateId: null }), VALID_EVENT.submit, requester))).toEqual({
      code: 'invalid_input',
      params: { field: 'templateId' },
    });
  });
});

describe('emergency changes', () => {
  const emergency = (state: ChangeState, overrides: Partial<ChangeRecordState> = {}) =>
    change(state, { type: 'emergency', ...overrides });

  it('go through authorisation (the emergency CAB)', () => {
    expect(apply(emergency('assessment'), VALID_EVENT.assess, changeManager).change.state).toBe('authorisation');
  });

  it('need the retrospective CAB review, after the post-implementation review, before closing', () => {
    const reviewed = apply(emergency('review'), VALID_EVENT.review_done, changeManager).change;
    expect(refusalOf(() => apply(reviewed, VALID_EVENT.close, changeManager))).toEqual({
      code: 'retrospective_review_required',
      params: { number: 'CHG-000123' },
    });
    expect(availableChangeActions(reviewed, changeManager)).toEqual([]);
    expect(availableChangeActions(reviewed, cabMember)).toEqual(['retrospective_review']);

    const { change: looked, changes } = apply(reviewed, VALID_EVENT.retrospective_review, cabMember);
    expect(changes).toEqual([{ field: 'retrospectiveReviewerId', from: null, to: 'U_CAB' }]);
    expect(looked.retrospective).toEqual({
      reviewerId: 'U_CAB',
      notes: 'Justified; should have been tested on staging',
      at: NOW,
    });
    expect(availableChangeActions(looked, changeManager)).toEqual(['close']);
    expect(apply(looked, VALID_EVENT.close, changeManager).change.state).toBe('closed');
  });

  it('may be looked back on once only', () => {
    const looked = apply(emergency('review'), VALID_EVENT.retrospective_review, cabMember).change;
    expect(refusalOf(() => apply(looked, VALID_EVENT.retrospective_review, cabMember))).toEqual({
      code: 'already_done',
      params: { event: 'retrospective_review' },
    });
  });

  it('also get their retrospective review when they failed', () => {
    expect(availableChangeActions(emergency('failed'), cabMember)).toEqual(['retrospective_review']);
  });

  it('need notes for the retrospective review', () => {
    expect(refusalOf(() => apply(emergency('review'), { type: 'retrospective_review', notes: ' ' }, cabMember))).toEqual({
      code: 'text_required',
      params: { field: 'notes' },
    });
  });

  it('are the only ones with a retrospective review', () => {
    expect(refusalOf(() => apply(change('review'), VALID_EVENT.retrospective_review, cabMember))).toEqual({
      code: 'not_emergency',
      params: { number: 'CHG-000123' },
    });
  });
});

describe('cancelling', () => {
  it.each<ChangeState>(['draft', 'assessment', 'authorisation', 'scheduled'])(
    'is possible from %s, with the reason kept',
    (state) => {
      const { change: next, changes } = apply(change(state), { type: 'cancel', reason: '  Not needed ' }, changeManager);
      expect(changes).toEqual([{ field: 'state', from: state, to: 'cancelled' }]);
      expect(next.cancellation).toEqual({ reason: 'Not needed', at: NOW });
    },
  );

  it.each<ChangeState>(['implementing', 'review', 'failed'])('is not possible once implementation began (%s)', (state) => {
    expect(refusalOf(() => apply(change(state), VALID_EVENT.cancel, changeManager))).toEqual({
      code: 'transition_not_allowed',
      params: { state, event: 'cancel' },
    });
  });

  it('needs a reason', () => {
    expect(refusalOf(() => apply(change('draft'), { type: 'cancel', reason: '' }, requester))).toEqual({
      code: 'reason_required',
      params: { field: 'reason' },
    });
  });
});

describe('submitting', () => {
  it('records when the RFC was submitted', () => {
    const { change: next, changes } = apply(change('draft'), VALID_EVENT.submit, requester);
    expect(changes).toEqual([{ field: 'state', from: 'draft', to: 'assessment' }]);
    expect(next.submittedAt).toBe(NOW);
  });

  it.each<[string, Partial<ChangeRecordState>, { code: string; params: Record<string, string> }]>([
    ['a title', { title: ' ' }, { code: 'text_required', params: { field: 'title' } }],
    ['an implementation plan', { implementationPlan: '' }, { code: 'text_required', params: { field: 'implementationPlan' } }],
    ['a back-out plan', { backoutPlan: '' }, { code: 'text_required', params: { field: 'backoutPlan' } }],
    ['a test plan', { testPlan: '\n' }, { code: 'text_required', params: { field: 'testPlan' } }],
    [
      'a configuration item or service',
      { configurationItemIds: [], affectedServices: [] },
      { code: 'invalid_input', params: { field: 'configurationItemIds' } },
    ],
    ['an end after the start', { plannedEnd: PLANNED_START }, { code: 'invalid_input', params: { field: 'plannedEnd' } }],
  ])('needs %s', (_what, overrides, refused) => {
    expect(refusalOf(() => apply(change('draft', overrides), VALID_EVENT.submit, requester))).toEqual(refused);
  });

  it('accepts a change on a service without naming configuration items', () => {
    expect(apply(change('draft', { configurationItemIds: [] }), VALID_EVENT.submit, requester).change.state).toBe('assessment');
  });
});

describe('what each event changes', () => {
  it('assess may override the risk with a reason', () => {
    const event: ChangeEvent = { type: 'assess', riskOverride: { level: 'high', reason: ' Quarter-end close ' } };
    const { change: next, changes } = apply(change('assessment'), event, changeManager);
    expect(changes).toEqual([
      { field: 'state', from: 'assessment', to: 'authorisation' },
      { field: 'riskLevel', from: 'medium', to: 'high' },
    ]);
    expect(next.risk).toEqual({ assessed: 'medium', level: 'high', overrideReason: 'Quarter-end close' });
  });

  it('assess refuses a risk override without a reason', () => {
    const event: ChangeEvent = { type: 'assess', riskOverride: { level: 'low', reason: '' } };
    expect(refusalOf(() => apply(change('assessment'), event, changeManager))).toEqual({
      code: 'reason_required',
      params: { field: 'reason' },
    });
  });

  it('authorise records the moment', () => {
    const { change: next, changes } = apply(change('authorisation'), VALID_EVENT.authorise, 'system');
    expect(changes).toEqual([{ field: 'state', from: 'authorisation', to: 'scheduled' }]);
    expect(next.authorisedAt).toBe(NOW);
  });

  it('reject keeps the reason and needs one', () => {
    const { change: next } = apply(change('assessment'), VALID_EVENT.reject, changeManager);
    expect(next.rejection).toEqual({ reason: 'No business case', at: NOW });
    expect(refusalOf(() => apply(change('assessment'), { type: 'reject', reason: ' ' }, changeManager))).toEqual({
      code: 'reason_required',
      params: { field: 'reason' },
    });
  });

  it('reschedule moves the planned window', () => {
    const { change: next, changes } = apply(change('scheduled'), VALID_EVENT.reschedule, changeManager);
    expect(changes).toEqual([
      { field: 'plannedStart', from: '2025-03-08T14:00:00.000Z', to: '2025-03-09T14:00:00.000Z' },
      { field: 'plannedEnd', from: '2025-03-08T16:00:00.000Z', to: '2025-03-09T16:00:00.000Z' },
    ]);
    expect(next.state).toBe('scheduled');
  });

  it.each<[string, ChangeEvent, { code: string; params: Record<string, string> }]>([
    [
      'the same window',
      { type: 'reschedule', window: { start: PLANNED_START, end: PLANNED_END }, reason: 'x' },
      { code: 'already_done', params: { event: 'reschedule' } },
    ],
    [
      'an end before the start',
      { type: 'reschedule', window: { start: PLANNED_END, end: PLANNED_START }, reason: 'x' },
      { code: 'invalid_input', params: { field: 'plannedEnd' } },
    ],
    ['no reason', { type: 'reschedule', window: NEW_WINDOW, reason: '' }, { code: 'reason_required', params: { field: 'reason' } }],
  ])('reschedule refuses %s', (_what, event, refused) => {
    expect(refusalOf(() => apply(change('scheduled'), event, changeManager))).toEqual(refused);
  });

  it('start and complete record the actual times', () => {
    const started = apply(change('scheduled'), VALID_EVENT.start, implementer).change;
    expect(started.startedAt).toBe(NOW);
    const completed = apply(started, VALID_EVENT.complete, implementer);
    expect(completed.changes).toEqual([{ field: 'state', from: 'implementing', to: 'review' }]);
    expect(completed.change.endedAt).toBe(NOW);
  });

  it('fail records the roll-back and offers to open a problem', () => {
    const { change: next, changes } = apply(change('implementing'), VALID_EVENT.fail, implementer);
    expect(changes).toEqual([
      { field: 'state', from: 'implementing', to: 'failed' },
      { field: 'problemSuggested', from: 'false', to: 'true' },
    ]);
    expect(next).toMatchObject({
      failure: { reason: 'Patch broke OWA; snapshot restored', at: NOW },
      endedAt: NOW,
      problemSuggested: true,
    });
  });

  it('fail needs a reason', () => {
    expect(refusalOf(() => apply(change('implementing'), { type: 'fail', reason: '' }, implementer))).toEqual({
      code: 'reason_required',
      params: { field: 'reason' },
    });
  });

  it.each<[PostImplementationReview, string]>([
    [GOOD_REVIEW, 'successful'],
    [{ ...GOOD_REVIEW, customerSatisfied: false }, 'successful_with_issues'],
    [{ ...GOOD_REVIEW, objectivesMet: false }, 'unsuccessful'],
  ])('review_done records the review and its outcome (%#)', (review, outcome) => {
    const { change: next, changes } = apply(change('review'), { type: 'review_done', review }, changeManager);
    expect(changes).toEqual([{ field: 'reviewOutcome', from: null, to: outcome }]);
    expect(next).toMatchObject({ review, reviewedAt: NOW, state: 'review' });
  });

  it('review_done refuses negative effects without notes, and a second review', () => {
    const unexplained = { type: 'review_done', review: { ...GOOD_REVIEW, unexpectedNegativeEffects: true } } as const;
    expect(refusalOf(() => apply(change('review'), unexplained, changeManager))).toEqual({
      code: 'invalid_input',
      params: { field: 'notes' },
    });
    const reviewed = apply(change('review'), VALID_EVENT.review_done, changeManager).change;
    expect(refusalOf(() => apply(reviewed, VALID_EVENT.review_done, changeManager))).toEqual({
      code: 'already_done',
      params: { event: 'review_done' },
    });
  });

  it('close needs the post-implementation review first', () => {
    expect(refusalOf(() => apply(change('review'), VALID_EVENT.close, changeManager))).toEqual({
      code: 'review_required',
      params: { number: 'CHG-000123' },
    });
  });

  it('close records the moment', () => {
    const { change: next, changes } = apply(readyFor('close', 'review'), VALID_EVENT.close, changeManager);
    expect(changes).toEqual([{ field: 'state', from: 'review', to: 'closed' }]);
    expect(next.closedAt).toBe(NOW);
  });
});

describe('availableChangeActions', () => {
  const stranger = person('U_STRANGER', 'service_desk');

  it.each<[string, ChangeRecordState, ChangeActor, ChangeEventType[]]>([
    ['the requester, draft', change('draft'), requester, ['submit', 'cancel']],
    ['the change manager, draft', change('draft'), changeManager, ['cancel']],
    ['the change manager, assessment', change('assessment'), changeManager, ['assess', 'reject', 'reschedule', 'cancel']],
    ['the change manager, authorisation', change('authorisation'), changeManager, ['reschedule', 'cancel']],
    ['the system, authorisation', change('authorisation'), 'system', ['authorise', 'reject']],
    ['the requester, scheduled', change('scheduled'), requester, ['cancel']],
    ['the implementer, scheduled', change('scheduled'), implementer, ['start']],
    ['the change manager, scheduled', change('scheduled'), changeManager, ['reschedule', 'start', 'cancel']],
    ['the implementer, implementing', change('implementing'), implementer, ['complete', 'fail']],
    ['the requester, implementing', change('implementing'), requester, []],
    ['the change manager, review', change('review'), changeManager, ['review_done']],
    ['the change manager, reviewed', readyFor('close', 'review'), changeManager, ['close']],
    ['a CAB member, review of a normal change', change('review'), cabMember, []],
    ['the change manager, failed', change('failed'), changeManager, ['review_done']],
    ['the change manager, failed and reviewed', change('failed', { review: GOOD_REVIEW }), changeManager, []],
    ['the change manager, closed', change('closed'), changeManager, []],
    ['the change manager, rejected', change('rejected'), changeManager, []],
    ['the change manager, cancelled', change('cancelled'), changeManager, []],
    ['someone unrelated, scheduled', change('scheduled'), stranger, []],
  ])('%s', (_label, from, actor, expected) => {
    expect(availableChangeActions(from, actor)).toEqual(expected);
  });
});

describe('assertChangeEventAllowed', () => {
  it('throws the refusal before a form is opened', () => {
    expect(refusalOf(() => assertChangeEventAllowed(change('review'), 'close', changeManager))).toEqual({
      code: 'review_required',
      params: { number: 'CHG-000123' },
    });
    expect(() => assertChangeEventAllowed(change('review'), 'review_done', changeManager)).not.toThrow();
  });
});

describe('isChangeFinished', () => {
  it.each<[ChangeState, boolean]>([
    ['draft', false],
    ['assessment', false],
    ['authorisation', false],
    ['scheduled', false],
    ['implementing', false],
    ['review', false],
    ['closed', true],
    ['rejected', true],
    ['cancelled', true],
    ['failed', true],
  ])('%s → %s', (state, finished) => {
    expect(isChangeFinished(state)).toBe(finished);
  });
});

describe('createChange', () => {
  it('starts a draft with the risk from the questionnaire', () => {
    const created = createChange(
      {
        number: 'CHG-000123',
        title: BASE.title,
        description: BASE.description,
        type: 'normal',
        affectedServices: ['email'],
        configurationItemIds: ['CI-MAIL-01'],
        plannedStart: PLANNED_START,
        plannedEnd: PLANNED_END,
        implementationPlan: BASE.implementationPlan,
        backoutPlan: BASE.backoutPlan,
        testPlan: BASE.testPlan,
        riskAnswers: { impact: 'medium', complexity: 'medium', tested: true, backoutAvailable: true },
        requesterId: REQUESTER_ID,
        implementerId: IMPLEMENTER_ID,
      },
      EARLIER,
    );
    expect(created).toEqual(BASE);
  });
});

// review.ts is small and only serves changes, so its tests live here.
describe('reviewOutcome', () => {
  function review(objectivesMet: boolean, customerSatisfied: boolean, unexpectedNegativeEffects: boolean): PostImplementationReview {
    return { objectivesMet, customerSatisfied, unexpectedNegativeEffects, notes: unexpectedNegativeEffects ? 'Slow logins for an hour' : '' };
  }

  it.each<[PostImplementationReview, ReviewOutcome]>([
    [review(true, true, false), 'successful'],
    [review(true, false, false), 'successful_with_issues'],
    [review(true, true, true), 'successful_with_issues'],
    [review(true, false, true), 'successful_with_issues'],
    [review(false, true, false), 'unsuccessful'],
    [review(false, false, true), 'unsuccessful'],
  ])('%o → %s', (given, outcome) => {
    expect(reviewOutcome(given)).toBe(outcome);
  });
});

describe('postImplementationReviewSchema', () => {
  it('trims the notes and defaults them to empty', () => {
    expect(postImplementationReviewSchema.parse({ objectivesMet: true, customerSatisfied: false, unexpectedNegativeEffects: false })).toEqual({
      objectivesMet: true,
      customerSatisfied: false,
      unexpectedNegativeEffects: false,
      notes: '',
    });
    expect(postImplementationReviewSchema.parse({ ...GOOD_REVIEW, unexpectedNegativeEffects: true, notes: '  Slow logins ' }).notes).toBe(
      'Slow logins',
    );
  });

  it('wants notes on unexpected negative effects', () => {
    const result = postImplementationReviewSchema.safeParse({ ...GOOD_REVIEW, unexpectedNegativeEffects: true, notes: '  ' });
    expect(result.error?.issues.map((issue) => issue.path)).toEqual([['notes']]);
  });
});
