// The fields incidents and problems are recorded with (title, description, impact, urgency,
// category, affected service, and on the incident form a configuration item picked from the
// CMDB): the modal inputs and their parsing, with field errors.
import type { KnownBlock } from '@slack/types';
import { flattenCategories, isKnownCategory, type CategoryTree } from '../domain/category.js';
import { IMPACTS, impactSchema, URGENCIES, urgencySchema, type Impact, type Urgency } from '../domain/priority.js';
import type { Locale, MessageKey, Translate } from '../i18n/index.js';
import { input, option, plain, select, selectElement, textElement } from './block-kit.js';
import { CMDB_PICK_ACTION, REPORT_FIELDS } from './ids.js';
import { LIMITS } from './limits.js';
import type { FieldErrors, ViewFields } from './view-state.js';

export const TITLE_MAX = 150;
export const DESCRIPTION_MAX = LIMITS.plainTextInput;
export const SERVICE_MAX = 100;

export interface RecordFields {
  title: string;
  description: string;
  impact: Impact;
  urgency: Urgency;
  categoryPath: string | null;
  affectedService: string | null;
}

export interface RecordFormInput {
  t: Translate;
  locale: Locale;
  categories: CategoryTree;
  hints: { title: MessageKey; description: MessageKey };
  prefill?: Partial<RecordFields>;
  /** Offered once the CMDB has items: the affected configuration item, picked with type-ahead. */
  offerItems?: boolean;
}

export function recordFormBlocks({ t, locale, categories, hints, prefill = {}, offerItems = false }: RecordFormInput): KnownBlock[] {
  const categoryOptions = flattenCategories(categories)
    .slice(0, LIMITS.options)
    .map((category) => option(category.labels[locale].join(' › '), category.path));
  const blocks: KnownBlock[] = [
    input(t('incident.field.title'), REPORT_FIELDS.title, textElement(REPORT_FIELDS.title, { max: TITLE_MAX, initial: prefill.title }), { hint: t(hints.title) }),
    input(t('incident.field.description'), REPORT_FIELDS.description, textElement(REPORT_FIELDS.description, { max: DESCRIPTION_MAX, initial: prefill.description, multiline: true }), {
      optional: true,
      hint: t(hints.description),
    }),
    select(REPORT_FIELDS.impact, t('incident.field.impact'), IMPACTS.map((impact) => option(t(`impact.${impact}`), impact)), prefill.impact ?? 'medium'),
    select(REPORT_FIELDS.urgency, t('incident.field.urgency'), URGENCIES.map((urgency) => option(t(`urgency.${urgency}`), urgency)), prefill.urgency ?? 'medium'),
  ];
  if (categoryOptions.length > 0) {
    const element = { ...selectElement(REPORT_FIELDS.category, categoryOptions, prefill.categoryPath ?? undefined), placeholder: plain(t('incident.field.category.placeholder')) };
    blocks.push(input(t('incident.field.category'), REPORT_FIELDS.category, element, { optional: true }));
  }
  blocks.push(
    input(t('incident.field.service'), REPORT_FIELDS.service, textElement(REPORT_FIELDS.service, { max: SERVICE_MAX, initial: prefill.affectedService }), {
      optional: true,
      hint: t('incident.field.service.hint'),
    }),
  );
  if (offerItems) {
    const picker = { type: 'external_select' as const, action_id: CMDB_PICK_ACTION, min_query_length: 1, placeholder: plain(t('change.field.items.placeholder')) };
    blocks.push(input(t('incident.field.configuration_item'), REPORT_FIELDS.configurationItem, picker, { optional: true }));
  }
  return blocks;
}

/** Reads the record fields; `errors` collects what is wrong, for the modal to show inline. */
export function parseRecordFields(fields: ViewFields, categories: CategoryTree, errors: FieldErrors, titleRequired: MessageKey): RecordFields | null {
  const title = fields.text(REPORT_FIELDS.title);
  if (!title) errors[REPORT_FIELDS.title] = { key: titleRequired };
  else if (Array.from(title).length > TITLE_MAX) {
    errors[REPORT_FIELDS.title] = { key: 'incident.validation.title_too_long', params: { max: TITLE_MAX } };
  }
  const description = fields.text(REPORT_FIELDS.description);
  if (Array.from(description).length > DESCRIPTION_MAX) {
    errors[REPORT_FIELDS.description] = { key: 'incident.validation.description_too_long', params: { max: DESCRIPTION_MAX } };
  }
  const impact = impactSchema.safeParse(fields.choice(REPORT_FIELDS.impact));
  if (!impact.success) errors[REPORT_FIELDS.impact] = { key: 'incident.validation.choose_one' };
  const urgency = urgencySchema.safeParse(fields.choice(REPORT_FIELDS.urgency));
  if (!urgency.success) errors[REPORT_FIELDS.urgency] = { key: 'incident.validation.choose_one' };
  const categoryPath = fields.choice(REPORT_FIELDS.category) ?? null;
  if (categoryPath !== null && !isKnownCategory(categories, categoryPath)) {
    errors[REPORT_FIELDS.category] = { key: 'incident.validation.unknown_category' };
  }
  // A service or item named in words, else the configuration item picked from the CMDB.
  const affectedService = fields.text(REPORT_FIELDS.service) || fields.choice(REPORT_FIELDS.configurationItem, CMDB_PICK_ACTION) || null;
  if (affectedService && Array.from(affectedService).length > SERVICE_MAX) {
    errors[REPORT_FIELDS.service] = { key: 'incident.validation.service_too_long', params: { max: SERVICE_MAX } };
  }
  if (!impact.success || !urgency.success || Object.keys(errors).length > 0) return null;
  return { title, description: description || title, impact: impact.data, urgency: urgency.data, categoryPath, affectedService };
}

