// The post-implementation review (实施后评审) DOMAIN.md asks of every change: were the objectives
// met, is the customer satisfied, were there unexpected negative effects.
import { z } from 'zod';

export const REVIEW_OUTCOMES = ['successful', 'successful_with_issues', 'unsuccessful'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

const NOTES_MAX_LENGTH = 3000;

export const postImplementationReviewSchema = z
  .object({
    objectivesMet: z.boolean(),
    customerSatisfied: z.boolean(),
    unexpectedNegativeEffects: z.boolean(),
    notes: z.string().trim().max(NOTES_MAX_LENGTH).default(''),
  })
  .refine((review) => !review.unexpectedNegativeEffects || review.notes !== '', {
    message: 'describe the unexpected negative effects',
    path: ['notes'],
  });
export type PostImplementationReview = z.infer<typeof postImplementationReviewSchema>;

/** A change that missed its objectives failed, whatever else went well; a met objective with side effects or an unhappy customer is a success with issues. */
export function reviewOutcome(review: PostImplementationReview): ReviewOutcome {
  if (!review.objectivesMet) return 'unsuccessful';
  if (!review.customerSatisfied || review.unexpectedNegativeEffects) return 'successful_with_issues';
  return 'successful';
}
