import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import { formatRecordNumber, parseRecordNumber, type RecordPrefix } from '../../src/domain/numbering.js';

describe('formatRecordNumber', () => {
  it.each([
    ['INC', 1, 'INC-000001'],
    ['REQ', 123, 'REQ-000123'],
    ['PRB', 999_999, 'PRB-999999'],
    ['CHG', 1_000_000, 'CHG-1000000'],
    ['REL', 12_345_678, 'REL-12345678'],
    ['KB', 7, 'KB-000007'],
  ] as [RecordPrefix, number, string][])('%s %i → %s', (prefix, sequence, expected) => {
    expect(formatRecordNumber(prefix, sequence)).toBe(expected);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1])('refuses sequence %s', (sequence) => {
    expect(() => formatRecordNumber('INC', sequence)).toThrow(
      new DomainError('invalid_input', { field: 'sequence', value: sequence }),
    );
  });
});

describe('parseRecordNumber', () => {
  it.each([
    ['INC-000123', { prefix: 'INC', sequence: 123 }],
    ['inc-000123', { prefix: 'INC', sequence: 123 }],
    ['  Req-42  ', { prefix: 'REQ', sequence: 42 }],
    ['\tPRB-000001\n', { prefix: 'PRB', sequence: 1 }],
    ['CHG-1000000', { prefix: 'CHG', sequence: 1_000_000 }],
    ['rel-000007', { prefix: 'REL', sequence: 7 }],
    ['kb-12', { prefix: 'KB', sequence: 12 }],
  ])('%j → %j', (text, expected) => {
    expect(parseRecordNumber(text)).toEqual(expected);
  });

  it.each([
    '',
    'INC',
    'INC-',
    'INC-000000',
    'INC-12a',
    'INC 000123',
    'ABC-000123',
    'see INC-000123',
    'INC-000123 now',
    'INC--1',
    'INC-99999999999999999999',
  ])('refuses %j', (text) => {
    expect(parseRecordNumber(text)).toBeNull();
  });

  it('reads back what formatRecordNumber writes', () => {
    expect(parseRecordNumber(formatRecordNumber('CHG', 31_337))).toEqual({ prefix: 'CHG', sequence: 31_337 });
  });
});
