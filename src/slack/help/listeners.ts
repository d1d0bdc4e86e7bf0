// `/itsm help`, `/itsm audit INC-…|PRB-…|KB-…|CHG-…|REQ-…`, `/itsm admin` and `/itsm report`.
import type { App } from '@slack/bolt';
import { translatorFor } from '../../i18n/index.js';
import type { SlackDeps } from '../deps.js';
import { COMMANDS } from '../ids.js';
import { formatRecordNumber, parseRecordNumber, type RecordPrefix } from '../../domain/numbering.js';
import type { RequestActor } from '../../services/context.js';
import type { MessageContent } from '../../outbox/messages.js';
import { auditHistory, type AuditLine } from '../audit/blocks.js';
import { userMessageFor } from '../user-errors.js';
import { helpMessage } from './blocks.js';
import type { AdminService } from '../../services/admin.js';
import { adminAnswer } from '../admin/listeners.js';
import type { ReportService } from '../../services/reports.js';
import { reportAnswer } from '../report/listeners.js';
import type { ReleaseService } from '../../services/releases.js';

export function registerHelpListeners(app: App, deps: SlackDeps, admin: AdminService, reports: ReportService, releases: ReleaseService): void {
  app.command(COMMANDS.itsm, async ({ command, ack, respond, client }) => {
    await ack();
    const t = translatorFor(await deps.directory.localeOf(command.user_id));
    const words = command.text.trim().split(/\s+/);
    const [subcommand = '', argument = ''] = words;
    if (subcommand === '' || subcommand.toLowerCase() === 'help') {
      await respond({ response_type: 'ephemeral', ...helpMessage(t) });
      return;
    }
    if (subcommand.toLowerCase() === 'audit') {
      await respond({ response_type: 'ephemeral', ...(await auditAnswer(deps, releases, command.user_id, argument)) });
      return;
    }
    if (subcommand.toLowerCase() === 'admin') {
      const answer = await adminAnswer(deps, admin, command.user_id, words.slice(1), (view) => client.views.open({ trigger_id: command.trigger_id, view }));
      if (answer) await respond({ response_type: 'ephemeral', ...answer });
      return;
    }
    if (subcommand.toLowerCase() === 'report') {
      await respond({ response_type: 'ephemeral', ...(await reportAnswer(deps, reports, command.user_id, words.slice(1))) });
      return;
    }
    await respond({ response_type: 'ephemeral', text: t('command.unknown', { command: command.command, text: command.text.trim() }) });
  });
}

async function auditAnswer(deps: SlackDeps, releases: ReleaseService, userId: string, argument: string): Promise<MessageContent> {
  const actor = await deps.directory.actor(userId);
  const t = translatorFor(actor.locale);
  const parsed = parseRecordNumber(argument);
  const history = parsed ? HISTORIES[parsed.prefix] : undefined;
  if (!parsed || !history) return { text: t('audit.usage') };
  try {
    const number = formatRecordNumber(parsed.prefix, parsed.sequence);
    return auditHistory(t, number, await history({ ...deps, releases }, number, actor));
  } catch (error) {
    return { text: userMessageFor(error, t, deps.logger) };
  }
}

/** The records `/itsm audit` shows, each for whoever may see it. */
const HISTORIES: Record<RecordPrefix, (deps: SlackDeps & { releases: ReleaseService }, number: string, viewer: RequestActor) => Promise<AuditLine[]>> = {
  INC: async (deps, number, viewer) => (await deps.incidents.history(number, viewer)).entries,
  PRB: async (deps, number, viewer) => (await deps.problems.history(number, viewer)).entries,
  KB: async (deps, number, viewer) => (await deps.knowledge.history(number, viewer)).entries,
  CHG: async (deps, number) => (await deps.changes.history(number)).entries,
  REQ: async (deps, number, viewer) => (await deps.requests.history(number, viewer)).entries,
  REL: async (deps, number) => (await deps.releases.history(number)).entries,
};
