// Slack entry points for the CMDB: `/ci ITEM`, `/ci import`, `/ci export yaml|csv`, the refused
// `/ci set`, `/ci plan ITEM`, and the type-ahead of every configuration-item picker.
import type { App } from '@slack/bolt';
import type { TransferFormat } from '../../domain/cmdb-transfer.js';
import { translatorFor, type Translate } from '../../i18n/index.js';
import type { MessageContent } from '../../outbox/messages.js';
import type { RequestActor } from '../../services/context.js';
import type { SlackDeps } from '../deps.js';
import { privateCommand } from '../interactions.js';
import { CMDB_FIELDS, CMDB_PICK_ACTION, COMMANDS, VIEWS } from '../ids.js';
import { LIMITS, truncate } from '../limits.js';
import { planMaintenanceModal } from '../maintenance/modals.js';
import { userMessageFor } from '../user-errors.js';
import { translateFieldErrors } from '../view-state.js';
import { importSummary, itemCard, itemChoices } from './blocks.js';
import { parseCiCommand, parseImportForm } from './inputs.js';
import { ciImportModal } from './modals.js';

const PICK_OPTIONS = 50;

export function registerCmdbListeners(app: App, deps: SlackDeps): void {
  app.command(
    COMMANDS.ci,
    privateCommand(deps, async ({ command, client, actor, t }) => {
      const parsed = parseCiCommand(command.text);
      switch (parsed.kind) {
        case 'usage':
          return { text: t('cmdb.usage') };
        case 'import':
          await client.views.open({ trigger_id: command.trigger_id, view: ciImportModal(t) });
          return null;
        case 'export':
          return { text: await exportToUser(deps, client, actor, parsed.format, t) };
        case 'set':
          await deps.cmdb.refuseEdit(parsed.item, parsed.field, actor);
          return null;
        case 'plan': {
          const found = await deps.cmdb.find(parsed.item);
          if (found.kind !== 'item') return itemChoices(t, parsed.item, found.items);
          await deps.maintenance.assertMayPlan(found.key, actor);
          await client.views.open({ trigger_id: command.trigger_id, view: planMaintenanceModal(t, found.key, actor.userId) });
          return null;
        }
        case 'show':
          return showItem(deps, parsed.text, actor, t);
      }
    }),
  );

  app.view(VIEWS.ciImport, async ({ view, body, ack }) => {
    const actor = await deps.directory.actor(body.user.id);
    const t = translatorFor(actor.locale);
    const form = parseImportForm(view.state.values);
    if (!form.ok) return void (await ack({ response_action: 'errors', errors: translateFieldErrors(form.errors, t) }));
    try {
      const result = await deps.cmdb.import(form.value.format, form.value.text, actor);
      if (!result.ok) {
        const problems = result.problems.map((problem) => t('cmdb.import.problem', { line: problem.line, problem: t(`cmdb.problem.${problem.problem}`), detail: problem.detail })).join('\n');
        return void (await ack({ response_action: 'errors', errors: { [CMDB_FIELDS.text]: truncate(problems, 1500) } }));
      }
      await ack();
      await deps.notifyUser(actor.userId, importSummary(t, result.plan));
    } catch (error) {
      await ack({ response_action: 'errors', errors: { [CMDB_FIELDS.text]: userMessageFor(error, t, deps.logger) } });
    }
  });

  // Type-ahead for every configuration-item picker (changes, incidents, problems).
  app.options(CMDB_PICK_ACTION, async ({ options, ack }) => {
    const items = await deps.cmdb.search(options.value.trim(), PICK_OPTIONS);
    await ack({ options: items.map((item) => ({ text: { type: 'plain_text', text: truncate(`${item.key} · ${item.name}`, LIMITS.optionText) }, value: item.key })) });
  });
}

async function showItem(deps: SlackDeps, text: string, actor: RequestActor, t: Translate): Promise<MessageContent> {
  const found = await deps.cmdb.find(text);
  if (found.kind === 'choices') return itemChoices(t, text, found.items);
  const view = await deps.cmdb.view(found.key, actor);
  return itemCard(t, view, await deps.maintenance.ofItem(view.item.id));
}

/** The CMDB as a file in the person's direct messages with the bot. */
async function exportToUser(deps: SlackDeps, client: App['client'], actor: RequestActor, format: TransferFormat, t: Translate): Promise<string> {
  const content = await deps.cmdb.export(format);
  const dm = await client.conversations.open({ users: actor.userId });
  const channel = dm.channel?.id;
  if (!channel) throw new Error('no direct message channel');
  await client.files.uploadV2({ channel_id: channel, content, filename: `cmdb.${format}`, title: `CMDB (${format.toUpperCase()})`, initial_comment: t('cmdb.export.comment') });
  return t('cmdb.export.sent', { format: format.toUpperCase() });
}
