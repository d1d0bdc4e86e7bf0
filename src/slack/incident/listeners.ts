// Slack entry points for incidents: ack, parse, call the service, answer. No rules, no SQL.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { translatorFor } from '../../i18n/index.js';
import type { SlackDeps } from '../deps.js';
import { COMMANDS, INCIDENT_ACTIONS, SHORTCUTS, VIEWS } from '../ids.js';
import { userMessageFor } from '../user-errors.js';
import { privateCommand } from '../interactions.js';
import { translateFieldErrors } from '../view-state.js';
import { incidentCard, incidentList, reportIncidentModal } from './blocks.js';
import { parseIncidentCommand, parseReportForm, parseReportMetadata, quickReport, type ReportMetadata } from './inputs.js';

export function registerIncidentListeners(app: App, deps: SlackDeps): void {
  app.command(
    COMMANDS.incident,
    privateCommand(deps, async ({ command, client, actor, t }) => {
      const parsed = parseIncidentCommand(command.text);
      switch (parsed.kind) {
        case 'form':
          await openReportModal(deps, client, command.trigger_id, actor.userId, { source: 'modal', channelId: command.channel_id });
          return null;
        case 'report':
          await deps.incidents.report(
            { ...quickReport(parsed.text), source: 'slash_command', categoryPath: null, affectedService: null, sourcePermalink: null, requestKey: `command:${command.trigger_id}`, responseUrl: command.response_url },
            actor,
          );
          return null;
        case 'show':
          return incidentCard({ t, locale: actor.locale, categories: deps.settings().categories, incident: await deps.incidents.show(parsed.number, actor), withActions: false });
        case 'list':
          return incidentList({ t, filter: parsed.filter, page: 0, ...(await deps.incidents.list(parsed.filter, actor, 0)) });
        case 'usage':
          return { text: t('incident.usage') };
      }
    }),
  );

  app.action<BlockAction<ButtonAction>>(INCIDENT_ACTIONS.listMore, async ({ ack, body, action, respond }) => {
    await ack();
    const actor = await deps.directory.actor(body.user.id);
    const t = translatorFor(actor.locale);
    const [filter = 'mine', pageText = '0'] = (action.value ?? '').split(':');
    const parsed = parseIncidentCommand(`list ${filter}`);
    if (parsed.kind !== 'list') return;
    const page = Math.max(0, Number.parseInt(pageText, 10) || 0);
    const content = incidentList({ t, filter: parsed.filter, page, ...(await deps.incidents.list(parsed.filter, actor, page)) });
    await respond({ response_type: 'ephemeral', replace_original: true, ...content });
  });

  app.message(async ({ message, body }) => {
    if (message.channel_type !== 'im' || message.subtype !== undefined || !('user' in message) || !message.text) return;
    const eventId = (body as { event_id?: string }).event_id ?? `${message.channel}:${message.ts}`;
    const actor = await deps.directory.actor(message.user);
    await deps.incidents.answerFromReporter(actor, message.text, eventId);
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
    const form = parseReportForm(view.state.values, deps.settings().categories, deps.settings().channels.security !== null);
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

export async function openReportModal(
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
      allowSecurity: settings.channels.security !== null,
      offerItems: !(await deps.cmdb.isEmpty()),
      ...(prefill ? { prefill } : {}),
    }),
  });
}
