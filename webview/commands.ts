/**
 * What the user can do in the chat, as one place that posts to the host and updates the state:
 * the views call these and never build protocol messages for the conversation themselves.
 */

import { attachmentBudgetProblem } from '../src/protocol/attachmentBudget';
import { protocolLimits, type Attachment, type FromWebview } from '../src/protocol/messages';
import type { ToolDecision } from '../src/protocol/toolViews';
import { notSentNotice } from './budgetNotice';
import { newRequestId, type Host } from './host';
import { isBusy, reduce, requested, searching, sent, stopped, withAttachments, withDraftText } from './state';
import type { Store } from './store';

/** How long the history search waits for more typing before it asks the host. */
const searchDelayMs = 150;

export class ChatCommands {
  private searchTimer: number | undefined;
  /** The conversation the host was told the user is composing in (`chat/composing`, once each). */
  private composingIn: string | undefined;

  constructor(
    private readonly store: Store,
    private readonly host: Host,
  ) {}

  post(message: FromWebview): void {
    this.host.post(message);
  }

  /** Sends the composer's text and attachments; false when there is nothing to send or an answer is running. */
  send(): boolean {
    const state = this.store.state;
    const text = state.draft.text;
    if (isBusy(state) || (text.trim() === '' && state.draft.attachments.length === 0)) {
      return false;
    }
    // The host would refuse it too; said here, before sending, the draft stays for the user to trim.
    const problem = attachmentBudgetProblem(state.draft.attachments);
    if (problem !== undefined) {
      this.store.update((current) => reduce(current, { type: 'notice', message: notSentNotice(problem) }));
      return false;
    }
    const requestId = newRequestId();
    this.host.post({ type: 'chat/send', requestId, text, attachments: [...state.draft.attachments] });
    this.store.update((current) => sent(current, requestId));
    this.host.persist({ draftText: '' });
    return true;
  }

  /** Stops the running answer (the host keeps what arrived). */
  stop(): void {
    const active = this.store.state.active;
    this.host.post(active?.requestId === undefined ? { type: 'chat/cancel' } : { type: 'chat/cancel', requestId: active.requestId });
    this.store.update(stopped);
  }

  regenerate(): void {
    if (isBusy(this.store.state)) {
      return;
    }
    const requestId = newRequestId();
    this.host.post({ type: 'chat/regenerate', requestId });
    this.store.update((current) => requested(current, requestId));
  }

  edit(messageId: string, text: string): void {
    if (isBusy(this.store.state) || text.trim() === '') {
      return;
    }
    const requestId = newRequestId();
    this.host.post({ type: 'chat/edit', requestId, messageId, text });
    this.store.update((current) => requested(current, requestId));
  }

  /**
   * Runs more rounds of an answer that stopped at the round limit; a request is running, as for
   * regenerate. False when an answer is running already.
   */
  continueAnswer(messageId: string): boolean {
    if (isBusy(this.store.state)) {
      return false;
    }
    const requestId = newRequestId();
    this.host.post({ type: 'chat/continue', requestId, messageId });
    this.store.update((current) => requested(current, requestId));
    return true;
  }

  /**
   * The user's answer to a call of the streaming answer that asks first; false (nothing posted)
   * when the call's message is not the answer running now, whose request id the host needs.
   */
  approveTool(messageId: string, callId: string, decision: ToolDecision): boolean {
    const active = this.store.state.active;
    if (active?.requestId === undefined || active.messageId !== messageId) {
      return false;
    }
    this.host.post({ type: 'tools/approve', requestId: active.requestId, callId, decision });
    return true;
  }

  newChat(): void {
    this.host.post({ type: 'chat/new' });
  }

  typed(text: string): void {
    this.store.update((current) => withDraftText(current, text));
    this.host.persist({ draftText: text });
    const conversationId = this.store.state.conversationId;
    if (text !== '' && this.composingIn !== conversationId) {
      // Once per conversation: the host then makes the model's first request ready while the user types.
      this.composingIn = conversationId;
      this.host.post({ type: 'chat/composing' });
    }
  }

  /** Replaces the draft's attachments and tells the host, which owns the draft. */
  setAttachments(attachments: readonly Attachment[]): void {
    this.store.update((current) => withAttachments(current, attachments));
    this.host.post({ type: 'draft/update', draft: { attachments: [...attachments] } });
  }

  selectModel(model: string): void {
    if (model !== '' && model !== this.store.state.model) {
      this.host.post({ type: 'models/select', model });
    }
  }

  /**
   * The history search box changed: the view forgets results of other queries at once, and the
   * host is asked once the typing pauses. An empty query (the saved list again) asks nothing.
   */
  searchHistory(text: string): void {
    // The host refuses control characters (a pasted tab): they search as the spaces they look like.
    // eslint-disable-next-line no-control-regex
    const query = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').trim().slice(0, protocolLimits.queryLength);
    this.store.update((current) => searching(current, query));
    window.clearTimeout(this.searchTimer);
    this.searchTimer = undefined;
    if (query !== '') {
      this.searchTimer = window.setTimeout(() => {
        this.searchTimer = undefined;
        this.host.post({ type: 'history/search', query });
      }, searchDelayMs);
    }
  }
}
