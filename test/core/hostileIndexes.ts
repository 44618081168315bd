/**
 * Streams from a hostile server: a good text event ("Hello"), then an event whose choice, candidate,
 * content-block or tool-call index is `"__proto__"`, `"constructor"`, `-1` or `1e9`, in each wire's
 * own format. Shared by the wire tests (test/core/hostileServer.test.ts) and the hardening fault
 * rows (test/hardening/node/faults/indexFaults.ts).
 */

import type { RecordedRequest, Reply } from '../helpers/wireServer';

export type HostileWire = 'OpenAI' | 'Anthropic' | 'Gemini' | 'Ollama';

/** What a hostile server puts where an index belongs. */
export const hostileIndexValues: readonly unknown[] = ['__proto__', 'constructor', -1, 1e9];

/** The text sent before the bad event: it must survive on `partial_response`. */
export const keptText = 'Hello';

export interface HostileIndexCase {
  wire: HostileWire;
  /** The field the error must name, e.g. `choices[0].index`. */
  field: string;
  value: unknown;
  model: string;
  apiBase(url: string): string;
  /** The path a chat request reaches. */
  chatPath: string;
  /** Answers the chat request with the hostile stream (and Ollama's `/api/show` with nothing to learn). */
  reply(request: RecordedRequest): Reply;
}

const sse = { 'content-type': 'text/event-stream' };

function dataEvents(events: readonly object[]): string {
  return events.map((event) => `data: ${JSON.stringify(event)}\n\n`).join('');
}

function namedEvents(events: readonly Record<string, unknown>[]): string {
  return events.map((event) => `event: ${String(event['type'])}\ndata: ${JSON.stringify(event)}\n\n`).join('');
}

function openAi(field: 'choice' | 'tool call', value: unknown): HostileIndexCase {
  const base = { id: 'chatcmpl-hostile', object: 'chat.completion.chunk', created: 1700000000, model: 'gpt-4o-mini' };
  const bad =
    field === 'choice'
      ? { ...base, choices: [{ index: value, delta: { content: ' world' }, finish_reason: null }] }
      : { ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: value, id: 'call_1', type: 'function', function: { name: 'f', arguments: '' } }] }, finish_reason: null }] };
  const body = dataEvents([{ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: keptText }, finish_reason: null }] }, bad]);
  return {
    wire: 'OpenAI',
    field: field === 'choice' ? 'choices[0].index' : 'choices[0].delta.tool_calls[0].index',
    value,
    model: 'openai/gpt-4o-mini',
    apiBase: (url) => `${url}/v1`,
    chatPath: '/v1/chat/completions',
    reply: () => ({ status: 200, headers: sse, body: `${body}data: [DONE]\n\n` }),
  };
}

function anthropic(event: 'content_block_start' | 'content_block_delta', value: unknown): HostileIndexCase {
  const bad =
    event === 'content_block_start'
      ? { type: event, index: value, content_block: { type: 'tool_use', id: 'toolu_1', name: 'f', input: {} } }
      : { type: event, index: value, delta: { type: 'text_delta', text: ' world' } };
  const body = namedEvents([
    { type: 'message_start', message: { id: 'msg_hostile', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [], usage: { input_tokens: 3, output_tokens: 1 } } },
    { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
    { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: keptText } },
    bad,
    { type: 'message_stop' },
  ]);
  return {
    wire: 'Anthropic',
    field: `${event}.index`,
    value,
    model: 'anthropic/claude-sonnet-4-5',
    apiBase: (url) => url,
    chatPath: '/v1/messages',
    reply: () => ({ status: 200, headers: sse, body }),
  };
}

function gemini(value: unknown): HostileIndexCase {
  const candidate = (index: unknown, text: string): object => ({ index, content: { role: 'model', parts: [{ text }] } });
  const body = dataEvents([
    { candidates: [candidate(0, keptText)], responseId: 'hostile', modelVersion: 'gemini-2.5-flash' },
    { candidates: [candidate(value, ' world')] },
  ]);
  return {
    wire: 'Gemini',
    field: 'candidates[0].index',
    value,
    model: 'gemini/gemini-2.5-flash',
    apiBase: (url) => url,
    chatPath: '/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse',
    reply: () => ({ status: 200, headers: sse, body }),
  };
}

function ollama(value: unknown): HostileIndexCase {
  const line = (message: object, done = false): string => `${JSON.stringify({ model: 'llama3.2', created_at: '2025-01-01T00:00:00Z', message, done })}\n`;
  const body = [
    line({ role: 'assistant', content: keptText }),
    line({ role: 'assistant', content: '', tool_calls: [{ function: { index: value, name: 'f', arguments: {} } }] }),
    line({ role: 'assistant', content: '' }, true),
  ].join('');
  return {
    wire: 'Ollama',
    field: 'message.tool_calls[0].function.index',
    value,
    model: 'ollama/llama3.2',
    apiBase: (url) => url,
    chatPath: '/api/chat',
    reply: (request) =>
      request.url === '/api/show'
        ? { status: 200, headers: { 'content-type': 'application/json' }, body: '{}' }
        : { status: 200, headers: { 'content-type': 'application/x-ndjson' }, body },
  };
}

/** Every wire, every place an index is read, every hostile value. */
export function hostileIndexCases(): HostileIndexCase[] {
  return hostileIndexValues.flatMap((value) => [
    openAi('choice', value),
    openAi('tool call', value),
    anthropic('content_block_start', value),
    anthropic('content_block_delta', value),
    gemini(value),
    ollama(value),
  ]);
}

/** The names a prototype or a constructor has, to see that nothing was added. */
export function builtInShapes(): Record<string, string[]> {
  return {
    'Array.prototype': Object.getOwnPropertyNames(Array.prototype).sort(),
    'Object.prototype': Object.getOwnPropertyNames(Object.prototype).sort(),
    Array: Object.getOwnPropertyNames(Array).sort(),
    Object: Object.getOwnPropertyNames(Object).sort(),
  };
}

/** Removes what a failing run added to the built-ins, so one failure does not spread to other tests. */
export function restoreBuiltIns(before: Record<string, string[]>): void {
  const targets: Record<string, object> = { 'Array.prototype': Array.prototype, 'Object.prototype': Object.prototype, Array, Object };
  for (const [name, target] of Object.entries(targets)) {
    for (const key of Object.getOwnPropertyNames(target)) {
      if (!(before[name] ?? []).includes(key)) {
        delete (target as Record<string, unknown>)[key];
      }
    }
  }
}
