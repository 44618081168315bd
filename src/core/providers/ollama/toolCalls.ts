/**
 * Ollama's tool calls → OpenAI's. Ollama sends arguments as a JSON object and no call id; OpenAI
 * callers expect a JSON string and an id to answer with. Ids are `call_<n>` by position in the
 * answer: stable (the same whether streamed or not) and unique within the answer. The tool result
 * goes back by function name (`tool_name`), so the id never has to reach Ollama.
 */

import type { ToolCall } from '../../types';
import { wireIndex, type WireSource } from '../../wireIndex';
import type { RawOllamaMessage } from './wire';

/** The id of the answer's `index`-th tool call. */
export function toolCallId(index: number): string {
  return `call_${index}`;
}

/** Arguments as OpenAI's JSON string: objects serialised, a string (some proxies) kept. */
export function argumentsText(value: unknown): string {
  if (typeof value === 'string') {
    return value;
  }
  return value === undefined || value === null ? '{}' : JSON.stringify(value);
}

/**
 * The message's tool calls in OpenAI's shape, numbered from `firstIndex`. Ollama's own
 * `function.index` is not needed for that, but a server that sends a bad one is refused like any
 * other (`wireIndex`), before any call is taken.
 */
export function toolCallsOf(message: RawOllamaMessage, firstIndex: number, source: WireSource): ToolCall[] {
  const calls = message.tool_calls;
  if (!Array.isArray(calls)) {
    return [];
  }
  calls.forEach((call, position) => {
    const index = call?.function?.index;
    if (index !== undefined && index !== null) {
      wireIndex(index, `message.tool_calls[${position}].function.index`, source);
    }
  });
  const result: ToolCall[] = [];
  for (const call of calls) {
    const name = call?.function?.name;
    if (typeof name !== 'string') {
      continue;
    }
    result.push({ id: toolCallId(firstIndex + result.length), type: 'function', function: { name, arguments: argumentsText(call?.function?.arguments) } });
  }
  return result;
}
