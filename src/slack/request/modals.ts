// Pure Block Kit builders for the request modals: choosing a catalogue item, the item's own form,
// the approvers' and fulfilers' forms (approve, reject, cancel), and the admin's catalogue editor.
import type { KnownBlock, ModalView } from '@slack/types';
import { localized, type Catalogue, type CatalogueEntryKind, type CatalogueItem, type RequestField } from '../../domain/catalogue.js';
import type { Locale, Translate } from '../../i18n/index.js';
import { REQUEST_ACTION_VIEW_PREFIX, REQUEST_FIELDS, VIEWS } from '../ids.js';
import { LIMITS, truncate } from '../limits.js';
import { input, modal, option, selectElement, textElement, type InputElement } from '../block-kit.js';

/** `/request`: which item of the catalogue (labelled "Service › Item"). */
export function pickItemModal(t: Translate, locale: Locale, catalogue: Catalogue): ModalView {
  const serviceName = (id: string) => {
    const service = catalogue.services.find((candidate) => candidate.id === id);
    return service ? localized(service.name, locale) : id;
  };
  const options = catalogue.items.map((item) => option(`${serviceName(item.service)} › ${localized(item.name, locale)}`, item.id));
  return modal(t, {
    callbackId: VIEWS.pickRequestItem,
    title: t('request.modal.pick_title'),
    submitKey: 'request.modal.next',
    blocks: [input(t('request.field.item'), REQUEST_FIELDS.item, selectElement(REQUEST_FIELDS.item, options))],
  });
}

export function answerBlockId(fieldId: string): string {
  return `${REQUEST_FIELDS.answerPrefix}${fieldId}`;
}

function answerElement(formField: RequestField): InputElement {
  const actionId = answerBlockId(formField.id);
  switch (formField.type) {
    case 'text':
      return textElement(actionId, { multiline: formField.multiline, max: LIMITS.plainTextInput });
    case 'select':
      return selectElement(actionId, formField.options.map((choice) => option(choice, choice)));
    case 'date':
      return { type: 'datepicker', action_id: actionId };
    case 'user':
      return { type: 'users_select', action_id: actionId };
  }
}

/** The item's form; the item id travels in private_metadata. */
export function requestFormModal(t: Translate, locale: Locale, item: CatalogueItem): ModalView {
  const intro: KnownBlock[] = item.description ? [{ type: 'section', text: { type: 'mrkdwn', text: truncate(localized(item.description, locale), LIMITS.sectionText) } }] : [];
  return modal(t, {
    callbackId: VIEWS.requestForm,
    title: localized(item.name, locale),
    submitKey: 'request.modal.submit',
    privateMetadata: item.id,
    blocks: [...intro, ...item.fields.map((formField) => input(localized(formField.label, locale), answerBlockId(formField.id), answerElement(formField), { optional: !formField.required }))],
  });
}

/** Request events that need more input: an approver's decision, or a cancellation's reason. */
export const REQUEST_FORM_EVENTS = ['approve', 'decline', 'cancel'] as const;
export type RequestFormEvent = (typeof REQUEST_FORM_EVENTS)[number];

export function isRequestFormEvent(value: string): value is RequestFormEvent {
  return (REQUEST_FORM_EVENTS as readonly string[]).includes(value);
}

/** The modal of one event on one request; the request number travels in private_metadata. */
export function requestActionModal(t: Translate, event: RequestFormEvent, request: { number: string; item: string }): ModalView {
  const field =
    event === 'approve'
      ? input(t('change.field.comment'), REQUEST_FIELDS.comment, textElement(REQUEST_FIELDS.comment, { multiline: true, max: 1000 }), { optional: true })
      : input(t('change.field.reason'), REQUEST_FIELDS.reason, textElement(REQUEST_FIELDS.reason, { multiline: true, max: 1000 }));
  return modal(t, {
    callbackId: `${REQUEST_ACTION_VIEW_PREFIX}${event}`,
    title: t(`request.form.${event}`),
    submitKey: 'change.modal.confirm',
    privateMetadata: request.number,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: truncate(`*${request.number}* · ${request.item}`, LIMITS.sectionText) } }, field],
  });
}

/** An admin edits a catalogue service or item as YAML; the kind travels in private_metadata. */
export function catalogueEditModal(t: Translate, kind: CatalogueEntryKind, yaml: string): ModalView {
  return modal(t, {
    callbackId: VIEWS.catalogueEdit,
    title: t(`request.admin.edit_${kind}`),
    submitKey: 'request.admin.save',
    privateMetadata: kind,
    blocks: [
      input(t('request.admin.definition'), REQUEST_FIELDS.definition, textElement(REQUEST_FIELDS.definition, { multiline: true, initial: yaml }), { hint: t('request.admin.definition_hint') }),
    ],
  });
}
