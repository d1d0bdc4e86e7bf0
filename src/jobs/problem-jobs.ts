import type { TrendService } from '../services/trends.js';
import { periodicJob, type Job } from './scheduler.js';

/** Propose problem candidates from incident trends (each cluster once). */
export const trendAnalysisJob = (trends: TrendService): Job =>
  periodicJob('problems.trends', 15, (now) => trends.proposeCandidates(now));
