// What a person picked or typed in a Block Kit element, turned into what Slack sends for it: the
// action of a block_actions payload, and a modal's state.values. Option texts and button values
// come from the element as the bot drew it, as Slack takes them from its own copy.
import { z } from 'zod';
import type { Json } from './workspace.js';

/** From the page: one value (an option's value, a user id, text, a date, unix seconds) or several. */
export const selectionSchema = z.object({
  value: z.string().max(10_000).nullable().optional(),
  values: z.array(z.string().max(10_000)).max(100).optional(),
});
export type Selection = z.infer<typeof selectionSchema>;
/** Selections of a modal's elements by block id, then action id. */
export const selectionsSchema = z.record(z.string(), z.record(z.string(), selectionSchema));
export type Selections = z.infer<typeof selectionsSchema>;

const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isRecord) : []);

/** Every option an element offers (option groups flattened). */
function optionsOf(element: Json): Json[] {
  return [...list(element.options), ...list(element.option_groups).flatMap((group) => list(group.options))];
}

function pickOption(element: Json, value: string | null | undefined): Json | null {
  if (value === null || value === undefined) return null;
  return optionsOf(element).find((option) => option.value === value) ?? (element.type === 'external_select' ? { text: { type: 'plain_text', text: value }, value } : null);
}

function pickOptions(element: Json, values: readonly string[] = []): Json[] {
  return optionsOf(element).filter((option) => values.includes(String(option.value)));
}

const seconds = (value: string | null | undefined): number | null => (value ? Number.parseInt(value, 10) : null);

/** The fields Slack sends for this element's current value, by element type. */
export function valueFields(element: Json, selection: Selection): Json {
  const value = selection.value ?? null;
  switch (element.type) {
    case 'plain_text_input':
    case 'email_text_input':
    case 'url_text_input':
    case 'number_input':
      return { value };
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
    case 'overflow':
      return { selected_option: pickOption(element, value) };
    case 'multi_static_select':
    case 'multi_external_select':
    case 'checkboxes':
      return { selected_options: pickOptions(element, selection.values) };
    case 'users_select':
      return { selected_user: value };
    case 'multi_users_select':
      return { selected_users: selection.values ?? [] };
    case 'conversations_select':
      return { selected_conversation: value };
    case 'channels_select':
      return { selected_channel: value };
    case 'datepicker':
      return { selected_date: value };
    case 'timepicker':
      return { selected_time: value };
    case 'datetimepicker':
      return { selected_date_time: seconds(value) };
    case 'button':
      return element.value === undefined ? {} : { value: element.value };
    default:
      return {};
  }
}

/** The `actions[0]` of a block_actions payload for this element. */
export function actionFields(element: Json, blockId: string, selection: Selection): Json {
  return { type: element.type, action_id: element.action_id, block_id: blockId, ...(isRecord(element.text) ? { text: element.text } : {}), ...valueFields(element, selection) };
}

/** The elements that hold state in a view: each input's element, and those in actions blocks. */
function stateElements(blocks: unknown[]): { blockId: string; element: Json }[] {
  return list(blocks).flatMap((block) => {
    const blockId = String(block.block_id ?? '');
    if (block.type === 'input' && isRecord(block.element)) return [{ blockId, element: block.element }];
    if (block.type === 'actions') return list(block.elements).filter((element) => element.type !== 'button').map((element) => ({ blockId, element }));
    if (block.type === 'section' && isRecord(block.accessory) && block.accessory.type !== 'button') return [{ blockId, element: block.accessory }];
    return [];
  });
}

/** A modal's `state.values` as Slack sends it: every element that holds a value, empty ones too. */
export function stateValues(blocks: unknown[], selections: Selections): Record<string, Record<string, Json>> {
  const values: Record<string, Record<string, Json>> = {};
  for (const { blockId, element } of stateElements(blocks)) {
    const actionId = String(element.action_id ?? '');
    const selection = selections[blockId]?.[actionId] ?? {};
    (values[blockId] ??= {})[actionId] = { type: element.type, ...valueFields(element, selection) };
  }
  return values;
}

/** The element with this action id in this block (an actions block's element, a section's accessory, an input's element). */
export function findElement(blocks: unknown[], blockId: string, actionId: string): Json | undefined {
  const block = list(blocks).find((candidate) => String(candidate.block_id ?? '') === blockId);
  if (!block) return undefined;
  const elements = [...list(block.elements), ...(isRecord(block.accessory) ? [block.accessory] : []), ...(isRecord(block.element) ? [block.element] : [])];
  return elements.find((element) => element.action_id === actionId);
}

const initialOf = (element: Json): Selection => {
  const initialOption = isRecord(element.initial_option) ? String(element.initial_option.value ?? '') : undefined;
  if (initialOption !== undefined) return { value: initialOption };
  if (Array.isArray(element.initial_options)) return { values: list(element.initial_options).map((option) => String(option.value ?? '')) };
  if (typeof element.initial_user === 'string') return { value: element.initial_user };
  if (Array.isArray(element.initial_users)) return { values: element.initial_users.map(String) };
  if (typeof element.initial_date_time === 'number') return { value: String(element.initial_date_time) };
  for (const key of ['initial_value', 'initial_date', 'initial_time', 'initial_conversation', 'initial_channel']) {
    if (typeof element[key] === 'string') return { value: element[key] };
  }
  return {};
};

/** What a view's elements hold before anyone touches them (their initial values), as selections. */
export function initialSelections(blocks: unknown[]): Selections {
  const selections: Selections = {};
  for (const { blockId, element } of stateElements(blocks)) (selections[blockId] ??= {})[String(element.action_id ?? '')] = initialOf(element);
  return selections;
}
