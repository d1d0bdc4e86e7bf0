// `/itsm help`, `/itsm audit`, and the commands whose features are not built yet.
import type { App } from '@slack/bolt';
import { translatorFor } from '../../i18n/index.js';
import type { SlackDeps } from '../deps.js';
import { COMMANDS } from '../ids.js';
import { formatRecordNumber, parseRecordNumber } from '../../domain/numbering.js';
import type { MessageContent } from '../../outbox/messages.js';
import { adminCommand } from '../admin/listeners.js';
import { auditHistory } from '../audit/blocks.js';
import { userMessageFor } from '../user-errors.js';
import { helpMessage } from './blocks.js';

const NOT_YET_AVAILABLE = [COMMANDS.problem];

export function registerHelpListeners(app: App, deps: SlackDeps): void {
  app.command(COMMANDS.itsm, async ({ command, ack, respond, client }) => {
    const t = translatorFor(await deps.directory.localeOf(command.user_id));
    const [subcommand = '', argument = ''] = command.text.trim().split(/\s+/);
    if (subcommand === '' || subcommand.toLowerCase() === 'help') {
      await ack({ response_type: 'ephemeral', ...helpMessage(t) });
      return;
    }
    if (subcommand.toLowerCase() === 'admin') {
      await ack();
      const answer = await adminCommand(deps, client, command);
      if (answer) await respond({ response_type: 'ephemeral', text: answer });
      return;
    }
    if (subcommand.toLowerCase() === 'audit') {
      await ack();
      await respond({ response_type: 'ephemeral', ...(await auditAnswer(deps, command.user_id, argument)) });
      return;
    }
    await ack({ response_type: 'ephemeral', text: t('command.unknown', { command: command.command, text: command.text.trim() }) });
  });

  for (const name of NOT_YET_AVAILABLE) {
    app.command(name, async ({ command, ack }) => {
      const t = translatorFor(await deps.directory.localeOf(command.user_id));
      await ack({ response_type: 'ephemeral', text: t('command.not_yet', { command: command.command }) });
    });
  }
}

async function auditAnswer(deps: SlackDeps, userId: string, argument: string): Promise<MessageContent> {
  const actor = await deps.directory.actor(userId);
  const t = translatorFor(actor.locale);
  const parsed = parseRecordNumber(argument);
  if (parsed?.prefix !== 'INC' && parsed?.prefix !== 'CHG' && parsed?.prefix !== 'REQ') return { text: t('audit.usage') };
  try {
    const number = formatRecordNumber(parsed.prefix, parsed.sequence);
    const history = { INC: () => deps.incidents.history(number, actor), CHG: () => deps.changes.history(number), REQ: () => deps.requests.history(number, actor) };
    const { entries } = await history[parsed.prefix]();
    return auditHistory(t, number, entries);
  } catch (error) {
    return { text: userMessageFor(error, t, deps.logger) };
  }
}
