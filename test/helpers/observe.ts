/**
 * Puts a response and a fixture's `expected` facts into the same normalised form, so a wire test
 * is one deepStrictEqual: text, refusal, reasoning, finish reason, tool calls and usage.
 */

import type { ModelResponse } from '../../src/core';
import type { FixtureMeta } from './fixtures';

export interface Observed {
  text: string | null;
  refusal: string | null;
  reasoning_text: string | null;
  finish_reason: string | null;
  tool_calls: { index: number; id: string | null; name: string; arguments: string }[];
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number; reasoning_tokens: number | null; cached_tokens: number | null } | null;
}

/**
 * No text and empty text are the same fact: a stream of tool calls sends `content: null` or `""`
 * deltas, and the recorded expectations concatenate them to `""`.
 */
function text(value: string | null | undefined): string | null {
  return value === undefined || value === '' ? null : value;
}

export function observe(response: ModelResponse): Observed {
  const choice = response.choices[0];
  const message = choice?.message;
  const usage = response.usage;
  return {
    text: text(message?.content),
    refusal: message?.refusal ?? null,
    reasoning_text: message?.reasoning_content ?? null,
    finish_reason: choice?.finish_reason ?? null,
    tool_calls: (message?.tool_calls ?? []).map((call, index) => ({ index, id: call.id, name: call.function.name, arguments: call.function.arguments })),
    usage:
      usage === undefined
        ? null
        : {
            prompt_tokens: usage.prompt_tokens,
            completion_tokens: usage.completion_tokens,
            total_tokens: usage.total_tokens,
            reasoning_tokens: usage.completion_tokens_details?.reasoning_tokens ?? null,
            cached_tokens: usage.prompt_tokens_details?.cached_tokens ?? null,
          },
  };
}

/** The fixture's expected facts in the same form. */
export function expectedOf(meta: FixtureMeta): Observed {
  const expected = meta.expected;
  const usage = expected.usage;
  return {
    text: text(expected.text),
    refusal: expected.refusal ?? null,
    reasoning_text: expected.reasoning_text ?? null,
    finish_reason: expected.finish_reason_normalized ?? null,
    tool_calls: (expected.tool_calls ?? []).map((call) => ({ index: call.index, id: call.id, name: call.name, arguments: call.arguments })),
    usage:
      usage === undefined || usage === null
        ? null
        : {
            prompt_tokens: usage['prompt_tokens'] ?? 0,
            completion_tokens: usage['completion_tokens'] ?? 0,
            total_tokens: usage['total_tokens'] ?? 0,
            reasoning_tokens: usage['reasoning_tokens'] ?? null,
            cached_tokens: usage['cached_tokens'] ?? null,
          },
  };
}
