/** A small element builder, so the views read like the markup they make. Text always goes in as text, never as HTML. */
type Child = Node | string | false | null | undefined;
type Attributes = Record<string, string | number | boolean | undefined | ((event: Event) => void)>;

/**
 * Creates an element. `on*` attributes given functions become listeners; `true` sets a boolean
 * attribute, `false`/`undefined` leave it out.
 * @example h('button', { type: 'button', onclick: () => send() }, 'Send')
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else if (value !== false && value !== undefined) element.setAttribute(name, String(value));
  }
  append(element, ...children);
  return element;
}

/** Appends children, skipping empty ones. */
export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === false || child === null || child === undefined) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

let ids = 0;
/** A page-unique id for aria-labelledby and friends. */
export function uid(prefix: string): string {
  ids += 1;
  return `${prefix}-${ids}`;
}
