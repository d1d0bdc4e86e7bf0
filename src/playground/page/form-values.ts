// What the person picked or typed in an element on the page, as the server's Selection
// (one value, or several); date-times as unix seconds in the person's time zone.
import type { Selection, Selections } from '../element-values.js';
import { fromLocalInput } from './dates.js';

const MULTI = new Set(['multi_static_select', 'multi_users_select', 'multi_external_select', 'checkboxes']);

export function selectionOf(element: HTMLElement, timeZone: string): Selection {
  const type = element.dataset.type ?? '';
  if (element instanceof HTMLSelectElement) {
    const chosen = [...element.selectedOptions].map((option) => option.value).filter((value) => value !== '');
    return MULTI.has(type) ? { values: chosen } : { value: chosen[0] ?? null };
  }
  if (type === 'checkboxes' || type === 'radio_buttons') {
    const checked = [...element.querySelectorAll<HTMLInputElement>('input:checked')].map((input) => input.value);
    return type === 'checkboxes' ? { values: checked } : { value: checked[0] ?? null };
  }
  if (type === 'external_select') return { value: element.dataset.value ?? null };
  if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement) {
    if (type === 'datetimepicker') {
      const instant = fromLocalInput(element.value, timeZone);
      return { value: instant ? String(Math.floor(instant.getTime() / 1000)) : null };
    }
    return { value: element.value === '' ? null : element.value };
  }
  return {};
}

/** Every element of a form (a modal) by block id and action id. */
export function selectionsIn(form: HTMLElement, timeZone: string): Selections {
  const selections: Selections = {};
  for (const element of form.querySelectorAll<HTMLElement>('[data-block-id] [data-action-id]')) {
    const blockId = element.closest<HTMLElement>('[data-block-id]')?.dataset.blockId ?? '';
    const actionId = element.dataset.actionId ?? '';
    if (element.dataset.type === 'button') continue;
    (selections[blockId] ??= {})[actionId] = selectionOf(element, timeZone);
  }
  return selections;
}
