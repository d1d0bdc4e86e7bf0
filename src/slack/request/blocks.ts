// Pure Block Kit builders for service requests: the fulfilment card, the approval card, and the
// catalogue's admin list.
import type { Button, KnownBlock, MrkdwnElement } from '@slack/types';
import { localized, type Catalogue } from '../../domain/catalogue.js';
import { availableRequestActions, fulfilmentRoles, type RequestEventType } from '../../domain/request.js';
import { isMessageKey, type Locale, type Translate } from '../../i18n/index.js';
import type { RequestRecord } from '../../db/repositories/requests.js';
import type { MessageContent } from '../../outbox/messages.js';
import { approvalCardContent } from '../approval/blocks.js';
import { slackDate } from '../format.js';
import { REQUEST_ACTIONS } from '../ids.js';
import { escapeMrkdwn, LIMITS, truncate } from '../limits.js';

const plain = (text: string, max: number = LIMITS.buttonText) => ({ type: 'plain_text' as const, text: truncate(text, max) });
const mrkdwn = (text: string, max: number = LIMITS.sectionText): MrkdwnElement => ({ type: 'mrkdwn', text: truncate(text, max) });
const field = (label: string, value: string) => mrkdwn(`*${label}*\n${value}`, LIMITS.fieldText);

export function itemName(request: Pick<RequestRecord, 'item'>, locale: Locale): string {
  return localized(request.item.name, locale);
}

/** The requester's answers, one line per field, in the form's order (a user as a mention). */
export function answerLines(request: RequestRecord, locale: Locale): string[] {
  return request.item.fields.flatMap((formField) => {
    const answer = request.answers[formField.id];
    if (answer === undefined) return [];
    const value = formField.type === 'user' ? `<@${answer}>` : escapeMrkdwn(answer);
    return [`*${escapeMrkdwn(localized(formField.label, locale))}:* ${value}`];
  });
}

const CARD_BUTTONS: Partial<Record<RequestEventType, { actionId: string; style?: Button['style'] }>> = {
  take: { actionId: REQUEST_ACTIONS.take, style: 'primary' },
  fulfil: { actionId: REQUEST_ACTIONS.fulfil, style: 'primary' },
  cancel: { actionId: `${REQUEST_ACTIONS.formPrefix}cancel`, style: 'danger' },
};

/** The card the fulfilment group works from: what was asked, by whom, the deadline, Take / Fulfil / Cancel. */
export function requestCard(t: Translate, locale: Locale, request: RequestRecord, withActions = true): MessageContent {
  const name = itemName(request, locale);
  const state = t(`request.state.${request.state}`);
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(`${request.number} · ${name}`, LIMITS.headerText) },
    {
      type: 'section',
      fields: [
        field(t('request.card.service'), escapeMrkdwn(localized(request.item.serviceName, locale))),
        field(t('request.card.state'), state),
        field(t('request.card.requester'), `<@${request.requesterId}>`),
        field(t('request.card.assignee'), request.assigneeId ? `<@${request.assigneeId}>` : t('request.card.unassigned')),
        ...dueFields(t, request),
      ],
    },
  ];
  const answers = answerLines(request, locale);
  if (answers.length > 0) blocks.push({ type: 'section', text: mrkdwn(answers.join('\n')) });
  blocks.push({ type: 'context', elements: contextLines(t, request).map((line) => mrkdwn(line, LIMITS.fieldText)) });
  const buttons = withActions ? cardButtons(t, request) : [];
  if (buttons.length > 0) blocks.push({ type: 'actions', block_id: `request:${request.number}`, elements: buttons });
  return { text: truncate(t('request.card.fallback', { number: request.number, item: escapeMrkdwn(name), state }), LIMITS.messageText), blocks };
}

function dueFields(t: Translate, request: RequestRecord): MrkdwnElement[] {
  if (request.state === 'approved' && request.sla.responseDueAt) return [field(t('request.card.response_due'), slackDate(request.sla.responseDueAt))];
  if (request.state === 'in_progress' && request.sla.resolutionDueAt) return [field(t('request.card.resolution_due'), slackDate(request.sla.resolutionDueAt))];
  return [];
}

function contextLines(t: Translate, request: RequestRecord): string[] {
  const lines = [t('request.card.submitted', { time: slackDate(request.createdAt) })];
  if (request.approvedAt) lines.push(t('request.card.approved', { time: slackDate(request.approvedAt) }));
  if (request.fulfilledAt) lines.push(t('request.card.fulfilled', { time: slackDate(request.fulfilledAt) }));
  if (request.cancellation) lines.push(t('request.card.cancelled', { user: `<@${request.cancellation.byId}>`, reason: escapeMrkdwn(request.cancellation.reason) }));
  return lines;
}

/** Someone who may fulfil it, to show the buttons anyone of the group could press; a click is checked per person. */
function cardButtons(t: Translate, request: RequestRecord): Button[] {
  const fulfiller = { userId: '', roles: new Set(fulfilmentRoles(request.fulfilment)) };
  return availableRequestActions(request, fulfiller).flatMap((event) => {
    const button = CARD_BUTTONS[event];
    if (!button) return [];
    return [{ type: 'button' as const, action_id: button.actionId, text: plain(t(`request.action.${event}`)), value: request.number, ...(button.style ? { style: button.style } : {}) }];
  });
}

/** The approval card in each approver's DM: what is asked, by whom, the live tally, Approve / Reject. */
export function requestApprovalCard(t: Translate, locale: Locale, request: RequestRecord, usergroups: readonly string[] = []): MessageContent {
  const answers = answerLines(request, locale).join('\n');
  return approvalCardContent(t, {
    number: request.number,
    title: itemName(request, locale),
    fields: [
      field(t('request.card.requester'), `<@${request.requesterId}>`),
      field(t('request.card.service'), escapeMrkdwn(localized(request.item.serviceName, locale))),
      ...(answers ? [field(t('request.card.answers'), answers)] : []),
    ],
    tally: request.approval,
    usergroups,
    actionPrefix: REQUEST_ACTIONS.formPrefix,
    ...(request.cancellation ? { closed: t('request.card.cancelled', { user: `<@${request.cancellation.byId}>`, reason: escapeMrkdwn(request.cancellation.reason) }) } : {}),
    stageName: (name) => {
      const key = `request.stage.${name}`;
      return isMessageKey(key) ? t(key) : name.replace(/_/g, ' ');
    },
  });
}

const ADMIN_ENTRIES_MAX = 40;

/** `/request admin`: every service and item with Edit / Remove, and buttons to add one. */
export function catalogueAdminList(t: Translate, locale: Locale, catalogue: Catalogue): MessageContent {
  const entry = (kind: 'service' | 'item', id: string, text: string): KnownBlock => ({
    type: 'section',
    text: mrkdwn(text),
    accessory: {
      type: 'overflow',
      action_id: `${REQUEST_ACTIONS.adminEntry}:${kind}:${id}`,
      options: [
        { text: plain(t('request.admin.edit')), value: `edit:${kind}:${id}` },
        { text: plain(t('request.admin.remove')), value: `remove:${kind}:${id}` },
      ],
    },
  });
  const entries = [
    ...catalogue.services.map((service) => entry('service', service.id, t('request.admin.service_line', { id: service.id, name: escapeMrkdwn(localized(service.name, locale)), policy: service.slaPolicy }))),
    ...catalogue.items.map((item) => entry('item', item.id, t('request.admin.item_line', { id: item.id, name: escapeMrkdwn(localized(item.name, locale)), service: item.service, fields: item.fields.length }))),
  ];
  const blocks: KnownBlock[] = [
    { type: 'section', text: mrkdwn(`*${t('request.admin.title')}*`) },
    ...entries.slice(0, ADMIN_ENTRIES_MAX),
    {
      type: 'actions',
      block_id: 'catalogue:add',
      elements: [
        { type: 'button', action_id: REQUEST_ACTIONS.adminAddItem, text: plain(t('request.admin.add_item')), value: 'item' },
        { type: 'button', action_id: REQUEST_ACTIONS.adminAddService, text: plain(t('request.admin.add_service')), value: 'service' },
      ],
    },
  ];
  return { text: t('request.admin.title'), blocks };
}
