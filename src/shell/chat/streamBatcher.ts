/**
 * Turns a token-by-token stream into at most one `chat/delta` per animation frame. A model can
 * deliver a thousand tokens a second; the webview gains nothing from more messages than frames,
 * and each message costs a structured clone and a render. Fragments that arrive between two frames
 * are coalesced: text and reasoning concatenated, tool-call fragments joined by `index`.
 */

import type { ToWebview, ToolCallDeltaView } from '../../protocol/messages';
import type { ChatEnvironment } from './ports';

export type DeltaMessage = Extract<ToWebview, { type: 'chat/delta' }>;

/** One fragment of an answer, as it came from a chunk. */
export interface AnswerFragment {
  content?: string;
  reasoning?: string;
  toolCalls?: ToolCallDeltaView[];
}

export interface StreamBatcherOptions {
  requestId: string;
  messageId: string;
  /** Where a batch goes; a batch made while no view listens is still counted and dropped there. */
  post: (message: DeltaMessage) => void;
  scheduleFrame: ChatEnvironment['scheduleFrame'];
}

function mergeToolCalls(pending: ToolCallDeltaView[], fragments: readonly ToolCallDeltaView[]): void {
  for (const fragment of fragments) {
    // The same index keeps its place: the webview joins by index, so only order within one index matters.
    const existing = pending.find((call) => call.index === fragment.index);
    if (existing === undefined) {
      pending.push({ ...fragment });
      continue;
    }
    if (existing.id === undefined && fragment.id !== undefined) {
      existing.id = fragment.id;
    }
    if (existing.name === undefined && fragment.name !== undefined) {
      existing.name = fragment.name;
    }
    if (fragment.arguments !== undefined) {
      existing.arguments = (existing.arguments ?? '') + fragment.arguments;
    }
  }
}

export class StreamBatcher {
  private content = '';
  private reasoning = '';
  private toolCalls: ToolCallDeltaView[] = [];
  private frame: { cancel(): void } | undefined;
  private seq = 0;
  private closed = false;

  constructor(private readonly options: StreamBatcherOptions) {}

  /** How many deltas were posted so far (the next `seq`). */
  get posted(): number {
    return this.seq;
  }

  add(fragment: AnswerFragment): void {
    if (this.closed) {
      return;
    }
    const { content, reasoning, toolCalls } = fragment;
    const hasContent = content !== undefined && content.length > 0;
    const hasReasoning = reasoning !== undefined && reasoning.length > 0;
    const hasToolCalls = toolCalls !== undefined && toolCalls.length > 0;
    if (!hasContent && !hasReasoning && !hasToolCalls) {
      return;
    }
    if (hasContent) {
      this.content += content;
    }
    if (hasReasoning) {
      this.reasoning += reasoning;
    }
    if (hasToolCalls) {
      mergeToolCalls(this.toolCalls, toolCalls);
    }
    this.frame ??= this.options.scheduleFrame(() => {
      this.frame = undefined;
      this.post();
    });
  }

  /** Posts what is pending now (before `chat/done`, so the last words arrive before the end). */
  flush(): void {
    this.frame?.cancel();
    this.frame = undefined;
    this.post();
  }

  /**
   * Forgets what is pending without posting it: a snapshot taken now already holds that text, so a
   * delta carrying it again would double it. Later fragments continue with the next `seq`.
   */
  discardPending(): void {
    this.frame?.cancel();
    this.frame = undefined;
    this.content = '';
    this.reasoning = '';
    this.toolCalls = [];
  }

  /** Flushes and stops: later fragments are ignored and no frame stays scheduled. */
  close(): void {
    this.flush();
    this.closed = true;
  }

  private post(): void {
    if (this.content.length === 0 && this.reasoning.length === 0 && this.toolCalls.length === 0) {
      return;
    }
    const message: DeltaMessage = { type: 'chat/delta', requestId: this.options.requestId, messageId: this.options.messageId, seq: this.seq++ };
    if (this.content.length > 0) {
      message.content = this.content;
    }
    if (this.reasoning.length > 0) {
      message.reasoning = this.reasoning;
    }
    if (this.toolCalls.length > 0) {
      message.toolCalls = this.toolCalls;
    }
    this.content = '';
    this.reasoning = '';
    this.toolCalls = [];
    this.options.post(message);
  }
}
