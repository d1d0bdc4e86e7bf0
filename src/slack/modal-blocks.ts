// Small pure builders for modal inputs: an input block whose block_id and action_id are the
// field's name (as view-state.ts reads them), text inputs, selects and options.
import type { InputBlock, ModalView, PlainTextOption } from '@slack/types';
import type { MessageKey, Translate } from '../i18n/index.js';
import { LIMITS, truncate } from './limits.js';

export type InputElement = InputBlock['element'];

export const plain = (text: string, max: number = LIMITS.optionText) => ({ type: 'plain_text' as const, text: truncate(text, max) });
export const option = (text: string, value: string): PlainTextOption => ({ text: plain(text), value });

export function input(label: string, field: string, element: InputElement, { optional = false, hint }: { optional?: boolean; hint?: string } = {}): InputBlock {
  return {
    type: 'input',
    block_id: field,
    label: plain(label, 2000),
    ...(optional ? { optional: true } : {}),
    ...(hint ? { hint: plain(hint, 2000) } : {}),
    element,
  };
}

export function textInput(field: string, { multiline = false, max = LIMITS.plainTextInput, initial }: { multiline?: boolean; max?: number; initial?: string } = {}): InputElement {
  return { type: 'plain_text_input', action_id: field, multiline, max_length: max, ...(initial ? { initial_value: truncate(initial, max) } : {}) };
}

export function staticSelect(field: string, options: PlainTextOption[], initial?: string): InputElement {
  const initialOption = options.find((candidate) => candidate.value === initial);
  return { type: 'static_select', action_id: field, options: options.slice(0, LIMITS.options), ...(initialOption ? { initial_option: initialOption } : {}) };
}

/** A modal with the bot's usual submit and cancel labels. */
export function modal(t: Translate, view: { callbackId: string; title: string; submitKey: MessageKey; privateMetadata?: string; blocks: ModalView['blocks'] }): ModalView {
  return {
    type: 'modal',
    callback_id: view.callbackId,
    title: plain(view.title, LIMITS.modalTitle),
    submit: plain(t(view.submitKey), LIMITS.modalTitle),
    close: plain(t('incident.modal.cancel'), LIMITS.modalTitle),
    private_metadata: truncate(view.privateMetadata ?? '', LIMITS.privateMetadata),
    blocks: view.blocks,
  };
}
