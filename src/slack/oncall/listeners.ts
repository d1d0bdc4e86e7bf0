// `/oncall [team]`: who answers now, until when, and who is next.
import type { App } from '@slack/bolt';
import { translatorFor } from '../../i18n/index.js';
import type { OnCallService } from '../../services/oncall.js';
import type { SlackDeps } from '../deps.js';
import { COMMANDS } from '../ids.js';
import { onCallMessage } from './blocks.js';

export function registerOnCallListeners(app: App, deps: SlackDeps, oncall: OnCallService): void {
  app.command(COMMANDS.oncall, async ({ command, ack }) => {
    const t = translatorFor(await deps.directory.localeOf(command.user_id));
    const team = command.text.trim().toLowerCase() || undefined;
    const known = oncall.rotations().map((rotation) => rotation.team);
    if (team && !known.includes(team)) {
      await ack({ response_type: 'ephemeral', text: t('oncall.unknown_team', { team, teams: known.join(', ') || '—' }) });
      return;
    }
    await ack({ response_type: 'ephemeral', ...onCallMessage(t, oncall.whoIsOnCall(team)) });
  });
}
