/**
 * Values of the wrong shape on the OpenAI wire, as a hostile or broken server sends them: after a
 * good "Hello" chunk, an event that is `null`, a number, or has a string for `choices`, a string
 * for a `delta`, an object for `tool_calls`, … Shared by test/core/hostileShapes.test.ts and the
 * hardening suite's faults.
 */

import { chunksOf } from '../helpers/llmHarness';

export const keptShapeText = 'Hello';

/** [what it is, the event's data] */
export const badOpenAiChunks: ReadonlyArray<readonly [string, string]> = [
  ['a chunk that is null', 'null'],
  ['a chunk that is a number', '5'],
  ['choices as a string', '{"choices":"abc"}'],
  ['a choice that is null', '{"choices":[null]}'],
  ['a delta that is a string', '{"choices":[{"index":0,"delta":"x","finish_reason":null}]}'],
  ['tool_calls as an object', '{"choices":[{"index":0,"delta":{"tool_calls":{}},"finish_reason":null}]}'],
  ['tool_calls as a string', '{"choices":[{"index":0,"delta":{"tool_calls":"ab"},"finish_reason":null}]}'],
  ['a tool call that is null', '{"choices":[{"index":0,"delta":{"tool_calls":[null]},"finish_reason":null}]}'],
];

/** An OpenAI SSE body: the "Hello" chunk, then `bad`, then `[DONE]`. */
export function openAiStreamWith(bad: string): string {
  return `data: ${JSON.stringify(chunksOf([keptShapeText])[0])}\n\ndata: ${bad}\n\ndata: [DONE]\n\n`;
}
