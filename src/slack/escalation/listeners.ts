// Acknowledge and Snooze on escalation pings.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { translatorFor } from '../../i18n/index.js';
import type { EscalationService } from '../../services/escalations.js';
import type { SlackDeps } from '../deps.js';
import { ESCALATION_ACTIONS } from '../ids.js';
import { userMessageFor } from '../user-errors.js';

export function registerEscalationListeners(app: App, deps: SlackDeps, escalations: EscalationService): void {
  const decide = (decision: 'acknowledge' | 'snooze') =>
    async ({ ack, body, action, respond }: { ack: () => Promise<void>; body: BlockAction; action: ButtonAction; respond: (message: object) => Promise<unknown> }) => {
      await ack();
      const actor = await deps.directory.actor(body.user.id);
      const t = translatorFor(actor.locale);
      try {
        const id = Number.parseInt(action.value ?? '', 10);
        await (decision === 'acknowledge' ? escalations.acknowledge(id, actor) : escalations.snooze(id, actor));
        const number = /INC-\d+/.exec(body.message?.text ?? '')?.[0] ?? '';
        await respond({ replace_original: true, text: t(decision === 'acknowledge' ? 'escalation.ack_done' : 'escalation.snooze_done', { number }) });
      } catch (error) {
        await respond({ response_type: 'ephemeral', replace_original: false, text: userMessageFor(error, t, deps.logger) });
      }
    };
  app.action<BlockAction<ButtonAction>>(ESCALATION_ACTIONS.acknowledge, decide('acknowledge'));
  app.action<BlockAction<ButtonAction>>(ESCALATION_ACTIONS.snooze, decide('snooze'));
}
