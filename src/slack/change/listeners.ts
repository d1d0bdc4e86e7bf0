// Slack entry points for raising and finding changes: `/change`, the raise modal, "Create change"
// on an incident card. Ack, parse, call the service, answer. No rules, no SQL.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { z } from 'zod';
import { translatorFor } from '../../i18n/index.js';
import type { SlackDeps } from '../deps.js';
import { privateCommand } from '../interactions.js';
import { CHANGE_ACTIONS, CHANGE_FIELDS, COMMANDS, VIEWS } from '../ids.js';
import { userMessageFor } from '../user-errors.js';
import { translateFieldErrors } from '../view-state.js';
import { changeCalendar, changeCard } from './blocks.js';
import { cmdbUpdateError, parseChangeCommand, parseRaiseForm, scheduleConflictErrors } from './inputs.js';
import { raiseChangeModal } from './modals.js';
import { openPlanReleaseModal } from '../release/listeners.js';

const CALENDAR_DAYS = 30;

const raiseMetadataSchema = z.object({ raisedFrom: z.string().regex(/^(INC|PRB)-\d{6,}$/).nullable() });
type RaiseMetadata = z.infer<typeof raiseMetadataSchema>;

function parseRaiseMetadata(text: string): RaiseMetadata {
  try {
    return raiseMetadataSchema.parse(JSON.parse(text));
  } catch {
    return { raisedFrom: null };
  }
}

export function registerChangeListeners(app: App, deps: SlackDeps): void {
  app.command(
    COMMANDS.change,
    privateCommand(deps, async ({ command, client, actor, t }) => {
      const parsed = parseChangeCommand(command.text);
      switch (parsed.kind) {
        case 'form':
          await openRaiseModal(deps, client, command.trigger_id, actor.userId, { raisedFrom: null });
          return null;
        case 'calendar': {
          const { changes, freezes } = await deps.changes.calendar(CALENDAR_DAYS);
          return changeCalendar(t, changes, freezes, CALENDAR_DAYS);
        }
        case 'release': {
          const refusal = await openPlanReleaseModal(deps, client, command.trigger_id, actor.userId);
          return refusal ? { text: refusal } : null;
        }
        case 'show':
          return changeCard(t, await deps.changes.show(parsed.number), false);
        case 'usage':
          return { text: t('change.usage') };
      }
    }),
  );

  app.action<BlockAction<ButtonAction>>(CHANGE_ACTIONS.raiseFromIncident, async ({ ack, body, action, client }) => {
    await ack();
    const incident = await deps.incidents.find(action.value ?? '');
    const prefill = incident ? { title: `${incident.number}: ${incident.title}`, description: incident.description } : undefined;
    await openRaiseModal(deps, client, body.trigger_id, body.user.id, { raisedFrom: incident?.number ?? null }, prefill);
  });

  app.view(VIEWS.raiseChange, async ({ view, body, ack }) => {
    const requester = await deps.directory.actor(body.user.id);
    const t = translatorFor(requester.locale);
    const form = parseRaiseForm(view.state.values, deps.settings().changes.templates);
    if (!form.ok) {
      await ack({ response_action: 'errors', errors: translateFieldErrors(form.errors, t) });
      return;
    }
    const cmdbProblems = await deps.cmdb.updateProblems(form.value.cmdbUpdates ?? []);
    if (cmdbProblems.length > 0) {
      await ack({ response_action: 'errors', errors: translateFieldErrors({ [CHANGE_FIELDS.cmdbUpdates]: cmdbUpdateError(cmdbProblems) }, t) });
      return;
    }
    try {
      const result = await deps.changes.raise({ ...form.value, ...parseRaiseMetadata(view.private_metadata), requestKey: `view:${view.id}` }, requester);
      if (result.kind === 'schedule_conflict') {
        await ack({ response_action: 'errors', errors: translateFieldErrors(scheduleConflictErrors(result.check, deps.settings().calendar.timeZone), t) });
        return;
      }
      await ack();
    } catch (error) {
      // A refused freeze override (not a change manager) is the one refusal this form can meet.
      await ack({ response_action: 'errors', errors: { [CHANGE_FIELDS.freezeOverride]: userMessageFor(error, t, deps.logger) } });
    }
  });
}

export async function openRaiseModal(deps: SlackDeps, client: App['client'], triggerId: string, userId: string, metadata: RaiseMetadata, prefill?: { title?: string; description?: string }): Promise<void> {
  const t = translatorFor(await deps.directory.localeOf(userId));
  await client.views.open({
    trigger_id: triggerId,
    view: raiseChangeModal({ t, templates: deps.settings().changes.templates, requesterId: userId, privateMetadata: JSON.stringify(metadata), ...(prefill ? { prefill } : {}) }),
  });
}
