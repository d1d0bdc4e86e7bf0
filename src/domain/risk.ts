// The risk of a change (变更风险), from a short questionnaire the requester answers on the RFC.
// The change manager may override the result, but only with a reason that the audit keeps.
import { z } from 'zod';
import { DomainError } from './errors.js';

export const RISK_LEVELS = ['low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];
export const riskLevelSchema = z.enum(RISK_LEVELS);

export const riskAnswersSchema = z.object({
  /** How badly services and customers suffer if the change goes wrong. */
  impact: z.enum(['low', 'medium', 'high']),
  /** How many steps, teams and components the implementation involves. */
  complexity: z.enum(['low', 'medium', 'high']),
  /** Rehearsed in a test environment before going live. */
  tested: z.boolean(),
  /** A back-out plan exists and can restore the previous state. */
  backoutAvailable: z.boolean(),
});
export type RiskAnswers = z.infer<typeof riskAnswersSchema>;

/**
 * Scoring table: the answers add up to a score from 0 to 11.
 *
 * | answer                 | low | medium | high |
 * | ---------------------- | --- | ------ | ---- |
 * | impact                 |  0  |   2    |  4   |
 * | complexity             |  0  |   1    |  2   |
 *
 * | answer                 | yes | no |
 * | ---------------------- | --- | -- |
 * | tested                 |  0  | 2  |
 * | back-out available     |  0  | 3  |
 *
 * Score 0–2 → low, 3–5 → medium, 6 or more → high. Impact weighs most, and a missing back-out
 * weighs more than missing tests: a high-impact change without a way back is always high
 * (4 + 3), while a well-prepared high-impact change (tested, with back-out) stays medium.
 */
const IMPACT_POINTS: Readonly<Record<RiskAnswers['impact'], number>> = { low: 0, medium: 2, high: 4 };
const COMPLEXITY_POINTS: Readonly<Record<RiskAnswers['complexity'], number>> = { low: 0, medium: 1, high: 2 };
const UNTESTED_POINTS = 2;
const NO_BACKOUT_POINTS = 3;
const LOWEST_MEDIUM_SCORE = 3;
const LOWEST_HIGH_SCORE = 6;

export function riskScore(answers: RiskAnswers): number {
  return (
    IMPACT_POINTS[answers.impact] +
    COMPLEXITY_POINTS[answers.complexity] +
    (answers.tested ? 0 : UNTESTED_POINTS) +
    (answers.backoutAvailable ? 0 : NO_BACKOUT_POINTS)
  );
}

export function assessRisk(answers: RiskAnswers): RiskLevel {
  const score = riskScore(answers);
  if (score >= LOWEST_HIGH_SCORE) return 'high';
  return score >= LOWEST_MEDIUM_SCORE ? 'medium' : 'low';
}

/** The risk a change carries: the questionnaire's result, and the level in force after any override. */
export interface RiskAssessment {
  readonly assessed: RiskLevel;
  readonly level: RiskLevel;
  /** Why the change manager overrode the assessed level; null when not overridden. */
  readonly overrideReason: string | null;
}

export function riskAssessmentOf(answers: RiskAnswers): RiskAssessment {
  const assessed = assessRisk(answers);
  return { assessed, level: assessed, overrideReason: null };
}

export function overrideRisk(assessed: RiskLevel, override: RiskLevel, reason: string): RiskAssessment {
  const why = reason.trim();
  if (why === '') throw new DomainError('reason_required', { field: 'reason' });
  if (override === assessed) throw new DomainError('already_done', { event: 'override_risk' });
  return { assessed, level: override, overrideReason: why };
}
