/**
 * One message on screen. `update` compares the new view with the last one and touches only the
 * parts that differ: while an answer streams, that is its markdown tail (and reasoning or tool
 * calls when they grow); a finished message is never drawn again.
 */

import type { ChatMessageView, ToolCallView } from '../../src/protocol/messages';
import { t } from '../l10n';
import { errorView } from './actions';
import { attachmentList } from './attachments';
import { codicon, h, iconButton, show } from './dom';
import { editForm } from './editForm';
import { MarkdownView } from './markdownView';
import { formatUsage } from './usage';

export const messageActions = {
  edit: 'edit',
  regenerate: 'regenerate',
} as const;

export class MessageView {
  readonly element: HTMLElement;
  private message: ChatMessageView | undefined;
  private readonly body: HTMLElement;
  private readonly footer: HTMLElement;
  private readonly usage: HTMLElement;
  private readonly status: HTMLElement;
  private readonly regenerate: HTMLButtonElement | undefined;
  private content: MarkdownView | undefined;
  private reasoning: { details: HTMLDetailsElement; view: MarkdownView } | undefined;
  private toolCalls: HTMLElement | undefined;
  private error: HTMLElement | undefined;

  constructor(message: ChatMessageView) {
    const assistant = message.role === 'assistant';
    this.body = h('div', { class: 'message-body' });
    this.usage = h('span', { class: 'message-usage' });
    this.status = h('span', { class: 'message-status' });
    this.regenerate = assistant ? iconButton('refresh', t('regenerate'), messageActions.regenerate) : undefined;
    // Shown by the list on the last answer only (setLast).
    this.regenerate?.toggleAttribute('hidden', true);
    const actions = h('div', { class: 'message-actions' }, this.regenerate, !assistant && iconButton('edit', t('edit'), messageActions.edit));
    this.footer = h('div', { class: 'message-footer' }, this.usage, this.status, actions);
    this.element = h(
      'article',
      { class: 'message', 'data-role': message.role, 'data-id': message.id, 'aria-label': assistant ? t('assistant') : t('you') },
      h(
        'div',
        { class: 'message-header' },
        codicon(assistant ? 'sparkle' : 'account'),
        h('span', { class: 'message-author' }, assistant ? t('assistant') : t('you')),
        message.model !== undefined && assistant && h('span', { class: 'message-model' }, message.model),
      ),
      this.body,
      this.footer,
    );
    this.update(message);
  }

  get id(): string {
    return this.element.getAttribute('data-id') ?? '';
  }

  /** Draws what changed since the last view of this message. */
  update(next: ChatMessageView): void {
    const previous = this.message;
    if (previous === next) {
      return;
    }
    this.message = next;
    const final = next.status !== 'streaming';
    this.element.setAttribute('data-status', next.status);
    if (previous === undefined && next.attachments !== undefined && next.attachments.length > 0) {
      this.body.append(attachmentList(next.attachments, false));
    }
    if (previous?.reasoning !== next.reasoning) {
      this.showReasoning(next.reasoning ?? '', final);
    }
    if (previous?.toolCalls !== next.toolCalls) {
      this.showToolCalls(next.toolCalls ?? []);
    }
    if (previous?.content !== next.content || previous.status !== next.status) {
      this.showContent(next, final);
    }
    if (previous?.error !== next.error) {
      this.error?.remove();
      this.error = next.error === undefined ? undefined : errorView(next.error);
      if (this.error !== undefined) {
        this.body.append(this.error);
      }
    }
    if (previous?.usage !== next.usage) {
      this.usage.textContent = formatUsage(next.usage);
    }
    if (previous?.status !== next.status) {
      this.status.textContent = next.status === 'stopped' ? t('stopped') : next.status === 'streaming' ? t('streaming') : '';
    }
  }

  /** Regenerate shows on the last answer only, and not while it streams. */
  setLast(last: boolean): void {
    if (this.regenerate !== undefined) {
      show(this.regenerate, last && this.message?.status !== 'streaming');
    }
  }

  /** Puts the user's message into an editor in place; `save` and `cancel` actions end it. */
  startEdit(): void {
    const text = this.body.querySelector<HTMLElement>('.message-text');
    if (text === null || this.message === undefined || this.element.querySelector('.edit-form') !== null) {
      return;
    }
    const form = editForm(this.message.content);
    text.hidden = true;
    this.body.insertBefore(form.element, text);
    form.textarea.focus();
    form.textarea.setSelectionRange(form.textarea.value.length, form.textarea.value.length);
  }

  /** The edited text, while editing. */
  editedText(): string | undefined {
    return this.element.querySelector<HTMLTextAreaElement>('.edit-form textarea')?.value;
  }

  endEdit(): void {
    this.element.querySelector('.edit-form')?.remove();
    const text = this.body.querySelector<HTMLElement>('.message-text');
    if (text !== null) {
      text.hidden = false;
    }
  }

  /** The text a screen reader announces when the answer is done. */
  spokenText(): string {
    return this.content?.text().trim() ?? this.message?.content ?? '';
  }

  private showContent(message: ChatMessageView, final: boolean): void {
    if (message.role === 'user') {
      // The user's own words are shown as they typed them: plain text, never parsed.
      let text = this.body.querySelector<HTMLElement>('.message-text');
      if (text === null) {
        text = h('div', { class: 'message-text' });
        this.body.insertBefore(text, this.error ?? null);
      }
      text.textContent = message.content;
      return;
    }
    if (this.content === undefined) {
      this.content = new MarkdownView(h('div', { class: 'message-content markdown' }));
      this.body.insertBefore(this.content.element, this.error ?? null);
    }
    this.content.update(message.content, final);
  }

  private showReasoning(reasoning: string, final: boolean): void {
    if (this.reasoning === undefined) {
      if (reasoning === '') {
        return;
      }
      // Native <details>: its summary is a button with an expanded state for screen readers.
      const view = new MarkdownView(h('div', { class: 'reasoning-content markdown' }));
      const details = h('details', { class: 'reasoning' }, h('summary', {}, codicon('lightbulb'), h('span', {}, t('thinking'))), view.element);
      this.reasoning = { details, view };
      this.body.prepend(details);
    }
    this.reasoning.view.update(reasoning, final);
  }

  private showToolCalls(calls: readonly ToolCallView[]): void {
    const list = h('div', { class: 'tool-calls' }, ...calls.map(toolCallView));
    if (this.toolCalls === undefined) {
      const anchor = this.content?.element ?? this.error ?? null;
      this.body.insertBefore(list, anchor);
    } else {
      this.toolCalls.replaceWith(list);
    }
    this.toolCalls = list;
  }
}

function toolCallView(call: ToolCallView): HTMLElement {
  return h(
    'div',
    { class: 'tool-call' },
    h('div', { class: 'tool-call-name' }, codicon('tools'), h('span', {}, t('toolCall', { name: call.name }))),
    h('pre', { class: 'tool-call-arguments' }, h('code', {}, prettyArguments(call.arguments))),
  );
}

/** Arguments as indented JSON when they parse (they may be half-streamed); otherwise as written. */
function prettyArguments(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
