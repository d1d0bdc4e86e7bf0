// Knowledge base use cases (知识库): "Save as article" from a resolved incident or a known error,
// review by the problem manager, and `/kb` search over what is published.
import type { Clock } from '../clock.js';
import type { Database, Tx } from '../db/database.js';
import {
  findArticleByNumber,
  findArticleByRequestKey,
  findPublishedArticles,
  insertArticle,
  lockArticleByNumber,
  updateArticle,
  type ArticleRecord,
} from '../db/repositories/articles.js';
import { appendAudit, auditTrail, type AuditDraft } from '../db/repositories/audit.js';
import { nextSequenceValue } from '../db/repositories/counters.js';
import { findIncidentByNumber, type IncidentRecord } from '../db/repositories/incidents.js';
import { enqueueMessages } from '../db/repositories/outbox.js';
import { findProblemByNumber, type ProblemRecord } from '../db/repositories/problems.js';
import { lockKey } from '../db/sql.js';
import { DomainError } from '../domain/errors.js';
import { DESK_ROLES, type FieldChange } from '../domain/incident.js';
import {
  applyArticleEvent,
  articlePartiesOf,
  createArticle,
  searchKnowledge,
  type ArticleEvent,
  type ArticleSource,
  type ArticleSourceRecord,
  type ArticleState,
} from '../domain/knowledge.js';
import { formatRecordNumber } from '../domain/numbering.js';
import { hasAnyRole } from '../domain/roles.js';
import type { OutboxDraft } from '../outbox/messages.js';
import { auditEntriesFor } from './audit-entries.js';
import type { RequestActor } from './context.js';

export interface SaveArticleInput {
  title: string;
  body: string;
  /** The resolved incident or known error it is written from. */
  source: ArticleSource | null;
  requestKey: string;
}

/** The record an article was written from, as loaded. */
export type ArticleSourceRecordFound = { kind: 'incident'; incident: IncidentRecord } | { kind: 'known_error'; problem: ProblemRecord };

export interface ArticleChange {
  before: ArticleRecord;
  after: ArticleRecord;
  event: ArticleEvent;
  actorId: string;
}

/** What each article event says, rendered by the Slack layer (src/slack/knowledge/messages.ts). */
export interface KnowledgeMessages {
  /** Sent for review: the review card, word to the author, and a line in the source's thread. */
  submitted(article: ArticleRecord, author: RequestActor, source: ArticleSourceRecordFound | null): OutboxDraft[];
  changed(change: ArticleChange): OutboxDraft[];
}

export interface KnowledgeServiceDeps {
  db: Database;
  clock: Clock;
  messages: KnowledgeMessages;
}

export const SEARCH_RESULTS = 5;

export class KnowledgeService {
  constructor(private readonly deps: KnowledgeServiceDeps) {}

  /** Writes an article and sends it straight to review (there is nothing to do with a draft in between). */
  async save(input: SaveArticleInput, author: RequestActor): Promise<{ article: ArticleRecord; created: boolean }> {
    const { db, clock, messages } = this.deps;
    const result = await db.transaction(async (tx) => {
      await lockKey(tx, input.requestKey);
      const existing = await findArticleByRequestKey(tx, input.requestKey);
      if (existing) return { article: existing, created: false };
      const { record: source, found } = await this.sourceRecord(tx, input.source);
      const now = clock.now();
      const number = formatRecordNumber('KB', await nextSequenceValue(tx, 'KB'));
      const draft = createArticle({ id: number, title: input.title, body: input.body, source }, author, now);
      const submitted = applyArticleEvent(draft, { type: 'submit' }, author, now);
      const article = await insertArticle(tx, submitted.article, author.locale, input.requestKey);
      await this.record(tx, article, now, [
        { actorId: author.userId, action: 'created', details: { title: draft.title, source: draft.source ? `${draft.source.number}` : null } },
        ...auditEntriesFor({ type: 'submit' }, author.userId, submitted.changes),
      ]);
      await enqueueMessages(tx, messages.submitted(article, author, found), now);
      return { article, created: true };
    });
    return result;
  }

  /** Applies one review event (approve, reject, retire, revise…). */
  async act(number: string, event: ArticleEvent, actor: RequestActor): Promise<ArticleRecord> {
    return this.actAll(number, [event], actor);
  }

  /** A draft sent back (or revised) goes to review again with the new text; unchanged text is just resubmitted. */
  async resubmit(number: string, text: { title: string; body: string }, actor: RequestActor): Promise<ArticleRecord> {
    const current = await this.find(number);
    if (!current) throw new DomainError('not_found', { number });
    const edited = current.title !== text.title.trim() || current.body !== text.body.trim();
    const events: ArticleEvent[] = [...(edited ? [{ type: 'edit' as const, ...text }] : []), { type: 'submit' }];
    return this.actAll(number, events, actor);
  }

  /** Published articles best matching the words, best first. */
  async search(query: string): Promise<ArticleRecord[]> {
    const published = await this.deps.db.transaction((tx) => findPublishedArticles(tx));
    // Indexed per query: a service desk's knowledge base is small, and this keeps it always current.
    const hits = searchKnowledge(published, query, SEARCH_RESULTS);
    return hits.flatMap((hit) => published.filter((article) => article.id === hit.id));
  }

  /** Published articles for everyone; drafts and reviews for their author, the reviewers and the desk. */
  async show(number: string, viewer: RequestActor): Promise<ArticleRecord> {
    const article = await this.find(number);
    if (!article) throw new DomainError('not_found', { number });
    if (article.state !== 'published' && !mayFollowReview(article, viewer)) throw new DomainError('not_allowed', { event: 'show' });
    return article;
  }

  async find(number: string): Promise<ArticleRecord | null> {
    return this.deps.db.transaction((tx) => findArticleByNumber(tx, number));
  }

  async history(number: string, viewer: RequestActor) {
    const article = await this.show(number, viewer);
    return { article, entries: await this.deps.db.transaction((tx) => auditTrail(tx, 'article', article.rowId)) };
  }

  private async actAll(number: string, events: readonly ArticleEvent[], actor: RequestActor): Promise<ArticleRecord> {
    const { db, clock, messages } = this.deps;
    const after = await db.transaction(async (tx) => {
      const before = await lockArticleByNumber(tx, number);
      if (!before) throw new DomainError('not_found', { number });
      const now = clock.now();
      let state: ArticleState = before;
      const changes: FieldChange[] = [];
      const entries: AuditDraft[] = [];
      for (const event of events) {
        const transition = applyArticleEvent(state, event, actor, now);
        state = transition.article;
        changes.push(...transition.changes);
        entries.push(...auditEntriesFor(event, actor.userId, transition.changes));
      }
      const updated = await updateArticle(tx, before.rowId, state);
      await this.record(tx, updated, now, entries);
      const lastEvent = events.at(-1) ?? { type: 'submit' };
      await enqueueMessages(tx, messages.changed({ before, after: updated, event: lastEvent, actorId: actor.userId }), now);
      return updated;
    });
    return after;
  }

  /** The record "Save as article" starts from, as the domain checks it (resolved incident, known error). */
  private async sourceRecord(tx: Tx, source: ArticleSource | null): Promise<{ record: ArticleSourceRecord | null; found: ArticleSourceRecordFound | null }> {
    if (!source) return { record: null, found: null };
    if (source.kind === 'incident') {
      const incident = await findIncidentByNumber(tx, source.number);
      if (!incident) throw new DomainError('not_found', { number: source.number });
      // What a security incident teaches stays with the security team.
      if (incident.isSecurity) throw new DomainError('not_allowed', { event: 'save_as_article' });
      return { record: { kind: 'incident', number: incident.number, state: incident.state }, found: { kind: 'incident', incident } };
    }
    const problem = await findProblemByNumber(tx, source.number);
    if (!problem) throw new DomainError('not_found', { number: source.number });
    return { record: { kind: 'known_error', number: problem.number, state: problem.state }, found: { kind: 'known_error', problem } };
  }

  private record(tx: Tx, article: ArticleRecord, at: Date, entries: AuditDraft[]): Promise<void> {
    return appendAudit(tx, { recordType: 'article', recordId: article.rowId, recordNumber: article.id }, at, entries);
  }
}

function mayFollowReview(article: ArticleRecord, viewer: RequestActor): boolean {
  return articlePartiesOf(article, viewer).size > 0 || hasAnyRole(viewer, DESK_ROLES);
}
