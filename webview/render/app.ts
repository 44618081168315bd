/**
 * The whole chat view: builds the page once, then draws the state at most once per animation
 * frame, each part comparing its slice of the state with what it drew last (by identity), so a
 * streamed delta touches only the answer it belongs to.
 */

import type { BannerView, ChatMessageView } from '../../src/protocol/messages';
import type { ChatCommands } from '../commands';
import { t } from '../l10n';
import { onGrammarCompiled } from '../highlight';
import { loadedMarkdown } from '../markdownLoader';
import { isBusy, type Announcement, type ChatState } from '../state';
import type { Store } from '../store';
import { actionOf, bannerView } from './actions';
import { ReviewBar } from './reviewBar';
import { Composer } from './composer';
import { h } from './dom';
import { Header } from './header';
import { HistoryPanel } from './history';
import { MessageList } from './messageList';

/** How long a notice ("Copied") stays. */
const noticeMs = 4000;

/** Time for highlighting code blocks in one task. */
const highlightBudgetMs = 8;

export class ChatApp {
  private readonly header: Header;
  private readonly history: HistoryPanel;
  private readonly bannerSlot: HTMLElement;
  private readonly review: ReviewBar;
  private readonly messages: MessageList;
  private readonly composer: Composer;
  private readonly live: HTMLElement;
  private readonly notice: HTMLElement;
  private frame: number | undefined;
  private drawn = false;
  private banner: BannerView | undefined;
  private announced: Announcement | undefined;
  private noticeSerial = 0;
  private historyRequests = 0;
  private noticeTimer: number | undefined;

  constructor(
    private readonly root: HTMLElement,
    private readonly store: Store,
    commands: ChatCommands,
    /** Called in a task after the frame that first drew the chat: the time for work that could wait. */
    private readonly afterFirstDraw: () => void,
  ) {
    this.history = new HistoryPanel(commands, () => this.toggleHistory(false));
    this.header = new Header(commands, () => this.toggleHistory(!this.history.open));
    this.bannerSlot = h('div', { class: 'banner-slot' });
    this.bannerSlot.addEventListener('click', (event) => {
      const button = event.target instanceof Element ? event.target.closest('[data-run]') : null;
      const action = button === null ? undefined : actionOf(button);
      if (action !== undefined) {
        commands.post({ type: 'action/run', action });
      }
    });
    this.messages = new MessageList(
      commands,
      (drawing) => root.toggleAttribute('data-drawing', drawing),
      (toolName) => {
        this.live.textContent = t('toolApprovalAsked', { name: toolName });
      },
    );
    onGrammarCompiled(() => this.highlightPending());
    this.notice = h('div', { class: 'notice', role: 'status' });
    this.composer = new Composer(commands, (message) => this.showNotice(message));
    this.review = new ReviewBar(commands);
    // Announces finished answers only: the list itself is not live, or every token would be read.
    this.live = h('div', { class: 'visually-hidden', 'aria-live': 'polite', 'aria-atomic': 'true', 'data-testid': 'announcer' });
    root.classList.add('chat');
    root.append(this.header.element, this.history.element, this.bannerSlot, this.messages.element, this.notice, this.review.element, this.composer.element, this.live);
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !event.defaultPrevented && isBusy(this.store.state)) {
        event.preventDefault();
        commands.stop();
      }
    });
    this.composer.textarea.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey) {
        this.messages.follow();
      }
    });
    store.subscribe(() => this.schedule());
  }

  /** Draws on the next animation frame; more changes before it are drawn together. */
  private schedule(): void {
    this.frame ??= requestAnimationFrame(() => {
      this.frame = undefined;
      this.render();
    });
  }

  private render(): void {
    const state = this.store.state;
    if (!state.ready) {
      return;
    }
    const busy = isBusy(state);
    this.root.classList.toggle('busy', busy);
    this.header.render(state);
    this.history.render(state.history, state.search, state.conversationId);
    if (state.banner !== this.banner) {
      this.banner = state.banner;
      const banner = bannerView(state.banner);
      this.bannerSlot.replaceChildren(...(banner === undefined ? [] : [banner]));
    }
    this.messages.render(state.conversationId, state.messages, state.compactions, state.active);
    this.review.render(state.review);
    this.composer.render(state, busy);
    this.announce(state);
    if (state.historyRequests !== this.historyRequests) {
      this.historyRequests = state.historyRequests;
      this.toggleHistory(true);
    }
    if (state.notice !== undefined && state.notice.serial !== this.noticeSerial) {
      this.noticeSerial = state.notice.serial;
      this.showNotice(state.notice.message);
    }
    if (!this.drawn) {
      this.drawn = true;
      document.body.dataset.ready = 'true';
      // After the frame, when layout is done: focusing now would force the whole first layout
      // inside this frame's script (about 10 ms with a long chat).
      setTimeout(() => {
        this.composer.focus();
        this.afterFirstDraw();
      }, 0);
    }
  }

  private announce(state: ChatState): void {
    const announcement = state.announcement;
    if (announcement === undefined || announcement === this.announced) {
      return;
    }
    const first = this.announced === undefined && !this.drawn;
    this.announced = announcement;
    const message = state.messages.find((candidate) => candidate.id === announcement.messageId);
    // An answer that ended before this view drew itself was not followed: nothing to announce.
    if (message === undefined || first) {
      return;
    }
    this.live.textContent = spoken(message, this.messages.spokenText(message.id) ?? message.content);
  }

  /** Highlights code drawn plain while its grammar compiled, a few blocks per task. */
  private highlightPending(): void {
    // A grammar is asked for only by the markdown renderer, so it has arrived by now.
    if (loadedMarkdown()?.highlightPending(this.root, highlightBudgetMs) === true) {
      setTimeout(() => this.highlightPending(), 0);
    }
  }

  private showNotice(message: string): void {
    this.notice.textContent = message;
    window.clearTimeout(this.noticeTimer);
    this.noticeTimer = window.setTimeout(() => {
      this.notice.textContent = '';
    }, noticeMs);
  }

  private toggleHistory(open: boolean): void {
    this.history.setOpen(open);
    this.header.setHistoryOpen(open);
  }
}

function spoken(message: ChatMessageView, text: string): string {
  if (message.error !== undefined) {
    return t('answerFailed', { text: message.error.message });
  }
  return message.status === 'stopped' ? t('answerStopped', { text }) : t('answerDone', { text });
}
