/**
 * Ollama's tool calls → OpenAI's. Ollama sends arguments as a JSON object and no call id; OpenAI
 * callers expect a JSON string and an id to answer with. Ids are `call_<n>` by position in the
 * answer: stable (the same whether streamed or not) and unique within the answer. The tool result
 * goes back by function name (`tool_name`), so the id never has to reach Ollama.
 */

import type { ToolCall } from '../../types';
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

/** The message's tool calls in OpenAI's shape, numbered from `firstIndex`. */
export function toolCallsOf(message: RawOllamaMessage, firstIndex: number): ToolCall[] {
  const calls = message.tool_calls;
  if (!Array.isArray(calls)) {
    return [];
  }
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
