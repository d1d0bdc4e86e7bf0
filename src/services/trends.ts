// Trend analysis (事件趋势分析): clusters of incidents of one category or service that no problem
// covers yet are proposed to the problem manager, each cluster once.
import type { Database } from '../db/database.js';
import { enqueueMessages } from '../db/repositories/outbox.js';
import { appendAudit } from '../db/repositories/audit.js';
import { SYSTEM_ACTOR } from '../domain/incident.js';
import { candidateAuditRecord, claimCandidate, findTrendIncidents, proposedKeysSince, type CandidateRecord, type TrendIncidentRecord } from '../db/repositories/trends.js';
import { lockKey } from '../db/sql.js';
import { findProblemCandidates } from '../domain/trends.js';
import type { OutboxDraft } from '../outbox/messages.js';
import type { Settings } from '../settings/schema.js';


export interface TrendMessages {
  /** The problem candidate card, with a "Create problem" button. */
  candidate(candidate: CandidateRecord, incidents: readonly TrendIncidentRecord[]): OutboxDraft[];
}

export interface TrendServiceDeps {
  db: Database;
  settings: () => Settings;
  messages: TrendMessages;
}

const TREND_LOCK = 'problems.trend_analysis';
const DAY_MS = 24 * 60 * 60 * 1000;

export class TrendService {
  constructor(private readonly deps: TrendServiceDeps) {}

  /**
   * Proposes the clusters found at `now` that were not proposed before; returns their keys. Runs
   * that overlap (two instances, a slow tick) take turns on an advisory lock, so each sees what the
   * other claimed; and a cluster's key is unique, so even two identical runs insert it once.
   */
  async proposeCandidates(now: Date): Promise<string[]> {
    const { minIncidents, windowDays } = this.deps.settings().problems.trends;
    // Days of 24 hours, as the domain counts the window (not calendar days, which DST would stretch).
    const since = new Date(now.getTime() - windowDays * DAY_MS);
    const proposed = await this.deps.db.transaction(async (tx) => {
      await lockKey(tx, TREND_LOCK);
      const incidents = await findTrendIncidents(tx, since, now);
      const candidates = findProblemCandidates(incidents, now, { minIncidents, windowDays }, await proposedKeysSince(tx, since));
      const keys: string[] = [];
      const drafts: OutboxDraft[] = [];
      for (const candidate of candidates) {
        const claimed = await claimCandidate(tx, candidate, now);
        if (!claimed) continue;
        keys.push(claimed.key);
        await appendAudit(tx, candidateAuditRecord(claimed.id), now, [{ actorId: SYSTEM_ACTOR, action: 'proposed', details: { key: claimed.key, incidents: [...claimed.incidents] } }]);
        drafts.push(...this.deps.messages.candidate(claimed, incidents.filter((incident) => claimed.incidents.includes(incident.number))));
      }
      await enqueueMessages(tx, drafts, now);
      return keys;
    });
    return proposed;
  }
}
