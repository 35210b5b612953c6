// A tiny element builder: h('div', { class: 'card', onclick }, child, …). Strings become text nodes (never HTML).
export type Child = Node | string | number | null | undefined | false | readonly Child[];
type Handler = (e: Event) => void;
export type Attrs = Record<string, string | number | boolean | Handler | null | undefined>;

/** Properties set as properties (live form state) rather than attributes. */
const PROPS = new Set(['value', 'checked', 'selected', 'disabled', 'indeterminate']);

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(parent, ...(c as Child[]));
    else parent.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (PROPS.has(k)) (el as unknown as Record<string, unknown>)[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, ...children);
  return el;
}

/** Replaces all children of `el`. */
export function replace(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, ...children);
}

/** A <select> with options [value, label]; `value` is preselected. */
export function select(options: readonly (readonly [string, string])[], value: string, attrs: Attrs = {}): HTMLSelectElement {
  return h('select', attrs, options.map(([v, label]) => h('option', { value: v, selected: v === value }, label)));
}
