/**
 * The Add Context list: the kinds of context a message can carry (File…, Folder…, Selection,
 * Problems, Changes, Terminal output, Active file), opened by the composer's "Add Context" button
 * or by typing `#` in the message box (`#pro` narrows it to Problems). While it is open from the
 * message box, focus stays there (the active option is its `aria-activedescendant`) and the list
 * takes ArrowUp/Down, Home/End, Enter, Tab and Escape before the composer can send or the page
 * can stop an answer; opened by the button, the list itself has focus. Choosing removes the typed
 * `#word` and hands the kind to `onChoose`.
 */

import type { ContextKind } from '../../src/protocol/messages';
import { contextTriggerAt, withoutTrigger, type ContextTrigger } from '../contextTrigger';
import { t, type StringKey } from '../l10n';
import { codicon, h, show } from './dom';

interface ContextChoice {
  kind: ContextKind;
  label: StringKey;
  icon: string;
  /** What follows `#` to pick it; the active file has none (it is the old attach button). */
  keyword?: string;
}

const choices: readonly ContextChoice[] = [
  { kind: 'file', label: 'context_file', icon: 'file', keyword: 'file' },
  { kind: 'folder', label: 'context_folder', icon: 'folder', keyword: 'folder' },
  { kind: 'selection', label: 'context_selection', icon: 'selection', keyword: 'selection' },
  { kind: 'problems', label: 'context_problems', icon: 'warning', keyword: 'problems' },
  { kind: 'changes', label: 'context_changes', icon: 'git-compare', keyword: 'changes' },
  { kind: 'terminal', label: 'context_terminal', icon: 'terminal', keyword: 'terminal' },
  { kind: 'activeFile', label: 'context_activeFile', icon: 'file-code' },
];

/** A choice matches when its keyword or a word of its label starts with the typed letters. */
function matches(choice: ContextChoice, query: string): boolean {
  if (query === '' || choice.keyword?.startsWith(query) === true) {
    return true;
  }
  return t(choice.label)
    .toLowerCase()
    .split(/[\s…]+/)
    .some((word) => word.startsWith(query));
}

const listId = 'add-context-list';

export class ContextPicker {
  readonly button: HTMLElement;
  readonly list: HTMLElement;
  private shown: readonly ContextChoice[] = [];
  private active = 0;
  /** Set while the list was opened by typing: the `#word` it replaces. */
  private trigger: ContextTrigger | undefined;
  /** A `#` whose list was closed with Escape: typing on after it does not open it again. */
  private dismissedAt: number | undefined;

  constructor(
    private readonly textarea: HTMLTextAreaElement,
    private readonly onChoose: (kind: ContextKind, text: string | undefined) => void,
  ) {
    this.button = h('vscode-button', {
      icon: 'attach',
      'icon-only': true,
      secondary: true,
      'aria-label': t('addContext'),
      title: `${t('addContext')} (#)`,
      'aria-haspopup': 'listbox',
      'aria-expanded': 'false',
      'aria-controls': listId,
    });
    this.list = h('div', { class: 'context-menu', id: listId, role: 'listbox', 'aria-label': t('addContext'), tabindex: '-1', hidden: true });
    // Keys first: registered before the composer's own, so Enter here never sends.
    textarea.addEventListener('keydown', (event) => this.onKey(event));
    textarea.addEventListener('input', () => this.followTyping());
    textarea.addEventListener('keyup', (event) => {
      if (['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) {
        this.followTyping();
      }
    });
    textarea.addEventListener('click', () => this.followTyping());
    textarea.addEventListener('blur', () => {
      if (this.trigger !== undefined) {
        this.close();
      }
    });
    this.list.addEventListener('keydown', (event) => this.onKey(event));
    this.list.addEventListener('focusout', () => {
      if (this.trigger === undefined) {
        this.close();
      }
    });
    // A click on an option must not take focus from the message box (that would close the list first).
    this.list.addEventListener('mousedown', (event) => event.preventDefault());
    this.list.addEventListener('click', (event) => {
      const option = event.target instanceof Element ? event.target.closest('[role="option"]') : null;
      const index = this.shown.findIndex((choice) => choice.kind === option?.getAttribute('data-kind'));
      if (index !== -1) {
        this.choose(index);
      }
    });
    this.button.addEventListener('mousedown', (event) => event.preventDefault());
    this.button.addEventListener('click', () => {
      if (this.isOpen && this.trigger === undefined) {
        this.close();
        return;
      }
      this.open('', undefined);
      this.list.focus();
    });
  }

  get isOpen(): boolean {
    return !this.list.hidden;
  }

  /** Opens, narrows or closes the list as the `#word` at the caret changes. */
  private followTyping(): void {
    const caret = this.textarea.selectionStart === this.textarea.selectionEnd ? this.textarea.selectionStart : -1;
    const trigger = caret < 0 ? undefined : contextTriggerAt(this.textarea.value, caret);
    if (trigger === undefined || trigger.start === this.dismissedAt) {
      if (this.trigger !== undefined) {
        this.close();
      }
      if (trigger === undefined) {
        this.dismissedAt = undefined;
      }
      return;
    }
    this.open(trigger.query, trigger);
  }

  private open(query: string, trigger: ContextTrigger | undefined): void {
    const shown = choices.filter((choice) => matches(choice, query));
    if (shown.length === 0) {
      this.close();
      return;
    }
    const same = shown.length === this.shown.length && shown.every((choice, index) => choice === this.shown[index]);
    this.trigger = trigger;
    if (!same || !this.isOpen) {
      this.shown = shown;
      this.active = 0;
      this.list.replaceChildren(...shown.map((choice) => optionView(choice)));
    }
    show(this.list, true);
    this.button.setAttribute('aria-expanded', 'true');
    this.markActive();
  }

  private close(): void {
    if (!this.isOpen) {
      return;
    }
    show(this.list, false);
    this.trigger = undefined;
    this.button.setAttribute('aria-expanded', 'false');
    this.textarea.removeAttribute('aria-activedescendant');
    this.textarea.removeAttribute('aria-controls');
    this.list.removeAttribute('aria-activedescendant');
  }

  private onKey(event: KeyboardEvent): void {
    if (!this.isOpen || event.isComposing) {
      return;
    }
    const count = this.shown.length;
    switch (event.key) {
      case 'ArrowDown':
        this.active = (this.active + 1) % count;
        break;
      case 'ArrowUp':
        this.active = (this.active - 1 + count) % count;
        break;
      case 'Home':
      case 'End':
        if (this.trigger !== undefined) {
          // In the message box these move the caret, which may leave the `#word`.
          return;
        }
        this.active = event.key === 'Home' ? 0 : count - 1;
        break;
      case 'Enter':
      case 'Tab':
        if (event.shiftKey && event.key === 'Tab') {
          return;
        }
        this.choose(this.active);
        break;
      case 'Escape': {
        const fromButton = this.trigger === undefined;
        this.dismissedAt = this.trigger?.start;
        this.close();
        if (fromButton) {
          this.button.focus();
        }
        break;
      }
      default:
        return;
    }
    // Handled here only: not a send (the composer's Enter), not a stop (the page's Escape).
    event.preventDefault();
    event.stopImmediatePropagation();
    this.markActive();
  }

  private choose(index: number): void {
    const choice = this.shown[index];
    if (choice === undefined) {
      return;
    }
    const trigger = this.trigger;
    let text: string | undefined;
    if (trigger !== undefined) {
      const changed = withoutTrigger(this.textarea.value, trigger);
      this.textarea.value = changed.text;
      this.textarea.setSelectionRange(changed.caret, changed.caret);
      text = changed.text;
    }
    this.close();
    this.textarea.focus();
    this.onChoose(choice.kind, text);
  }

  private markActive(): void {
    const options = Array.from(this.list.children);
    options.forEach((option, index) => option.setAttribute('aria-selected', String(index === this.active)));
    const id = options[this.active]?.id;
    if (id === undefined) {
      return;
    }
    // The element with focus names the active option: the message box while typing, else the list.
    if (this.trigger !== undefined) {
      this.textarea.setAttribute('aria-controls', listId);
      this.textarea.setAttribute('aria-activedescendant', id);
      this.list.removeAttribute('aria-activedescendant');
    } else {
      this.list.setAttribute('aria-activedescendant', id);
    }
    options[this.active]?.scrollIntoView({ block: 'nearest' });
  }
}

function optionView(choice: ContextChoice): HTMLElement {
  return h(
    'div',
    { class: 'context-option', role: 'option', id: `add-context-${choice.kind}`, 'data-kind': choice.kind, 'aria-selected': 'false' },
    codicon(choice.icon),
    h('span', { class: 'context-label' }, t(choice.label)),
    choice.keyword !== undefined && h('span', { class: 'context-keyword', 'aria-hidden': 'true' }, `#${choice.keyword}`),
  );
}
