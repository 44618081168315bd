/**
 * One message on screen. `update` compares the new view with the last one and touches only the
 * parts that differ: while an answer streams, that is its markdown tail (and reasoning or tool
 * calls when they grow); a finished message is never drawn again. An answer that used tools
 * shows its finished rounds first, then the current round's reasoning, text and calls (the text
 * first: the model said it before calling), and "Continue" when it stopped at the round limit.
 */

import type { ChatMessageView } from '../../src/protocol/messages';
import { t } from '../l10n';
import { errorView } from './actions';
import { AnswerRounds, reasoningBlock } from './answerRounds';
import { attachmentList } from './attachments';
import { codicon, h, iconButton, show, textButton } from './dom';
import { editForm } from './editForm';
import { MarkdownView } from './markdownView';
import { OrderedSlots } from './orderedSlots';
import { ToolCallList } from './toolCallList';
import { formatUsage } from './usage';

export const messageActions = {
  edit: 'edit',
  regenerate: 'regenerate',
  continue: 'continue-answer',
  applyAll: 'apply-all',
} as const;

/** A fenced code block starts somewhere in the text (what Apply All works on). */
const fenceStart = /^ {0,3}(?:`{3,}|~{3,})/m;

const roundsSetting = 'switchboard.tools.maxRounds';

type Slot = 'attachments' | 'rounds' | 'reasoning' | 'content' | 'toolCalls' | 'roundLimit' | 'error';

const slotOrder: readonly Slot[] = ['attachments', 'rounds', 'reasoning', 'content', 'toolCalls', 'roundLimit', 'error'];
export class MessageView {
  readonly element: HTMLElement;
  private message: ChatMessageView | undefined;
  private readonly body: HTMLElement;
  private readonly footer: HTMLElement;
  private readonly usage: HTMLElement;
  private readonly status: HTMLElement;
  private readonly regenerate: HTMLButtonElement | undefined;
  private readonly applyAll: HTMLButtonElement | undefined;
  private readonly slots: OrderedSlots<Slot>;
  private content: MarkdownView | undefined;
  private reasoning: { details: HTMLDetailsElement; view: MarkdownView } | undefined;
  private rounds: AnswerRounds | undefined;
  private toolCalls: ToolCallList | undefined;
  private roundLimit: HTMLElement | undefined;
  private last = false;
  private approvable = false;

  constructor(message: ChatMessageView) {
    const assistant = message.role === 'assistant';
    this.body = h('div', { class: 'message-body' });
    this.slots = new OrderedSlots(this.body, slotOrder);
    this.usage = h('span', { class: 'message-usage' });
    this.status = h('span', { class: 'message-status' });
    this.regenerate = assistant ? iconButton('refresh', t('regenerate'), messageActions.regenerate) : undefined;
    // Shown by the list on the last answer only (setLast).
    this.regenerate?.toggleAttribute('hidden', true);
    // Shown once a finished answer holds code blocks (update).
    this.applyAll = assistant ? iconButton('git-compare', t('applyAll'), messageActions.applyAll) : undefined;
    this.applyAll?.toggleAttribute('hidden', true);
    const actions = h('div', { class: 'message-actions' }, this.applyAll, this.regenerate, !assistant && iconButton('edit', t('edit'), messageActions.edit));
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
      this.slots.set('attachments', attachmentList(next.attachments, false));
    }
    if (previous?.rounds !== next.rounds) {
      this.showRounds(next);
    }
    if (previous?.reasoning !== next.reasoning) {
      this.showReasoning(next.reasoning ?? '', final);
    }
    if (previous?.content !== next.content || previous.status !== next.status) {
      this.showContent(next, final);
    }
    if (previous?.toolCalls !== next.toolCalls) {
      this.showToolCalls(next);
    }
    if (previous?.roundLimitReached !== next.roundLimitReached || previous?.status !== next.status) {
      this.showRoundLimit();
    }
    if (previous?.error !== next.error) {
      this.slots.set('error', next.error === undefined ? undefined : errorView(next.error));
    }
    if (previous?.usage !== next.usage) {
      this.usage.textContent = formatUsage(next.usage);
    }
    if (this.applyAll !== undefined && (previous?.status !== next.status || previous.content !== next.content)) {
      const texts = [...(next.rounds ?? []).map((round) => round.content), next.content];
      show(this.applyAll, next.status !== 'streaming' && texts.some((text) => fenceStart.test(text)));
    }
    if (previous?.status !== next.status) {
      this.status.textContent = next.status === 'stopped' ? t('stopped') : next.status === 'streaming' ? t('streaming') : '';
    }
  }

  /** Regenerate (and Continue) show on the last answer only, and not while it streams. */
  setLast(last: boolean): void {
    this.last = last;
    if (this.regenerate !== undefined) {
      show(this.regenerate, last && this.message?.status !== 'streaming');
    }
    this.showRoundLimit();
  }

  /** Whether this answer is the one running now: only then can its calls that ask first be answered. */
  setApprovable(approvable: boolean): void {
    if (approvable !== this.approvable) {
      this.approvable = approvable;
      this.toolCalls?.setApprovable(approvable);
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
        this.slots.set('content', text);
      }
      text.textContent = message.content;
      return;
    }
    if (this.content === undefined) {
      this.content = new MarkdownView(h('div', { class: 'message-content markdown' }));
      this.slots.set('content', this.content.element);
    }
    this.content.update(message.content, final);
  }

  private showReasoning(reasoning: string, final: boolean): void {
    if (this.reasoning === undefined) {
      if (reasoning === '') {
        return;
      }
      this.reasoning = reasoningBlock();
      this.slots.set('reasoning', this.reasoning.details);
    }
    // A new round starts without reasoning: the last round's went into its round.
    show(this.reasoning.details, reasoning !== '');
    this.reasoning.view.update(reasoning, final);
  }

  private showRounds(message: ChatMessageView): void {
    const rounds = message.rounds ?? [];
    if (this.rounds === undefined) {
      if (rounds.length === 0) {
        return;
      }
      this.rounds = new AnswerRounds();
      this.slots.set('rounds', this.rounds.element);
    }
    this.rounds.update(rounds);
  }

  private showToolCalls(message: ChatMessageView): void {
    const calls = message.toolCalls ?? [];
    if (this.toolCalls === undefined) {
      if (calls.length === 0) {
        return;
      }
      this.toolCalls = new ToolCallList();
      this.toolCalls.setApprovable(this.approvable);
      this.slots.set('toolCalls', this.toolCalls.element);
    }
    this.toolCalls.update(calls);
  }

  /** "Continue" under an answer that stopped at the round limit: the last one, once it stopped streaming. */
  private showRoundLimit(): void {
    const message = this.message;
    const offered = this.last && message?.roundLimitReached === true && message.status !== 'streaming';
    if (offered && this.roundLimit === undefined) {
      this.roundLimit = h(
        'div',
        { class: 'round-limit' },
        h('p', { class: 'round-limit-text' }, codicon('debug-pause'), h('span', {}, t('roundLimitReached', { setting: roundsSetting }))),
        textButton(t('continue'), messageActions.continue, { icon: 'debug-continue' }),
      );
    }
    if (this.roundLimit !== undefined) {
      show(this.roundLimit, offered);
      this.slots.set('roundLimit', this.roundLimit);
    }
  }
}
