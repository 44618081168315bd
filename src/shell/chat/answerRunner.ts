/**
 * The answers a chat runs, at most one per conversation, each from placeholder to saved end
 * (several run at once when a view switched away from one that another view still shows, or
 * when the answer's conversation is shown elsewhere): appends the assistant
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
import type { ChatCompletions, ChatEnvironment, ChatLog, Conversation, ModelChoice, ChatUsageLog } from './ports';
import { ProgressSaver } from './progressSaver';
import type { RequestPlanner } from './requestPlanner';
import { StreamBatcher } from './streamBatcher';
import { ToolApprovals } from './toolApprovals';
import { ToolLoop, type LastRequest, type ToolLoopHost } from './toolLoop';
import { conversationTotals } from './usage';

/** What the runner needs from the controller around it. */
export interface AnswerRunnerHost {
  client: ChatCompletions;
  /** Where each request's usage is counted by day and model; nothing is counted without it. */
  usage?: ChatUsageLog;
  models: ModelChoice;
  log: ChatLog;
  env: ChatEnvironment;
  localize: Localize;
  /** Posts what changed in `conversation` to every view that shows it (none when no view does). */
  postAbout(conversation: Conversation, message: ToWebview): void;
  notice(message: string): void;
  /** Saves the conversation and, when it is the one on screen, posts the history. */
  saveAndList(conversation: Conversation): Promise<void>;
  /** Saves the conversation, nothing else (the answer so far, while it streams). Never rejects. */
  save(conversation: Conversation): Promise<void>;
  /** An answer started or ended (for the count of running answers). */
  runningChanged(): void;
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
  /** The running answers by conversation: one per conversation at most. */
  private readonly running = new Map<Conversation, RunningAnswer>();
  /** Answers still being told and saved; `running` is cleared before that, so a new question is welcome at once. */
  private readonly finishing = new Set<Promise<void>>();

  constructor(private readonly host: AnswerRunnerHost) {}

  /** How many answers stream now. */
  get count(): number {
    return this.running.size;
  }

  /** True while an answer streams into `conversation`. */
  busyIn(conversation: Conversation): boolean {
    return this.running.has(conversation);
  }

  /** The conversations answers stream into now. */
  conversations(): Conversation[] {
    return [...this.running.keys()];
  }

  /**
   * For a snapshot of `conversation`: posts what the views of it have not seen yet (so the
   * snapshot holds no more than every view has — another view may show the same answer) and says
   * which answer it is. Undefined when no answer streams into that conversation.
   */
  syncForSnapshot(conversation: Conversation): { requestId: string; messageId: string } | undefined {
    const running = this.running.get(conversation);
    if (running === undefined) {
      return undefined;
    }
    // The batcher reads the answer through `current`, which syncs it first.
    running.batcher.flush();
    return { requestId: running.requestId, messageId: running.message.id };
  }

  /** Brings the answer streaming into `conversation` up to date (it is otherwise synced once per frame). */
  sync(conversation: Conversation): void {
    this.running.get(conversation)?.answer.sync();
  }

  /** Stops every running answer, or the one of `requestId`; partial text is kept. */
  cancel(requestId?: string): void {
    for (const running of this.running.values()) {
      if (requestId === undefined || requestId === running.requestId) {
        running.abort.abort();
      }
    }
  }

  /** Stops the answer streaming into `conversation` (only if it is `requestId`'s, when given). */
  cancelIn(conversation: Conversation, requestId?: string): void {
    const running = this.running.get(conversation);
    if (running !== undefined && (requestId === undefined || requestId === running.requestId)) {
      running.abort.abort();
    }
  }

  /** The user's answer to a call of the running answer `requestId` that waits; false when no such call waits. */
  approve(requestId: string, callId: string, decision: ToolDecision): boolean {
    for (const running of this.running.values()) {
      if (running.requestId === requestId) {
        return running.approvals.answer(callId, decision);
      }
    }
    return false;
  }

  /** Stops the answer streaming into `conversation` (every answer without one) and waits until it is posted and saved. */
  async stop(conversation?: Conversation): Promise<void> {
    const one = conversation === undefined ? undefined : this.running.get(conversation);
    const stopping = conversation === undefined ? [...this.running.values()] : one === undefined ? [] : [one];
    for (const running of stopping) {
      running.abort.abort();
    }
    await Promise.all(stopping.map((running) => running.finished));
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
    const post = (update: ToWebview): void => this.host.postAbout(conversation, update);
    post({ type: 'chat/appended', message: copy(message) });
    const abort = new AbortController();
    const batcher = new StreamBatcher({
      requestId,
      messageId: message.id,
      current: () => {
        answer.sync();
        return message;
      },
      post,
      replace: () => post({ type: 'chat/appended', message: copy(message) }),
      scheduleFrame: (flush) => env.scheduleFrame(flush),
    });
    const answer = new StreamedAnswer({
      client: this.host.client,
      usage: this.host.usage,
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
    this.running.set(conversation, running);
    this.host.runningChanged();
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
      post: (update) => this.host.postAbout(conversation, update),
      replace: () => {
        this.host.postAbout(conversation, { type: 'chat/appended', message: copy(message) });
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
    if (this.running.get(conversation) === running) {
      this.running.delete(conversation);
      this.host.runningChanged();
    }
    conversation.updatedAt = this.host.env.now();
    const type = message.status === 'error' ? 'chat/error' : 'chat/done';
    this.host.postAbout(conversation, { type, requestId: running.requestId, message: copy(message), totals: conversationTotals(conversation) });
    this.host.answered(conversation, message, lastRequest);
    await this.host.saveAndList(conversation);
  }
}
