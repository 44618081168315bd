/**
 * The conversation: a window of the most recent messages (older ones behind "Show earlier
 * messages", so a 1,000-message chat draws as fast as a short one and the DOM stays bounded),
 * keyed by id, with the compaction dividers before the messages they name. Messages and dividers
 * the state did not change keep their elements untouched. The reader's clicks and keys are
 * handled in messageEvents.ts.
 */

import type { ChatMessageView } from '../../src/protocol/messages';
import type { CompactionView } from '../../src/protocol/requestViews';
import type { ChatCommands } from '../commands';
import { t } from '../l10n';
import type { ActiveRequest } from '../state';
import { CompactionDivider } from './compactionDivider';
import { h, show } from './dom';
import { MessageEvents } from './messageEvents';
import { MessageView } from './messageView';

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
  /** Where the view was scrolled at the last scroll event: only a move up is the reader leaving the bottom. */
  private lastScrollTop = 0;
  private messages: readonly ChatMessageView[] = [];
  private compactions: readonly CompactionView[] = [];
  private earlierShown = -1;
  /** "Show earlier messages" was clicked: the view stays on what the reader saw while older messages go in above. */
  private keepPosition = false;
  private frame: number | undefined;
  private active: ActiveRequest | undefined;
  /** The call whose approval buttons were last brought to the user (focused and announced). */
  private approvalShown: string | undefined;

  /**
   * `onDrawing(true)` while messages wait for a later frame, then `onDrawing(false)`;
   * `onApprovalAsked` with a tool's name when a call of the running answer starts asking first.
   */
  constructor(
    commands: ChatCommands,
    private readonly onDrawing: (drawing: boolean) => void,
    private readonly onApprovalAsked: (toolName: string) => void,
  ) {
    this.earlier = h('button', { type: 'button', class: 'show-earlier', 'data-action': 'show-earlier' });
    this.list = h('div', { class: 'message-list' });
    this.empty = h('p', { class: 'empty-chat' }, t('emptyChat'));
    this.element = h('main', { class: 'messages', 'aria-label': t('conversation') }, this.earlier, this.list, this.empty);
    // A scroll event comes a frame after the scroll: by then more may have been drawn below, and
    // the view, scrolled to the bottom by the observer below, no longer is. So only a move up
    // stops following (the reader scrolled away); reaching the bottom again resumes it.
    this.element.addEventListener('scroll', () => {
      const top = this.element.scrollTop;
      const atBottom = this.element.scrollHeight - top - this.element.clientHeight < followSlack;
      this.following = atBottom || (this.following && top >= this.lastScrollTop);
      this.lastScrollTop = top;
    });
    // Sizes are known after layout: following the answer there never forces a layout while drawing.
    // The view itself is watched too: when the composer or the header grows (a second line typed,
    // a component arriving), the view shrinks and would leave the newest message's last lines below.
    const stayAtBottom = new ResizeObserver(() => {
      if (this.following) {
        this.element.scrollTop = this.element.scrollHeight;
        // Where this put the view (layout is done here, reading is cheap): the next scroll event
        // measures a move up from it, not from before a shrink that pulled the view up with it.
        this.lastScrollTop = this.element.scrollTop;
      }
    });
    stayAtBottom.observe(this.list);
    stayAtBottom.observe(this.element);
    new MessageEvents(this.element, commands, {
      viewOf: (element) => this.viewOf(element),
      showEarlier: () => {
        this.visible += messagePage;
        this.keepPosition = true;
        this.draw();
      },
      follow: () => this.follow(),
    });
  }

  /** `active` is the answer running now, whose calls that ask first can be answered. */
  render(conversationId: string, messages: readonly ChatMessageView[], compactions: readonly CompactionView[], active: ActiveRequest | undefined): void {
    if (conversationId !== this.conversationId) {
      this.conversationId = conversationId;
      this.visible = messagePage;
      this.views.clear();
      this.dividers.clear();
      this.list.replaceChildren();
      this.last = undefined;
      this.following = true;
      // The old conversation's position says nothing about this one: a lower one is no move up.
      this.lastScrollTop = 0;
    }
    if (messages === this.messages && compactions === this.compactions && active === this.active) {
      return;
    }
    this.messages = messages;
    this.compactions = compactions;
    this.active = active;
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
      view.setApprovable(this.active?.requestId !== undefined && this.active.messageId === message.id);
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
    this.bringApprovalForward();
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

  /**
   * A call of the running answer started asking first: its first button takes focus (so Enter
   * answers it) and the live region says what is asked, once per call.
   */
  private bringApprovalForward(): void {
    const messageId = this.active?.messageId;
    const row = messageId === undefined ? null : (this.views.get(messageId)?.element.querySelector('.tool-approval:not([hidden])') ?? null);
    const call = row?.closest<HTMLElement>('[data-call-id]');
    const callId = call?.getAttribute('data-call-id') ?? undefined;
    if (callId === this.approvalShown) {
      return;
    }
    this.approvalShown = callId;
    const first = row?.querySelector('vscode-button');
    if (first !== null && first !== undefined && call !== null && call !== undefined) {
      // A button made this frame takes focus once it has drawn itself (before, focus() passes it by).
      void first.updateComplete.then(() => {
        if (first.isConnected && this.approvalShown === callId) {
          first.focus();
        }
      });
      this.onApprovalAsked(call.querySelector('.tool-call-name')?.textContent ?? '');
    }
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
}
