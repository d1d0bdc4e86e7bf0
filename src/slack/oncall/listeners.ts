// `/oncall [team]`: who answers now, until when, and who is next.
// `/oncall override [team] @user <from> <to>`: a team lead puts someone on call for a window.
import type { App, SlashCommand } from '@slack/bolt';
import type { MessageContent } from '../../outbox/messages.js';
import { translatorFor } from '../../i18n/index.js';
import type { OnCallService } from '../../services/oncall.js';
import type { SlackDeps } from '../deps.js';
import { COMMANDS } from '../ids.js';
import { userMessageFor } from '../user-errors.js';
import { onCallMessage, overrideConfirmation } from './blocks.js';
import { isOverrideCommand, parseOverrideCommand } from './inputs.js';

export function registerOnCallListeners(app: App, deps: SlackDeps, oncall: OnCallService): void {
  app.command(COMMANDS.oncall, async ({ command, ack, respond }) => {
    await ack();
    if (!isOverrideCommand(command.text)) {
      await respond({ response_type: 'ephemeral', ...(await onCallAnswer(deps, oncall, command)) });
      return;
    }
    await respond({ response_type: 'ephemeral', text: await overrideAnswer(deps, oncall, command) });
  });
}

async function onCallAnswer(deps: SlackDeps, oncall: OnCallService, command: SlashCommand): Promise<MessageContent> {
  const t = translatorFor(await deps.directory.localeOf(command.user_id));
  const team = command.text.trim().toLowerCase() || undefined;
  const known = oncall.rotations().map((rotation) => rotation.team);
  if (team && !known.includes(team)) return { text: t('error.unknown_team', { team, teams: known.join(', ') || '—' }) };
  return onCallMessage(t, await oncall.whoIsOnCall(team));
}

async function overrideAnswer(deps: SlackDeps, oncall: OnCallService, command: SlashCommand): Promise<string> {
  const actor = await deps.directory.actor(command.user_id);
  const t = translatorFor(actor.locale);
  const request = parseOverrideCommand(command.text);
  if (!request) return t('oncall.override_usage');
  try {
    return overrideConfirmation(t, await oncall.setOverride(actor, request));
  } catch (error) {
    return userMessageFor(error, t, deps.logger);
  }
}
