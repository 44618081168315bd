/**
 * The three stream formats the faults are served in, each built from a recorded response in
 * test/fixtures so the events have the provider's real shape: OpenAI's SSE (`data:` chunks and
 * `[DONE]`), Anthropic's SSE (named events, `message_stop`) and Ollama's NDJSON (`done: true`).
 * The recorded head and tail events are kept as they are; the text events in between are the
 * recorded text event with the fault's own pieces of text, so a test knows exactly which text
 * arrived before a cut, a stall or a bad event.
 */

import { loadFixture } from '../../../helpers/fixtures';
import type { Reply } from '../../../helpers/wireServer';

export type WireName = 'OpenAI' | 'Anthropic' | 'Ollama';

/** An answer as events on the wire: `head` carries no text, one event per piece, `tail` finishes it. */
export interface AnswerEvents {
  head: string[];
  pieces: string[];
  tail: string[];
}

export interface Wire {
  name: WireName;
  /** The model the trials ask for, `provider/model`. */
  model: string;
  /** The provider id (whose key and settings the chat's client looks up). */
  provider: string;
  /** `api_base` for a server at `url`, as the provider's docs write base URLs. */
  apiBase(url: string): string;
  /** The path a chat request reaches. */
  chatPath: string;
  headers: Record<string, string>;
  events(pieces: readonly string[]): AnswerEvents;
  /** One event whose JSON is cut short: a decoder must reject it with a typed error. */
  malformedEvent: string;
}

const sseHeaders = { 'content-type': 'text/event-stream; charset=utf-8' };

/** The events of a recorded SSE body, each with its blank line. */
function sseEvents(id: string): string[] {
  return loadFixture(id)
    .body.toString('utf8')
    .split('\n\n')
    .filter((event) => event.trim() !== '')
    .map((event) => `${event}\n\n`);
}

function openAiWire(): Wire {
  const recorded = sseEvents('openai/chat_stream_text_usage');
  const hasText = (event: string): boolean => /"delta":\{"content":"[^"]/.test(event);
  const first = recorded.findIndex(hasText);
  const last = recorded.findLastIndex(hasText);
  const template = JSON.parse((recorded[first] ?? '').slice('data: '.length)) as { choices: [{ delta: { content: string } }] };
  return {
    name: 'OpenAI',
    model: 'openai/gpt-4o-mini',
    provider: 'openai',
    apiBase: (url) => `${url}/v1`,
    chatPath: '/v1/chat/completions',
    headers: sseHeaders,
    events: (pieces) => ({
      // The recorded role chunk; then the finish chunk, the usage chunk and [DONE].
      head: recorded.slice(0, first),
      pieces: pieces.map((piece) => {
        const event = structuredClone(template);
        event.choices[0].delta.content = piece;
        return `data: ${JSON.stringify(event)}\n\n`;
      }),
      tail: recorded.slice(last + 1),
    }),
    malformedEvent: 'data: {"id":"chatcmpl-ABfw031mOJeYCSHe4yI2ZjOA6kMJL","choices":[{"index":0,"delta":{"content":" cut\n\n',
  };
}

function anthropicWire(): Wire {
  const recorded = sseEvents('anthropic/messages_stream_text_with_ping');
  const hasText = (event: string): boolean => event.includes('"text_delta"');
  const first = recorded.findIndex(hasText);
  const last = recorded.findLastIndex(hasText);
  const [eventLine = '', dataLine = ''] = (recorded[first] ?? '').split('\n');
  const template = JSON.parse(dataLine.slice('data: '.length)) as { delta: { text: string } };
  return {
    name: 'Anthropic',
    model: 'anthropic/claude-3-5-haiku-latest',
    provider: 'anthropic',
    apiBase: (url) => url,
    chatPath: '/v1/messages',
    headers: sseHeaders,
    events: (pieces) => ({
      // message_start, content_block_start and a ping; then content_block_stop, message_delta, message_stop.
      head: recorded.slice(0, first),
      pieces: pieces.map((piece) => {
        const event = structuredClone(template);
        event.delta.text = piece;
        return `${eventLine}\ndata: ${JSON.stringify(event)}\n\n`;
      }),
      tail: recorded.slice(last + 1),
    }),
    malformedEvent: 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":" cut\n\n',
  };
}

function ollamaWire(): Wire {
  const lines = loadFixture('ollama/chat_stream_tool_calls').body.toString('utf8').split('\n').filter((line) => line.trim() !== '');
  const done = lines.at(-1) ?? '';
  const { model, created_at } = JSON.parse(done) as { model: string; created_at: string };
  return {
    name: 'Ollama',
    model: `ollama/${model}`,
    provider: 'ollama',
    apiBase: (url) => url,
    chatPath: '/api/chat',
    headers: { 'content-type': 'application/x-ndjson' },
    events: (pieces) => ({
      head: [],
      pieces: pieces.map((piece) => `${JSON.stringify({ model, created_at, message: { role: 'assistant', content: piece }, done: false })}\n`),
      // The recorded `done: true` line, with its counts.
      tail: [`${done}\n`],
    }),
    malformedEvent: `{"model":"${model}","created_at":"${created_at}","message":{"role":"assistant","content":" cut\n`,
  };
}

export const wires = { openai: openAiWire(), anthropic: anthropicWire(), ollama: ollamaWire() };

export interface BodyOptions {
  /** Leave out the last tail event ([DONE], message_stop, the `done` line). */
  withoutEnd?: boolean;
  /** Put the malformed event after this many pieces. */
  malformedAfter?: number;
}

/** A whole answer body of `pieces`. */
export function answerBody(wire: Wire, pieces: readonly string[], options: BodyOptions = {}): string {
  const { head, pieces: texts, tail } = wire.events(pieces);
  const middle = options.malformedAfter === undefined ? texts : [...texts.slice(0, options.malformedAfter), wire.malformedEvent, ...texts.slice(options.malformedAfter)];
  return [...head, ...middle, ...(options.withoutEnd === true ? tail.slice(0, -1) : tail)].join('');
}

/** Bytes of the head and the first `count` pieces: a cut or a stall there keeps exactly those pieces. */
export function bytesThroughPiece(wire: Wire, pieces: readonly string[], count: number): number {
  const { head, pieces: texts } = wire.events(pieces);
  return Buffer.byteLength([...head, ...texts.slice(0, count)].join(''));
}

/** The reply that streams `pieces` whole, with the wire's content type. */
export function answerReply(wire: Wire, pieces: readonly string[], extra: Partial<Reply> = {}): Reply {
  return { status: 200, headers: wire.headers, body: answerBody(wire, pieces), ...extra };
}

/** What every healed server answers: the request after a fault must work. */
export const healthyPieces = ['All', ' good', ' again', '.'];
