// Reading one modal field at a time into a typed value or an inline error, and collecting them
// all at once (so the modal shows every error together).
import { formatRecordNumber, parseRecordNumber, type RecordPrefix } from '../domain/numbering.js';
import type { MessageKey } from '../i18n/index.js';
import type { FieldErrors, ParseResult, ViewFields } from './view-state.js';

const REQUIRED = { key: 'incident.validation.required' } as const;
const CHOOSE_ONE = { key: 'incident.validation.choose_one' } as const;

export type FieldResult<T> = { ok: true; field: string; value: T } | { ok: false; field: string; error: FieldErrors[string] };

export function required(fields: ViewFields, field: string): FieldResult<string> {
  const value = fields.text(field);
  return value ? { ok: true, field, value } : { ok: false, field, error: REQUIRED };
}

export function choice<T>(fields: ViewFields, field: string, schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }): FieldResult<T> {
  const parsed = schema.safeParse(fields.choice(field));
  return parsed.success ? { ok: true, field, value: parsed.data } : { ok: false, field, error: CHOOSE_ONE };
}

export function pickedUser(fields: ViewFields, field: string): FieldResult<string> {
  const user = fields.user(field);
  return user ? { ok: true, field, value: user } : { ok: false, field, error: CHOOSE_ONE };
}

/** Collects every field's error at once, so the modal shows them all together. */
export function build<Shape extends Record<string, FieldResult<unknown>>, Result>(
  shape: Shape,
  toValue: (values: { [K in keyof Shape]: Shape[K] extends FieldResult<infer T> ? T : never }) => Result,
): ParseResult<Result> {
  const errors: FieldErrors = {};
  const values: Record<string, unknown> = {};
  for (const [name, result] of Object.entries(shape)) {
    if (result.ok) values[name] = result.value;
    else errors[result.field] = result.error;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  // Every entry of `shape` was ok, so `values` has each key with its parsed type.
  return { ok: true, value: toValue(values as Parameters<typeof toValue>[0]) };
}

export function optionalText(fields: ViewFields, field: string): FieldResult<string> {
  return { ok: true, field, value: fields.text(field) };
}

/** Record numbers of one kind separated by spaces or commas (Chinese ones too), normalised, once each; `optional` allows none. */
export function recordNumbers(fields: ViewFields, field: string, prefix: RecordPrefix, error: MessageKey, optional = false): FieldResult<string[]> {
  const words = fields.text(field).split(/[\s,，、;；]+/).filter((word) => word !== '');
  const numbers = words.flatMap((word) => {
    const parsed = parseRecordNumber(word);
    return parsed?.prefix === prefix ? [formatRecordNumber(prefix, parsed.sequence)] : [];
  });
  const valid = numbers.length === words.length && (optional || numbers.length > 0);
  return valid ? { ok: true, field, value: [...new Set(numbers)] } : { ok: false, field, error: { key: error } };
}
