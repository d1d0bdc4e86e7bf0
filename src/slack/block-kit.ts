// Small Block Kit pieces every card and form uses, each within Slack's limits.
import type { ActionsBlock, Button, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { Translate } from '../i18n/index.js';
import { escapeMrkdwn, LIMITS, truncate } from './limits.js';

export const plain = (text: string, max: number = LIMITS.optionText) => ({ type: 'plain_text' as const, text: truncate(text, max) });

export function option(text: string, value: string): PlainTextOption {
  return { text: plain(text), value };
}

export function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button {
  return { type: 'button', text: plain(text, LIMITS.buttonText), action_id: actionId, value, ...(style ? { style } : {}) };
}

export function textInput(blockId: string, label: string, options: { multiline?: boolean; optional?: boolean; max?: number; initial?: string | null } = {}): KnownBlock {
  const max = options.max ?? 2000;
  return {
    type: 'input',
    block_id: blockId,
    optional: options.optional ?? false,
    label: plain(label),
    element: {
      type: 'plain_text_input',
      action_id: blockId,
      multiline: options.multiline ?? true,
      max_length: max,
      ...(options.initial ? { initial_value: truncate(options.initial, max) } : {}),
    },
  };
}

export function select(blockId: string, label: string, options: PlainTextOption[], initial?: string): KnownBlock {
  const initialOption = options.find((candidate) => candidate.value === initial);
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label),
    element: { type: 'static_select', action_id: blockId, options, ...(initialOption ? { initial_option: initialOption } : {}) },
  };
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

/** A form that acts on one record: its number and title on top, then the fields; the number rides in private_metadata. */
export function recordActionModal(t: Translate, form: { callbackId: string; title: string; record: { number: string; title: string }; fields: KnownBlock[] }): ModalView {
  const { number, title } = form.record;
  return {
    type: 'modal',
    callback_id: form.callbackId,
    private_metadata: number,
    title: plain(form.title, LIMITS.modalTitle),
    submit: plain(t('incident.action.submit'), LIMITS.modalTitle),
    close: plain(t('incident.modal.cancel'), LIMITS.modalTitle),
    blocks: [mrkdwnSection(t('incident.action.intro', { number, title: escapeMrkdwn(title) })), ...form.fields],
  };
}
