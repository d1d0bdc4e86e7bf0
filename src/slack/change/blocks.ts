// Pure Block Kit builders for changes: the change card, the approval card and the change calendar.
import type { Button, KnownBlock, MrkdwnElement } from '@slack/types';
import { availableChangeActions, type ChangeEventType } from '../../domain/change.js';
import type { FreezeWindow } from '../../domain/change-schedule.js';
import { reviewOutcome } from '../../domain/review.js';
import { ROLES } from '../../domain/roles.js';
import type { ChangeRecord } from '../../db/repositories/changes.js';
import { isMessageKey, type Translate } from '../../i18n/index.js';
import type { MessageContent } from '../../outbox/messages.js';
import { approvalCardContent } from '../approval/blocks.js';
import { slackDate } from '../format.js';
import { CHANGE_ACTIONS, PROBLEM_ACTIONS } from '../ids.js';
import { escapeMrkdwn, LIMITS, truncate } from '../limits.js';

const plain = (text: string, max: number = LIMITS.buttonText) => ({ type: 'plain_text' as const, text: truncate(text, max) });
const mrkdwn = (text: string, max: number = LIMITS.sectionText): MrkdwnElement => ({ type: 'mrkdwn', text: truncate(text, max) });
const field = (label: string, value: string) => mrkdwn(`*${label}*\n${value}`, LIMITS.fieldText);
const PLAN_MAX = 900;

/** Events the card offers as buttons, with the action that runs them (a modal for those needing input). */
const CARD_BUTTONS: Partial<Record<ChangeEventType, { actionId: string; style?: Button['style'] }>> = {
  assess: { actionId: `${CHANGE_ACTIONS.formPrefix}assess`, style: 'primary' },
  reject: { actionId: `${CHANGE_ACTIONS.formPrefix}reject`, style: 'danger' },
  start: { actionId: CHANGE_ACTIONS.start, style: 'primary' },
  complete: { actionId: CHANGE_ACTIONS.complete, style: 'primary' },
  fail: { actionId: `${CHANGE_ACTIONS.formPrefix}fail`, style: 'danger' },
  review_done: { actionId: `${CHANGE_ACTIONS.formPrefix}review_done` },
  retrospective_review: { actionId: `${CHANGE_ACTIONS.formPrefix}retrospective_review` },
  cancel: { actionId: `${CHANGE_ACTIONS.formPrefix}cancel` },
};

/** Someone holding every role: the card shows what anybody could do now; a click is checked per person. */
const ANYONE = { userId: '', roles: new Set(ROLES) };

export function changeWindow(change: Pick<ChangeRecord, 'plannedStart' | 'plannedEnd'>): string {
  return `${slackDate(change.plannedStart)} – ${slackDate(change.plannedEnd)}`;
}

export function riskText(t: Translate, change: ChangeRecord): string {
  const level = t(`change.risk.${change.risk.level}`);
  return change.risk.overrideReason
    ? t('change.card.risk_overridden', { level, assessed: t(`change.risk.${change.risk.assessed}`), reason: escapeMrkdwn(change.risk.overrideReason) })
    : level;
}

/** The change card in the CAB channel: what, when, how, where it stands, and the buttons for now. */
export function changeCard(t: Translate, change: ChangeRecord, withActions = true): MessageContent {
  const state = t(`change.state.${change.state}`);
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(`${change.number} · ${change.title}`, LIMITS.headerText) },
    {
      type: 'section',
      fields: [
        field(t('change.card.type'), t(`change.type.${change.type}`)),
        field(t('change.card.state'), state),
        field(t('change.card.risk'), riskText(t, change)),
        field(t('change.card.window'), changeWindow(change)),
        field(t('change.card.requester'), `<@${change.requesterId}>`),
        field(t('change.card.implementer'), `<@${change.implementerId}>`),
        field(t('change.card.items'), escapeMrkdwn(change.configurationItemIds.join(', ')) || '—'),
        field(t('change.card.services'), escapeMrkdwn(change.affectedServices.join(', ')) || '—'),
      ],
    },
  ];
  if (change.description && change.description !== change.title) blocks.push({ type: 'section', text: mrkdwn(escapeMrkdwn(change.description)) });
  if (change.cmdbUpdates.length > 0) blocks.push({ type: 'section', text: mrkdwn([`*${t('change.card.cmdb_updates')}*`, ...change.cmdbUpdates.map((update) => `• ${update.itemKey} ${update.field} = ${escapeMrkdwn(update.value) || '—'}`)].join('\n')) });
  blocks.push({
    type: 'section',
    text: mrkdwn(
      [
        [t('change.card.implementation_plan'), change.implementationPlan],
        [t('change.card.backout_plan'), change.backoutPlan],
        [t('change.card.test_plan'), change.testPlan],
      ]
        .map(([label, text]) => `*${label}*\n${truncate(escapeMrkdwn(text ?? ''), PLAN_MAX)}`)
        .join('\n'),
    ),
  });
  blocks.push({ type: 'context', elements: cardContext(t, change).map((line) => mrkdwn(line, LIMITS.fieldText)) });
  const buttons = withActions ? cardButtons(t, change) : [];
  if (buttons.length > 0) blocks.push({ type: 'actions', block_id: `change:${change.number}`, elements: buttons });
  return { text: truncate(t('change.card.fallback', { number: change.number, title: escapeMrkdwn(change.title), state }), LIMITS.messageText), blocks };
}

function cardButtons(t: Translate, change: ChangeRecord): Button[] {
  const buttons = availableChangeActions(change, ANYONE).flatMap((event) => {
    const button = CARD_BUTTONS[event];
    if (!button) return [];
    return [{ type: 'button' as const, action_id: button.actionId, text: plain(t(`change.action.${event}`)), value: change.number, ...(button.style ? { style: button.style } : {}) }];
  });
  // A failed change may have a cause nobody knows yet: offer a problem record for it.
  if (change.problemSuggested) buttons.push({ type: 'button', action_id: PROBLEM_ACTIONS.createFromChange, text: plain(t('change.action.create_problem')), value: change.number });
  return buttons;
}

function cardContext(t: Translate, change: ChangeRecord): string[] {
  const lines = [t('change.card.raised', { time: slackDate(change.createdAt) })];
  if (change.raisedFrom) lines.push(t('change.card.raised_from', { number: change.raisedFrom }));
  if (change.templateId) lines.push(t('change.card.template', { template: escapeMrkdwn(change.templateId) }));
  if (change.freezeOverride) lines.push(t('change.card.freeze_override', { freezes: escapeMrkdwn(change.freezeOverride.freezes.join(', ')), user: `<@${change.freezeOverride.byId}>`, reason: escapeMrkdwn(change.freezeOverride.reason) }));
  if (change.rejection) lines.push(t('change.card.rejected', { reason: escapeMrkdwn(change.rejection.reason) }));
  if (change.cancellation) lines.push(t('change.card.cancelled', { reason: escapeMrkdwn(change.cancellation.reason) }));
  if (change.failure) lines.push(t('change.card.failed', { reason: escapeMrkdwn(change.failure.reason) }));
  if (change.review) lines.push(t('change.card.reviewed', { outcome: t(`change.review.${reviewOutcome(change.review)}`) }));
  if (change.retrospective) lines.push(t('change.card.retrospective', { user: `<@${change.retrospective.reviewerId}>` }));
  else if (change.type === 'emergency' && (change.state === 'review' || change.state === 'failed')) lines.push(t('change.card.retrospective_due'));
  return lines;
}

/** The approval card, in the CAB channel and each approver's DM: the change, the live tally, Approve / Reject. */
export function approvalCard(t: Translate, change: ChangeRecord, usergroups: readonly string[] = []): MessageContent {
  return approvalCardContent(t, {
    number: change.number,
    title: change.title,
    fields: [
      field(t('change.card.type'), t(`change.type.${change.type}`)),
      field(t('change.card.risk'), riskText(t, change)),
      field(t('change.card.window'), changeWindow(change)),
      field(t('change.card.requester'), `<@${change.requesterId}>`),
      field(t('change.card.implementer'), `<@${change.implementerId}>`),
      field(t('change.card.items'), escapeMrkdwn(change.configurationItemIds.join(', ')) || '—'),
    ],
    tally: change.approval,
    usergroups,
    actionPrefix: CHANGE_ACTIONS.formPrefix,
    stageName: (name) => stageName(t, name),
  });
}

/** A configured stage's name in the reader's language when the catalogue knows it, else as configured. */
function stageName(t: Translate, name: string): string {
  const key = `change.stage.${name}`;
  return isMessageKey(key) ? t(key) : name.replace(/_/g, ' ');
}

/** `/change calendar`: the coming changes by start, and the freezes in that time. */
export function changeCalendar(t: Translate, changes: readonly ChangeRecord[], freezes: readonly FreezeWindow[], days: number): MessageContent {
  const lines = changes.map((change) =>
    t('change.calendar.line', {
      window: changeWindow(change),
      number: change.number,
      title: escapeMrkdwn(change.title),
      state: t(`change.state.${change.state}`),
      items: escapeMrkdwn(change.configurationItemIds.join(', ')) || '—',
    }),
  );
  const freezeLines = freezes.map((freeze) => t('change.calendar.freeze', { name: escapeMrkdwn(freeze.name), window: `${slackDate(freeze.start)} – ${slackDate(freeze.end)}` }));
  const text = [`*${t('change.calendar.title', { days })}*`, ...(lines.length > 0 ? lines : [t('change.calendar.none')]), ...freezeLines].join('\n');
  return { text: truncate(text, LIMITS.messageText), blocks: [{ type: 'section', text: mrkdwn(text) }] };
}
