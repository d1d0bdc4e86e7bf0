// What the person does on the page, sent to the playground server: clicks and picks on Block Kit
// elements, modal submissions and closes, messages and commands, shortcuts, moving the clock.
import type { PlaygroundPage } from './app.js';
import { show } from './dom.js';
import { selectionOf, selectionsIn } from './form-values.js';
import { h } from './vnode.js';

type Source = { kind: 'message'; channel: string; ts: string } | { kind: 'ephemeral'; id: string } | { kind: 'view'; viewId: string };

function sourceOf(element: Element): Source | null {
  const holder = element.closest<HTMLElement>('[data-source]');
  if (!holder) return null;
  const { source, channel, ts, ephemeralId, viewId } = holder.dataset;
  if (source === 'message' && channel && ts) return { kind: 'message', channel, ts };
  if (source === 'ephemeral' && ephemeralId) return { kind: 'ephemeral', id: ephemeralId };
  if (source === 'view' && viewId) return { kind: 'view', viewId };
  return null;
}

/** An element's action sent to the bot (with the modal's other fields when it sits in a modal). */
function sendAction(page: PlaygroundPage, element: HTMLElement, selection: Record<string, unknown>): void {
  const source = sourceOf(element);
  const blockId = element.closest<HTMLElement>('[data-block-id]')?.dataset.blockId;
  if (!source || blockId === undefined) return;
  const form = element.closest<HTMLElement>('form.modal');
  const selections = form ? selectionsIn(form, page.timeZone) : undefined;
  void page.post('action', { source, blockId, actionId: element.dataset.actionId ?? '', selection, ...(selections ? { selections } : {}) });
}

function confirmed(button: HTMLElement): boolean {
  if (!button.dataset.confirm) return true;
  const confirm = JSON.parse(button.dataset.confirm) as { title?: { text?: string }; text?: { text?: string } };
  return window.confirm([confirm.title?.text, confirm.text?.text].filter(Boolean).join('\n\n'));
}

function onClick(page: PlaygroundPage, event: MouseEvent): void {
  const target = event.target instanceof Element ? event.target : null;
  if (!target) return;
  const clicked = <T extends HTMLElement>(selector: string) => target.closest<T>(selector);
  const link = clicked<HTMLAnchorElement>('a[href]');
  const where = link?.dataset.where ?? /^\/archives\/([^/]+)\//.exec(link?.getAttribute('href') ?? '')?.[1];
  if (where) {
    event.preventDefault();
    return page.go(where);
  }
  const mentioned = clicked('[data-channel].mention');
  if (mentioned?.dataset.channel) return page.go(mentioned.dataset.channel);
  const button = clicked('button[data-action-id]');
  if (button && button.dataset.type === 'button') {
    if (!confirmed(button)) return;
    if (button.dataset.url) window.open(button.dataset.url, '_blank', 'noopener');
    return sendAction(page, button, {});
  }
  const overflowOption = clicked('.bk-overflow-option');
  const overflow = overflowOption?.closest<HTMLDetailsElement>('[data-action-id]');
  if (overflowOption && overflow) {
    overflow.open = false;
    return sendAction(page, overflow, { value: overflowOption.dataset.value ?? null });
  }
  const suggestion = clicked('.bk-external-option');
  if (suggestion) return pickSuggestion(page, suggestion);
  const thread = clicked('[data-open-thread]');
  if (thread) {
    page.place.thread = thread.dataset.openThread ?? null;
    return page.render();
  }
  if (clicked('.thread-close')) {
    page.place.thread = null;
    return page.render();
  }
  const shortcut = clicked('[data-shortcut]');
  const message = shortcut ? sourceOf(shortcut) : null;
  if (shortcut && message?.kind === 'message') {
    shortcut.closest('details')?.removeAttribute('open');
    void page.post('shortcut', { channel: message.channel, ts: message.ts, callbackId: shortcut.dataset.shortcut });
    return;
  }
  const dismiss = clicked('[data-dismiss]');
  if (dismiss?.dataset.dismiss) {
    page.place.dismissed.add(dismiss.dataset.dismiss);
    return page.render();
  }
  const close = clicked('[data-close-view]');
  const form = close?.closest<HTMLElement>('form.modal');
  if (close && form) {
    void page.post('close', { viewId: close.dataset.closeView, selections: selectionsIn(form, page.timeZone) });
    return;
  }
  const advance = clicked('[data-advance]');
  if (advance) void page.post('clock', { minutes: Number(advance.dataset.advance) });
}

/** A select, checkbox, radio button or picker that acts at once (messages, Home, actions blocks). */
function onChange(page: PlaygroundPage, event: Event): void {
  const target = event.target instanceof HTMLElement ? event.target : null;
  if (target?.id === 'person' && target instanceof HTMLSelectElement) return page.switchPerson(target.value);
  const element = target?.closest<HTMLElement>('[data-action-id]');
  if (!element || element.dataset.dispatch !== 'true' || element.dataset.type === 'external_select') return;
  sendAction(page, element, selectionOf(element, page.timeZone));
}

let suggestTimer: ReturnType<typeof setTimeout> | undefined;

/** Typing in an external select asks the bot for options (block_suggestion). */
function onInput(page: PlaygroundPage, event: Event): void {
  const input = event.target instanceof HTMLInputElement && event.target.classList.contains('bk-external-query') ? event.target : null;
  if (input) {
    clearTimeout(suggestTimer);
    suggestTimer = setTimeout(() => void suggest(page, input), 250);
    return;
  }
  if (event.target instanceof HTMLTextAreaElement && event.target.id === 'composer-text') showCommandHints(page, event.target);
}

async function suggest(page: PlaygroundPage, input: HTMLInputElement): Promise<void> {
  const wrapper = input.closest<HTMLElement>('[data-action-id]');
  const source = wrapper ? sourceOf(wrapper) : null;
  const blockId = input.closest<HTMLElement>('[data-block-id]')?.dataset.blockId;
  const list = wrapper?.querySelector('.bk-external-options');
  if (!wrapper || !source || blockId === undefined || !list) return;
  if (input.value.length < Number(input.dataset.minLength ?? 3)) return list.replaceChildren();
  const answer = await page.post('suggest', { source, blockId, actionId: wrapper.dataset.actionId, value: input.value });
  const options = Array.isArray(answer.options) ? (answer.options as { text?: { text?: string }; value?: string }[]) : [];
  show(list, options.map((option) => h('button.bk-external-option', { type: 'button', 'data-value': option.value ?? '' }, option.text?.text ?? option.value ?? '')));
}

function pickSuggestion(page: PlaygroundPage, option: HTMLElement): void {
  const wrapper = option.closest<HTMLElement>('[data-action-id]');
  if (!wrapper) return;
  wrapper.dataset.value = option.dataset.value ?? '';
  const query = wrapper.querySelector<HTMLInputElement>('.bk-external-query');
  if (query) query.value = option.textContent ?? '';
  wrapper.querySelector('.bk-external-options')?.replaceChildren();
  if (wrapper.dataset.dispatch === 'true') sendAction(page, wrapper, { value: wrapper.dataset.value });
}

/** "/inc…" offers the app's commands with their usage. */
function showCommandHints(page: PlaygroundPage, box: HTMLTextAreaElement): void {
  const hints = document.getElementById('command-hints');
  if (!hints || !page.state) return;
  const typed = box.value;
  const matching = typed.startsWith('/') && !typed.includes(' ') ? page.state.commands.filter((command) => command.command.startsWith(typed)) : [];
  hints.hidden = matching.length === 0;
  show(hints, matching.map((command) => h('button.command-hint', { type: 'button', 'data-command': command.command }, h('strong', {}, command.command), ' ', h('span', {}, command.usageHint), h('small', {}, command.description))));
}

function wireComposer(page: PlaygroundPage, formId: string, boxId: string, inThread: boolean): void {
  const form = document.getElementById(formId) as HTMLFormElement;
  const box = document.getElementById(boxId) as HTMLTextAreaElement;
  const send = () => {
    const text = box.value.trim();
    if (!text) return;
    box.value = '';
    document.getElementById('command-hints')?.setAttribute('hidden', '');
    const channel = page.place.where;
    if (text.startsWith('/') && !inThread) void page.post('command', { channel, text });
    else void page.post('message', { channel, text, threadTs: inThread ? page.place.thread : null });
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    send();
  });
  box.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      send();
    }
  });
}

export function wireHandlers(page: PlaygroundPage): void {
  document.addEventListener('click', (event) => onClick(page, event));
  document.addEventListener('change', (event) => onChange(page, event));
  document.addEventListener('input', (event) => onInput(page, event));
  document.addEventListener('submit', (event) => {
    const form = event.target instanceof HTMLFormElement && event.target.classList.contains('modal') ? event.target : null;
    if (!form) return;
    event.preventDefault();
    void page.post('submit', { viewId: form.dataset.viewId, selections: selectionsIn(form, page.timeZone) });
  });
  document.getElementById('command-hints')?.addEventListener('click', (event) => {
    const hint = event.target instanceof Element ? event.target.closest<HTMLElement>('[data-command]') : null;
    const box = document.getElementById('composer-text') as HTMLTextAreaElement;
    if (!hint) return;
    box.value = `${hint.dataset.command} `;
    box.focus();
    hint.parentElement?.setAttribute('hidden', '');
  });
  wireComposer(page, 'composer', 'composer-text', false);
  wireComposer(page, 'thread-composer', 'thread-text', true);
  window.addEventListener('hashchange', () => page.go(decodeURIComponent(location.hash.slice(1))));
}
