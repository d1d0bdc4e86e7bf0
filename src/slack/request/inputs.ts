// Parses what Slack sends for requests (command text, modal state) into service input, with field
// errors worded for the person filling the form.
import { validateAnswers, type RawAnswers, type RequestField } from '../../domain/catalogue.js';
import type { RequestEvent } from '../../domain/request.js';
import type { RequestDecisionInput } from '../../services/requests.js';
import { recordNumberArgument } from '../../domain/numbering.js';
import { build, required } from '../form-fields.js';
import { REQUEST_FIELDS } from '../ids.js';
import { viewFields, type FieldErrors, type ParseResult } from '../view-state.js';
import { answerBlockId, type RequestFormEvent } from './modals.js';

export type RequestCommand = { kind: 'pick' } | { kind: 'show'; number: string } | { kind: 'admin' } | { kind: 'usage' };

/** `/request`, `/request show REQ-…` (or just the number), `/request admin`. */
export function parseRequestCommand(text: string): RequestCommand {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { kind: 'pick' };
  if (words.length === 1 && words[0]?.toLowerCase() === 'admin') return { kind: 'admin' };
  const number = recordNumberArgument(words, 'REQ');
  return number ? { kind: 'show', number } : { kind: 'usage' };
}

/** The answers to an item's form, or each field's error. */
export function parseRequestForm(fields: readonly RequestField[], values: unknown): ParseResult<RawAnswers> {
  const state = viewFields(values);
  const raw: Record<string, string | undefined> = {};
  for (const formField of fields) {
    const block = answerBlockId(formField.id);
    if (formField.type === 'text') raw[formField.id] = state.text(block);
    if (formField.type === 'select') raw[formField.id] = state.choice(block);
    if (formField.type === 'date') raw[formField.id] = state.date(block);
    if (formField.type === 'user') raw[formField.id] = state.user(block);
  }
  const checked = validateAnswers(fields, raw);
  if (checked.ok) return { ok: true, value: checked.answers };
  const errors: FieldErrors = {};
  for (const [fieldId, problem] of Object.entries(checked.problems)) errors[answerBlockId(fieldId)] = { key: `request.validation.${problem}` };
  return { ok: false, errors };
}

export type RequestFormAction = { kind: 'decision'; decision: RequestDecisionInput } | { kind: 'event'; event: RequestEvent };

/** A submitted approve / reject / cancel form. */
export function parseRequestActionForm(event: RequestFormEvent, values: unknown): ParseResult<RequestFormAction> {
  const fields = viewFields(values);
  switch (event) {
    case 'approve':
      return { ok: true, value: { kind: 'decision', decision: { decision: 'approve', comment: fields.text(REQUEST_FIELDS.comment) } } };
    case 'decline':
      return build({ reason: required(fields, REQUEST_FIELDS.reason) }, (v): RequestFormAction => ({ kind: 'decision', decision: { decision: 'reject', reason: v.reason } }));
    case 'cancel':
      return build({ reason: required(fields, REQUEST_FIELDS.reason) }, (v): RequestFormAction => ({ kind: 'event', event: { type: 'cancel', reason: v.reason } }));
  }
}
