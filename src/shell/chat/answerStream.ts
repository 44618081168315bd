/**
 * One answer, from request to end: streams it through `ChatCompletions` and ends the assistant
 * message `complete`, `stopped` (the user cancelled: the partial text stays) or `error` (the
 * partial text stays too, with an error a person can act on). Nothing is joined here: the core's
 * stream accumulates (text, refusals, reasoning, tool-call fragments, usage, cost) and `sync()`
 * copies its answer so far onto the message — at each frame, for a snapshot, and at the end.
 */

import { isAbortError, LLMError, type CompletionStream, type Message, type ModelResponse } from '../../core';
import type { ChatErrorView, ChatMessageView, UsageView } from '../../protocol/messages';
import { finishedRoundsUsage } from './answerRounds';
import { errorText } from '../errorText';
import type { Localize } from './localize';
import type { ChatCompletions, ChatLog, ChatRequestParams, ChatUsageLog } from './ports';
import { maskSecrets, userFacingError } from './userErrors';
import { addedUsage, usageView } from './usage';

export interface AnswerRequest {
  client: ChatCompletions;
  model: string;
  signal: AbortSignal;
  /** The assistant message to fill; its status is `streaming` until `run` returns. */
  message: ChatMessageView;
  /** Called after each chunk: the answer grew (the batcher schedules a frame). */
  onChunk: () => void;
  log: ChatLog;
  localize: Localize;
  /** Where each round's usage is counted by day and model. */
  usage?: ChatUsageLog;
}

/** The response's first answer onto the chat's message: a refusal is the model's answer too, shown as text. */
function project(message: ChatMessageView, response: ModelResponse): void {
  const answer = response.choices[0]?.message;
  message.content = (answer?.content ?? '') + (answer?.refusal ?? '');
  if (answer?.reasoning_content !== undefined && answer.reasoning_content.length > 0) {
    message.reasoning = answer.reasoning_content;
  }
  if (answer?.tool_calls !== undefined && answer.tool_calls.length > 0) {
    message.toolCalls = answer.tool_calls.map((call) => ({ id: call.id, name: call.function.name, arguments: call.function.arguments }));
  }
  if (answer?.thinking_blocks !== undefined && answer.thinking_blocks.length > 0) {
    // Signed reasoning goes back with the round's calls (Anthropic, Gemini): kept as the provider sent it.
    message.thinkingBlocks = answer.thinking_blocks.map((block) => ({ ...block }));
  }
}

export class StreamedAnswer {
  private stream: CompletionStream | undefined;
  /** True while `run` reads a stream: only then does `sync` copy it (after, the round's calls carry their own state). */
  private streaming = false;

  constructor(private readonly request: AnswerRequest) {}

  /** Ends the message as failed before anything was asked: `error` says why and what helps. */
  fail(error: ChatErrorView): void {
    this.request.message.status = 'error';
    this.request.message.error = error;
  }

  /** Ends the message as stopped before anything was asked (Stop while the request was prepared). */
  stop(): void {
    this.request.message.status = 'stopped';
  }

  /** Brings the message up to date with what the stream delivered so far. */
  sync(): void {
    if (this.streaming && this.stream !== undefined) {
      project(this.request.message, this.stream.response());
    }
  }

  /**
   * Streams one round of the answer to `messages` into the message (its own fields are the
   * round's; its usage the sum with the finished rounds'). Never throws: every outcome ends in the
   * message's status.
   */
  async run(messages: Message[], params: ChatRequestParams): Promise<void> {
    const { message, signal, log, model } = this.request;
    const before: UsageView | undefined = finishedRoundsUsage(message);
    let failure: unknown;
    this.stream = undefined;
    this.streaming = true;
    try {
      if (signal.aborted) {
        throw signal.reason;
      }
      this.stream = await this.request.client.stream({ model, messages, signal, params });
      for await (const _chunk of this.stream) {
        this.request.onChunk();
      }
      message.status = signal.aborted ? 'stopped' : 'complete';
    } catch (error) {
      failure = error;
      message.status = signal.aborted || isAbortError(error) ? 'stopped' : 'error';
    }
    this.streaming = false;
    // What arrived: the stream's own, or — when the request failed before a stream existed — what the error kept.
    const response = this.stream?.response() ?? (failure instanceof LLMError ? failure.partial_response : undefined);
    if (response !== undefined) {
      project(message, response);
    }
    if (message.status === 'error') {
      message.error = userFacingError(failure, this.request.localize);
      const name = failure instanceof Error ? failure.name : 'Error';
      log.error(`Answer from ${model} failed: ${name}: ${maskSecrets(errorText(failure))}`);
    }
    const usage = usageView(response?.usage, response?._hidden_params?.response_cost);
    if (usage !== undefined || before !== undefined) {
      message.usage = addedUsage(before, usage);
    }
    if (response !== undefined) {
      this.request.usage?.record(model, usage);
    }
    log.debug(`Answer from ${model}: ${message.status}, ${message.content.length} characters.`);
  }
}
