// Slack entry points for the knowledge base: `/kb`, and "Save as article" on resolved incidents and known errors.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { DomainError } from '../../domain/errors.js';
import { mayWriteArticles, type ArticleSource } from '../../domain/knowledge.js';
import { parseRecordNumber } from '../../domain/numbering.js';
import { translatorFor, type Translate } from '../../i18n/index.js';
import type { RequestActor } from '../../services/context.js';
import type { SlackDeps } from '../deps.js';
import { ARTICLE_ACTIONS, ARTICLE_FIELDS, ARTICLE_VIEWS, COMMANDS } from '../ids.js';
import { forClicker, privateCommand, submitInModal } from '../interactions.js';
import { translateFieldErrors } from '../view-state.js';
import { articleCard, saveArticleModal, searchResults } from './blocks.js';
import { parseArticleText, parseKbCommand } from './inputs.js';

type ArticlePrefill = { number: string; title: string; body: string };

export function registerKnowledgeListeners(app: App, deps: SlackDeps): void {
  app.command(
    COMMANDS.kb,
    privateCommand(deps, async ({ command, actor, t }) => {
      const parsed = parseKbCommand(command.text);
      if (parsed.kind === 'usage') return { text: t('kb.usage') };
      if (parsed.kind === 'show') return articleCard({ t, article: await deps.knowledge.show(parsed.number, actor), withActions: false });
      return searchResults(t, parsed.query, await deps.knowledge.search(parsed.query));
    }),
  );

  /** "Save as article" opens the form prefilled from its source, for those who write articles. */
  const saveFrom = (actionId: string, prefillFor: (actor: RequestActor, t: Translate, number: string) => Promise<ArticlePrefill>) =>
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, respond, client }) => {
      await ack();
      await forClicker(deps, body.user.id, respond, async (actor, t) => {
        if (!mayWriteArticles(actor)) throw new DomainError('not_allowed', { event: 'create_article' });
        const prefill = await prefillFor(actor, t, action.value ?? '');
        await client.views.open({ trigger_id: body.trigger_id, view: saveArticleModal(t, prefill.number, prefill) });
      });
    });

  saveFrom(ARTICLE_ACTIONS.saveFromIncident, async (actor, t, number) => {
    const incident = await deps.problems.incidentFor(number, actor);
    return { number: incident.number, title: incident.title, body: t('article.prefill.incident', { description: incident.description, resolution: incident.resolution?.notes ?? '' }) };
  });

  saveFrom(ARTICLE_ACTIONS.saveFromProblem, async (actor, t, number) => {
    const problem = await deps.problems.show(number, actor);
    const body = t('article.prefill.known_error', { description: problem.description, rootCause: problem.rootCause ?? '—', workaround: problem.workaround ?? '—' });
    return { number: problem.number, title: problem.title, body };
  });

  app.view(ARTICLE_VIEWS.save, async ({ ack, body, view }) => {
    const actor = await deps.directory.actor(body.user.id);
    const t = translatorFor(actor.locale);
    const text = parseArticleText(view.state.values);
    if (!text.ok) {
      await ack({ response_action: 'errors', errors: translateFieldErrors(text.errors, t) });
      return;
    }
    const source = sourceOf(view.private_metadata);
    await submitInModal(deps, ack, t, ARTICLE_FIELDS.title, () => deps.knowledge.save({ ...text.value, source, requestKey: `view:${view.id}` }, actor));
  });
}

/** The form carries the number of what the article is written from: INC-… or PRB-…. */
function sourceOf(number: string): ArticleSource | null {
  const parsed = parseRecordNumber(number);
  if (parsed?.prefix === 'INC') return { kind: 'incident', number };
  if (parsed?.prefix === 'PRB') return { kind: 'known_error', number };
  return null;
}
