// A modal's `state.values` as Slack sends them, from field values a test gives by name.

export type StateValues = Record<string, Record<string, Record<string, unknown>>>;

/** A select's option as Slack sends it: the value is its own text. */
export function option(value: string): Record<string, unknown> {
  return { text: { type: 'plain_text', text: value, emoji: true }, value };
}

export type InputFieldType = 'plain_text_input' | 'static_select' | 'external_select' | 'multi_external_select' | 'users_select' | 'checkboxes' | 'datetimepicker' | 'datepicker';

export interface InputField {
  blockId?: string;
  actionId?: string;
  type: InputFieldType;
  value: string | string[] | null;
}

function single(key: string, value: string | string[] | null): string | null {
  if (Array.isArray(value)) throw new TypeError(`inputValues: field "${key}" takes a single value, got an array`);
  return value;
}

function list(value: string | string[] | null): string[] {
  if (value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function inputState(key: string, field: InputField): Record<string, unknown> {
  const { type } = field;
  switch (type) {
    case 'plain_text_input':
      return { type, value: single(key, field.value) };
    case 'users_select':
      return { type, selected_user: single(key, field.value) };
    case 'static_select':
    case 'external_select': {
      const value = single(key, field.value);
      return { type, selected_option: value === null ? null : option(value) };
    }
    case 'checkboxes':
    case 'multi_external_select':
      return { type, selected_options: list(field.value).map(option) };
    case 'datepicker':
      // Slack sends the picked day as YYYY-MM-DD.
      return { type, selected_date: single(key, field.value) };
    case 'datetimepicker': {
      // Slack sends the picked moment in whole seconds; tests give it as an ISO date-time.
      const value = single(key, field.value);
      return { type, selected_date_time: value === null ? null : Math.floor(Date.parse(value) / 1000) };
    }
  }
}

/** Builds a modal's `state.values` as Slack sends it; blockId and actionId default to the field key. */
export function inputValues(fields: Record<string, InputField>): StateValues {
  const values: StateValues = {};
  for (const [key, field] of Object.entries(fields)) {
    const block = (values[field.blockId ?? key] ??= {});
    block[field.actionId ?? key] = inputState(key, field);
  }
  return values;
}
