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
import { field, plain, textInput } from '../block-kit.js';
import { escapeMrkdwn, LIMITS, truncate } from '../limits.js';

export const RELEASE_NAME_MAX = 150;

export function planReleaseModal(t: Translate): ModalView {
  return {
    type: 'modal',
    callback_id: VIEWS.planRelease,
    title: plain(t('release.modal.title'), LIMITS.modalTitle),
    submit: plain(t('release.modal.submit'), LIMITS.modalTitle),
    close: plain(t('incident.modal.cancel'), LIMITS.modalTitle),
    blocks: [
      textInput(RELEASE_FIELDS.name, t('release.field.name'), { multiline: false, max: RELEASE_NAME_MAX }),
      { ...textInput(RELEASE_FIELDS.changes, t('release.field.changes'), { multiline: false, max: 500 }), hint: plain(t('release.field.changes.hint'), 2000) } as KnownBlock,
      { type: 'input', block_id: RELEASE_FIELDS.plannedFor, label: plain(t('release.field.planned_for'), 2000), element: { type: 'datetimepicker', action_id: RELEASE_FIELDS.plannedFor } },
      textInput(RELEASE_FIELDS.backoutPlan, t('release.field.backout_plan'), { max: 3000 }),
      textInput(RELEASE_FIELDS.acceptance, t('release.field.acceptance'), { max: 3000 }),
      textInput(RELEASE_FIELDS.notes, t('release.field.notes'), { max: 3000 }),
    ],
  };
}

export function rollBackModal(t: Translate, number: string): ModalView {
  return {
    type: 'modal',
    callback_id: RELEASE_ROLLBACK_VIEW,
    title: plain(t('release.form.roll_back'), LIMITS.modalTitle),
    submit: plain(t('change.modal.confirm'), LIMITS.modalTitle),
    close: plain(t('incident.modal.cancel'), LIMITS.modalTitle),
    private_metadata: number,
    blocks: [textInput(RELEASE_FIELDS.reason, t('change.field.reason'), { max: 1000 })],
  };
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
