// `/itsm help` and the commands whose features are not built yet.
import type { App } from '@slack/bolt';
import { translatorFor } from '../../i18n/index.js';
import type { SlackDeps } from '../deps.js';
import { COMMANDS } from '../ids.js';
import { helpMessage } from './blocks.js';

const NOT_YET_AVAILABLE = [COMMANDS.request, COMMANDS.problem, COMMANDS.change];

export function registerHelpListeners(app: App, deps: SlackDeps): void {
  app.command(COMMANDS.itsm, async ({ command, ack }) => {
    const t = translatorFor(await deps.directory.localeOf(command.user_id));
    const subcommand = command.text.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
    if (subcommand === '' || subcommand === 'help') {
      await ack({ response_type: 'ephemeral', ...helpMessage(t) });
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
