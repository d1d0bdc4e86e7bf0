import { describe, expect, it } from 'vitest';
import type { ChangeState } from '../../src/domain/change.js';
import {
  checkSchedule,
  findClashes,
  freezesHit,
  freezeWindowSchema,
  isLateStart,
  type FreezeWindow,
  type ScheduledChange,
} from '../../src/domain/change-schedule.js';
import { DomainError } from '../../src/domain/errors.js';

function at(hhmm: string, day = '08'): Date {
  return new Date(`2025-03-${day}T${hhmm}:00.000Z`);
}

const CHANGE: ScheduledChange = {
  number: 'CHG-000001',
  type: 'normal',
  state: 'assessment',
  configurationItemIds: ['CI-DB-01', 'CI-APP-01'],
  plannedStart: at('10:00'),
  plannedEnd: at('12:00'),
};

function other(overrides: Partial<ScheduledChange>): ScheduledChange {
  return { ...CHANGE, number: 'CHG-000002', state: 'scheduled', configurationItemIds: ['CI-DB-01'], ...overrides };
}

function refusalOf(action: () => unknown): { code: string; params: Record<string, string | number> } {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, params: error.params };
    throw error;
  }
  throw new Error('expected a DomainError, but the action succeeded');
}

describe('findClashes', () => {
  // CHANGE runs [10:00, 12:00) on CI-DB-01 and CI-APP-01.
  it.each<[string, Partial<ScheduledChange>, boolean]>([
    ['ends when this one starts (touching)', { plannedStart: at('08:00'), plannedEnd: at('10:00') }, false],
    ['starts when this one ends (touching)', { plannedStart: at('12:00'), plannedEnd: at('14:00') }, false],
    ['overlaps the start by a minute', { plannedStart: at('09:00'), plannedEnd: at('10:01') }, true],
    ['overlaps the end by a minute', { plannedStart: at('11:59'), plannedEnd: at('13:00') }, true],
    ['lies inside', { plannedStart: at('10:30'), plannedEnd: at('11:00') }, true],
    ['encloses it', { plannedStart: at('09:00'), plannedEnd: at('13:00') }, true],
    ['has the same window', {}, true],
    ['is on another day', { plannedStart: at('10:00', '09'), plannedEnd: at('12:00', '09') }, false],
    ['overlaps on another configuration item', { configurationItemIds: ['CI-WEB-01'] }, false],
    ['overlaps with no configuration item', { configurationItemIds: [] }, false],
    ['is this change itself', { number: 'CHG-000001' }, false],
  ])('another change that %s → clash %s', (_label, overrides, clashes) => {
    expect(findClashes(CHANGE, [other(overrides)]).length > 0).toBe(clashes);
  });

  it.each<[ChangeState, boolean]>([
    ['draft', true],
    ['assessment', true],
    ['authorisation', true],
    ['scheduled', true],
    ['implementing', true],
    ['review', true],
    ['closed', false],
    ['rejected', false],
    ['cancelled', false],
    ['failed', false],
  ])('an overlapping change in %s → clash %s', (state, clashes) => {
    expect(findClashes(CHANGE, [other({ state })]).length > 0).toBe(clashes);
  });

  it('names each clashing change with the items both touch', () => {
    const others = [
      other({ number: 'CHG-000002', configurationItemIds: ['CI-APP-01', 'CI-WEB-01'], plannedStart: at('11:00'), plannedEnd: at('13:00') }),
      other({ number: 'CHG-000003', configurationItemIds: ['CI-WEB-01'] }),
      other({ number: 'CHG-000004', configurationItemIds: ['CI-APP-01', 'CI-DB-01'] }),
    ];
    expect(findClashes(CHANGE, others)).toEqual([
      { number: 'CHG-000002', configurationItemIds: ['CI-APP-01'], plannedStart: at('11:00'), plannedEnd: at('13:00') },
      { number: 'CHG-000004', configurationItemIds: ['CI-DB-01', 'CI-APP-01'], plannedStart: at('10:00'), plannedEnd: at('12:00') },
    ]);
  });
});

const SPRING_FESTIVAL: FreezeWindow = { name: 'Spring Festival', start: at('11:00'), end: at('00:00', '15'), reason: '' };
const MONTH_END: FreezeWindow = { name: 'Month-end close', start: at('12:00'), end: at('18:00'), reason: 'Finance' };
const EARLY_MORNING: FreezeWindow = { name: 'Batch run', start: at('06:00'), end: at('10:00'), reason: '' };

describe('freezesHit', () => {
  it('lists the freezes overlapping the window, not those it only touches', () => {
    const window = { start: at('10:00'), end: at('12:00') };
    expect(freezesHit(window, [EARLY_MORNING, SPRING_FESTIVAL, MONTH_END])).toEqual([SPRING_FESTIVAL]);
  });

  it('lists none outside every freeze', () => {
    expect(freezesHit({ start: at('18:00'), end: at('20:00') }, [EARLY_MORNING, MONTH_END])).toEqual([]);
  });
});

describe('checkSchedule', () => {
  const CM_OVERRIDE = { byChangeManager: true, reason: 'Security patch, vendor deadline' };
  const clash = other({ number: 'CHG-000009' });

  it.each<[string, ScheduledChange['type'], FreezeWindow[], typeof CM_OVERRIDE | undefined, { blocked: boolean; overridden: boolean; freezes: number }]>([
    ['a normal change in a freeze is blocked', 'normal', [SPRING_FESTIVAL], undefined, { blocked: true, overridden: false, freezes: 1 }],
    ['a normal change in a freeze, overridden', 'normal', [SPRING_FESTIVAL], CM_OVERRIDE, { blocked: false, overridden: true, freezes: 1 }],
    ['a normal change outside freezes', 'normal', [MONTH_END], undefined, { blocked: false, overridden: false, freezes: 0 }],
    ['an override outside freezes overrides nothing', 'normal', [], CM_OVERRIDE, { blocked: false, overridden: false, freezes: 0 }],
    ['a standard change in a freeze is warned only', 'standard', [SPRING_FESTIVAL], undefined, { blocked: false, overridden: false, freezes: 1 }],
    ['an emergency change in a freeze is warned only', 'emergency', [SPRING_FESTIVAL], undefined, { blocked: false, overridden: false, freezes: 1 }],
  ])('%s', (_label, type, freezes, override, expected) => {
    const result = checkSchedule({ ...CHANGE, type }, [], freezes, override);
    expect({ blocked: result.blocked, overridden: result.overridden, freezes: result.freezes.length }).toEqual(expected);
  });

  it('reports clashes without blocking', () => {
    expect(checkSchedule(CHANGE, [clash], [])).toEqual({
      clashes: [{ number: 'CHG-000009', configurationItemIds: ['CI-DB-01'], plannedStart: at('10:00'), plannedEnd: at('12:00') }],
      freezes: [],
      blocked: false,
      overridden: false,
    });
  });

  it('reports clashes and the freeze together', () => {
    expect(checkSchedule(CHANGE, [clash], [SPRING_FESTIVAL, MONTH_END])).toEqual({
      clashes: [{ number: 'CHG-000009', configurationItemIds: ['CI-DB-01'], plannedStart: at('10:00'), plannedEnd: at('12:00') }],
      freezes: [SPRING_FESTIVAL],
      blocked: true,
      overridden: false,
    });
  });

  it('refuses an override by someone who is not the change manager', () => {
    expect(refusalOf(() => checkSchedule(CHANGE, [], [SPRING_FESTIVAL], { byChangeManager: false, reason: 'Urgent' }))).toEqual({
      code: 'not_allowed',
      params: { event: 'override_freeze' },
    });
  });

  it('refuses an override without a reason', () => {
    expect(refusalOf(() => checkSchedule(CHANGE, [], [SPRING_FESTIVAL], { byChangeManager: true, reason: '  ' }))).toEqual({
      code: 'reason_required',
      params: { field: 'reason' },
    });
  });
});

describe('isLateStart', () => {
  // Planned start 10:00, 15 minutes' grace.
  it.each<[string, ChangeState, Date, boolean]>([
    ['before the planned start', 'scheduled', at('09:59'), false],
    ['at the planned start', 'scheduled', at('10:00'), false],
    ['at the end of the grace period', 'scheduled', at('10:15'), false],
    ['just after the grace period', 'scheduled', new Date('2025-03-08T10:15:00.001Z'), true],
    ['an hour late', 'scheduled', at('11:00'), true],
    ['started', 'implementing', at('11:00'), false],
    ['still awaiting approval', 'authorisation', at('11:00'), false],
    ['cancelled', 'cancelled', at('11:00'), false],
  ])('%s (%s) → %s', (_label, state, now, late) => {
    expect(isLateStart({ state, plannedStart: at('10:00') }, now, 15)).toBe(late);
  });

  it('without grace, is late right after the planned start', () => {
    expect(isLateStart({ state: 'scheduled', plannedStart: at('10:00') }, new Date('2025-03-08T10:00:00.001Z'), 0)).toBe(true);
  });
});

describe('freezeWindowSchema', () => {
  it('reads ISO times', () => {
    expect(freezeWindowSchema.parse({ name: 'Spring Festival', start: '2025-03-08T11:00:00Z', end: '2025-03-15T00:00:00Z' })).toEqual(
      SPRING_FESTIVAL,
    );
  });

  it.each<[string, unknown]>([
    ['an end before the start', { name: 'x', start: '2025-03-08T11:00:00Z', end: '2025-03-08T10:00:00Z' }],
    ['an empty window', { name: 'x', start: '2025-03-08T11:00:00Z', end: '2025-03-08T11:00:00Z' }],
    ['a date that is not one', { name: 'x', start: 'soon', end: '2025-03-08T11:00:00Z' }],
    ['no name', { name: ' ', start: '2025-03-08T11:00:00Z', end: '2025-03-09T11:00:00Z' }],
  ])('rejects %s', (_label, input) => {
    expect(freezeWindowSchema.safeParse(input).success).toBe(false);
  });
});
