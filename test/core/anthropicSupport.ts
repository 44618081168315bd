/**
 * What the Anthropic wire tests share: a call aimed at a loopback server, SSE bodies written the
 * way Anthropic frames them, and one normalised observation of a response that a fixture's
 * `expected` facts (Anthropic's own usage conventions) can be compared with in one deepStrictEqual.
 */

import type { CompletionParams, ModelResponse, ThinkingBlock, Usage } from '../../src/core';
import type { FixtureMeta } from '../helpers/fixtures';
import type { WireServer } from '../helpers/wireServer';

export const apiKey = 'sk-ant-test-wire-0123456789abcdef';

export const sseHeaders = { 'content-type': 'text/event-stream; charset=utf-8' };
export const jsonHeaders = { 'content-type': 'application/json' };

/** An Anthropic call against `server` (typed as a stream call when `stream: true`). */
export function anthropicCall(server: WireServer, extra: Partial<CompletionParams> & { stream: true }): CompletionParams & { stream: true };
export function anthropicCall(server: WireServer, extra?: Partial<CompletionParams> & { stream?: false }): CompletionParams & { stream?: false };
export function anthropicCall(server: WireServer, extra: Partial<CompletionParams> = {}): CompletionParams {
  return {
    model: 'anthropic/claude-sonnet-4-5',
    messages: [{ role: 'user', content: 'Hello' }],
    api_base: server.url,
    api_key: apiKey,
    ...extra,
  };
}

/** An SSE body framed as Anthropic frames it: `event: <type>` then `data: <json>`, blank line. */
export function anthropicSse(events: readonly object[]): string {
  return events.map((event) => `event: ${(event as { type: string }).type}\ndata: ${JSON.stringify(event)}\n\n`).join('');
}

export interface AnthropicObservation {
  id: string;
  model: string;
  text: string | null;
  reasoning_content: string | null;
  thinking_blocks: ThinkingBlock[] | null;
  finish_reason: string | null;
  native_finish_reason: string | null;
  tool_calls: { id: string; name: string; arguments: string }[];
  usage: Usage | null;
}

/** Empty text and no text are the same fact for a tool-only answer. */
function text(value: string | null | undefined): string | null {
  return value === undefined || value === '' ? null : value;
}

export function observeAnthropic(response: ModelResponse): AnthropicObservation {
  const choice = response.choices[0];
  const message = choice?.message;
  return {
    id: response.id,
    model: response.model,
    text: text(message?.content),
    reasoning_content: message?.reasoning_content ?? null,
    thinking_blocks: message?.thinking_blocks ?? null,
    finish_reason: choice?.finish_reason ?? null,
    native_finish_reason: choice?.native_finish_reason ?? null,
    tool_calls: (message?.tool_calls ?? []).map((call) => ({ id: call.id, name: call.function.name, arguments: call.function.arguments })),
    usage: response.usage ?? null,
  };
}

interface ExpectedThinking {
  thinking: string;
  signature: string;
}

/**
 * The fixture's facts in the same form. Anthropic's `input_tokens` excludes the cache, so the
 * prompt is input + cache writes + cache reads (LiteLLM's mapping); counts the recording lacks
 * (null) must be absent from the usage.
 */
export function expectedAnthropic(meta: FixtureMeta): AnthropicObservation {
  const expected = meta.expected;
  const raw = expected.usage ?? {};
  const input = raw['input_tokens'] ?? 0;
  const output = raw['output_tokens'] ?? 0;
  const cacheWrite = raw['cache_creation_input_tokens'];
  const cacheRead = raw['cache_read_input_tokens'];
  const prompt = input + (cacheWrite ?? 0) + (cacheRead ?? 0);
  const usage: Usage = { prompt_tokens: prompt, completion_tokens: output, total_tokens: prompt + output };
  if (cacheRead !== undefined && cacheRead !== null) {
    usage.prompt_tokens_details = { cached_tokens: cacheRead };
  }
  if (cacheWrite !== undefined && cacheWrite !== null) {
    usage.cache_creation_input_tokens = cacheWrite;
  }
  if (cacheRead !== undefined && cacheRead !== null) {
    usage.cache_read_input_tokens = cacheRead;
  }
  const thinking = expected['thinking'] as ExpectedThinking[] | null | undefined;
  return {
    id: expected['message_id'] as string,
    model: expected['model'] as string,
    text: text(expected.text),
    reasoning_content: thinking ? thinking.map((block) => block.thinking).join('') : null,
    thinking_blocks: thinking ? thinking.map((block) => ({ type: 'thinking', thinking: block.thinking, signature: block.signature })) : null,
    finish_reason: expected.finish_reason_normalized ?? null,
    native_finish_reason: expected.finish_reason ?? null,
    tool_calls: (expected.tool_calls ?? []).map((call) => ({ id: call.id ?? '', name: call.name, arguments: call.arguments })),
    usage,
  };
}
