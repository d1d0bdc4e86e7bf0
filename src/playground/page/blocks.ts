// Block Kit blocks as page nodes, one function per block type, for messages, modals and the Home.
import type { RenderContext } from './context.js';
import { element, isRecord, records, type ElementPlace, type Json } from './elements.js';
import { plainText, textObject } from './mrkdwn.js';
import { h, safeUrl, type VNode } from './vnode.js';

export type Surface = 'message' | 'modal' | 'home';

export interface BlockOptions {
  surface: Surface;
  context: RenderContext;
  /** Inline errors by block id (a modal's `response_action: errors`). */
  errors?: Record<string, string>;
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

/** In a modal only actions blocks, accessories and inputs with dispatch_action act at once; elsewhere all do. */
const placeOf = (surface: Surface, inInput = false, dispatchAction = false): ElementPlace => ({ dispatch: surface !== 'modal' || !inInput || dispatchAction });

function header(block: Json): VNode {
  return h('h3.bk-header', {}, plainText(block.text));
}

function section(block: Json, { surface, context }: BlockOptions): VNode {
  const accessory = isRecord(block.accessory) ? element(block.accessory, placeOf(surface), context) : null;
  const fields = records(block.fields);
  return h(
    'div.bk-section',
    {},
    h(
      'div.bk-section-body',
      {},
      isRecord(block.text) ? h('div.bk-text', {}, textObject(block.text, context)) : null,
      fields.length > 0 ? h('div.bk-fields', {}, fields.map((field) => h('div.bk-field', {}, textObject(field, context)))) : null,
    ),
    accessory ? h('div.bk-accessory', {}, accessory) : null,
  );
}

function contextBlock(block: Json, { context }: BlockOptions): VNode {
  return h(
    'div.bk-context',
    {},
    records(block.elements).map((item) => (item.type === 'image' ? element(item, placeOf('message'), context) : h('span.bk-context-text', {}, textObject(item, context)))),
  );
}

function image(block: Json): VNode | null {
  const src = safeUrl(str(block.image_url));
  if (!src) return null;
  return h('figure.bk-image', {}, isRecord(block.title) ? h('figcaption', {}, plainText(block.title)) : null, h('img', { src, alt: str(block.alt_text) }));
}

function actions(block: Json, { surface, context }: BlockOptions): VNode {
  return h('div.bk-actions', {}, records(block.elements).map((item) => element(item, placeOf(surface), context)));
}

function input(block: Json, { surface, context, errors }: BlockOptions): VNode {
  const blockId = str(block.block_id);
  const error = errors?.[blockId];
  const control = isRecord(block.element) ? element(block.element, placeOf(surface, true, block.dispatch_action === true), context) : null;
  return h(
    'label.bk-input-block',
    { class: error ? 'has-error' : null },
    h('span.bk-label', {}, plainText(block.label), block.optional === true ? h('span.bk-optional', {}, ' (optional)') : null),
    control,
    isRecord(block.hint) ? h('span.bk-hint', {}, plainText(block.hint)) : null,
    error ? h('span.bk-error', { role: 'alert' }, error) : null,
  );
}

/** rich_text and other blocks the bot does not send: their text if any, else a note. */
function fallback(block: Json): VNode {
  return h('div.bk-unsupported', {}, `[${str(block.type)} block]`);
}

const RENDERERS: Record<string, (block: Json, options: BlockOptions) => VNode | null> = {
  header,
  section,
  context: contextBlock,
  divider: () => h('hr.bk-divider'),
  image,
  actions,
  input,
};

/** The blocks, each wrapped with its block id so a click can say where it happened. */
export function blocks(list: unknown, options: BlockOptions): VNode[] {
  return records(list).map((block) => {
    const render = RENDERERS[str(block.type)] ?? fallback;
    return h('div.bk-block', { 'data-block-id': str(block.block_id) }, render(block, options));
  });
}
