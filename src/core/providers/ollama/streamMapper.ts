/**
 * `/api/chat` NDJSON lines → OpenAI chunks. This runs once per token: one chunk object per line,
 * no parsing beyond what the NDJSON decoder did. Ollama sends each tool call whole in one line, so
 * a call needs one delta with its id, name and complete arguments. The last line (`done: true`)
 * carries the finish reason and the counts; an `{"error": …}` line ends the stream with a typed
 * error after the text that came before it.
 */

import { APIConnectionError } from '../../errors';
import type { Delta, ModelResponseChunk, StreamChoice, ToolCallDelta } from '../../types';
import type { StreamMapper } from '../chunkSource';
import type { CallContext } from '../types';
import { mapOllamaBodyError } from './errors';
import { ollamaFinishReason } from './finishReason';
import { createdSeconds, responseId } from './response';
import { toolCallsOf } from './toolCalls';
import { wireSourceOf, type WireSource } from '../../wireIndex';
import { ollamaUsage } from './usage';
import type { RawChatLine, RawOllamaMessage } from './wire';

export class OllamaStreamMapper implements StreamMapper<unknown> {
  private readonly id = responseId();
  private created = 0;
  private model: string;
  private started = false;
  private done = false;
  private toolCallCount = 0;
  /** Built once: only a line with tool calls needs it. */
  private readonly source: WireSource;

  constructor(private readonly call: CallContext) {
    this.model = call.modelId;
    this.source = wireSourceOf(call);
  }

  map(event: unknown, out: ModelResponseChunk[]): void {
    if (this.done || typeof event !== 'object' || event === null) {
      return;
    }
    const line = event as RawChatLine;
    if (line.error !== undefined && line.error !== null) {
      throw mapOllamaBodyError(event as Record<string, unknown>, this.call, true);
    }
    const delta: Delta = {};
    if (!this.started) {
      this.started = true;
      this.created = createdSeconds(line.created_at);
      if (typeof line.model === 'string') {
        this.model = line.model;
      }
      delta.role = 'assistant';
    }
    const message = line.message;
    const hasDelta = typeof message === 'object' && message !== null && this.fill(delta, message);
    if (line.done === true) {
      this.done = true;
      out.push(this.finish(line, delta));
    } else if (hasDelta || delta.role !== undefined) {
      out.push(this.chunk({ index: 0, delta, finish_reason: null }));
    }
  }

  end(): void {
    if (!this.done) {
      // Ollama always closes with a `done` line; without it the answer was cut off.
      throw new APIConnectionError({
        message: `${this.call.provider.displayName}: the stream ended before the answer was done.`,
        llm_provider: this.call.provider.id,
        model: this.call.requestedModel,
      });
    }
  }

  /** Copies the line's text, reasoning and tool calls into `delta`; true when there was any. */
  private fill(delta: Delta, message: RawOllamaMessage): boolean {
    let filled = false;
    if (typeof message.content === 'string' && message.content.length > 0) {
      delta.content = message.content;
      filled = true;
    }
    if (typeof message.thinking === 'string' && message.thinking.length > 0) {
      delta.reasoning_content = message.thinking;
      filled = true;
    }
    // Nearly every line is text only: the calls are looked at only when the line has some.
    if (message.tool_calls === undefined || message.tool_calls === null) {
      return filled;
    }
    const calls = toolCallsOf(message, this.toolCallCount, this.source);
    if (calls.length > 0) {
      const first = this.toolCallCount;
      delta.tool_calls = calls.map((call, i): ToolCallDelta => ({ index: first + i, ...call }));
      this.toolCallCount += calls.length;
      filled = true;
    }
    return filled;
  }

  private finish(line: RawChatLine, delta: Delta): ModelResponseChunk {
    const finishReason = ollamaFinishReason(line.done_reason, this.toolCallCount > 0);
    const choice: StreamChoice = { index: 0, delta, finish_reason: finishReason };
    if (typeof line.done_reason === 'string' && line.done_reason !== finishReason) {
      choice.native_finish_reason = line.done_reason;
    }
    const chunk = this.chunk(choice);
    const usage = ollamaUsage(line);
    if (usage !== undefined) {
      chunk.usage = usage;
    }
    return chunk;
  }

  private chunk(choice: StreamChoice): ModelResponseChunk {
    return { id: this.id, object: 'chat.completion.chunk', created: this.created, model: this.model, choices: [choice] };
  }
}
