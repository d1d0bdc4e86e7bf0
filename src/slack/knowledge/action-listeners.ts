// Slack entry points for reviewing articles: Approve, and the forms to send back, retire and resubmit.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { assertArticleEventAllowed } from '../../domain/knowledge.js';
import type { SlackDeps } from '../deps.js';
import { ARTICLE_ACTION_VIEW_PREFIX, ARTICLE_ACTIONS, ARTICLE_FIELDS } from '../ids.js';
import { forClicker, registerActionForms } from '../interactions.js';
import { articleActionModal, isArticleFormEvent, type ArticleFormEvent } from './blocks.js';
import { parseArticleActionForm } from './inputs.js';

/** The life-cycle event whose rules decide whether a form may open. */
const EVENT_OF_FORM: Readonly<Record<ArticleFormEvent, 'reject' | 'retire' | 'submit'>> = { reject: 'reject', retire: 'retire', resubmit: 'submit' };

export function registerKnowledgeActionListeners(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(ARTICLE_ACTIONS.approve, async ({ ack, body, action, respond }) => {
    await ack();
    await forClicker(deps, body.user.id, respond, (actor) => deps.knowledge.act(action.value ?? '', { type: 'approve' }, actor));
  });

  registerActionForms(app, deps, {
    buttonPrefix: ARTICLE_ACTIONS.formPrefix,
    viewPrefix: ARTICLE_ACTION_VIEW_PREFIX,
    isEvent: isArticleFormEvent,
    load: (number, actor) => deps.knowledge.show(number, actor),
    assertAllowed: (article, event, actor) => assertArticleEventAllowed(article, EVENT_OF_FORM[event], actor),
    modal: articleActionModal,
    parse: parseArticleActionForm,
    perform: (number, request, actor) => (request.kind === 'resubmit' ? deps.knowledge.resubmit(number, request.text, actor) : deps.knowledge.act(number, request.event, actor)),
    fallbackField: ARTICLE_FIELDS.reason,
  });
}
