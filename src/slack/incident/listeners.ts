// Slack entry points for incidents: ack, parse, call the service, answer. No rules, no SQL.
import type { App } from '@slack/bolt';
import { translatorFor } from '../../i18n/index.js';
import type { SlackDeps } from '../deps.js';
import { COMMANDS, SHORTCUTS, VIEWS } from '../ids.js';
import { userMessageFor } from '../user-errors.js';
import { translateFieldErrors } from '../view-state.js';
import { reportIncidentModal } from './blocks.js';
import { parseReportForm, parseReportMetadata, quickReport, type ReportMetadata } from './inputs.js';

const RESERVED_SUBCOMMANDS = new Set(['show', 'list']);

export function registerIncidentListeners(app: App, deps: SlackDeps): void {
  app.command(COMMANDS.incident, async ({ command, ack, respond, client }) => {
    const text = command.text.trim();
    const firstWord = text.split(/\s+/)[0]?.toLowerCase() ?? '';
    if (RESERVED_SUBCOMMANDS.has(firstWord)) {
      const t = translatorFor(await deps.directory.localeOf(command.user_id));
      await ack({ response_type: 'ephemeral', text: t('command.not_yet', { command: `${command.command} ${firstWord}` }) });
      return;
    }
    await ack();
    const reporter = await deps.directory.actor(command.user_id);
    try {
      if (!text) {
        await openReportModal(deps, client, command.trigger_id, reporter.userId, { source: 'modal', channelId: command.channel_id });
        return;
      }
      await deps.incidents.report(
        { ...quickReport(text), source: 'slash_command', categoryPath: null, sourcePermalink: null, requestKey: `command:${command.trigger_id}`, responseUrl: command.response_url },
        reporter,
      );
    } catch (error) {
      await respond({ response_type: 'ephemeral', text: userMessageFor(error, translatorFor(reporter.locale), deps.logger) });
    }
  });

  app.shortcut(SHORTCUTS.reportIncident, async ({ shortcut, ack, client }) => {
    await ack();
    if (shortcut.type !== 'message_action') return;
    const permalink = await client.chat
      .getPermalink({ channel: shortcut.channel.id, message_ts: shortcut.message.ts })
      .then((answer) => answer.permalink)
      .catch(() => undefined);
    const messageText = shortcut.message.text ?? '';
    await openReportModal(deps, client, shortcut.trigger_id, shortcut.user.id, {
      source: 'message_shortcut',
      channelId: shortcut.channel.id,
      ...(permalink ? { permalink } : {}),
    }, { ...quickReport(messageText), description: permalink ? `${messageText}\n\n${permalink}` : messageText });
  });

  app.view(VIEWS.reportIncident, async ({ view, body, ack }) => {
    const reporter = await deps.directory.actor(body.user.id);
    const t = translatorFor(reporter.locale);
    const form = parseReportForm(view.state.values, deps.settings().categories);
    if (!form.ok) {
      await ack({ response_action: 'errors', errors: translateFieldErrors(form.errors, t) });
      return;
    }
    await ack();
    const metadata = parseReportMetadata(view.private_metadata);
    try {
      await deps.incidents.report(
        { ...form.value, source: metadata.source, sourcePermalink: metadata.permalink ?? null, requestKey: `view:${view.id}` },
        reporter,
      );
    } catch (error) {
      await deps.notifyUser(reporter.userId, userMessageFor(error, t, deps.logger));
    }
  });
}

async function openReportModal(
  deps: SlackDeps,
  client: App['client'],
  triggerId: string,
  userId: string,
  metadata: ReportMetadata,
  prefill?: { title?: string; description?: string },
): Promise<void> {
  const locale = await deps.directory.localeOf(userId);
  const settings = deps.settings();
  await client.views.open({
    trigger_id: triggerId,
    view: reportIncidentModal({
      t: translatorFor(locale),
      locale,
      categories: settings.categories,
      privateMetadata: JSON.stringify(metadata),
      ...(prefill ? { prefill } : {}),
    }),
  });
}
