// Page nodes into the DOM: elements by name, attributes one by one, text as text nodes.
import type { VNode } from './vnode.js';

const BOOLEAN_PROPERTIES = new Set(['checked', 'selected', 'multiple', 'disabled']);

export function toDom(node: VNode | string): Node {
  if (typeof node === 'string') return document.createTextNode(node);
  const element = document.createElement(node.tag);
  for (const [name, value] of Object.entries(node.attrs)) {
    if (value === null || value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
    if (BOOLEAN_PROPERTIES.has(name)) Reflect.set(element, name, true);
  }
  for (const child of node.children) element.appendChild(toDom(child));
  // A textarea's text is its value; a select's chosen option is set with its attribute above.
  return element;
}

export function show(parent: Element, nodes: (VNode | string)[]): void {
  parent.replaceChildren(...nodes.map(toDom));
}
