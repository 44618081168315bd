/**
 * The core's stream → the parts a VS Code language-model response reports: text as it arrives,
 * and each tool call once, whole — joined by the core's stream, then parsed here, never a
 * fragment. VS Code wants a tool call's `input` as an object, and a caller may invoke the tool the
 * moment it sees the part, so calls are reported when the stream has ended.
 */

import { parseToolArguments, type CompletionStream, type ModelResponseChunk, type ToolCall } from '../../core';
import type { LmResponsePart } from './lmParts';

/** A stream that accumulates what it delivered: the core's `CompletionStream`. */
export type AccumulatingStream = AsyncIterable<ModelResponseChunk> & Pick<CompletionStream, 'response'>;

/** The answer's tool calls (their fragments joined by the core), in index order, arguments parsed. Throws when a call has no name or its arguments are not a JSON object. */
function toolCallParts(calls: readonly ToolCall[]): Extract<LmResponsePart, { kind: 'toolCall' }>[] {
  return calls.map((call, index) => {
    const name = call.function.name;
    if (name.length === 0) {
      throw new Error(`The model made a tool call (index ${index}) without a tool name.`);
    }
    return { kind: 'toolCall', callId: call.id.length > 0 ? call.id : `call_${index}`, name, input: parseArguments(name, call.function.arguments) };
  });
}

function parseArguments(name: string, text: string): object {
  const parsed = parseToolArguments(text);
  if (!parsed.ok) {
    throw new Error(`The model's arguments for the tool '${name}' are ${parsed.problem}.`);
  }
  return parsed.value;
}

/**
 * Reads a whole stream, reporting text parts as they come (a refusal is text too) and the tool
 * calls at the end, whole, from the stream's own accumulation. Only the first choice is read
 * (VS Code asks for one answer). A stream that ended because `signal` aborted reports no tool
 * calls: their arguments may be cut short.
 */
export async function reportResponse(stream: AccumulatingStream, report: (part: LmResponsePart) => void, signal?: AbortSignal): Promise<void> {
  for await (const chunk of stream) {
    const delta = chunk.choices.find((choice) => choice.index === 0)?.delta;
    if (delta === undefined) {
      continue;
    }
    for (const text of [delta.content, delta.refusal]) {
      if (typeof text === 'string' && text.length > 0) {
        report({ kind: 'text', text });
      }
    }
  }
  if (signal?.aborted === true) {
    return;
  }
  const answer = stream.response().choices.find((choice) => choice.index === 0)?.message;
  for (const call of toolCallParts(answer?.tool_calls ?? [])) {
    report(call);
  }
}
