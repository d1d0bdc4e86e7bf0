// Knowledge base articles (知识库): written from a resolved incident or a known error ("Save as
// article"), reviewed by the problem manager before the desk and `/kb` see them. ARTICLE_TRANSITIONS
// is the single source of which event may happen in which state and who may cause it.
import { assertAllowed, availableEvents, type Lifecycle, type TransitionRule as LifecycleRule } from './lifecycle.js';
import { DomainError } from './errors.js';
import { DESK_ROLES, type FieldChange, type IncidentStatus } from './incident.js';
import { formatRecordNumber, parseRecordNumber, type RecordPrefix } from './numbering.js';
import { PROBLEM_MANAGER_ROLES, type ProblemStatus } from './problem.js';
import { hasAnyRole, type Actor } from './roles.js';
import { buildIndex, search, type SearchHit } from './text-search.js';

export const ARTICLE_STATES = ['draft', 'in_review', 'published', 'retired'] as const;
export type ArticleStatus = (typeof ARTICLE_STATES)[number];

export interface ArticleSource {
  readonly kind: 'incident' | 'known_error';
  /** INC-… for an incident, PRB-… for a known error. */
  readonly number: string;
}

export interface ArticleState {
  readonly id: string;
  readonly state: ArticleStatus;
  readonly title: string;
  readonly body: string;
  readonly authorId: string;
  readonly source: ArticleSource | null;
  /** Who last approved the article or sent it back. */
  readonly reviewerId: string | null;
  /** Why the reviewer sent it back to draft; cleared when it is submitted again. */
  readonly returnReason: string | null;
  readonly retireReason: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly submittedAt: Date | null;
  readonly publishedAt: Date | null;
  readonly retiredAt: Date | null;
}

export type ArticleEvent =
  | { readonly type: 'edit'; readonly title: string; readonly body: string }
  | { readonly type: 'submit' }
  | { readonly type: 'approve' }
  | { readonly type: 'reject'; readonly reason: string }
  | { readonly type: 'revise' }
  | { readonly type: 'retire'; readonly reason: string };

export type ArticleEventType = ArticleEvent['type'];

export interface ArticleTransition {
  readonly article: ArticleState;
  readonly changes: readonly FieldChange[];
}

/** The reviewer is the problem manager (PROBLEM_MANAGER_ROLES). */
export type ArticleParty = 'author' | 'reviewer';

type TransitionRule = LifecycleRule<ArticleStatus, ArticleParty, ArticleState, Actor>;

export const ARTICLE_TRANSITIONS: Readonly<Record<ArticleEventType, TransitionRule>> = {
  edit: { to: { draft: 'draft' }, by: ['author', 'reviewer'] },
  submit: { to: { draft: 'in_review' }, by: ['author', 'reviewer'] },
  // Four eyes: a problem manager who wrote the article needs another one to publish it.
  approve: { to: { in_review: 'published' }, by: ['reviewer'], guard: refuseOwnArticle },
  reject: { to: { in_review: 'draft' }, by: ['reviewer'] },
  // There is one version of an article: changing a published one takes it back through review.
  revise: { to: { published: 'draft' }, by: ['author', 'reviewer'] },
  retire: { to: { draft: 'retired', published: 'retired' }, by: ['reviewer'] },
};

const ARTICLE_LIFECYCLE: Lifecycle<ArticleEventType, ArticleStatus, ArticleParty, ArticleState, Actor> = {
  table: ARTICLE_TRANSITIONS,
  isFinished: (article) => article.state === 'retired',
  numberOf: (article) => article.id,
  partiesOf: (article, actor) => articlePartiesOf(article, actor),
};

/** Where "Save as article" may start: a resolved or closed incident, or a problem once it is a known error. */
export type ArticleSourceRecord =
  | { readonly kind: 'incident'; readonly number: string; readonly state: IncidentStatus }
  | { readonly kind: 'known_error'; readonly number: string; readonly state: ProblemStatus };

const SOURCE_STATES: { readonly [K in ArticleSourceRecord['kind']]: readonly string[] } = {
  incident: ['resolved', 'closed'],
  known_error: ['known_error', 'resolved', 'closed'],
};

const SOURCE_PREFIX: Readonly<Record<ArticleSourceRecord['kind'], RecordPrefix>> = { incident: 'INC', known_error: 'PRB' };

export interface NewArticle {
  readonly id: string;
  readonly title: string;
  readonly body: string;
  readonly source?: ArticleSourceRecord | null;
}

export function articlePartiesOf(article: ArticleState, actor: Actor): ReadonlySet<ArticleParty> {
  const parties = new Set<ArticleParty>();
  if (actor.userId === article.authorId) parties.add('author');
  if (hasAnyRole(actor, PROBLEM_MANAGER_ROLES)) parties.add('reviewer');
  return parties;
}

/** Desk staff and problem managers write articles. */
export function mayWriteArticles(actor: Actor): boolean {
  return hasAnyRole(actor, [...DESK_ROLES, ...PROBLEM_MANAGER_ROLES]);
}

export function createArticle(input: NewArticle, actor: Actor, now: Date): ArticleState {
  if (!mayWriteArticles(actor)) throw new DomainError('not_allowed', { event: 'create_article' });
  return {
    id: input.id,
    state: 'draft',
    title: requireText(input.title, 'title'),
    body: requireText(input.body, 'body'),
    authorId: actor.userId,
    source: input.source ? articleSource(input.source) : null,
    reviewerId: null,
    returnReason: null,
    retireReason: null,
    createdAt: now,
    updatedAt: now,
    submittedAt: null,
    publishedAt: null,
    retiredAt: null,
  };
}

export function availableArticleActions(article: ArticleState, actor: Actor): ArticleEventType[] {
  return availableEvents(ARTICLE_LIFECYCLE, article, actor);
}

export function assertArticleEventAllowed(article: ArticleState, type: ArticleEventType, actor: Actor): void {
  assertAllowed(ARTICLE_LIFECYCLE, article, type, actor);
}

export function applyArticleEvent(article: ArticleState, event: ArticleEvent, actor: Actor, now: Date): ArticleTransition {
  assertAllowed(ARTICLE_LIFECYCLE, article, event.type, actor);
  const target = ARTICLE_TRANSITIONS[event.type].to[article.state] ?? article.state;
  const next = { ...applyEffect(article, event, actor, now), state: target, updatedAt: now };
  return { article: next, changes: diffArticle(article, next) };
}

/** `/kb <words>`: published articles only, best first. */
export function searchKnowledge(articles: readonly ArticleState[], query: string, limit: number): SearchHit[] {
  const published = articles.filter((article) => article.state === 'published');
  return search(buildIndex(published.map(({ id, title, body }) => ({ id, title, body }))), query, limit);
}

function refuseOwnArticle(article: ArticleState, actor: Actor): DomainError | null {
  return actor.userId === article.authorId ? new DomainError('self_approval', { number: article.id }) : null;
}

function applyEffect(article: ArticleState, event: ArticleEvent, actor: Actor, now: Date): ArticleState {
  switch (event.type) {
    case 'edit':
      return edit(article, event.title, event.body);
    case 'submit':
      return { ...article, returnReason: null, submittedAt: now };
    case 'approve':
      return { ...article, reviewerId: actor.userId, publishedAt: now };
    case 'reject':
      return { ...article, reviewerId: actor.userId, returnReason: requireText(event.reason, 'reason', 'reason_required') };
    case 'revise':
      return article;
    case 'retire':
      return { ...article, retireReason: requireText(event.reason, 'reason', 'reason_required'), retiredAt: now };
  }
}

function edit(article: ArticleState, title: string, body: string): ArticleState {
  const next = { ...article, title: requireText(title, 'title'), body: requireText(body, 'body') };
  if (next.title === article.title && next.body === article.body) throw new DomainError('already_done', { event: 'edit' });
  return next;
}

function articleSource(source: ArticleSourceRecord): ArticleSource {
  if (!SOURCE_STATES[source.kind].includes(source.state)) {
    throw new DomainError('transition_not_allowed', { state: source.state, event: 'save_as_article' });
  }
  const parsed = parseRecordNumber(source.number);
  if (parsed?.prefix !== SOURCE_PREFIX[source.kind]) {
    throw new DomainError('invalid_input', { field: 'source', value: source.number });
  }
  return { kind: source.kind, number: formatRecordNumber(parsed.prefix, parsed.sequence) };
}

function requireText(value: string, field: string, code: 'text_required' | 'reason_required' = 'text_required'): string {
  const trimmed = value.trim();
  if (trimmed === '') throw new DomainError(code, { field });
  return trimmed;
}

const AUDITED_FIELDS: Readonly<Record<string, (article: ArticleState) => string | null>> = {
  state: (article) => article.state,
  title: (article) => article.title,
  body: (article) => article.body,
  reviewerId: (article) => article.reviewerId,
};

export const ARTICLE_AUDITED_FIELDS = Object.keys(AUDITED_FIELDS);

function diffArticle(previous: ArticleState, next: ArticleState): FieldChange[] {
  return Object.entries(AUDITED_FIELDS).flatMap(([field, read]) => {
    const from = read(previous);
    const to = read(next);
    return from === to ? [] : [{ field, from, to }];
  });
}
