/**
 * The one answer that may be running, from placeholder to saved end: appends the assistant
 * placeholder, saves (so a crash keeps the question), then in the background plans the request,
 * streams it with deltas batched per frame and the answer saved as it grows (at most every
 * `progressSaveIntervalMs`, so a kill loses only its last moments). When the model asks for tools,
 * the round's calls run (`toolLoop.ts`) and the next round is asked, until the model answers
 * without a call, the round limit, Stop or an error; then `chat/done` or `chat/error` is posted
 * and the answer saved once more. Nothing is saved per token.
 */

import type { ChatMessageView, ToWebview } from '../../protocol/messages';
import type { ToolDecision } from '../../protocol/toolViews';
import { StreamedAnswer } from './answerStream';
import { copy } from './conversationEdits';
import { scheduleAfterOf } from './delays';
import type { Localize } from './localize';
import type { ChatCompletions, ChatEnvironment, ChatLog, Conversation, ModelChoice } from './ports';
import { ProgressSaver } from './progressSaver';
import type { RequestPlanner } from './requestPlanner';
import { StreamBatcher } from './streamBatcher';
import { ToolApprovals } from './toolApprovals';
import { ToolLoop, type LastRequest, type ToolLoopHost } from './toolLoop';
import { conversationTotals } from './usage';

/** What the runner needs from the controller around it. */
export interface AnswerRunnerHost {
  client: ChatCompletions;
  models: ModelChoice;
  log: ChatLog;
  env: ChatEnvironment;
  localize: Localize;
  post(message: ToWebview): void;
  notice(message: string): void;
  /** Saves the conversation and, when it is the one on screen, posts the history. */
  saveAndList(conversation: Conversation): Promise<void>;
  /** Saves the conversation, nothing else (the answer so far, while it streams). Never rejects. */
  save(conversation: Conversation): Promise<void>;
  isCurrent(conversation: Conversation): boolean;
  unexpected(error: unknown): void;
  /** Builds each answer's request (instructions, long chats, parameters, caching). */
  planner: RequestPlanner;
  /** The conversation's compactions changed (a summary was made, turns were left out). */
  compacted(conversation: Conversation): void;
  /** An answer ended and was posted (before its final save): the gauge and the title follow. */
  answered(conversation: Conversation, message: ChatMessageView, lastRequest: LastRequest | undefined): void;
  /** The tools and their settings; without them no tools are offered. */
  tools?: ToolLoopHost;
}

interface RunningAnswer {
  requestId: string;
  conversation: Conversation;
  message: ChatMessageView;
  abort: AbortController;
  answer: StreamedAnswer;
  batcher: StreamBatcher;
  progress: ProgressSaver;
  /** The calls of this answer waiting for the user. */
  approvals: ToolApprovals;
  /** Settles (never rejects) once the answer ended, was posted and saved. */
  finished: Promise<void>;
}

export class AnswerRunner {
  private running: RunningAnswer | undefined;
  /** Answers still being told and saved; `running` is cleared before that, so a new question is welcome at once. */
  private readonly finishing = new Set<Promise<void>>();

  constructor(private readonly host: AnswerRunnerHost) {}

  get busy(): boolean {
    return this.running !== undefined;
  }

  /**
   * For a snapshot of `conversation`: brings the answer streaming into it up to date (the snapshot
   * then carries all of it, and the view counts as having seen it: no delta repeats it) and says
   * which answer it is. Undefined when no answer streams into that conversation.
   */
  syncForSnapshot(conversation: Conversation): { requestId: string; messageId: string } | undefined {
    const running = this.running;
    if (running?.conversation !== conversation) {
      return undefined;
    }
    // The batcher reads the answer through `current`, which syncs it first.
    running.batcher.caughtUp();
    return { requestId: running.requestId, messageId: running.message.id };
  }

  /** Brings the running answer's message up to date (it is otherwise synced once per frame). */
  sync(): void {
    this.running?.answer.sync();
  }

  /** Stops the running answer (all of them when no id is given); its partial text is kept. */
  cancel(requestId?: string): void {
    if (requestId === undefined || requestId === this.running?.requestId) {
      this.running?.abort.abort();
    }
  }

  /** The user's answer to a call of the running answer `requestId` that waits; false when no such call waits. */
  approve(requestId: string, callId: string, decision: ToolDecision): boolean {
    const running = this.running;
    return running !== undefined && running.requestId === requestId && running.approvals.answer(callId, decision);
  }

  /** Stops the running answer and waits until it is posted and saved. */
  async stop(): Promise<void> {
    const running = this.running;
    if (running !== undefined) {
      running.abort.abort();
      await running.finished;
    }
  }

  /** Resolves when no answer is running or being saved. */
  async idle(): Promise<void> {
    while (this.finishing.size > 0) {
      await Promise.all(this.finishing);
    }
  }

  /** Answers the conversation's last question; resolves once the question is saved and the answer started. */
  async start(conversation: Conversation, requestId: string): Promise<void> {
    const { env, models } = this.host;
    const model = models.current();
    const now = env.now();
    const message: ChatMessageView = { id: env.newId(), role: 'assistant', content: '', model, status: 'streaming', createdAt: now };
    conversation.messages.push(message);
    await this.begin(conversation, requestId, message, now);
  }

  /**
   * Runs more rounds of `message` (the conversation's last, stopped at the round limit) with the
   * model that began it; resolves once it is saved and the next round started.
   */
  async resume(conversation: Conversation, requestId: string, message: ChatMessageView): Promise<void> {
    delete message.roundLimitReached;
    message.status = 'streaming';
    await this.begin(conversation, requestId, message, this.host.env.now());
  }

  private async begin(conversation: Conversation, requestId: string, message: ChatMessageView, now: number): Promise<void> {
    const { env } = this.host;
    const model = message.model ?? this.host.models.current();
    conversation.model = model;
    conversation.updatedAt = now;
    this.host.post({ type: 'chat/appended', message: copy(message) });
    const abort = new AbortController();
    const batcher = new StreamBatcher({
      requestId,
      messageId: message.id,
      current: () => {
        answer.sync();
        return message;
      },
      post: (delta) => this.host.post(delta),
      replace: () => this.host.post({ type: 'chat/appended', message: copy(message) }),
      scheduleFrame: (flush) => env.scheduleFrame(flush),
    });
    const answer = new StreamedAnswer({
      client: this.host.client,
      model,
      signal: abort.signal,
      message,
      onChunk: () => {
        batcher.changed();
        progress.changed();
      },
      log: this.host.log,
      localize: this.host.localize,
    });
    const progress = new ProgressSaver({
      schedule: scheduleAfterOf(env),
      save: () => {
        answer.sync();
        return this.host.save(conversation);
      },
    });
    const running: RunningAnswer = { requestId, conversation, message, abort, answer, batcher, progress, approvals: new ToolApprovals(), finished: Promise.resolve() };
    this.running = running;
    // The question is saved (a crash keeps it) and the history told while the request is prepared and goes out.
    const started = this.host.saveAndList(conversation);
    const finished = this.stream(running, started).catch((error: unknown) => this.host.unexpected(error));
    running.finished = finished;
    this.finishing.add(finished);
    void finished.then(() => this.finishing.delete(finished));
    await started;
  }

  private async stream(running: RunningAnswer, started: Promise<void>): Promise<void> {
    const { conversation, message, batcher } = running;
    const loop = new ToolLoop({
      planner: this.host.planner,
      models: this.host.models,
      localize: this.host.localize,
      notice: (text) => this.host.notice(text),
      compacted: () => this.host.compacted(conversation),
      post: (update) => this.host.post(update),
      replace: () => {
        this.host.post({ type: 'chat/appended', message: copy(message) });
        batcher.caughtUp();
      },
      flush: () => batcher.flush(),
      grew: () => running.progress.changed(),
      ...(this.host.tools === undefined ? {} : { tools: this.host.tools }),
    });
    const lastRequest = await loop.run(running);
    // The end is saved below; a progress save now would only repeat it.
    running.progress.stop();
    // The end is told and saved after the start was: the view sees the history before the answer's end, and the store gets the saves in order.
    await started;
    batcher.close();
    if (this.running === running) {
      this.running = undefined;
    }
    conversation.updatedAt = this.host.env.now();
    if (this.host.isCurrent(conversation)) {
      const type = message.status === 'error' ? 'chat/error' : 'chat/done';
      this.host.post({ type, requestId: running.requestId, message: copy(message), totals: conversationTotals(conversation) });
    }
    this.host.answered(conversation, message, lastRequest);
    await this.host.saveAndList(conversation);
  }
}
