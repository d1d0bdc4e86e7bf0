// Slack entry points for reviewing articles: Approve, and the forms to send back, retire and resubmit.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { DomainError } from '../../domain/errors.js';
import { assertArticleEventAllowed } from '../../domain/knowledge.js';
import { translatorFor } from '../../i18n/index.js';
import type { SlackDeps } from '../deps.js';
import { ARTICLE_ACTION_VIEW_PREFIX, ARTICLE_ACTIONS, ARTICLE_FIELDS } from '../ids.js';
import { firstInputOf, forClicker, startingWith, submitInModal } from '../interactions.js';
import { translateFieldErrors } from '../view-state.js';
import { articleActionModal, isArticleFormEvent, type ArticleFormEvent } from './blocks.js';
import { parseArticleActionForm } from './inputs.js';

/** The life-cycle event whose rules decide whether a form may open. */
const EVENT_OF_FORM: Readonly<Record<ArticleFormEvent, 'reject' | 'retire' | 'submit'>> = { reject: 'reject', retire: 'retire', resubmit: 'submit' };

export function registerKnowledgeActionListeners(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(ARTICLE_ACTIONS.approve, async ({ ack, body, action, respond }) => {
    await ack();
    await forClicker(deps, body.user.id, respond, (actor) => deps.knowledge.act(action.value ?? '', { type: 'approve' }, actor));
  });

  app.action<BlockAction<ButtonAction>>(startingWith(ARTICLE_ACTIONS.formPrefix), async ({ ack, body, action, respond, client }) => {
    await ack();
    const event = action.action_id.slice(ARTICLE_ACTIONS.formPrefix.length);
    await forClicker(deps, body.user.id, respond, async (actor, t) => {
      const article = await deps.knowledge.show(action.value ?? '', actor);
      if (!isArticleFormEvent(event)) throw new DomainError('invalid_input');
      assertArticleEventAllowed(article, EVENT_OF_FORM[event], actor);
      await client.views.open({ trigger_id: body.trigger_id, view: articleActionModal(t, event, article) });
    });
  });

  app.view(startingWith(ARTICLE_ACTION_VIEW_PREFIX), async ({ ack, body, view }) => {
    const event = view.callback_id.slice(ARTICLE_ACTION_VIEW_PREFIX.length);
    const actor = await deps.directory.actor(body.user.id);
    const t = translatorFor(actor.locale);
    if (!isArticleFormEvent(event)) {
      await ack();
      return;
    }
    const parsed = parseArticleActionForm(event, view.state.values);
    if (!parsed.ok) {
      await ack({ response_action: 'errors', errors: translateFieldErrors(parsed.errors, t) });
      return;
    }
    const request = parsed.value;
    const number = view.private_metadata;
    await submitInModal(deps, ack, t, firstInputOf(view, ARTICLE_FIELDS.reason), () =>
      request.kind === 'resubmit' ? deps.knowledge.resubmit(number, request.text, actor) : deps.knowledge.act(number, request.event, actor),
    );
  });
}
