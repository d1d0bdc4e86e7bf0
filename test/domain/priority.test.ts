import { describe, expect, it } from 'vitest';
import {
  DEFAULT_IMPACT,
  DEFAULT_PRIORITY_MATRIX,
  DEFAULT_URGENCY,
  IMPACTS,
  impactSchema,
  priorityMatrixSchema,
  priorityOf,
  prioritySchema,
  URGENCIES,
  urgencySchema,
  type Impact,
  type PriorityMatrix,
  type Urgency,
} from '../../src/domain/priority.js';

// impact × urgency → expected priority, written out independently of the implementation.
const EXPECTED: [Impact, Urgency, string][] = [
  ['very_high', 'critical', 'P1'],
  ['very_high', 'high', 'P1'],
  ['very_high', 'medium', 'P2'],
  ['very_high', 'low', 'P3'],
  ['high', 'critical', 'P1'],
  ['high', 'high', 'P2'],
  ['high', 'medium', 'P2'],
  ['high', 'low', 'P3'],
  ['medium', 'critical', 'P2'],
  ['medium', 'high', 'P2'],
  ['medium', 'medium', 'P3'],
  ['medium', 'low', 'P4'],
  ['low', 'critical', 'P3'],
  ['low', 'high', 'P3'],
  ['low', 'medium', 'P4'],
  ['low', 'low', 'P4'],
];

describe('DEFAULT_PRIORITY_MATRIX', () => {
  it.each(EXPECTED)('%s impact × %s urgency → %s', (impact, urgency, priority) => {
    expect(priorityOf(DEFAULT_PRIORITY_MATRIX, impact, urgency)).toBe(priority);
  });

  it('is symmetric: swapping the levels of the two axes keeps the priority', () => {
    IMPACTS.forEach((impact, i) => {
      URGENCIES.forEach((urgency, u) => {
        const mirrored = priorityOf(DEFAULT_PRIORITY_MATRIX, IMPACTS[u] as Impact, URGENCIES[i] as Urgency);
        expect(priorityOf(DEFAULT_PRIORITY_MATRIX, impact, urgency)).toBe(mirrored);
      });
    });
  });

  it('gives a quick report with default impact and urgency priority P3', () => {
    expect([DEFAULT_IMPACT, DEFAULT_URGENCY]).toEqual(['medium', 'medium']);
    expect(priorityOf(DEFAULT_PRIORITY_MATRIX, DEFAULT_IMPACT, DEFAULT_URGENCY)).toBe('P3');
  });
});

describe('priorityOf with a configured matrix', () => {
  it('reads the configured cell, not the default', () => {
    const everythingP4: PriorityMatrix = {
      very_high: { critical: 'P1', high: 'P4', medium: 'P4', low: 'P4' },
      high: { critical: 'P4', high: 'P4', medium: 'P4', low: 'P4' },
      medium: { critical: 'P4', high: 'P4', medium: 'P4', low: 'P4' },
      low: { critical: 'P4', high: 'P4', medium: 'P4', low: 'P4' },
    };
    expect(priorityOf(everythingP4, 'very_high', 'critical')).toBe('P1');
    expect(priorityOf(everythingP4, 'very_high', 'high')).toBe('P4');
  });
});

describe('schemas', () => {
  it.each([
    [impactSchema, 'very_high', true],
    [impactSchema, 'critical', false],
    [urgencySchema, 'critical', true],
    [urgencySchema, 'very_high', false],
    [prioritySchema, 'P4', true],
    [prioritySchema, 'P5', false],
    [prioritySchema, 'p1', false],
  ] as const)('%#: accepts %s → %s', (schema, value, accepted) => {
    expect(schema.safeParse(value).success).toBe(accepted);
  });

  it('accepts a complete matrix', () => {
    expect(priorityMatrixSchema.parse(DEFAULT_PRIORITY_MATRIX)).toEqual(DEFAULT_PRIORITY_MATRIX);
  });

  it.each([
    ['a missing impact row', { ...DEFAULT_PRIORITY_MATRIX, low: undefined }],
    ['a missing urgency cell', { ...DEFAULT_PRIORITY_MATRIX, low: { critical: 'P3', high: 'P3', medium: 'P4' } }],
    ['an unknown impact', { ...DEFAULT_PRIORITY_MATRIX, huge: DEFAULT_PRIORITY_MATRIX.low }],
    ['an unknown urgency', { ...DEFAULT_PRIORITY_MATRIX, low: { ...DEFAULT_PRIORITY_MATRIX.low, someday: 'P4' } }],
    ['an unknown priority', { ...DEFAULT_PRIORITY_MATRIX, low: { ...DEFAULT_PRIORITY_MATRIX.low, low: 'P5' } }],
  ])('refuses a matrix with %s', (_label, matrix) => {
    expect(priorityMatrixSchema.safeParse(matrix).success).toBe(false);
  });
});
