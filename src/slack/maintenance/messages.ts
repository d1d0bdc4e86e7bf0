// What planned maintenance says in Slack: the owner told of a new plan, the reminder with Done and
// Postpone (updated in place once recorded), the overdue notice to the team lead.
import type { KnownBlock } from '@slack/types';
import { planRecordKey, type PlanRecord } from '../../db/repositories/maintenance.js';
import { translatorFor, type Translate } from '../../i18n/index.js';
import type { MaintenanceMessages } from '../../services/maintenance.js';
import type { Settings } from '../../settings/schema.js';
import { recurrenceText } from '../cmdb/blocks.js';
import { RecordDrafts } from '../drafts.js';
import { slackDate } from '../format.js';
import { MAINTENANCE_ACTIONS } from '../ids.js';
import { escapeMrkdwn, LIMITS, truncate } from '../limits.js';
import { occurrenceValue } from './inputs.js';

/** Each occurrence's reminder (and overdue notice) is its own message, updated when it is recorded. */
const reminderPurpose = (dueAt: Date, userId: string) => `reminder:${dueAt.getTime()}:${userId}`;

function withButtons(t: Translate, plan: PlanRecord, text: string): { text: string; blocks: KnownBlock[] } {
  const value = occurrenceValue(plan.id, plan.nextDueAt);
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) } },
      {
        type: 'actions',
        block_id: `maintenance:${value}`,
        elements: [
          { type: 'button', action_id: MAINTENANCE_ACTIONS.done, style: 'primary', text: { type: 'plain_text', text: t('maintenance.action.done') }, value },
          { type: 'button', action_id: MAINTENANCE_ACTIONS.postpone, text: { type: 'plain_text', text: t('maintenance.action.postpone') }, value },
        ],
      },
    ],
  };
}

export function slackMaintenanceMessages(settings: () => Settings): MaintenanceMessages {
  const translator = () => translatorFor(settings().defaultLocale);
  const drafts = (plan: PlanRecord) => new RecordDrafts(planRecordKey(plan.id), settings().channels.serviceDesk);
  const params = (t: Translate, plan: PlanRecord) => ({ title: escapeMrkdwn(plan.title), item: plan.itemKey, due: slackDate(plan.nextDueAt), owner: `<@${plan.ownerId}>`, recurrence: recurrenceText(t, plan.recurrence) });

  return {
    planned(plan, byId) {
      const t = translator();
      return drafts(plan).dm(plan.ownerId, { text: t('maintenance.dm.planned', { ...params(t, plan), user: `<@${byId}>` }) }).drafts;
    },
    reminder(plan) {
      const t = translator();
      const out = drafts(plan);
      return out.dm(plan.ownerId, withButtons(t, plan, t('maintenance.dm.due', params(t, plan))), out.ref(reminderPurpose(plan.nextDueAt, plan.ownerId))).drafts;
    },
    overdue(plan, leadIds) {
      const t = translator();
      const out = drafts(plan);
      for (const leadId of leadIds) out.dm(leadId, withButtons(t, plan, t('maintenance.dm.overdue', params(t, plan))), out.ref(reminderPurpose(plan.nextDueAt, leadId)));
      return out.drafts;
    },
    recorded({ plan, dueAt, outcome, byId, nextDueAt, reason, toldIds }) {
      const t = translator();
      const out = drafts(plan);
      const text = t(`maintenance.dm.${outcome}`, { title: escapeMrkdwn(plan.title), item: plan.itemKey, user: `<@${byId}>`, next: slackDate(nextDueAt), reason: escapeMrkdwn(reason ?? '') });
      // Every copy of this occurrence's reminder loses its buttons and says what happened.
      for (const userId of new Set(toldIds)) out.update(out.ref(reminderPurpose(dueAt, userId)), { text });
      return out.drafts;
    },
  };
}
