// Small Block Kit pieces every card and form uses, each within Slack's limits. A form's input
// block and its element share one id (block_id = action_id), as view-state.ts reads them.
import type { ActionsBlock, Button, InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { MessageKey, Translate } from '../i18n/index.js';
import { escapeMrkdwn, LIMITS, truncate } from './limits.js';

export type InputElement = InputBlock['element'];

export const plain = (text: string, max: number = LIMITS.optionText) => ({ type: 'plain_text' as const, text: truncate(text, max) });

export function option(text: string, value: string): PlainTextOption {
  return { text: plain(text), value };
}

export function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button {
  return { type: 'button', text: plain(text, LIMITS.buttonText), action_id: actionId, value, ...(style ? { style } : {}) };
}

/** An input block labelled `label` around `element`. */
export function input(label: string, blockId: string, element: InputElement, { optional = false, hint }: { optional?: boolean; hint?: string } = {}): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label, 2000),
    ...(optional ? { optional: true } : {}),
    ...(hint ? { hint: plain(hint, 2000) } : {}),
    element,
  };
}

export function textElement(actionId: string, { multiline = false, max = LIMITS.plainTextInput, initial }: { multiline?: boolean; max?: number; initial?: string | null } = {}): InputElement {
  return { type: 'plain_text_input', action_id: actionId, multiline, max_length: max, ...(initial ? { initial_value: truncate(initial, max) } : {}) };
}

export function selectElement(actionId: string, options: PlainTextOption[], initial?: string): InputElement {
  const initialOption = options.find((candidate) => candidate.value === initial);
  return { type: 'static_select', action_id: actionId, options: options.slice(0, LIMITS.options), ...(initialOption ? { initial_option: initialOption } : {}) };
}

/** A text input (multi-line, up to 2000 characters, unless told otherwise). */
export function textInput(blockId: string, label: string, options: { multiline?: boolean; optional?: boolean; max?: number; initial?: string | null } = {}): KnownBlock {
  const { multiline = true, max = 2000, initial, optional = false } = options;
  return input(label, blockId, textElement(blockId, { multiline, max, initial }), { optional });
}

export function select(blockId: string, label: string, options: PlainTextOption[], initial?: string): KnownBlock {
  return input(label, blockId, selectElement(blockId, options, initial));
}

export function chunk<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, index) => items.slice(index * size, index * size + size));
}

/** Rows of at most five buttons, each an actions block `<prefix><row number>`; empty rows left out. */
export function actionRows(blockIdPrefix: string, rows: ActionsBlock['elements'][]): KnownBlock[] {
  return rows
    .flatMap((row) => chunk(row, 5))
    .filter((row) => row.length > 0)
    .map((elements, index) => ({ type: 'actions', block_id: `${blockIdPrefix}${index + 1}`, elements }));
}

/** A section of mrkdwn, cut to Slack's limit. */
export function mrkdwnSection(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, LIMITS.sectionText) } };
}

/** A context block of mrkdwn lines (at most ten, as Slack allows). */
export function contextLines(lines: string[]): KnownBlock {
  return { type: 'context', elements: lines.slice(0, 10).map((text) => ({ type: 'mrkdwn' as const, text: truncate(text, LIMITS.fieldText) })) };
}

/** A field of a section's `fields`: bold label, value below. */
export function field(label: string, value: string) {
  return { type: 'mrkdwn' as const, text: truncate(`*${label}*\n${value}`, LIMITS.fieldText) };
}

/** A user mention, or the bot's own name for what it did itself. */
export function mentionOf(userId: string, botName: string): string {
  return userId === 'system' ? botName : `<@${userId}>`;
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

/** A form that acts on one record: its number and title on top, then the fields; the number rides in private_metadata. */
export function recordActionModal(t: Translate, form: { callbackId: string; title: string; record: { number: string; title: string }; fields: KnownBlock[] }): ModalView {
  const { number, title } = form.record;
  return modal(t, {
    callbackId: form.callbackId,
    title: form.title,
    submitKey: 'incident.action.submit',
    privateMetadata: number,
    blocks: [mrkdwnSection(t('incident.action.intro', { number, title: escapeMrkdwn(title) })), ...form.fields],
  });
}
