// Pure Block Kit builders for releases: the plan modal, the roll-back modal and the release card.
import type { Button, KnownBlock, ModalView } from '@slack/types';
import type { ChangeState } from '../../domain/change.js';
import { availableReleaseActions, type ReleaseEventType } from '../../domain/release.js';
import { ROLES } from '../../domain/roles.js';
import type { ReleaseRecord } from '../../db/repositories/releases.js';
import type { Translate } from '../../i18n/index.js';
import type { MessageContent } from '../../outbox/messages.js';
import { slackDate } from '../format.js';
import { RELEASE_ACTIONS, RELEASE_FIELDS, RELEASE_ROLLBACK_VIEW, VIEWS } from '../ids.js';
import { field, input, modal, plain, textElement } from '../block-kit.js';
import { escapeMrkdwn, LIMITS, truncate } from '../limits.js';

export const RELEASE_NAME_MAX = 150;

export function planReleaseModal(t: Translate): ModalView {
  return modal(t, {
    callbackId: VIEWS.planRelease,
    title: t('release.modal.title'),
    submitKey: 'release.modal.submit',
    blocks: [
      input(t('release.field.name'), RELEASE_FIELDS.name, textElement(RELEASE_FIELDS.name, { max: RELEASE_NAME_MAX })),
      input(t('release.field.changes'), RELEASE_FIELDS.changes, textElement(RELEASE_FIELDS.changes, { max: 500 }), { hint: t('release.field.changes.hint') }),
      input(t('release.field.planned_for'), RELEASE_FIELDS.plannedFor, { type: 'datetimepicker', action_id: RELEASE_FIELDS.plannedFor }),
      input(t('release.field.backout_plan'), RELEASE_FIELDS.backoutPlan, textElement(RELEASE_FIELDS.backoutPlan, { multiline: true })),
      input(t('release.field.acceptance'), RELEASE_FIELDS.acceptance, textElement(RELEASE_FIELDS.acceptance, { multiline: true })),
      input(t('release.field.notes'), RELEASE_FIELDS.notes, textElement(RELEASE_FIELDS.notes, { multiline: true })),
    ],
  });
}

export function rollBackModal(t: Translate, number: string): ModalView {
  return modal(t, {
    callbackId: RELEASE_ROLLBACK_VIEW,
    title: t('release.form.roll_back'),
    submitKey: 'change.modal.confirm',
    privateMetadata: number,
    blocks: [input(t('change.field.reason'), RELEASE_FIELDS.reason, textElement(RELEASE_FIELDS.reason, { multiline: true, max: 1000 }))],
  });
}

const BUTTONS: Record<ReleaseEventType, { actionId: string; style?: Button['style'] }> = {
  deploy: { actionId: RELEASE_ACTIONS.deploy, style: 'primary' },
  accept: { actionId: RELEASE_ACTIONS.accept, style: 'primary' },
  roll_back: { actionId: RELEASE_ACTIONS.rollBack, style: 'danger' },
};

/** Someone holding every role: the card shows what anybody could do now; a click is checked per person. */
const ANYONE = { userId: '', roles: new Set(ROLES) };

export function releaseCard(t: Translate, release: ReleaseRecord, changeStates: ReadonlyMap<string, ChangeState>): MessageContent {
  const state = t(`release.state.${release.state}`);
  const changes = release.changeNumbers.map((number) => {
    const changeState = changeStates.get(number);
    return `${number} (${changeState ? t(`change.state.${changeState}`) : '?'})`;
  });
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(`${release.number} · ${release.name}`, LIMITS.headerText) },
    {
      type: 'section',
      fields: [
        field(t('change.card.state'), state),
        field(t('release.card.planned_for'), slackDate(release.plannedFor)),
        field(t('release.card.changes'), changes.join(', ')),
        field(t('release.card.creator'), `<@${release.creatorId}>`),
      ],
    },
    { type: 'section', text: { type: 'mrkdwn', text: truncate(`*${t('change.card.backout_plan')}*\n${escapeMrkdwn(release.backoutPlan)}\n*${t('release.card.acceptance')}*\n${escapeMrkdwn(release.acceptanceCriteria)}`, LIMITS.sectionText) } },
  ];
  if (release.rollback) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: truncate(t('release.card.rolled_back', { reason: escapeMrkdwn(release.rollback.reason) }), LIMITS.fieldText) }] });
  const buttons = availableReleaseActions(release, ANYONE).map((event): Button => ({ type: 'button', action_id: BUTTONS[event].actionId, text: plain(t(`release.action.${event}`), LIMITS.buttonText), value: release.number, ...(BUTTONS[event].style ? { style: BUTTONS[event].style } : {}) }));
  if (buttons.length > 0) blocks.push({ type: 'actions', block_id: `release:${release.number}`, elements: buttons });
  return { text: truncate(t('release.card.fallback', { number: release.number, name: escapeMrkdwn(release.name), state }), LIMITS.messageText), blocks };
}
