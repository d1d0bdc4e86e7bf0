// `/sla INC-…`: explains a ticket's service-level clock to whoever may see the ticket.
import type { App } from '@slack/bolt';
import { formatRecordNumber, parseRecordNumber } from '../../domain/numbering.js';
import { translatorFor } from '../../i18n/index.js';
import type { SlaTracker } from '../../services/sla.js';
import type { Clock } from '../../clock.js';
import type { SlackDeps } from '../deps.js';
import { COMMANDS } from '../ids.js';
import { userMessageFor } from '../user-errors.js';
import { slaExplanation } from './blocks.js';

export function registerSlaListeners(app: App, deps: SlackDeps, sla: SlaTracker, clock: Clock): void {
  app.command(COMMANDS.sla, async ({ command, ack, respond }) => {
    const parsed = parseRecordNumber(command.text);
    await ack();
    const actor = await deps.directory.actor(command.user_id);
    const t = translatorFor(actor.locale);
    try {
      if (parsed?.prefix !== 'INC') {
        await respond({ response_type: 'ephemeral', text: t('sla.usage') });
        return;
      }
      const incident = await deps.incidents.show(formatRecordNumber('INC', parsed.sequence), actor);
      const explanation = await sla.explain(incident, clock.now());
      const { timeZone, chinaPublicHolidays, holidays } = deps.settings().calendar;
      const calendar = { timeZone, holidaysOff: chinaPublicHolidays || holidays.length > 0 };
      await respond({ response_type: 'ephemeral', ...slaExplanation(t, calendar, explanation) });
    } catch (error) {
      await respond({ response_type: 'ephemeral', text: userMessageFor(error, t, deps.logger) });
    }
  });
}
