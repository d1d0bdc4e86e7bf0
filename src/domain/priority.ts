// Priority = impact × urgency (事件优先级 = 影响度 × 紧急度). The matrix is configuration; the
// default below is used when the configuration does not give one.
import { z } from 'zod';

export const IMPACTS = ['very_high', 'high', 'medium', 'low'] as const;
export const URGENCIES = ['critical', 'high', 'medium', 'low'] as const;
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;

export type Impact = (typeof IMPACTS)[number];
export type Urgency = (typeof URGENCIES)[number];
export type Priority = (typeof PRIORITIES)[number];
export type PriorityMatrix = Readonly<Record<Impact, Readonly<Record<Urgency, Priority>>>>;

export const impactSchema = z.enum(IMPACTS);
export const urgencySchema = z.enum(URGENCIES);
export const prioritySchema = z.enum(PRIORITIES);

// A record schema with enum keys requires every key and refuses unknown ones, so a configured
// matrix is always complete.
export const priorityMatrixSchema = z.record(impactSchema, z.record(urgencySchema, prioritySchema));

/** A quick report (text only) has not been assessed yet, so it starts in the middle. */
export const DEFAULT_IMPACT: Impact = 'medium';
export const DEFAULT_URGENCY: Urgency = 'medium';

/**
 * The default matrix is symmetric: swapping impact and urgency levels gives the same priority.
 *
 * | impact \ urgency | critical | high | medium | low |
 * | ---------------- | -------- | ---- | ------ | --- |
 * | very_high        | P1       | P1   | P2     | P3  |
 * | high             | P1       | P2   | P2     | P3  |
 * | medium           | P2       | P2   | P3     | P4  |
 * | low              | P3       | P3   | P4     | P4  |
 */
export const DEFAULT_PRIORITY_MATRIX: PriorityMatrix = {
  very_high: { critical: 'P1', high: 'P1', medium: 'P2', low: 'P3' },
  high: { critical: 'P1', high: 'P2', medium: 'P2', low: 'P3' },
  medium: { critical: 'P2', high: 'P2', medium: 'P3', low: 'P4' },
  low: { critical: 'P3', high: 'P3', medium: 'P4', low: 'P4' },
};

export function priorityOf(matrix: PriorityMatrix, impact: Impact, urgency: Urgency): Priority {
  return matrix[impact][urgency];
}
