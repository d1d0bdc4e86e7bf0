// Knowledge base article rows ↔ domain articles. No business rule here: only mapping and queries.
import type { Tx } from '../database.js';
import { lockRecordByNumber } from '../sql.js';
import type { KnowledgeArticle as ArticleRow } from '../generated/client.js';
import type { ArticleSource, ArticleState, ArticleStatus } from '../../domain/knowledge.js';
import type { Locale } from '../../i18n/index.js';

export interface ArticleRecord extends ArticleState {
  /** The row id; `id` of the domain article is its number (KB-…). */
  rowId: number;
  authorLocale: Locale;
}

export function articleRecordKey(rowId: number): string {
  return `article:${rowId}`;
}

export async function insertArticle(tx: Tx, article: ArticleState, authorLocale: Locale, requestKey: string | null): Promise<ArticleRecord> {
  return fromRow(await tx.knowledgeArticle.create({ data: { ...toRow(article), authorLocale, requestKey } }));
}

export async function updateArticle(tx: Tx, rowId: number, article: ArticleState): Promise<ArticleRecord> {
  return fromRow(await tx.knowledgeArticle.update({ where: { id: rowId }, data: toRow(article) }));
}

export async function findArticleByNumber(tx: Tx, number: string): Promise<ArticleRecord | null> {
  const row = await tx.knowledgeArticle.findUnique({ where: { number } });
  return row ? fromRow(row) : null;
}

export async function findArticleByRequestKey(tx: Tx, requestKey: string): Promise<ArticleRecord | null> {
  const row = await tx.knowledgeArticle.findUnique({ where: { requestKey } });
  return row ? fromRow(row) : null;
}

/** Loads and row-locks an article, so two reviewers' clicks serialise. */
export async function lockArticleByNumber(tx: Tx, number: string): Promise<ArticleRecord | null> {
  const id = await lockRecordByNumber(tx, 'KnowledgeArticle', number);
  return id === undefined ? null : fromRow(await tx.knowledgeArticle.findUniqueOrThrow({ where: { id } }));
}

export async function findPublishedArticles(tx: Tx): Promise<ArticleRecord[]> {
  const rows = await tx.knowledgeArticle.findMany({ where: { state: 'published' }, orderBy: { id: 'asc' } });
  return rows.map(fromRow);
}

function toRow(article: ArticleState) {
  return {
    number: article.id,
    state: article.state,
    title: article.title,
    body: article.body,
    authorId: article.authorId,
    sourceKind: article.source?.kind ?? null,
    sourceNumber: article.source?.number ?? null,
    reviewerId: article.reviewerId,
    returnReason: article.returnReason,
    retireReason: article.retireReason,
    createdAt: article.createdAt,
    updatedAt: article.updatedAt,
    submittedAt: article.submittedAt,
    publishedAt: article.publishedAt,
    retiredAt: article.retiredAt,
  };
}

// The columns hold only values the domain wrote, so the casts restate the domain's own types.
function fromRow(row: ArticleRow): ArticleRecord {
  const source: ArticleSource | null =
    row.sourceKind && row.sourceNumber ? { kind: row.sourceKind as ArticleSource['kind'], number: row.sourceNumber } : null;
  return {
    rowId: row.id,
    id: row.number,
    state: row.state as ArticleStatus,
    title: row.title,
    body: row.body,
    authorId: row.authorId,
    authorLocale: row.authorLocale as Locale,
    source,
    reviewerId: row.reviewerId,
    returnReason: row.returnReason,
    retireReason: row.retireReason,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    submittedAt: row.submittedAt,
    publishedAt: row.publishedAt,
    retiredAt: row.retiredAt,
  };
}
