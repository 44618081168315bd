/**
 * The conversation: a window of the most recent messages (older ones behind "Show earlier
 * messages", so a 1,000-message chat draws as fast as a short one and the DOM stays bounded),
 * keyed by id, with the compaction dividers before the messages they name. Messages and dividers
 * the state did not change keep their elements untouched; one listener per kind of event serves
 * every message, code block and link.
 */

import type { ChatMessageView } from '../../src/protocol/messages';
import type { CompactionView } from '../../src/protocol/requestViews';
import type { ChatCommands } from '../commands';
import { t } from '../l10n';
import { actionOf, runAction } from './actions';
import { codeActionMessage } from './codeBlocks';
import { CompactionDivider } from './compactionDivider';
import { h, show } from './dom';
import { editActions } from './editForm';
import { messageActions, MessageView } from './messageView';

/** Messages drawn at first, and added by each "Show earlier messages". */
const messagePage = 40;

/** How close to the bottom (px) still counts as following the newest message. */
const followSlack = 24;

/** Time for drawing new messages in one frame; the rest waits for the next one. */
const frameBudgetMs = 8;

export class MessageList {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private readonly earlier: HTMLButtonElement;
  private readonly empty: HTMLElement;
  private readonly views = new Map<string, MessageView>();
  /** Dividers by compaction id. */
  private readonly dividers = new Map<string, CompactionDivider>();
  private conversationId: string | undefined;
  private visible = messagePage;
  private last: MessageView | undefined;
  /** The reader is at the newest message: the view stays there as messages grow (until they scroll up). */
  private following = true;
  private messages: readonly ChatMessageView[] = [];
  private compactions: readonly CompactionView[] = [];
  private earlierShown = -1;
  /** "Show earlier messages" was clicked: the view stays on what the reader saw while older messages go in above. */
  private keepPosition = false;
  private frame: number | undefined;

  /** `onDrawing(true)` while messages wait for a later frame, then `onDrawing(false)`. */
  constructor(
    private readonly commands: ChatCommands,
    private readonly onDrawing: (drawing: boolean) => void,
  ) {
    this.earlier = h('button', { type: 'button', class: 'show-earlier', 'data-action': 'show-earlier' });
    this.list = h('div', { class: 'message-list' });
    this.empty = h('p', { class: 'empty-chat' }, t('emptyChat'));
    this.element = h('main', { class: 'messages', 'aria-label': t('conversation') }, this.earlier, this.list, this.empty);
    this.element.addEventListener('scroll', () => {
      this.following = this.element.scrollHeight - this.element.scrollTop - this.element.clientHeight < followSlack;
    });
    // Sizes are known after layout: following the answer there never forces a layout while drawing.
    new ResizeObserver(() => {
      if (this.following) {
        this.element.scrollTop = this.element.scrollHeight;
      }
    }).observe(this.list);
    this.element.addEventListener('click', (event) => this.onClick(event));
    this.element.addEventListener('auxclick', (event) => this.onLink(event));
    this.element.addEventListener('keydown', (event) => this.onKey(event));
  }

  render(conversationId: string, messages: readonly ChatMessageView[], compactions: readonly CompactionView[]): void {
    if (conversationId !== this.conversationId) {
      this.conversationId = conversationId;
      this.visible = messagePage;
      this.views.clear();
      this.dividers.clear();
      this.list.replaceChildren();
      this.last = undefined;
      this.following = true;
    }
    if (messages === this.messages && compactions === this.compactions) {
      return;
    }
    this.messages = messages;
    this.compactions = compactions;
    this.draw();
  }

  /**
   * Brings the DOM in line with the window of messages, newest first. Messages that need a new
   * element are drawn within a frame's budget (at least one); the rest, older, in the next
   * frames, so opening a long chat never blocks the page for long.
   */
  private draw(): void {
    const messages = this.messages;
    const start = Math.max(0, messages.length - this.visible);
    const shown = new Set<string>();
    for (let index = start; index < messages.length; index++) {
      shown.add(messages[index]!.id);
    }
    for (const [id, view] of this.views) {
      if (!shown.has(id)) {
        view.element.remove();
        this.views.delete(id);
      }
    }
    const before = this.dividersBefore(shown);
    const heightBefore = this.keepPosition ? this.element.scrollHeight : 0;
    const deadline = performance.now() + frameBudgetMs;
    let created = 0;
    let next: Element | null = null;
    let unfinished = false;
    for (let index = messages.length - 1; index >= start; index--) {
      const message = messages[index]!;
      let view = this.views.get(message.id);
      if (view === undefined) {
        if (created > 0 && performance.now() > deadline) {
          unfinished = true;
          break;
        }
        view = new MessageView(message);
        this.views.set(message.id, view);
        created++;
      } else {
        view.update(message);
      }
      next = this.place(view.element, next);
      for (const divider of before.get(message.id) ?? []) {
        next = this.place(divider.element, next);
      }
    }
    this.markLast(this.views.get(messages[messages.length - 1]?.id ?? ''));
    if (this.earlierShown !== start) {
      this.earlierShown = start;
      this.earlier.textContent = t('showEarlier', { count: start });
      show(this.earlier, start > 0);
    }
    show(this.empty, messages.length === 0);
    if (this.keepPosition) {
      // Older messages went in above what the reader sees: keep it where it was.
      this.element.scrollTop += this.element.scrollHeight - heightBefore;
    }
    this.onDrawing(unfinished);
    if (unfinished) {
      this.frame ??= requestAnimationFrame(() => {
        this.frame = undefined;
        this.draw();
      });
    } else {
      this.keepPosition = false;
    }
  }

  /** Puts `element` right before `next` (at the end for null) unless it is there already; answers it. */
  private place(element: Element, next: Element | null): Element {
    const placed: Element | null = next === null ? this.list.lastElementChild : next.previousElementSibling;
    if (placed !== element) {
      this.list.insertBefore(element, next);
    }
    return element;
  }

  /**
   * The dividers to draw, by the message they go before (nearest the message last), each kept
   * while its compaction is the same object; a compaction whose message is not shown draws none.
   */
  private dividersBefore(shown: ReadonlySet<string>): Map<string, CompactionDivider[]> {
    const wanted = new Map<string, CompactionDivider[]>();
    const kept = new Set<string>();
    for (const compaction of this.compactions) {
      if (!shown.has(compaction.beforeMessageId)) {
        continue;
      }
      let divider = this.dividers.get(compaction.id);
      if (divider?.compaction !== compaction) {
        divider?.element.remove();
        divider = new CompactionDivider(compaction);
        this.dividers.set(compaction.id, divider);
      }
      kept.add(compaction.id);
      const list = wanted.get(compaction.beforeMessageId) ?? [];
      // Placed from the message upwards: the newest compaction nearest the message.
      list.unshift(divider);
      wanted.set(compaction.beforeMessageId, list);
    }
    for (const [id, divider] of this.dividers) {
      if (!kept.has(id)) {
        divider.element.remove();
        this.dividers.delete(id);
      }
    }
    return wanted;
  }

  /** Brings the newest message into view as it comes (the user sent something, so they follow it). */
  follow(): void {
    this.following = true;
  }

  /** The text of an answer as it is shown, for the screen-reader announcement. */
  spokenText(messageId: string): string | undefined {
    return this.views.get(messageId)?.spokenText();
  }

  private markLast(view: MessageView | undefined): void {
    if (this.last !== view) {
      this.last?.setLast(false);
      this.last = view;
    }
    view?.setLast(true);
  }

  private viewOf(element: Element): MessageView | undefined {
    const id = element.closest('.message')?.getAttribute('data-id');
    return id === null || id === undefined ? undefined : this.views.get(id);
  }

  private onClick(event: MouseEvent): void {
    if (this.onLink(event)) {
      return;
    }
    const target = event.target instanceof Element ? event.target.closest('[data-action]') : null;
    if (target === null) {
      return;
    }
    const action = target.getAttribute('data-action');
    const view = this.viewOf(target);
    switch (action) {
      case 'show-earlier':
        this.visible += messagePage;
        this.keepPosition = true;
        this.draw();
        return;
      case messageActions.regenerate:
        this.commands.regenerate();
        return;
      case messageActions.edit:
        view?.startEdit();
        return;
      case editActions.save:
        this.saveEdit(view);
        return;
      case editActions.cancel:
        view?.endEdit();
        return;
      case runAction: {
        const run = actionOf(target);
        if (run !== undefined) {
          this.commands.post({ type: 'action/run', action: run });
        }
        return;
      }
      default: {
        const message = codeActionMessage(target);
        if (message !== undefined) {
          this.commands.post(message);
        }
      }
    }
  }

  /** Links never navigate the webview: a click asks the host to open the link (it opens http(s) and mailto only). */
  private onLink(event: MouseEvent): boolean {
    const link = event.target instanceof Element ? event.target.closest('a') : null;
    if (link === null) {
      return false;
    }
    event.preventDefault();
    const href = link.getAttribute('href');
    if (href !== null && href !== '' && (event.type === 'click' || event.button === 1)) {
      this.commands.post({ type: 'link/open', href });
    }
    return true;
  }

  private onKey(event: KeyboardEvent): void {
    if (!(event.target instanceof HTMLTextAreaElement) || !event.target.classList.contains('edit-input')) {
      return;
    }
    const view = this.viewOf(event.target);
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.saveEdit(view);
    } else if (event.key === 'Escape') {
      // Escape here ends the edit; it must not also stop a running answer.
      event.preventDefault();
      event.stopPropagation();
      view?.endEdit();
    }
  }

  private saveEdit(view: MessageView | undefined): void {
    const text = view?.editedText();
    if (view === undefined || text === undefined || text.trim() === '') {
      return;
    }
    view.endEdit();
    this.follow();
    this.commands.edit(view.id, text);
  }
}
