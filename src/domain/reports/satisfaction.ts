// Satisfaction (满意度) over the surveys answered in the period, as DOMAIN.md defines the rate:
// (very satisfied + satisfied + neutral) answers / answers × 100 %, against the target (≥ 85 %).
import { SATISFACTION_RATINGS, satisfactionRate, type SatisfactionRating } from '../satisfaction.js';
import type { ReportSurvey } from './data.js';
import { isWithin, type ReportPeriod } from './period.js';

export interface SatisfactionFigures {
  readonly answers: number;
  readonly byRating: Readonly<Record<SatisfactionRating, number>>;
  readonly rate: number | null;
  readonly target: number;
  /** Null when nobody answered. */
  readonly meetsTarget: boolean | null;
}

export function satisfactionOf(surveys: readonly ReportSurvey[], period: ReportPeriod, target: number): SatisfactionFigures {
  const ratings = surveys.filter((survey) => isWithin(period, survey.answeredAt)).map((survey) => survey.rating);
  const rate = satisfactionRate(ratings);
  return {
    answers: ratings.length,
    byRating: Object.fromEntries(SATISFACTION_RATINGS.map((rating) => [rating, ratings.filter((each) => each === rating).length])) as Record<SatisfactionRating, number>,
    rate,
    target,
    meetsTarget: rate === null ? null : rate >= target,
  };
}
