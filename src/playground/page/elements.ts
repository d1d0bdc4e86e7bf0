// Block Kit's interactive elements as page nodes, one function per element type. Each carries
// data-action-id and data-type; the page reads what the person picked from them (app-values.ts).
import type { RenderContext } from './context.js';
import { toLocalInput } from './dates.js';
import { plainText, textObject } from './mrkdwn.js';
import { h, safeUrl, type Attrs, type VNode } from './vnode.js';

export type Json = Record<string, unknown>;

export const isRecord = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
export const records = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isRecord) : []);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** Whether a change to the element goes to the bot at once (messages, Home, actions blocks) or waits for the form. */
export interface ElementPlace {
  dispatch: boolean;
}

function base(element: Json, place: ElementPlace): Attrs {
  return { 'data-action-id': str(element.action_id), 'data-type': str(element.type), 'data-dispatch': place.dispatch ? 'true' : null };
}

function options(element: Json): Json[] {
  return [...records(element.options), ...records(element.option_groups).flatMap((group) => records(group.options))];
}

const optionValue = (option: unknown): string => (isRecord(option) ? str(option.value) : '');

function button(element: Json, place: ElementPlace): VNode {
  const url = safeUrl(str(element.url));
  const attrs = { ...base(element, place), 'data-value': str(element.value) || null, 'data-confirm': isRecord(element.confirm) ? JSON.stringify(element.confirm) : null, 'data-url': url };
  return h(`button.bk-button${element.style ? `.bk-${str(element.style)}` : ''}`, { type: 'button', ...attrs }, plainText(element.text));
}

function select(element: Json, place: ElementPlace, choices: { value: string; label: string }[], initial: string[], multiple = false): VNode {
  const placeholder = plainText(element.placeholder) || 'Select…';
  return h(
    'select.bk-select',
    { ...base(element, place), multiple: multiple || null, 'aria-label': placeholder },
    multiple ? null : h('option', { value: '', selected: initial.length === 0 || null }, placeholder),
    choices.map((choice) => h('option', { value: choice.value, selected: initial.includes(choice.value) || null }, choice.label)),
  );
}

function staticSelect(element: Json, place: ElementPlace, multiple: boolean): VNode {
  const initial = multiple ? records(element.initial_options).map(optionValue) : [optionValue(element.initial_option)].filter(Boolean);
  return select(element, place, options(element).map((option) => ({ value: str(option.value), label: plainText(option.text) })), initial, multiple);
}

function usersSelect(element: Json, place: ElementPlace, context: RenderContext, multiple: boolean): VNode {
  const people = [...context.people].map(([value, label]) => ({ value, label }));
  const initial = multiple ? (Array.isArray(element.initial_users) ? element.initial_users.map(String) : []) : [str(element.initial_user)].filter(Boolean);
  return select(element, place, people, initial, multiple);
}

function conversationsSelect(element: Json, place: ElementPlace, context: RenderContext): VNode {
  const channels = [...context.channels].map(([value, label]) => ({ value, label: `#${label}` }));
  return select(element, place, channels, [str(element.initial_conversation) || str(element.initial_channel)].filter(Boolean));
}

/** Typed text asks the bot for options (block_suggestion); the page fills the list it answers. */
function externalSelect(element: Json, place: ElementPlace): VNode {
  const initial = isRecord(element.initial_option) ? element.initial_option : undefined;
  return h(
    'span.bk-external',
    { ...base(element, place), 'data-value': initial ? optionValue(initial) : null },
    h('input.bk-input.bk-external-query', { type: 'search', placeholder: plainText(element.placeholder) || 'Type to search…', value: initial ? plainText(initial.text) : null, 'data-min-length': Number(element.min_query_length ?? 3) }),
    h('span.bk-external-options', {}),
  );
}

function overflow(element: Json, place: ElementPlace): VNode {
  return h(
    'details.bk-overflow',
    base(element, place),
    h('summary.bk-button', { 'aria-label': 'More actions' }, '⋯'),
    h('span.bk-overflow-menu', {}, options(element).map((option) => h('button.bk-overflow-option', { type: 'button', 'data-value': str(option.value) }, plainText(option.text)))),
  );
}

function choiceList(element: Json, place: ElementPlace, context: RenderContext, kind: 'checkbox' | 'radio'): VNode {
  const initial = kind === 'checkbox' ? records(element.initial_options).map(optionValue) : [optionValue(element.initial_option)];
  return h(
    `span.bk-choices`,
    { ...base(element, place), role: kind === 'radio' ? 'radiogroup' : 'group' },
    options(element).map((option) =>
      h(
        'label.bk-choice',
        {},
        h('input', { type: kind, name: `${str(element.action_id)}-choice`, value: str(option.value), checked: initial.includes(str(option.value)) || null }),
        h('span', {}, textObject(option.text, context), isRecord(option.description) ? h('small.bk-choice-description', {}, textObject(option.description, context)) : null),
      ),
    ),
  );
}

function textInput(element: Json, place: ElementPlace, type: string): VNode {
  const attrs = { ...base(element, place), placeholder: plainText(element.placeholder) || null, maxlength: typeof element.max_length === 'number' ? element.max_length : null, minlength: typeof element.min_length === 'number' ? element.min_length : null };
  const initial = str(element.initial_value) || (element.initial_value === undefined ? '' : String(element.initial_value));
  if (element.multiline === true) return h('textarea.bk-input', { ...attrs, rows: 4 }, initial);
  return h('input.bk-input', { ...attrs, type, value: initial || null });
}

function picker(element: Json, place: ElementPlace, context: RenderContext): VNode {
  switch (element.type) {
    case 'datepicker':
      return h('input.bk-input', { ...base(element, place), type: 'date', value: str(element.initial_date) || null });
    case 'timepicker':
      return h('input.bk-input', { ...base(element, place), type: 'time', value: str(element.initial_time) || null });
    default: {
      const initial = typeof element.initial_date_time === 'number' ? toLocalInput(new Date(element.initial_date_time * 1000), context.timeZone) : null;
      return h('input.bk-input', { ...base(element, place), type: 'datetime-local', value: initial });
    }
  }
}

function image(element: Json): VNode | null {
  const src = safeUrl(str(element.image_url));
  return src ? h('img.bk-image-element', { src, alt: str(element.alt_text), title: str(element.alt_text) }) : null;
}

/** Any element: an interactive one, an image, or a note that it is not drawn here. */
export function element(value: Json, place: ElementPlace, context: RenderContext): VNode | null {
  switch (value.type) {
    case 'button':
      return button(value, place);
    case 'static_select':
      return staticSelect(value, place, false);
    case 'multi_static_select':
      return staticSelect(value, place, true);
    case 'users_select':
      return usersSelect(value, place, context, false);
    case 'multi_users_select':
      return usersSelect(value, place, context, true);
    case 'conversations_select':
    case 'channels_select':
      return conversationsSelect(value, place, context);
    case 'external_select':
      return externalSelect(value, place);
    case 'overflow':
      return overflow(value, place);
    case 'checkboxes':
      return choiceList(value, place, context, 'checkbox');
    case 'radio_buttons':
      return choiceList(value, place, context, 'radio');
    case 'plain_text_input':
      return textInput(value, place, 'text');
    case 'email_text_input':
      return textInput(value, place, 'email');
    case 'url_text_input':
      return textInput(value, place, 'url');
    case 'number_input':
      return textInput(value, place, 'number');
    case 'datepicker':
    case 'timepicker':
    case 'datetimepicker':
      return picker(value, place, context);
    case 'image':
      return image(value);
    default:
      return h('span.bk-unsupported', {}, `[${str(value.type)} element]`);
  }
}
