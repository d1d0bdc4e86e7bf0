import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import {
  assessRisk,
  overrideRisk,
  riskAnswersSchema,
  riskAssessmentOf,
  riskScore,
  type RiskAnswers,
  type RiskLevel,
} from '../../src/domain/risk.js';

function answers(impact: RiskAnswers['impact'], complexity: RiskAnswers['complexity'], tested: boolean, backoutAvailable: boolean): RiskAnswers {
  return { impact, complexity, tested, backoutAvailable };
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

describe('assessRisk', () => {
  // Scores worked out by hand from the table in risk.ts: impact 0/2/4, complexity 0/1/2,
  // untested +2, no back-out +3; 0–2 low, 3–5 medium, 6+ high.
  it.each<[RiskAnswers, number, RiskLevel]>([
    [answers('low', 'low', true, true), 0, 'low'],
    [answers('low', 'high', true, true), 2, 'low'],
    [answers('low', 'low', false, true), 2, 'low'],
    [answers('medium', 'low', true, true), 2, 'low'],
    [answers('medium', 'medium', true, true), 3, 'medium'],
    [answers('low', 'low', true, false), 3, 'medium'],
    [answers('high', 'low', true, true), 4, 'medium'],
    [answers('high', 'medium', true, true), 5, 'medium'],
    [answers('low', 'high', false, true), 4, 'medium'],
    [answers('high', 'high', true, true), 6, 'high'],
    [answers('high', 'low', false, true), 6, 'high'],
    [answers('high', 'low', true, false), 7, 'high'],
    [answers('medium', 'low', false, false), 7, 'high'],
    [answers('low', 'high', false, false), 7, 'high'],
    [answers('high', 'high', false, false), 11, 'high'],
  ])('%o scores %i → %s', (given, score, level) => {
    expect(riskScore(given)).toBe(score);
    expect(assessRisk(given)).toBe(level);
  });
});

describe('riskAssessmentOf', () => {
  it('starts without an override', () => {
    expect(riskAssessmentOf(answers('high', 'low', true, false))).toEqual({ assessed: 'high', level: 'high', overrideReason: null });
  });
});

describe('overrideRisk', () => {
  it('keeps the assessed level beside the override and its trimmed reason', () => {
    expect(overrideRisk('low', 'high', '  Touches the payment gateway ')).toEqual({
      assessed: 'low',
      level: 'high',
      overrideReason: 'Touches the payment gateway',
    });
  });

  it('needs a reason', () => {
    expect(refusalOf(() => overrideRisk('high', 'medium', ' '))).toEqual({ code: 'reason_required', params: { field: 'reason' } });
  });

  it('refuses an override to the assessed level', () => {
    expect(refusalOf(() => overrideRisk('medium', 'medium', 'Same'))).toEqual({
      code: 'already_done',
      params: { event: 'override_risk' },
    });
  });
});

describe('riskAnswersSchema', () => {
  it('accepts a complete questionnaire', () => {
    expect(riskAnswersSchema.parse({ impact: 'high', complexity: 'low', tested: true, backoutAvailable: false })).toEqual(
      answers('high', 'low', true, false),
    );
  });

  it.each<[string, unknown]>([
    ['an unknown impact', { impact: 'huge', complexity: 'low', tested: true, backoutAvailable: true }],
    ['a missing answer', { impact: 'low', complexity: 'low', tested: true }],
    ['a yes/no given as text', { impact: 'low', complexity: 'low', tested: 'yes', backoutAvailable: true }],
  ])('rejects %s', (_label, input) => {
    expect(riskAnswersSchema.safeParse(input).success).toBe(false);
  });
});
