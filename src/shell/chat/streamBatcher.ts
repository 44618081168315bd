/**
 * Turns a growing answer into at most one `chat/delta` per animation frame. A model can deliver a
 * thousand tokens a second; the webview gains nothing from more messages than frames, and each
 * message costs a structured clone and a render. The batcher accumulates nothing itself: at each
 * frame it reads the answer as it stands (the core's accumulation, projected onto the message)
 * and posts what the view has not seen — the new end of the text and of the reasoning, and the
 * tool calls whole when they changed.
 */

import type { ChatMessageView, ToolCallView, ToWebview } from '../../protocol/messages';
import type { ChatEnvironment } from './ports';

export type DeltaMessage = Extract<ToWebview, { type: 'chat/delta' }>;

/** What of an answer the view shows while it streams. */
export type StreamingView = Pick<ChatMessageView, 'content' | 'reasoning' | 'toolCalls'>;

export interface StreamBatcherOptions {
  requestId: string;
  messageId: string;
  /** The answer as it stands now. */
  current: () => StreamingView;
  /** Where a delta goes; one made while no view listens is still counted and dropped there. */
  post: (message: DeltaMessage) => void;
  /**
   * Where the whole message goes when a delta cannot express the change (the text changed other
   * than at its end, which appending cannot show): the view replaces the message by its id.
   */
  replace: () => void;
  scheduleFrame: ChatEnvironment['scheduleFrame'];
}

function sameToolCalls(a: readonly ToolCallView[] | undefined, b: readonly ToolCallView[] | undefined): boolean {
  if (a === b) {
    return true;
  }
  if (a === undefined || b === undefined || a.length !== b.length) {
    return false;
  }
  return a.every((call, index) => {
    const other = b[index] as ToolCallView;
    return call.id === other.id && call.name === other.name && call.arguments === other.arguments;
  });
}

export class StreamBatcher {
  /** What the view has: the text, reasoning and tool calls as of the last delta (or snapshot). */
  private shownContent = '';
  private shownReasoning = '';
  private shownToolCalls: readonly ToolCallView[] | undefined;
  private frame: { cancel(): void } | undefined;
  private seq = 0;
  private closed = false;

  constructor(private readonly options: StreamBatcherOptions) {}

  /** How many deltas were posted so far (the next `seq`). */
  get posted(): number {
    return this.seq;
  }

  /** The answer grew: a delta goes out with the next frame. */
  changed(): void {
    if (!this.closed) {
      this.frame ??= this.options.scheduleFrame(() => {
        this.frame = undefined;
        this.post();
      });
    }
  }

  /** Posts what the view has not seen now (before `chat/done`, so the last words arrive before the end). */
  flush(): void {
    this.frame?.cancel();
    this.frame = undefined;
    this.post();
  }

  /**
   * The view has the answer as it stands (a snapshot carries it): nothing of it goes out as a
   * delta again, which would double it; later growth continues with the next `seq`.
   */
  caughtUp(): void {
    this.frame?.cancel();
    this.frame = undefined;
    this.remember(this.options.current());
  }

  /** Flushes and stops: later changes are ignored and no frame stays scheduled. */
  close(): void {
    this.flush();
    this.closed = true;
  }

  private remember(view: StreamingView): void {
    this.shownContent = view.content;
    this.shownReasoning = view.reasoning ?? '';
    this.shownToolCalls = view.toolCalls;
  }

  private post(): void {
    const view = this.options.current();
    const reasoning = view.reasoning ?? '';
    if (!view.content.startsWith(this.shownContent) || !reasoning.startsWith(this.shownReasoning)) {
      this.remember(view);
      this.options.replace();
      return;
    }
    const message: DeltaMessage = { type: 'chat/delta', requestId: this.options.requestId, messageId: this.options.messageId, seq: this.seq };
    if (view.content.length > this.shownContent.length) {
      message.content = view.content.slice(this.shownContent.length);
    }
    if (reasoning.length > this.shownReasoning.length) {
      message.reasoning = reasoning.slice(this.shownReasoning.length);
    }
    if (!sameToolCalls(view.toolCalls, this.shownToolCalls) && view.toolCalls !== undefined) {
      message.toolCalls = view.toolCalls.map((call) => ({ ...call }));
    }
    if (message.content === undefined && message.reasoning === undefined && message.toolCalls === undefined) {
      return;
    }
    this.remember(view);
    this.seq++;
    this.options.post(message);
  }
}
