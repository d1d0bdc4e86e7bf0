// Pure Block Kit builders for the change modals: raising a change, and the forms of the card's
// events (assess, reject, fail, review, retrospective, cancel) and of the approvers (approve, decline).
import type { KnownBlock, ModalView } from '@slack/types';
import { RISK_LEVELS } from '../../domain/risk.js';
import type { MessageKey, Translate } from '../../i18n/index.js';
import type { StandardChangeTemplate } from '../../settings/changes.js';
import { input, modal, option, plain, selectElement, textElement, type InputElement } from '../block-kit.js';
import { CHANGE_ACTION_VIEW_PREFIX, CHANGE_FIELDS, CMDB_PICK_ACTION, VIEWS } from '../ids.js';
import { LIMITS, truncate } from '../limits.js';

export const CHANGE_TITLE_MAX = 150;
export const CHANGE_TEXT_MAX = LIMITS.plainTextInput;

const YES_NO = ['yes', 'no'] as const;

/** An input labelled (and hinted) by catalogue keys. */
function labelled(t: Translate, field: string, labelKey: MessageKey, element: InputElement, optional = false, hintKey?: MessageKey) {
  return input(t(labelKey), field, element, { optional, ...(hintKey ? { hint: t(hintKey) } : {}) });
}

const yesNo = (t: Translate, field: string): InputElement => selectElement(field, YES_NO.map((answer) => option(t(`change.answer.${answer}`), answer)));

export interface RaiseModalInput {
  t: Translate;
  templates: readonly StandardChangeTemplate[];
  requesterId: string;
  prefill?: { title?: string; description?: string };
  /** Opaque to Slack; comes back with the submission (the record the change is raised from). */
  privateMetadata: string;
}

export function raiseChangeModal({ t, templates, requesterId, prefill, privateMetadata }: RaiseModalInput): ModalView {
  const levels = (prefix: 'change.impact' | 'change.complexity') => RISK_LEVELS.map((level) => option(t(`${prefix}.${level}`), level));
  const blocks: KnownBlock[] = [
    labelled(t, CHANGE_FIELDS.title, 'change.field.title', textElement(CHANGE_FIELDS.title, { max: CHANGE_TITLE_MAX, ...(prefill?.title ? { initial: prefill.title } : {}) })),
    labelled(t, CHANGE_FIELDS.description, 'change.field.description', textElement(CHANGE_FIELDS.description, { multiline: true, ...(prefill?.description ? { initial: prefill.description } : {}) }), true),
    labelled(t, CHANGE_FIELDS.type, 'change.field.type', selectElement(CHANGE_FIELDS.type, (['normal', 'standard', 'emergency'] as const).map((type) => option(t(`change.type.${type}`), type)), 'normal'), false, 'change.field.type.hint'),
  ];
  if (templates.length > 0) {
    const options = templates.slice(0, LIMITS.options).map((template) => option(template.name, template.id));
    blocks.push(labelled(t, CHANGE_FIELDS.template, 'change.field.template', selectElement(CHANGE_FIELDS.template, options), true, 'change.field.template.hint'));
  }
  blocks.push(
    labelled(t, CHANGE_FIELDS.configurationItems, 'change.field.items', { type: 'multi_external_select', action_id: CMDB_PICK_ACTION, min_query_length: 1, placeholder: plain(t('change.field.items.placeholder')) }, true, 'change.field.items.hint'),
    labelled(t, CHANGE_FIELDS.services, 'change.field.services', textElement(CHANGE_FIELDS.services, { max: 500 }), true),
    labelled(t, CHANGE_FIELDS.cmdbUpdates, 'change.field.cmdb_updates', textElement(CHANGE_FIELDS.cmdbUpdates, { multiline: true, max: 2000 }), true, 'change.field.cmdb_updates.hint'),
    labelled(t, CHANGE_FIELDS.plannedStart, 'change.field.start', { type: 'datetimepicker', action_id: CHANGE_FIELDS.plannedStart }),
    labelled(t, CHANGE_FIELDS.plannedEnd, 'change.field.end', { type: 'datetimepicker', action_id: CHANGE_FIELDS.plannedEnd }),
    labelled(t, CHANGE_FIELDS.implementer, 'change.field.implementer', { type: 'users_select', action_id: CHANGE_FIELDS.implementer, initial_user: requesterId }),
    labelled(t, CHANGE_FIELDS.implementationPlan, 'change.field.implementation_plan', textElement(CHANGE_FIELDS.implementationPlan, { multiline: true }), true, 'change.field.plans.hint'),
    labelled(t, CHANGE_FIELDS.backoutPlan, 'change.field.backout_plan', textElement(CHANGE_FIELDS.backoutPlan, { multiline: true }), true),
    labelled(t, CHANGE_FIELDS.testPlan, 'change.field.test_plan', textElement(CHANGE_FIELDS.testPlan, { multiline: true }), true),
    labelled(t, CHANGE_FIELDS.impact, 'change.field.impact', selectElement(CHANGE_FIELDS.impact, levels('change.impact'))),
    labelled(t, CHANGE_FIELDS.complexity, 'change.field.complexity', selectElement(CHANGE_FIELDS.complexity, levels('change.complexity'))),
    labelled(t, CHANGE_FIELDS.tested, 'change.field.tested', yesNo(t, CHANGE_FIELDS.tested)),
    labelled(t, CHANGE_FIELDS.backoutAvailable, 'change.field.backout_available', yesNo(t, CHANGE_FIELDS.backoutAvailable)),
    labelled(t, CHANGE_FIELDS.acceptClashes, 'change.field.accept_clashes', { type: 'checkboxes', action_id: CHANGE_FIELDS.acceptClashes, options: [option(t('change.field.accept_clashes.option'), 'yes')] }, true),
    labelled(t, CHANGE_FIELDS.freezeOverride, 'change.field.freeze_override', textElement(CHANGE_FIELDS.freezeOverride, { max: 500 }), true, 'change.field.freeze_override.hint'),
  );
  return modal(t, { callbackId: VIEWS.raiseChange, title: t('change.modal.title'), submitKey: 'change.modal.submit', privateMetadata, blocks });
}

/** Card and approval events that need more input before they run. */
export const CHANGE_FORM_EVENTS = ['assess', 'reject', 'fail', 'review_done', 'retrospective_review', 'cancel', 'approve', 'decline'] as const;
export type ChangeFormEvent = (typeof CHANGE_FORM_EVENTS)[number];

export function isChangeFormEvent(value: string): value is ChangeFormEvent {
  return (CHANGE_FORM_EVENTS as readonly string[]).includes(value);
}

function formBlocks(t: Translate, event: ChangeFormEvent, assessedRisk: string): KnownBlock[] {
  const reason = labelled(t, CHANGE_FIELDS.reason, 'change.field.reason', textElement(CHANGE_FIELDS.reason, { multiline: true, max: 1000 }));
  const notes = (optional: boolean) => labelled(t, CHANGE_FIELDS.notes, 'change.field.notes', textElement(CHANGE_FIELDS.notes, { multiline: true, max: 3000 }), optional);
  switch (event) {
    case 'assess':
      return [
        labelled(t, CHANGE_FIELDS.riskLevel, 'change.field.risk_level', selectElement(CHANGE_FIELDS.riskLevel, RISK_LEVELS.map((level) => option(t(`change.risk.${level}`), level)), assessedRisk), false, 'change.field.risk_level.hint'),
        labelled(t, CHANGE_FIELDS.reason, 'change.field.override_reason', textElement(CHANGE_FIELDS.reason, { multiline: true, max: 1000 }), true),
      ];
    case 'reject':
    case 'fail':
    case 'cancel':
    case 'decline':
      return [reason];
    case 'approve':
      return [labelled(t, CHANGE_FIELDS.comment, 'change.field.comment', textElement(CHANGE_FIELDS.comment, { multiline: true, max: 1000 }), true)];
    case 'retrospective_review':
      return [notes(false)];
    case 'review_done':
      return [
        labelled(t, CHANGE_FIELDS.objectivesMet, 'change.field.objectives_met', yesNo(t, CHANGE_FIELDS.objectivesMet)),
        labelled(t, CHANGE_FIELDS.customerSatisfied, 'change.field.customer_satisfied', yesNo(t, CHANGE_FIELDS.customerSatisfied)),
        labelled(t, CHANGE_FIELDS.negativeEffects, 'change.field.negative_effects', yesNo(t, CHANGE_FIELDS.negativeEffects)),
        notes(true),
      ];
  }
}

/** The modal of one event on one change; the change number travels in private_metadata. */
export function changeActionModal(t: Translate, event: ChangeFormEvent, change: { number: string; title: string; risk: { assessed: string } }): ModalView {
  return modal(t, {
    callbackId: `${CHANGE_ACTION_VIEW_PREFIX}${event}`,
    title: t(`change.form.${event}`),
    submitKey: 'change.modal.confirm',
    privateMetadata: change.number,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: truncate(`*${change.number}* · ${change.title}`, LIMITS.sectionText) } }, ...formBlocks(t, event, change.risk.assessed)],
  });
}
