// A tiny description of page elements, built by pure functions and turned into DOM by dom.ts.
// Text is always a text node, never HTML; attribute values are set one by one.

export type Child = VNode | string | null | undefined | false;
export type Attrs = Record<string, string | number | boolean | null | undefined>;

export interface VNode {
  tag: string;
  attrs: Attrs;
  children: (VNode | string)[];
}

/** h('div.card.wide', { title: 'x' }, 'text', h('b', {}, 'bold')): a tag with classes, attributes and children. */
export function h(selector: string, attrs: Attrs = {}, ...children: (Child | Child[])[]): VNode {
  const [tag = 'div', ...classes] = selector.split('.');
  const className = [...classes, attrs.class].filter((name) => typeof name === 'string' && name !== '').join(' ');
  const flat = children.flat().filter((child): child is VNode | string => child !== null && child !== undefined && child !== false);
  return { tag, attrs: { ...attrs, class: className || undefined }, children: flat };
}

/** The text a node shows (for tests and for labels). */
export function textOf(node: VNode | string): string {
  return typeof node === 'string' ? node : node.children.map(textOf).join('');
}

/** Every node (this one included) for which `test` holds, depth first. */
export function findAll(node: VNode | string, test: (candidate: VNode) => boolean): VNode[] {
  if (typeof node === 'string') return [];
  return [...(test(node) ? [node] : []), ...node.children.flatMap((child) => findAll(child, test))];
}

const SAFE_URL = /^(https?:|mailto:|\/(?!\/))/i;

/** A link or image address the page may use: http(s), mailto or a path on the playground; else null. */
export function safeUrl(url: string): string | null {
  const trimmed = url.trim();
  return SAFE_URL.test(trimmed) ? trimmed : null;
}
