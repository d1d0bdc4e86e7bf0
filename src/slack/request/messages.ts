// What each request step says in Slack, as outbox drafts: approval cards in the approvers' DMs
// (updated in place), the fulfilment card in the group's channel with its timeline thread, and a
// direct message to the requester at every step, in their language.
import { requestRecordKey, type RequestRecord } from '../../db/repositories/requests.js';
import { localized } from '../../domain/catalogue.js';
import type { DueAlert } from '../../domain/sla.js';
import type { MessageContent } from '../../outbox/messages.js';
import { translatorFor, type Translate } from '../../i18n/index.js';
import type { RequestSlaMessages } from '../../services/request-sla.js';
import type { RequestMessages, RequestTransitionNotice } from '../../services/requests.js';
import type { Settings } from '../../settings/schema.js';
import { RecordDrafts } from '../drafts.js';
import { slackDate } from '../format.js';
import { REQUEST_ACTIONS } from '../ids.js';
import { escapeMrkdwn, LIMITS, truncate } from '../limits.js';
import { itemName, requestApprovalCard, requestCard } from './blocks.js';

/** The requester's confirmation, with a Cancel button for while it is not fulfilled yet. */
function withCancel(t: Translate, number: string, text: string): MessageContent {
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) } },
      { type: 'actions', block_id: `request:${number}`, elements: [{ type: 'button', action_id: `${REQUEST_ACTIONS.formPrefix}cancel`, text: { type: 'plain_text', text: t('request.action.cancel') }, value: number }] },
    ],
  };
}

const who = (t: Translate, userId: string) => (userId === 'system' ? t('timeline.system') : `<@${userId}>`);

/** The requester's DM about a step, in their language (null: nothing to tell). */
function requesterNotice(notice: RequestTransitionNotice): string | null {
  const { after, event, actorId } = notice;
  const t = translatorFor(after.requesterLocale);
  const params = { number: after.number, item: escapeMrkdwn(itemName(after, after.requesterLocale)), user: who(t, actorId) };
  switch (event.type) {
    case 'approve':
      return t('request.dm.approved', params);
    case 'reject':
      return t('request.dm.rejected', { ...params, user: `<@${event.byId}>`, reason: escapeMrkdwn(event.reason) });
    case 'take':
      return t('request.dm.taken', params);
    case 'fulfil':
      return t('request.dm.fulfilled', params);
    case 'cancel':
      return actorId === after.requesterId ? t('request.dm.cancelled_by_you', params) : t('request.dm.cancelled', { ...params, reason: escapeMrkdwn(event.reason) });
  }
}

export function slackRequestMessages(settings: () => Settings): RequestMessages & RequestSlaMessages {
  const locale = () => settings().defaultLocale;
  const translator = () => translatorFor(locale());
  const drafts = (request: RequestRecord) => new RecordDrafts(requestRecordKey(request.id), request.fulfilment.channel ?? settings().channels.serviceDesk);
  const fulfilers = (request: RequestRecord) => (request.fulfilment.role ? (settings().roles[request.fulfilment.role] ?? { users: [], usergroups: [] }) : { users: [], usergroups: [] });
  const updateApprovals = (out: RecordDrafts, request: RequestRecord, usergroups: readonly string[] = []) => {
    const card = requestApprovalCard(translator(), locale(), request, usergroups);
    for (const userId of request.approvalRecipients) out.updateApproval(card, userId);
  };

  return {
    submitted(request) {
      const t = translatorFor(request.requesterLocale);
      const params = { number: request.number, item: escapeMrkdwn(itemName(request, request.requesterLocale)) };
      const text = t(request.approval ? 'request.dm.submitted' : 'request.dm.submitted_no_approval', params);
      return drafts(request).dm(request.requesterId, withCancel(t, request.number, text)).drafts;
    },
    approvalRequested({ request, notify, usergroups }) {
      const out = drafts(request);
      const card = requestApprovalCard(translator(), locale(), request, usergroups);
      for (const userId of notify) out.postApproval(card, userId);
      const t = translatorFor(request.requesterLocale);
      out.dm(request.requesterId, { text: t('request.dm.awaiting', { number: request.number, who: notify.map((userId) => `<@${userId}>`).join(', ') || '—' }) });
      return out.drafts;
    },
    approvalDecided(request, { approverId, decision, note, usergroups }) {
      const out = drafts(request);
      updateApprovals(out, request, usergroups);
      if (decision === 'approve') {
        const t = translatorFor(request.requesterLocale);
        out.dm(request.requesterId, { text: t('request.dm.approved_by', { number: request.number, user: `<@${approverId}>`, note: note ? ` “${escapeMrkdwn(note)}”` : '' }) });
      }
      return out.drafts;
    },
    changed(notice) {
      const { after, event, actorId } = notice;
      const t = translator();
      const out = drafts(after);
      if (event.type === 'approve') {
        out.postCard(requestCard(t, locale(), after)).thread(t('request.timeline.ready', { requester: `<@${after.requesterId}>` }));
        const { users, usergroups } = fulfilers(after);
        const mentions = [...users.map((userId) => `<@${userId}>`), ...usergroups.map((group) => `<!subteam^${group}>`)];
        if (mentions.length > 0) out.thread(t('request.timeline.group', { who: mentions.join(' ') }));
      } else if (notice.before.approvedAt) {
        out.updateCard(requestCard(t, locale(), after)).thread(t('request.timeline.line', { user: who(t, actorId), event: t(`request.event.${event.type}`), state: t(`request.state.${after.state}`) }));
      }
      if (event.type === 'cancel' || event.type === 'reject') updateApprovals(out, after);
      const text = requesterNotice(notice);
      if (text) out.dm(after.requesterId, { text });
      return out.drafts;
    },
    slaAlert(request, alert: DueAlert) {
      const t = translator();
      const key = alert.fraction >= 1 ? 'request.sla.breach' : 'request.sla.warning';
      const text = t(key, {
        number: request.number,
        item: escapeMrkdwn(localized(request.item.name, locale())),
        target: t(`request.sla.${alert.kind}`),
        percent: Math.round(alert.fraction * 100),
        due: alert.target.dueAt ? slackDate(alert.target.dueAt) : '—',
      });
      const out = drafts(request).thread(text);
      if (request.assigneeId) out.dm(request.assigneeId, { text });
      return out.drafts;
    },
  };
}
