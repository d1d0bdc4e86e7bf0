// The App Home tab: what concerns the user, and the buttons to start something.
import type { Button, HomeView, KnownBlock } from '@slack/types';
import type { ChangeRecord } from '../../db/repositories/changes.js';
import type { Locale, MessageKey, Translate } from '../../i18n/index.js';
import type { RequestRecord } from '../../db/repositories/requests.js';
import { localized } from '../../domain/catalogue.js';
import type { HomeContent } from '../../services/home.js';
import { changeWindow } from '../change/blocks.js';
import { HOME_ACTIONS } from '../ids.js';
import { incidentLines } from '../incident/blocks.js';
import { slackDate } from '../format.js';
import { escapeMrkdwn, LIMITS, truncate } from '../limits.js';
import { teamName } from '../oncall/blocks.js';

/** A button at the top of the Home that starts something (report, raise, ask…). */
export interface HomeStartButton {
  actionId: string;
  label: MessageKey;
  primary?: boolean;
}

const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) } });

function button(t: Translate, start: HomeStartButton): Button {
  return { type: 'button', action_id: start.actionId, text: { type: 'plain_text', text: truncate(t(start.label), LIMITS.buttonText) }, ...(start.primary ? { style: 'primary' as const } : {}) };
}

function approvalLines(t: Translate, changes: readonly ChangeRecord[]): string {
  return changes
    .map((change) => t('home.approval_line', { number: change.number, title: escapeMrkdwn(truncate(change.title, 80)), type: t(`change.type.${change.type}`), risk: t(`change.risk.${change.risk.level}`), window: changeWindow(change) }))
    .join('\n');
}

function requestApprovalLines(t: Translate, locale: Locale, requests: readonly RequestRecord[]): string {
  return requests
    .map((request) => t('home.request_approval_line', { number: request.number, item: escapeMrkdwn(truncate(localized(request.item.name, locale), 80)), requester: `<@${request.requesterId}>`, since: slackDate(request.createdAt) }))
    .join('\n');
}

export function homeView({ t, locale }: { t: Translate; locale: Locale }, { reported, queue, approvals, requestApprovals, onCall }: HomeContent, starts: readonly HomeStartButton[]): HomeView {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: t('home.title') } },
    section(t('home.intro')),
    { type: 'actions', block_id: HOME_ACTIONS.startBlock, elements: starts.map((start) => button(t, start)) },
    { type: 'divider' },
  ];
  if (approvals.length > 0) blocks.push(section(`${t('home.approvals')}\n${approvalLines(t, approvals)}`));
  if (requestApprovals.length > 0) blocks.push(section(`${t('home.request_approvals')}\n${requestApprovalLines(t, locale, requestApprovals)}`));
  blocks.push(section(`${t('home.my_incidents')}\n${incidentLines(t, reported)}`));
  if (queue.length > 0) blocks.push(section(`${t('home.my_queue')}\n${incidentLines(t, queue)}`));
  if (onCall.length > 0) {
    const lines = onCall.map(({ rotation, current }) => `• ${teamName(t, rotation.team)}: <@${current.userId}> (${slackDate(current.endsAt)})`);
    blocks.push({ type: 'divider' }, section(`${t('home.on_call')}\n${lines.join('\n')}`));
  }
  return { type: 'home', blocks };
}
