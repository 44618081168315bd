/**
 * The model's side of a tool scenario on the loopback OpenAI-compatible server: a streamed answer
 * that calls one tool, built on the events of a recorded OpenAI tool call, and what a request
 * offered (`tools`) and sent back (`tool` messages).
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sseEvents } from './openaiServer';

/** A recorded stream of one tool call in fragments (openai-python's own snapshot; test/fixtures/README.md). */
const recordedToolCall = join('test', 'fixtures', 'openai', 'chat_stream_single_tool_call.body');

interface StreamChunk {
  choices: { delta: { tool_calls?: { id?: string; function: { name?: string; arguments: string } }[] } }[];
}

/** `text` cut into `count` consecutive fragments (the last takes the rest; some may be empty). */
function fragments(text: string, count: number): string[] {
  const size = Math.ceil(text.length / count);
  return Array.from({ length: count }, (_, index) => text.slice(index * size, index === count - 1 ? undefined : (index + 1) * size));
}

/**
 * The SSE `data:` payloads of an answer that calls `name` with `argumentsJson`: the recorded tool
 * call's events as OpenAI sent them (first delta with the id and name and empty arguments, the
 * arguments in fragments, `finish_reason: tool_calls`, the usage, `[DONE]`), with the id, the
 * name and the arguments' fragments replaced — so the stream keeps the recorded shape.
 */
export function toolCallAnswer(repositoryRoot: string, call: { id: string; name: string; argumentsJson: string }): string[] {
  const events = sseEvents(readFileSync(join(repositoryRoot, recordedToolCall), 'utf8'));
  const parsed = events.map((data) => (data === '[DONE]' ? undefined : (JSON.parse(data) as StreamChunk)));
  const argumentChunks = parsed.filter((chunk) => chunk?.choices[0]?.delta.tool_calls?.[0]?.function.name === undefined && chunk?.choices[0]?.delta.tool_calls !== undefined);
  const pieces = fragments(call.argumentsJson, argumentChunks.length);
  return parsed.map((chunk, index) => {
    const toolCall = chunk?.choices[0]?.delta.tool_calls?.[0];
    if (chunk === undefined || toolCall === undefined) {
      return events[index]!;
    }
    if (toolCall.function.name !== undefined) {
      toolCall.id = call.id;
      toolCall.function.name = call.name;
    } else {
      toolCall.function.arguments = pieces[argumentChunks.indexOf(chunk)]!;
    }
    return JSON.stringify(chunk);
  });
}

interface RequestBody {
  tools?: { function?: { name?: unknown } }[];
  messages?: { role?: unknown }[];
}

function fieldsOf(body: unknown): RequestBody {
  return typeof body === 'object' && body !== null ? body : {};
}

/** The names of the tools a chat request body offered (`tools[].function.name`), in order. */
export function offeredToolNames(body: unknown): string[] {
  return (fieldsOf(body).tools ?? []).map((tool) => String(tool.function?.name));
}

/** The role of a chat request body's last message: `tool` when it carries the results of the model's calls. */
export function lastRole(body: unknown): string | undefined {
  const role = fieldsOf(body).messages?.at(-1)?.role;
  return typeof role === 'string' ? role : undefined;
}
