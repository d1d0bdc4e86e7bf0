import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import {
  applyArticleEvent,
  ARTICLE_STATES,
  availableArticleActions,
  createArticle,
  searchKnowledge,
  type ArticleEvent,
  type ArticleEventType,
  type ArticleSourceRecord,
  type ArticleState,
  type ArticleStatus,
} from '../../src/domain/knowledge.js';
import type { Actor, Role } from '../../src/domain/roles.js';

const EARLIER = new Date('2025-03-03T08:00:00.000Z');
const NOW = new Date('2025-03-03T10:00:00.000Z');

function person(userId: string, ...roles: Role[]): Actor {
  return { userId, roles: new Set(roles) };
}

const author = person('U_AUTHOR', 'service_desk');
const reviewer = person('U_REVIEWER', 'problem_manager');
const managerAuthor = person('U_AUTHOR', 'problem_manager');

const BASE: ArticleState = {
  id: 'KB-1',
  state: 'draft',
  title: 'Printer on floor 3 jams',
  body: 'Open the front cover and take out the paper.',
  authorId: 'U_AUTHOR',
  source: { kind: 'incident', number: 'INC-000042' },
  reviewerId: null,
  returnReason: null,
  retireReason: null,
  createdAt: EARLIER,
  updatedAt: EARLIER,
  submittedAt: null,
  publishedAt: null,
  retiredAt: null,
};

const IN_STATE: Record<ArticleStatus, ArticleState> = {
  draft: BASE,
  in_review: { ...BASE, state: 'in_review', submittedAt: EARLIER },
  published: { ...BASE, state: 'published', submittedAt: EARLIER, reviewerId: 'U_REVIEWER', publishedAt: EARLIER },
  retired: { ...BASE, state: 'retired', reviewerId: 'U_REVIEWER', retireReason: 'Printer replaced', retiredAt: EARLIER },
};

function article(state: ArticleStatus, overrides: Partial<ArticleState> = {}): ArticleState {
  return { ...IN_STATE[state], ...overrides };
}

const VALID_EVENT: Record<ArticleEventType, ArticleEvent> = {
  edit: { type: 'edit', title: 'Printer on floor 3 jams', body: 'Open the front cover, take out the paper, close it.' },
  submit: { type: 'submit' },
  approve: { type: 'approve' },
  reject: { type: 'reject', reason: 'Add a screenshot' },
  revise: { type: 'revise' },
  retire: { type: 'retire', reason: 'Printer replaced' },
};

const ACTOR_FOR: Record<ArticleEventType, Actor> = {
  edit: author,
  submit: author,
  approve: reviewer,
  reject: reviewer,
  revise: author,
  retire: reviewer,
};

const EVENT_TYPES = Object.keys(VALID_EVENT) as ArticleEventType[];

function refusalOf(action: () => unknown): { code: string; params: Record<string, string | number> } {
  try {
    action();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, params: error.params };
    throw error;
  }
  throw new Error('expected a DomainError, but the action succeeded');
}

function apply(from: ArticleState, event: ArticleEvent, actor: Actor) {
  return applyArticleEvent(from, event, actor, NOW);
}

describe('article transition table', () => {
  const X = null;
  // Columns: draft, in_review, published, retired.
  const EXPECTED: Record<ArticleEventType, (ArticleStatus | null)[]> = {
    edit: ['draft', X, X, X],
    submit: ['in_review', X, X, X],
    approve: [X, 'published', X, X],
    reject: [X, 'draft', X, X],
    revise: [X, X, 'draft', X],
    retire: ['retired', X, 'retired', X],
  };

  const cases = EVENT_TYPES.flatMap((type) =>
    ARTICLE_STATES.map((from, column) => ({ type, from, to: EXPECTED[type][column] ?? null })),
  );

  it('covers every event type', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual([...EVENT_TYPES].sort());
  });

  it.each(cases.filter((c) => c.to !== null))('$type: $from → $to', ({ type, from, to }) => {
    const result = apply(article(from), VALID_EVENT[type], ACTOR_FOR[type]);
    expect(result.article.state).toBe(to);
    expect(result.article.updatedAt).toBe(NOW);
  });

  it.each(cases.filter((c) => c.to === null && c.from !== 'retired'))('$type from $from is refused', ({ type, from }) => {
    expect(refusalOf(() => apply(article(from), VALID_EVENT[type], ACTOR_FOR[type]))).toEqual({
      code: 'transition_not_allowed',
      params: { state: from, event: type },
    });
  });

  it.each(EVENT_TYPES)('%s on a retired article is refused as record_closed', (type) => {
    expect(refusalOf(() => apply(article('retired'), VALID_EVENT[type], ACTOR_FOR[type]))).toEqual({
      code: 'record_closed',
      params: { number: 'KB-1' },
    });
  });
});

describe('who may review and change articles', () => {
  const CANDIDATES: [string, Actor][] = [
    ['author', author],
    ['reviewer', reviewer],
    ['admin', person('U_ADMIN', 'admin')],
    ['another agent', person('U_OTHER', 'service_desk')],
    ['incident manager', person('U_IM', 'incident_manager')],
  ];
  const ALLOWED: Record<ArticleEventType, { from: ArticleStatus; who: string[] }> = {
    edit: { from: 'draft', who: ['author', 'reviewer', 'admin'] },
    submit: { from: 'draft', who: ['author', 'reviewer', 'admin'] },
    approve: { from: 'in_review', who: ['reviewer', 'admin'] },
    reject: { from: 'in_review', who: ['reviewer', 'admin'] },
    revise: { from: 'published', who: ['author', 'reviewer', 'admin'] },
    retire: { from: 'published', who: ['reviewer', 'admin'] },
  };
  const cases = EVENT_TYPES.flatMap((type) =>
    CANDIDATES.map(([name, actor]) => ({ type, name, actor, allowed: ALLOWED[type].who.includes(name) })),
  );

  it.each(cases.filter((c) => c.allowed))('$type by $name is allowed', ({ type, actor }) => {
    expect(() => apply(article(ALLOWED[type].from), VALID_EVENT[type], actor)).not.toThrow();
  });

  it.each(cases.filter((c) => !c.allowed))('$type by $name is refused as not_allowed', ({ type, actor }) => {
    expect(refusalOf(() => apply(article(ALLOWED[type].from), VALID_EVENT[type], actor))).toEqual({
      code: 'not_allowed',
      params: { event: type },
    });
  });

  it('a problem manager may not approve an article they wrote', () => {
    expect(refusalOf(() => apply(article('in_review'), VALID_EVENT.approve, managerAuthor))).toEqual({
      code: 'self_approval',
      params: { number: 'KB-1' },
    });
  });

  it('but may send it back to draft, to withdraw it', () => {
    expect(apply(article('in_review'), VALID_EVENT.reject, managerAuthor).article.state).toBe('draft');
  });

  it.each<[string, ArticleState, Actor, ArticleEventType[]]>([
    ['the author, draft', article('draft'), author, ['edit', 'submit']],
    ['the author, in review', article('in_review'), author, []],
    ['the author, published', article('published'), author, ['revise']],
    ['the reviewer, draft', article('draft'), reviewer, ['edit', 'submit', 'retire']],
    ['the reviewer, in review', article('in_review'), reviewer, ['approve', 'reject']],
    ['the reviewer, published', article('published'), reviewer, ['revise', 'retire']],
    ['the reviewer who wrote it, in review', article('in_review'), managerAuthor, ['reject']],
    ['anyone, retired', article('retired'), reviewer, []],
    ['another agent, draft', article('draft'), person('U_OTHER', 'service_desk'), []],
  ])('%s may %j', (_label, from, actor, expected) => {
    expect(availableArticleActions(from, actor)).toEqual(expected);
  });
});

describe('what each article event changes', () => {
  it('edit records the new text', () => {
    const { article: next, changes } = apply(article('draft'), { type: 'edit', title: ' Jams ', body: ' Pull it out ' }, author);
    expect(changes).toEqual([
      { field: 'title', from: 'Printer on floor 3 jams', to: 'Jams' },
      { field: 'body', from: 'Open the front cover and take out the paper.', to: 'Pull it out' },
    ]);
    expect(next).toMatchObject({ title: 'Jams', body: 'Pull it out' });
  });

  it('submit clears the reason it was sent back for', () => {
    const { article: next, changes } = apply(article('draft', { returnReason: 'Add a screenshot' }), VALID_EVENT.submit, author);
    expect(changes).toEqual([{ field: 'state', from: 'draft', to: 'in_review' }]);
    expect(next).toMatchObject({ returnReason: null, submittedAt: NOW });
  });

  it('approve publishes and names the reviewer', () => {
    const { article: next, changes } = apply(article('in_review'), VALID_EVENT.approve, reviewer);
    expect(changes).toEqual([
      { field: 'state', from: 'in_review', to: 'published' },
      { field: 'reviewerId', from: null, to: 'U_REVIEWER' },
    ]);
    expect(next.publishedAt).toBe(NOW);
  });

  it('reject sends it back with the reason', () => {
    const { article: next, changes } = apply(article('in_review'), VALID_EVENT.reject, reviewer);
    expect(changes).toEqual([
      { field: 'state', from: 'in_review', to: 'draft' },
      { field: 'reviewerId', from: null, to: 'U_REVIEWER' },
    ]);
    expect(next.returnReason).toBe('Add a screenshot');
  });

  it('revise takes a published article back to draft, out of search until approved again', () => {
    const { article: next, changes } = apply(article('published'), VALID_EVENT.revise, author);
    expect(changes).toEqual([{ field: 'state', from: 'published', to: 'draft' }]);
    expect(searchKnowledge([next], 'printer', 5)).toEqual([]);
  });

  it('retire records why and when', () => {
    const { article: next } = apply(article('published'), VALID_EVENT.retire, reviewer);
    expect(next).toMatchObject({ retireReason: 'Printer replaced', retiredAt: NOW });
  });

  it.each<[string, ArticleStatus, ArticleEvent, Actor, { code: string; params: Record<string, string> }]>([
    ['reject without a reason', 'in_review', { type: 'reject', reason: ' ' }, reviewer, { code: 'reason_required', params: { field: 'reason' } }],
    ['retire without a reason', 'draft', { type: 'retire', reason: '' }, reviewer, { code: 'reason_required', params: { field: 'reason' } }],
    ['edit to an empty body', 'draft', { type: 'edit', title: 'x', body: ' ' }, author, { code: 'text_required', params: { field: 'body' } }],
    [
      'edit that changes nothing',
      'draft',
      { type: 'edit', title: 'Printer on floor 3 jams ', body: 'Open the front cover and take out the paper.' },
      author,
      { code: 'already_done', params: { event: 'edit' } },
    ],
  ])('%s is refused', (_label, from, event, actor, expected) => {
    expect(refusalOf(() => apply(article(from), event, actor))).toEqual(expected);
  });
});

describe('createArticle ("Save as article")', () => {
  const input = { id: 'KB-2', title: ' VPN 无法连接 ', body: ' 连接第二个网关。 ' };

  it('starts a draft by the actor, with the normalised source', () => {
    const source: ArticleSourceRecord = { kind: 'known_error', number: 'prb-7', state: 'known_error' };
    expect(createArticle({ ...input, source }, author, NOW)).toEqual({
      id: 'KB-2',
      state: 'draft',
      title: 'VPN 无法连接',
      body: '连接第二个网关。',
      authorId: 'U_AUTHOR',
      source: { kind: 'known_error', number: 'PRB-000007' },
      reviewerId: null,
      returnReason: null,
      retireReason: null,
      createdAt: NOW,
      updatedAt: NOW,
      submittedAt: null,
      publishedAt: null,
      retiredAt: null,
    });
  });

  it.each<[ArticleSourceRecord, boolean]>([
    [{ kind: 'incident', number: 'INC-000001', state: 'resolved' }, true],
    [{ kind: 'incident', number: 'INC-000001', state: 'closed' }, true],
    [{ kind: 'incident', number: 'INC-000001', state: 'in_progress' }, false],
    [{ kind: 'known_error', number: 'PRB-000001', state: 'known_error' }, true],
    [{ kind: 'known_error', number: 'PRB-000001', state: 'resolved' }, true],
    [{ kind: 'known_error', number: 'PRB-000001', state: 'investigating' }, false],
  ])('from %j: %s', (source, allowed) => {
    const create = () => createArticle({ ...input, source }, author, NOW);
    if (allowed) expect(create().source?.number).toBe(source.number);
    else expect(refusalOf(create)).toEqual({ code: 'transition_not_allowed', params: { state: source.state, event: 'save_as_article' } });
  });

  it('refuses a source number of the wrong kind', () => {
    const source: ArticleSourceRecord = { kind: 'incident', number: 'PRB-000001', state: 'resolved' };
    expect(refusalOf(() => createArticle({ ...input, source }, author, NOW))).toEqual({
      code: 'invalid_input',
      params: { field: 'source', value: 'PRB-000001' },
    });
  });

  it('may be written from scratch, by desk staff and problem managers only', () => {
    expect(createArticle(input, reviewer, NOW).source).toBeNull();
    expect(refusalOf(() => createArticle(input, person('U_HEAD', 'department_head'), NOW))).toEqual({
      code: 'not_allowed',
      params: { event: 'create_article' },
    });
  });

  it('needs a title', () => {
    expect(refusalOf(() => createArticle({ ...input, title: '' }, author, NOW))).toEqual({
      code: 'text_required',
      params: { field: 'title' },
    });
  });
});

describe('searchKnowledge', () => {
  const articles: ArticleState[] = [
    { ...IN_STATE.published, id: 'KB-10', title: '打印机卡纸怎么办', body: '打开前盖，取出纸张。' },
    { ...IN_STATE.draft, id: 'KB-11', title: '打印机卡纸（草稿）', body: '还没写完' },
    { ...IN_STATE.in_review, id: 'KB-12', title: '卡纸处理', body: '审核中' },
    { ...IN_STATE.retired, id: 'KB-13', title: '旧打印机卡纸', body: '已停用' },
    { ...IN_STATE.published, id: 'KB-14', title: 'Printer paper jam', body: '卡纸 in English: paper jam.' },
  ];

  it('finds published articles only', () => {
    expect(searchKnowledge(articles, '卡纸', 10).map((hit) => hit.id)).toEqual(['KB-10', 'KB-14']);
    expect(searchKnowledge(articles, '打印机卡纸', 10).map((hit) => hit.id)).toEqual(['KB-10', 'KB-14']);
    expect(searchKnowledge(articles, 'paper jams', 10).map((hit) => hit.id)).toEqual(['KB-14']);
  });
});
