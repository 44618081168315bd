/**
 * Small DOM helpers. Text goes in as text nodes and attributes as attributes, never through
 * `innerHTML`: the only HTML the chat parses is sanitized markdown (markdown.ts).
 */

import '../components';

type Child = Node | string | undefined | false;

/** An element with attributes (`undefined` and `false` leave one out, `true` sets it empty) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  setAttributes(element, attributes);
  append(element, children);
  return element;
}

function setAttributes(element: Element, attributes: Record<string, string | boolean | undefined>): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) {
      element.setAttribute(name, '');
    } else if (typeof value === 'string') {
      element.setAttribute(name, value);
    }
  }
}

function append(element: Element, children: Child[]): void {
  for (const child of children) {
    if (child !== undefined && child !== false) {
      element.append(child);
    }
  }
}

/** A codicon as decoration: screen readers skip it, the button around it carries the name. */
export function codicon(name: string): HTMLSpanElement {
  return h('span', { class: `codicon codicon-${name}`, 'aria-hidden': 'true' });
}

/**
 * A small icon button like VS Code's toolbar actions; `action` names what a click does (the view
 * handles clicks in one listener per region and reads `data-action`).
 */
export function iconButton(icon: string, label: string, action: string, extra: Record<string, string | undefined> = {}): HTMLButtonElement {
  return h('button', { type: 'button', class: 'icon-button', 'aria-label': label, title: label, 'data-action': action, ...extra }, codicon(icon));
}

/** A vscode-elements button with a visible label. */
export function textButton(label: string, action: string, options: { icon?: string; secondary?: boolean; extra?: Record<string, string | undefined> } = {}): HTMLElement {
  return h('vscode-button', { icon: options.icon, secondary: options.secondary === true, 'data-action': action, ...options.extra }, label);
}

/** Shows or hides an element (hidden elements leave the accessibility tree too). */
export function show(element: HTMLElement, visible: boolean): void {
  if (element.hidden === visible) {
    element.hidden = !visible;
  }
}
