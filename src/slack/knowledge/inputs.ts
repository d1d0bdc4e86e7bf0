// Parses what Slack sends for the knowledge base: `/kb` text, the article form, review forms.
import { formatRecordNumber, parseRecordNumber } from '../../domain/numbering.js';
import type { ArticleEvent } from '../../domain/knowledge.js';
import { build, required, type FieldResult } from '../form-fields.js';
import { ARTICLE_FIELDS } from '../ids.js';
import { viewFields, type ParseResult, type ViewFields } from '../view-state.js';
import { ARTICLE_BODY_MAX, ARTICLE_TITLE_MAX, type ArticleFormEvent } from './blocks.js';

export type KbCommand = { kind: 'search'; query: string } | { kind: 'show'; number: string } | { kind: 'usage' };

/** `/kb <words>` searches; `/kb KB-000123` shows that article; `/kb` alone explains. */
export function parseKbCommand(text: string): KbCommand {
  const query = text.trim();
  if (query === '' || query.toLowerCase() === 'help') return { kind: 'usage' };
  const number = parseRecordNumber(query);
  if (number?.prefix === 'KB') return { kind: 'show', number: formatRecordNumber('KB', number.sequence) };
  return { kind: 'search', query };
}

export interface ArticleText {
  title: string;
  body: string;
}

export function parseArticleText(values: unknown): ParseResult<ArticleText> {
  const fields = viewFields(values);
  return build({ title: limited(fields, ARTICLE_FIELDS.title, ARTICLE_TITLE_MAX), body: limited(fields, ARTICLE_FIELDS.body, ARTICLE_BODY_MAX) }, (value) => value);
}

/** A review form: the reason for sending back or retiring, or the edited text to resubmit. */
export type ArticleRequest = { kind: 'event'; event: ArticleEvent } | { kind: 'resubmit'; text: ArticleText };

export function parseArticleActionForm(event: ArticleFormEvent, values: unknown): ParseResult<ArticleRequest> {
  if (event === 'resubmit') {
    const text = parseArticleText(values);
    return text.ok ? { ok: true, value: { kind: 'resubmit', text: text.value } } : text;
  }
  const fields = viewFields(values);
  return build({ reason: required(fields, ARTICLE_FIELDS.reason) }, (v): ArticleRequest => ({ kind: 'event', event: { type: event, reason: v.reason } }));
}

function limited(fields: ViewFields, field: string, max: number): FieldResult<string> {
  const value = required(fields, field);
  if (value.ok && Array.from(value.value).length > max) return { ok: false, field, error: { key: 'article.validation.too_long', params: { max } } };
  return value;
}
