// Reads a submitted modal's state.values, whatever Slack put in them, without trusting their shape.
import { z } from 'zod';
import type { MessageKey, MessageParams, Translate } from '../i18n/index.js';

const stateValueSchema = z.object({
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
  selected_user: z.string().nullish(),
  /** A datetimepicker's choice, in seconds since the epoch. */
  selected_date_time: z.number().int().nullish(),
  /** A datepicker's choice, YYYY-MM-DD. */
  selected_date: z.string().nullish(),
});
const viewStateSchema = z.record(z.string(), z.record(z.string(), stateValueSchema));

export interface ViewFields {
  /** The trimmed text of a plain_text_input ('' when empty). */
  text(field: string): string;
  /** The value of a select or radio button, if one was chosen (an external select's action_id may differ from the field's). */
  choice(field: string, actionId?: string): string | undefined;
  /** The values of checked checkboxes or of a multi-select (whose action_id may differ from the field's). */
  choices(field: string, actionId?: string): string[];
  /** The date picked in a datepicker, YYYY-MM-DD. */
  date(field: string): string | undefined;
  /** The user picked in a users_select. */
  user(field: string): string | undefined;
  /** The moment picked in a datetimepicker. */
  dateTime(field: string): Date | undefined;
}

/** Inputs use the same string as block_id and action_id. */
export function viewFields(values: unknown): ViewFields {
  const parsed = viewStateSchema.safeParse(values);
  const state = parsed.success ? parsed.data : {};
  const read = (field: string, actionId: string = field) => state[field]?.[actionId];
  return {
    text: (field) => (read(field)?.value ?? '').trim(),
    choice: (field, actionId) => read(field, actionId)?.selected_option?.value ?? undefined,
    choices: (field, actionId) => (read(field, actionId)?.selected_options ?? []).map((selected) => selected.value),
    date: (field) => read(field)?.selected_date ?? undefined,
    user: (field) => read(field)?.selected_user ?? undefined,
    dateTime: (field) => {
      const seconds = read(field)?.selected_date_time;
      return typeof seconds === 'number' ? new Date(seconds * 1000) : undefined;
    },
  };
}

export type FieldErrors = Partial<Record<string, { key: MessageKey; params?: MessageParams }>>;
export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** The `errors` object of a `response_action: errors` answer, in the user's language. */
export function translateFieldErrors(errors: FieldErrors, t: Translate): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).flatMap(([field, error]) => (error ? [[field, t(error.key, error.params)]] : [])));
}
