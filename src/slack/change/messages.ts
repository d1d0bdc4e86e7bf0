// What each change event says in Slack, as outbox drafts: the card and approval cards (updated in
// place everywhere they were posted), timeline lines in the card's thread, and direct messages.
import type { KnownBlock } from '@slack/types';
import { changeRecordKey, type ChangeRecord } from '../../db/repositories/changes.js';
import type { ChangeEvent } from '../../domain/change.js';
import { translatorFor, type Translate } from '../../i18n/index.js';
import type { ChangeReminderMessages } from '../../services/change-reminders.js';
import type { ChangeMessages, ChangeTransitionNotice } from '../../services/changes.js';
import type { Settings } from '../../settings/schema.js';
import { slackDate } from '../format.js';
import { RecordDrafts } from '../drafts.js';
import { CHANGE_ACTIONS } from '../ids.js';
import { escapeMrkdwn, LIMITS, truncate } from '../limits.js';
import { approvalCard, changeCard, changeWindow } from './blocks.js';

/** The timeline line for an event, in the card's thread. */
function timelineLine(t: Translate, { after, event, actorId }: ChangeTransitionNotice): string {
  const actor = actorId === 'system' ? t('change.timeline.bot') : `<@${actorId}>`;
  const state = t(`change.state.${after.state}`);
  const detail = eventDetail(t, event);
  return t('change.timeline.line', { actor, event: t(`change.event.${event.type}`), state, detail: detail ? ` ${detail}` : '' });
}

function eventDetail(t: Translate, event: ChangeEvent): string {
  switch (event.type) {
    case 'reject':
    case 'fail':
    case 'cancel':
    case 'reschedule':
      return `“${escapeMrkdwn(event.reason)}”`;
    case 'assess':
      return event.riskOverride ? t('change.timeline.risk_override', { level: t(`change.risk.${event.riskOverride.level}`), reason: escapeMrkdwn(event.riskOverride.reason) }) : '';
    case 'retrospective_review':
      return `“${escapeMrkdwn(event.notes)}”`;
    case 'review_done':
      return event.review.notes ? `“${escapeMrkdwn(event.review.notes)}”` : '';
    default:
      return '';
  }
}

/** Direct messages an event sends to the requester and the implementer. */
function personalNotices(t: Translate, notice: ChangeTransitionNotice): [string, string][] {
  const { after, event } = notice;
  const params = { number: after.number, title: escapeMrkdwn(after.title), window: changeWindow(after) };
  if (after.state === 'scheduled' && notice.before.state !== 'scheduled') {
    return [
      [after.requesterId, t('change.dm.scheduled', params)],
      [after.implementerId, t('change.dm.implement', params)],
    ];
  }
  switch (event.type) {
    case 'reject':
      return [[after.requesterId, t('change.dm.rejected', { ...params, reason: escapeMrkdwn(event.reason) })]];
    case 'fail':
      return [[after.requesterId, t('change.dm.failed', { ...params, reason: escapeMrkdwn(event.reason) })]];
    case 'close':
      return [[after.requesterId, t('change.dm.closed', params)]];
    default:
      return [];
  }
}

export function slackChangeMessages(settings: () => Settings): ChangeMessages & ChangeReminderMessages {
  const translator = (): Translate => translatorFor(settings().defaultLocale);
  const drafts = (change: ChangeRecord) => new RecordDrafts(changeRecordKey(change.id), settings().channels.cab ?? settings().channels.serviceDesk);
  const approvalPlaces = (change: ChangeRecord) => [undefined, ...change.approvalRecipients];

  return {
    raised(change, clashes) {
      const t = translator();
      const out = drafts(change).postCard(changeCard(t, change)).thread(t('change.timeline.raised', { user: `<@${change.requesterId}>` }));
      if (clashes.length > 0) out.thread(t('change.timeline.clashes_accepted', { clashes: clashes.map((clash) => clash.number).join(', ') }));
      out.dm(change.requesterId, { text: t('change.dm.raised', { number: change.number, title: escapeMrkdwn(change.title) }) });
      return out.drafts;
    },
    changed(notice) {
      const t = translator();
      const out = drafts(notice.after).updateCard(changeCard(t, notice.after)).thread(timelineLine(t, notice));
      for (const [userId, text] of personalNotices(t, notice)) out.dm(userId, { text });
      return out.drafts;
    },
    approvalRequested({ change, starts, notify, usergroups }) {
      const t = translator();
      const card = approvalCard(t, change, usergroups);
      const out = drafts(change);
      if (starts) out.postApproval(card).thread(t('change.timeline.approval_requested', { who: notify.map((userId) => `<@${userId}>`).join(', ') || '—' }));
      for (const userId of notify) out.postApproval(card, userId);
      return out.drafts;
    },
    approvalDecided(change, { approverId, decision, usergroups }) {
      const t = translator();
      const card = approvalCard(t, change, usergroups);
      const out = drafts(change);
      for (const place of approvalPlaces(change)) out.updateApproval(card, place);
      out.thread(t(decision === 'approve' ? 'change.timeline.approved_by' : 'change.timeline.rejected_by', { user: `<@${approverId}>` }));
      return out.drafts;
    },
    scheduleWarning(change, check) {
      const t = translator();
      const clashes = check.clashes.map((clash) => clash.number).join(', ');
      const freezes = check.freezes.map((freeze) => escapeMrkdwn(freeze.name)).join(', ');
      return drafts(change).thread(t('change.timeline.schedule_warning', { clashes: clashes || '—', freezes: freezes || '—' })).drafts;
    },
    approvalReminder(change, userIds) {
      const t = translator();
      const out = drafts(change);
      for (const userId of userIds) out.dm(userId, { text: t('change.dm.approval_reminder', { number: change.number, title: escapeMrkdwn(change.title), since: slackDate(change.approvalStartedAt ?? change.updatedAt) }) });
      return out.drafts;
    },
    approvalEscalated(change, managerIds) {
      const t = translator();
      const text = t('change.dm.approval_escalated', { number: change.number, title: escapeMrkdwn(change.title), since: slackDate(change.approvalStartedAt ?? change.updatedAt) });
      const out = drafts(change).thread(text);
      for (const userId of managerIds) out.dm(userId, { text });
      return out.drafts;
    },
    startReminder(change) {
      const t = translator();
      const text = t('change.dm.start_reminder', { number: change.number, title: escapeMrkdwn(change.title), window: changeWindow(change) });
      const blocks: KnownBlock[] = [
        { type: 'section', text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) } },
        { type: 'actions', block_id: `change:${change.number}`, elements: [{ type: 'button', action_id: CHANGE_ACTIONS.start, style: 'primary', text: { type: 'plain_text', text: t('change.action.start') }, value: change.number }] },
      ];
      return drafts(change).dm(change.implementerId, { text, blocks }).drafts;
    },
    lateStart(change, managerIds) {
      const t = translator();
      const text = t('change.dm.late_start', { number: change.number, title: escapeMrkdwn(change.title), start: slackDate(change.plannedStart), implementer: `<@${change.implementerId}>` });
      const out = drafts(change).thread(text);
      for (const userId of new Set([change.implementerId, ...managerIds])) out.dm(userId, { text });
      return out.drafts;
    },
  };
}
