// What each article event says, and to whom: the review card in the problem channel and its thread,
// the author, and the thread of the incident or problem the article was written from.
import { articleRecordKey, type ArticleRecord } from '../../db/repositories/articles.js';
import { incidentRecordKey } from '../../db/repositories/incidents.js';
import { problemRecordKey } from '../../db/repositories/problems.js';
import { translatorFor, type Translate } from '../../i18n/index.js';
import type { MessageContent, MessageRef, OutboxDraft } from '../../outbox/messages.js';
import type { ArticleChange, ArticleSourceRecordFound, KnowledgeMessages } from '../../services/knowledge.js';
import type { Settings } from '../../settings/schema.js';
import { mentionOf } from '../block-kit.js';
import { cardRef, deskChannelFor } from '../incident/messages.js';
import { escapeMrkdwn, LIMITS, truncate } from '../limits.js';
import { problemCardRef, problemChannel } from '../problem/messages.js';
import { articleButtons, articleCard } from './blocks.js';

function articleCardRef(article: Pick<ArticleRecord, 'rowId'>): MessageRef {
  return { recordKey: articleRecordKey(article.rowId), purpose: 'card' };
}

const text = (value: string): MessageContent => ({ text: truncate(value, LIMITS.sectionText) });

export function slackKnowledgeMessages(settings: () => Settings): KnowledgeMessages {
  const desk = () => translatorFor(settings().defaultLocale);
  const draft = (article: ArticleRecord, payload: OutboxDraft['payload']): OutboxDraft => ({ orderingKey: articleRecordKey(article.rowId), payload });
  const toAuthor = (article: ArticleRecord, content: MessageContent) => draft(article, { operation: 'post', channel: article.authorId, content });

  /** A line in the thread of the incident or known error the article was written from. */
  const inSourceThread = (source: ArticleSourceRecordFound, line: string): OutboxDraft => {
    const content = text(line);
    if (source.kind === 'incident') {
      const { incident } = source;
      return { orderingKey: incidentRecordKey(incident.id), payload: { operation: 'post', channel: deskChannelFor(incident, settings()), thread: cardRef(incident), content } };
    }
    return { orderingKey: problemRecordKey(source.problem.id), payload: { operation: 'post', channel: problemChannel(settings()), thread: problemCardRef(source.problem), content } };
  };

  return {
    submitted(article, author, source) {
      const t = desk();
      const about = { number: article.id, title: escapeMrkdwn(article.title) };
      const drafts = [
        draft(article, { operation: 'post', channel: problemChannel(settings()), content: articleCard({ t, article }), saveAs: articleCardRef(article) }),
        toAuthor(article, text(translatorFor(author.locale)('article.submitted', about))),
      ];
      if (source) drafts.push(inSourceThread(source, t('article.source.saved', { ...about, actor: `<@${author.userId}>` })));
      return drafts;
    },

    changed(change) {
      const { after } = change;
      const t = desk();
      const drafts = [
        draft(after, { operation: 'update', target: articleCardRef(after), content: articleCard({ t, article: after }) }),
        draft(after, { operation: 'post', channel: problemChannel(settings()), thread: articleCardRef(after), content: text(timelineLine(t, change)) }),
      ];
      const forAuthor = authorMessage(translatorFor(after.authorLocale), change);
      if (forAuthor && change.actorId !== after.authorId) drafts.push(toAuthor(after, forAuthor));
      return drafts;
    },
  };
}

function timelineLine(t: Translate, { event, actorId }: ArticleChange): string {
  const actor = mentionOf(actorId, t('timeline.system'));
  switch (event.type) {
    case 'reject':
    case 'retire':
      return t(`article.timeline.${event.type}`, { actor, reason: escapeMrkdwn(event.reason) });
    case 'edit':
    case 'submit':
    case 'approve':
    case 'revise':
      return t(`article.timeline.${event.type}`, { actor });
  }
}

/** The author hears of the decision: published, or sent back with the reason and a way to resubmit. */
function authorMessage(t: Translate, { event, after, actorId }: ArticleChange): MessageContent | null {
  const about = { number: after.id, title: escapeMrkdwn(after.title), actor: `<@${actorId}>` };
  if (event.type === 'approve') return text(t('article.author.published', about));
  if (event.type !== 'reject') return null;
  const line = t('article.author.rejected', { ...about, reason: escapeMrkdwn(event.reason) });
  return { text: line, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: truncate(line, LIMITS.sectionText) } }, { type: 'actions', block_id: `article_returned:${after.id}`, elements: articleButtons(t, after) }] };
}
