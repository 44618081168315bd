/**
 * A whole `/api/chat` answer (`stream: false`) → OpenAI's `chat.completion`. Ollama sends no id,
 * so one is made; `created_at` (RFC 3339) becomes Unix seconds.
 */

import { randomUUID } from 'node:crypto';
import type { Choice, ModelResponse, ResponseMessage } from '../../types';
import { asRecord } from '../../jsonValues';
import type { CallContext } from '../types';
import { mapOllamaBodyError } from './errors';
import { ollamaFinishReason } from './finishReason';
import { toolCallsOf } from './toolCalls';
import { wireSourceOf } from '../../wireIndex';
import { ollamaUsage } from './usage';
import type { RawChatLine } from './wire';

/** An id for an answer Ollama did not name. */
export function responseId(): string {
  return `chatcmpl-${randomUUID()}`;
}

/** Unix seconds of Ollama's `created_at`, or now when it is missing or unreadable. */
export function createdSeconds(createdAt: string | undefined): number {
  const milliseconds = createdAt === undefined ? Number.NaN : Date.parse(createdAt);
  return Math.floor((Number.isNaN(milliseconds) ? Date.now() : milliseconds) / 1000);
}

/** The public response for a non-streamed answer. */
export function ollamaResponse(body: unknown, call: CallContext): ModelResponse {
  const record = asRecord(body) ?? {};
  if (record['error'] !== undefined && record['message'] === undefined) {
    throw mapOllamaBodyError(record, call, false);
  }
  const line = record as RawChatLine;
  const raw = line.message ?? {};
  const toolCalls = toolCallsOf(raw, 0, wireSourceOf(call));
  const text = typeof raw.content === 'string' ? raw.content : '';
  const message: ResponseMessage = { role: 'assistant', content: text.length > 0 ? text : null };
  if (toolCalls.length > 0) {
    message.tool_calls = toolCalls;
  }
  if (typeof raw.thinking === 'string' && raw.thinking.length > 0) {
    message.reasoning_content = raw.thinking;
  }
  const finishReason = ollamaFinishReason(line.done_reason, toolCalls.length > 0);
  const choice: Choice = { index: 0, message, finish_reason: finishReason };
  if (typeof line.done_reason === 'string' && line.done_reason !== finishReason) {
    choice.native_finish_reason = line.done_reason;
  }
  const response: ModelResponse = {
    id: responseId(),
    object: 'chat.completion',
    created: createdSeconds(line.created_at),
    model: typeof line.model === 'string' ? line.model : call.modelId,
    choices: [choice],
  };
  const usage = ollamaUsage(line);
  if (usage !== undefined) {
    response.usage = usage;
  }
  return response;
}
