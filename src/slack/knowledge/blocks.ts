// Pure Block Kit builders for the knowledge base: the "Save as article" form, the article card the
// problem manager reviews, its action forms, and `/kb` answers.
import type { ActionsBlock, KnownBlock, ModalView } from '@slack/types';
import type { ArticleRecord } from '../../db/repositories/articles.js';
import { availableArticleActions } from '../../domain/knowledge.js';
import { ROLES } from '../../domain/roles.js';
import type { Translate } from '../../i18n/index.js';
import type { MessageContent } from '../../outbox/messages.js';
import { actionRows, button, contextLines, field, mrkdwnSection, plain, recordActionModal, textInput } from '../block-kit.js';
import { ARTICLE_ACTION_VIEW_PREFIX, ARTICLE_ACTIONS, ARTICLE_FIELDS, ARTICLE_VIEWS } from '../ids.js';
import { slackDate } from '../format.js';
import { escapeMrkdwn, LIMITS, truncate } from '../limits.js';

export const ARTICLE_TITLE_MAX = 150;
export const ARTICLE_BODY_MAX = LIMITS.plainTextInput;

/** Article events that need more input than a click: send back, retire, and edit-and-resubmit a draft. */
export const ARTICLE_FORM_EVENTS = ['reject', 'retire', 'resubmit'] as const;
export type ArticleFormEvent = (typeof ARTICLE_FORM_EVENTS)[number];

export function isArticleFormEvent(event: string): event is ArticleFormEvent {
  return (ARTICLE_FORM_EVENTS as readonly string[]).includes(event);
}

function articleTextInputs(t: Translate, prefill: { title: string; body: string }): KnownBlock[] {
  return [
    textInput(ARTICLE_FIELDS.title, t('incident.field.title'), { multiline: false, max: ARTICLE_TITLE_MAX, initial: prefill.title }),
    textInput(ARTICLE_FIELDS.body, t('article.field.body'), { max: ARTICLE_BODY_MAX, initial: prefill.body }),
  ];
}

/** "Save as article": title and text, prefilled from the incident or known error; the source rides in private_metadata. */
export function saveArticleModal(t: Translate, sourceNumber: string, prefill: { title: string; body: string }): ModalView {
  return {
    type: 'modal',
    callback_id: ARTICLE_VIEWS.save,
    private_metadata: sourceNumber,
    title: plain(t('article.modal.title'), LIMITS.modalTitle),
    submit: plain(t('article.modal.submit'), LIMITS.modalTitle),
    close: plain(t('incident.modal.cancel'), LIMITS.modalTitle),
    blocks: [mrkdwnSection(t('article.modal.intro', { number: sourceNumber })), ...articleTextInputs(t, prefill)],
  };
}

export function articleActionModal(t: Translate, event: ArticleFormEvent, article: ArticleRecord): ModalView {
  const fields = event === 'resubmit' ? articleTextInputs(t, article) : [textInput(ARTICLE_FIELDS.reason, t('incident.field.reason'))];
  const callbackId = `${ARTICLE_ACTION_VIEW_PREFIX}${event}`;
  return recordActionModal(t, { callbackId, title: t(`article.action.title.${event}`), record: { number: article.id, title: article.title }, fields });
}

/** Anyone who may act: the card is shared, so it shows what may be done; each click is checked. */
const ANY_VIEWER = { userId: '', roles: new Set(ROLES) };

/** The buttons an article's state allows (the author's DM shows the same for a returned draft). */
export function articleButtons(t: Translate, article: ArticleRecord): ActionsBlock['elements'] {
  const available = new Set(availableArticleActions(article, ANY_VIEWER));
  const value = article.id;
  const buttons: ActionsBlock['elements'] = [];
  if (available.has('approve')) buttons.push(button(t('article.button.approve'), ARTICLE_ACTIONS.approve, value, 'primary'));
  if (available.has('reject')) buttons.push(button(t('article.button.reject'), `${ARTICLE_ACTIONS.formPrefix}reject`, value, 'danger'));
  if (available.has('submit')) buttons.push(button(t('article.button.resubmit'), `${ARTICLE_ACTIONS.formPrefix}resubmit`, value, 'primary'));
  if (available.has('retire') && article.state === 'published') buttons.push(button(t('article.button.retire'), `${ARTICLE_ACTIONS.formPrefix}retire`, value));
  return buttons;
}

export interface ArticleCardInput {
  t: Translate;
  article: ArticleRecord;
  /** The review card has buttons; an article shown to one person (`/kb KB-…`) has none. */
  withActions?: boolean;
}

/** The article as the problem manager reviews it, updated in place; also what `/kb KB-…` shows. */
export function articleCard({ t, article, withActions = true }: ArticleCardInput): MessageContent {
  const state = t(`state.${article.state}`);
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(`${article.id} · ${article.title}`, LIMITS.headerText) },
    {
      type: 'section',
      fields: [
        field(t('incident.card.state'), state),
        field(t('article.card.author'), `<@${article.authorId}>`),
        field(t('article.card.source'), article.source?.number ?? '—'),
        field(t('article.card.reviewer'), article.reviewerId ? `<@${article.reviewerId}>` : '—'),
      ],
    },
    mrkdwnSection(escapeMrkdwn(article.body)),
    contextLines(cardContext(t, article)),
  ];
  if (withActions) blocks.push(...actionRows(`article_actions:${article.id}:`, [articleButtons(t, article)]));
  return { text: truncate(t('article.card.fallback', { number: article.id, title: escapeMrkdwn(article.title), state }), LIMITS.messageText), blocks };
}

function cardContext(t: Translate, article: ArticleRecord): string[] {
  const lines = [t('article.card.written', { time: slackDate(article.createdAt) })];
  if (article.state === 'in_review') lines.push(t('article.card.review_note'));
  if (article.state === 'draft' && article.returnReason) lines.push(t('article.card.returned', { reason: escapeMrkdwn(article.returnReason) }));
  if (article.publishedAt && article.state === 'published') lines.push(t('article.card.published', { time: slackDate(article.publishedAt) }));
  if (article.retireReason && article.state === 'retired') lines.push(t('article.card.retired', { reason: escapeMrkdwn(article.retireReason) }));
  return lines;
}

const EXCERPT_LENGTH = 200;

/** `/kb <words>`: the best matches, each with the start of its text. */
export function searchResults(t: Translate, query: string, articles: readonly ArticleRecord[]): MessageContent {
  const shownQuery = escapeMrkdwn(truncate(query, 100));
  if (articles.length === 0) return { text: t('kb.results.none', { query: shownQuery }) };
  const title = t('kb.results.title', { query: shownQuery, count: articles.length });
  const lines = articles.map((article) =>
    t('kb.results.line', { number: article.id, title: escapeMrkdwn(article.title), excerpt: escapeMrkdwn(truncate(article.body.replace(/\s+/g, ' '), EXCERPT_LENGTH)) }),
  );
  return { text: truncate(`${title}\n${lines.join('\n')}`, LIMITS.messageText), blocks: [mrkdwnSection(title), ...lines.map(mrkdwnSection), contextLines([t('kb.results.hint')])] };
}
