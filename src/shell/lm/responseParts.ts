/**
 * The core's stream → the parts a VS Code language-model response reports: text as it arrives,
 * and each tool call once, whole — its argument fragments joined by index and parsed, never a
 * fragment. VS Code wants a tool call's `input` as an object, and a caller may invoke the tool the
 * moment it sees the part, so calls are reported when the stream has ended.
 */

import type { ModelResponseChunk, ToolCallDelta } from '../../core';
import type { LmResponsePart } from './lmParts';

interface PendingCall {
  id: string | undefined;
  name: string;
  arguments: string;
}

/** Joins streamed tool-call fragments (OpenAI's `delta.tool_calls`) by their index. */
export class ToolCallAssembler {
  private readonly calls = new Map<number, PendingCall>();

  add(deltas: readonly ToolCallDelta[]): void {
    for (const delta of deltas) {
      const call = this.calls.get(delta.index) ?? { id: undefined, name: '', arguments: '' };
      if (delta.id !== undefined && delta.id.length > 0) {
        call.id = delta.id;
      }
      call.name += delta.function?.name ?? '';
      call.arguments += delta.function?.arguments ?? '';
      this.calls.set(delta.index, call);
    }
  }

  /** The calls in index order, arguments parsed. Throws when a call has no name or its arguments are not a JSON object. */
  finish(): Extract<LmResponsePart, { kind: 'toolCall' }>[] {
    return [...this.calls.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, call]) => {
        if (call.name.length === 0) {
          throw new Error(`The model made a tool call (index ${index}) without a tool name.`);
        }
        return { kind: 'toolCall', callId: call.id ?? `call_${index}`, name: call.name, input: parseArguments(call.name, call.arguments) };
      });
  }
}

function parseArguments(name: string, text: string): object {
  if (text.trim().length === 0) {
    return {};
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error(`The model's arguments for the tool '${name}' are not valid JSON.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new Error(`The model's arguments for the tool '${name}' are not a JSON object.`);
  }
  return parsed;
}

/**
 * Reads a whole stream, reporting text parts as they come (a refusal is text too) and the tool
 * calls at the end. Only the first choice is read (VS Code asks for one answer). A stream that
 * ended because `signal` aborted reports no tool calls: their arguments may be cut short.
 */
export async function reportResponse(stream: AsyncIterable<ModelResponseChunk>, report: (part: LmResponsePart) => void, signal?: AbortSignal): Promise<void> {
  const calls = new ToolCallAssembler();
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
    if (delta.tool_calls !== undefined) {
      calls.add(delta.tool_calls);
    }
  }
  if (signal?.aborted === true) {
    return;
  }
  for (const call of calls.finish()) {
    report(call);
  }
}
