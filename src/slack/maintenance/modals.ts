// The maintenance modals: planning maintenance on an item, and postponing an occurrence.
import type { ModalView } from '@slack/types';
import { POSTPONE_DAYS } from '../../domain/maintenance.js';
import { RECURRENCE_KINDS } from '../../domain/recurrence.js';
import type { Translate } from '../../i18n/index.js';
import { MAINTENANCE_FIELDS, VIEWS } from '../ids.js';
import { input, modal, option, selectElement, textElement } from '../block-kit.js';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** `/ci plan ITEM`: what, who, and when it recurs; the item's id travels in private_metadata. */
export function planMaintenanceModal(t: Translate, itemKey: string, ownerId: string): ModalView {
  return modal(t, {
    callbackId: VIEWS.maintenancePlan,
    title: t('maintenance.modal.title'),
    submitKey: 'maintenance.modal.submit',
    privateMetadata: itemKey,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: t('maintenance.modal.intro', { item: itemKey }) } },
      input(t('maintenance.field.title'), MAINTENANCE_FIELDS.title, textElement(MAINTENANCE_FIELDS.title, { max: 150 })),
      input(t('maintenance.field.owner'), MAINTENANCE_FIELDS.owner, { type: 'users_select', action_id: MAINTENANCE_FIELDS.owner, initial_user: ownerId }),
      input(t('maintenance.field.kind'), MAINTENANCE_FIELDS.kind, selectElement(MAINTENANCE_FIELDS.kind, RECURRENCE_KINDS.map((kind) => option(t(`maintenance.kind.${kind}`), kind)), 'weekly')),
      input(t('maintenance.field.at'), MAINTENANCE_FIELDS.at, textElement(MAINTENANCE_FIELDS.at, { max: 5 }), { optional: true, hint: t('maintenance.field.at.hint') }),
      input(t('maintenance.field.weekday'), MAINTENANCE_FIELDS.weekday, selectElement(MAINTENANCE_FIELDS.weekday, WEEKDAYS.map((day) => option(t(`maintenance.weekday.${day}`), String(day)))), { optional: true }),
      input(t('maintenance.field.day'), MAINTENANCE_FIELDS.day, textElement(MAINTENANCE_FIELDS.day, { max: 2 }), { optional: true, hint: t('maintenance.field.day.hint') }),
      input(t('maintenance.field.cron'), MAINTENANCE_FIELDS.cron, textElement(MAINTENANCE_FIELDS.cron, { max: 100 }), { optional: true, hint: t('maintenance.field.cron.hint') }),
    ],
  });
}

/** Postpone an occurrence: by how long, and why; the plan and due time travel in private_metadata. */
export function postponeModal(t: Translate, value: string, title: string): ModalView {
  return modal(t, {
    callbackId: VIEWS.maintenancePostpone,
    title: t('maintenance.postpone.title'),
    submitKey: 'change.modal.confirm',
    privateMetadata: value,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: title } },
      input(t('maintenance.field.days'), MAINTENANCE_FIELDS.days, selectElement(MAINTENANCE_FIELDS.days, POSTPONE_DAYS.map((days) => option(t('maintenance.days', { days }), String(days))), '1')),
      input(t('change.field.reason'), MAINTENANCE_FIELDS.reason, textElement(MAINTENANCE_FIELDS.reason, { multiline: true, max: 1000 })),
    ],
  });
}
