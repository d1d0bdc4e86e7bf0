// Reading an action modal's fields one by one, collecting every field's error at once.
import { formatRecordNumber, parseRecordNumber, type RecordPrefix } from '../domain/numbering.js';
import type { MessageKey } from '../i18n/index.js';
import type { FieldErrors, ParseResult, ViewFields } from './view-state.js';

export type FieldResult<T> = { ok: true; field: string; value: T } | { ok: false; field: string; error: FieldErrors[string] };

const REQUIRED = { key: 'incident.validation.required' } as const;
const CHOOSE_ONE = { key: 'incident.validation.choose_one' } as const;

export function required(fields: ViewFields, field: string): FieldResult<string> {
  const value = fields.text(field);
  return value ? { ok: true, field, value } : { ok: false, field, error: REQUIRED };
}

export function optionalText(fields: ViewFields, field: string): FieldResult<string> {
  return { ok: true, field, value: fields.text(field) };
}

export function choice<T>(fields: ViewFields, field: string, schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }): FieldResult<T> {
  const parsed = schema.safeParse(fields.choice(field));
  return parsed.success ? { ok: true, field, value: parsed.data } : { ok: false, field, error: CHOOSE_ONE };
}

export function pickedUser(fields: ViewFields, field: string): FieldResult<string> {
  const user = fields.user(field);
  return user ? { ok: true, field, value: user } : { ok: false, field, error: CHOOSE_ONE };
}

/** One record number of the given kind, normalised (inc-12 → INC-000012). */
export function recordNumber(fields: ViewFields, field: string, prefix: RecordPrefix, error: MessageKey): FieldResult<string> {
  const parsed = parseRecordNumber(fields.text(field));
  return parsed?.prefix === prefix ? { ok: true, field, value: formatRecordNumber(prefix, parsed.sequence) } : { ok: false, field, error: { key: error } };
}

/** Record numbers separated by spaces or commas (either kind), normalised; `optional` allows none. */
export function recordNumbers(fields: ViewFields, field: string, prefix: RecordPrefix, error: MessageKey, optional = false): FieldResult<string[]> {
  const words = fields.text(field).split(/[\s,，、;；]+/).filter((word) => word !== '');
  const parsed = words.map((word) => parseRecordNumber(word));
  const numbers = parsed.flatMap((number) => (number?.prefix === prefix ? [formatRecordNumber(prefix, number.sequence)] : []));
  const valid = numbers.length === words.length && (optional || numbers.length > 0);
  return valid ? { ok: true, field, value: [...new Set(numbers)] } : { ok: false, field, error: { key: error } };
}

type FieldValues<Shape> = { [K in keyof Shape]: Shape[K] extends FieldResult<infer T> ? T : never };

/** Collects every field's error at once, so the modal shows them all together. */
export function buildForm<Shape extends Record<string, FieldResult<unknown>>, T>(shape: Shape, toValue: (values: FieldValues<Shape>) => T): ParseResult<T> {
  const errors: FieldErrors = {};
  const values: Record<string, unknown> = {};
  for (const [name, result] of Object.entries(shape)) {
    if (result.ok) values[name] = result.value;
    else errors[result.field] = result.error;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  // Every entry of `shape` was ok, so `values` has each key with its parsed type.
  return { ok: true, value: toValue(values as FieldValues<Shape>) };
}
