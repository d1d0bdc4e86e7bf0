// The satisfaction survey (满意度调查) and the rate DOMAIN.md defines:
// satisfaction = (very satisfied + satisfied + neutral) answers / answers × 100 %.
export const SATISFACTION_RATINGS = ['very_satisfied', 'satisfied', 'neutral', 'dissatisfied', 'very_dissatisfied'] as const;
export type SatisfactionRating = (typeof SATISFACTION_RATINGS)[number];

const SATISFIED: ReadonlySet<SatisfactionRating> = new Set(['very_satisfied', 'satisfied', 'neutral']);

export function isSatisfactionRating(value: string): value is SatisfactionRating {
  return (SATISFACTION_RATINGS as readonly string[]).includes(value);
}

/** The satisfaction rate in percent, or null when nobody answered. */
export function satisfactionRate(ratings: readonly SatisfactionRating[]): number | null {
  if (ratings.length === 0) return null;
  return (ratings.filter((rating) => SATISFIED.has(rating)).length / ratings.length) * 100;
}
