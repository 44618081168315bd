/**
 * Every reader of a server's body, each fed a decompression bomb over its cap: whole JSON answers
 * (completion, embeddings, every adapter's model list, Ollama's `/api/show`), error bodies, one SSE
 * event (a line that never ends, and data lines without end), one NDJSON line. Shared by the wire
 * tests (test/core/bodyLimits.test.ts) and the hardening figures (test/hardening/node/limits.test.ts).
 */

import { APIError, LLMError, type Client, type CompletionStream } from '../../src/core';
import type { Bomb, BombServer, PlainAnswer } from './bodyBombs';
import { stoppedEarly } from './bodyBombs';

export type BombReader = 'JSON bodies' | 'model lists' | 'error bodies' | 'SSE events' | 'NDJSON lines' | 'Ollama model facts';

export interface BombCase {
  reader: BombReader;
  name: string;
  route: (path: string) => Bomb | PlainAnswer;
  /** Makes the call; resolves with how it ended (never rejects). */
  run: (client: Client, url: string) => Promise<BombOutcome>;
  /** The option the error must name; undefined where the call goes on without the body (Ollama's facts). */
  option: string | undefined;
  /** The text that must survive: a stream's first words, or the answer that must still come. */
  kept?: string;
}

export interface BombOutcome {
  error: unknown;
  /** The text delivered (a stream's chunks, or the answer). */
  text: string;
  /** A stream error's partial_response text. */
  partial?: string;
}

const apiKey = 'sk-bomb-test-0123456789abcdef';
const json = { 'content-type': 'application/json' };
const sse = { 'content-type': 'text/event-stream' };
const ndjson = { 'content-type': 'application/x-ndjson' };
const messages = [{ role: 'user' as const, content: 'Hi' }];

async function outcomeOf(work: Promise<unknown>, text: (value: unknown) => string = () => ''): Promise<BombOutcome> {
  try {
    return { error: undefined, text: text(await work) };
  } catch (error) {
    return { error, text: '' };
  }
}

async function streamOutcome(start: Promise<CompletionStream>): Promise<BombOutcome> {
  let text = '';
  try {
    for await (const chunk of await start) {
      text += chunk.choices[0]?.delta.content ?? '';
    }
  } catch (error) {
    const partial = error instanceof APIError ? (error.partial_response?.choices[0]?.message.content ?? '') : undefined;
    return { error, text, partial };
  }
  return { error: undefined, text };
}

const always = (bomb: Bomb) => (): Bomb => bomb;

function listCase(provider: 'openai' | 'anthropic' | 'gemini' | 'ollama', base: (url: string) => string): BombCase {
  return {
    reader: 'model lists',
    name: `${provider}: listModels`,
    route: always({ headers: json, prefix: '{"data":[{"id":"', fill: 'x' }),
    run: (client, url) => outcomeOf(client.listModels(provider, { api_base: base(url), api_key: apiKey })),
    option: 'limits.jsonBodyBytes',
  };
}

const openAiHello = `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [{ index: 0, delta: { role: 'assistant', content: 'Hello' }, finish_reason: null }] })}\n\n`;
const ollamaHello = `${JSON.stringify({ model: 'llama3.2', created_at: '2025-01-01T00:00:00Z', message: { role: 'assistant', content: 'Hello' }, done: false })}\n`;
const ollamaAnswer = JSON.stringify({ model: 'llama3.2', created_at: '2025-01-01T00:00:00Z', message: { role: 'assistant', content: 'Still here' }, done: true, done_reason: 'stop' });

export const bombCases: readonly BombCase[] = [
  {
    reader: 'JSON bodies',
    name: 'OpenAI: a whole completion',
    route: always({ headers: json, prefix: '{"id":"x","choices":[{"index":0,"message":{"role":"assistant","content":"', fill: 'x' }),
    run: (client, url) => outcomeOf(client.completion({ model: 'openai/gpt-4o-mini', api_base: `${url}/v1`, api_key: apiKey, messages })),
    option: 'limits.jsonBodyBytes',
  },
  {
    reader: 'JSON bodies',
    name: 'OpenAI: embeddings',
    route: always({ headers: json, prefix: '{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0', fill: ',' }),
    run: (client, url) => outcomeOf(client.embedding({ model: 'openai/text-embedding-3-small', api_base: `${url}/v1`, api_key: apiKey, input: 'Hi' })),
    option: 'limits.jsonBodyBytes',
  },
  listCase('openai', (url) => `${url}/v1`),
  listCase('anthropic', (url) => url),
  listCase('gemini', (url) => url),
  listCase('ollama', (url) => url),
  {
    reader: 'error bodies',
    name: 'OpenAI: a 500 whose body never ends',
    route: always({ status: 500, headers: json, prefix: '{"error":{"message":"', fill: 'x' }),
    run: (client, url) => outcomeOf(client.completion({ model: 'openai/gpt-4o-mini', api_base: `${url}/v1`, api_key: apiKey, messages })),
    option: 'limits.errorBodyBytes',
  },
  {
    reader: 'SSE events',
    name: 'OpenAI: a line that never ends',
    route: always({ headers: sse, prefix: `${openAiHello}data: {"choices":[{"index":0,"delta":{"content":"`, fill: 'x' }),
    run: (client, url) => streamOutcome(client.completion({ model: 'openai/gpt-4o-mini', api_base: `${url}/v1`, api_key: apiKey, messages, stream: true })),
    option: 'limits.eventBytes',
    kept: 'Hello',
  },
  {
    reader: 'SSE events',
    name: 'OpenAI: data lines without the blank line that ends the event',
    route: always({ headers: sse, prefix: openAiHello, fill: 'data: x\n' }),
    run: (client, url) => streamOutcome(client.completion({ model: 'openai/gpt-4o-mini', api_base: `${url}/v1`, api_key: apiKey, messages, stream: true })),
    option: 'limits.eventBytes',
    kept: 'Hello',
  },
  {
    reader: 'SSE events',
    name: 'Anthropic: a text delta that never ends',
    route: always({
      headers: sse,
      prefix: [
        'event: message_start\ndata: {"type":"message_start","message":{"id":"m","type":"message","role":"assistant","model":"claude-sonnet-4-5","content":[],"usage":{"input_tokens":1,"output_tokens":1}}}\n\n',
        'event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}\n\n',
        'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}\n\n',
        'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"',
      ].join(''),
      fill: 'x',
    }),
    run: (client, url) => streamOutcome(client.completion({ model: 'anthropic/claude-sonnet-4-5', api_base: url, api_key: apiKey, messages, stream: true })),
    option: 'limits.eventBytes',
    kept: 'Hello',
  },
  {
    reader: 'SSE events',
    name: 'Gemini: a candidate that never ends',
    route: always({ headers: sse, prefix: 'data: {"candidates":[{"content":{"role":"model","parts":[{"text":"Hello"}]}}]}\n\ndata: {"candidates":[{"content":{"parts":[{"text":"', fill: 'x' }),
    run: (client, url) => streamOutcome(client.completion({ model: 'gemini/gemini-2.5-flash', api_base: url, api_key: apiKey, messages, stream: true })),
    option: 'limits.eventBytes',
    kept: 'Hello',
  },
  {
    reader: 'NDJSON lines',
    name: 'Ollama: a line that never ends',
    route: (path) =>
      path === '/api/show' ? { status: 200, headers: json, body: '{}' } : { headers: ndjson, prefix: `${ollamaHello}{"model":"llama3.2","message":{"role":"assistant","content":"`, fill: 'x' },
    run: (client, url) => streamOutcome(client.completion({ model: 'ollama/llama3.2', api_base: url, messages, stream: true })),
    option: 'limits.lineBytes',
    kept: 'Hello',
  },
  {
    reader: 'Ollama model facts',
    name: 'Ollama: /api/show, then the answer without its facts',
    route: (path) => (path === '/api/show' ? { headers: json, prefix: '{"parameters":"', fill: 'x' } : { status: 200, headers: json, body: ollamaAnswer }),
    run: (client, url) => outcomeOf(client.completion({ model: 'ollama/llama3.2', api_base: url, messages }), (response) => (response as { choices: [{ message: { content: string } }] }).choices[0].message.content),
    option: undefined,
    kept: 'Still here',
  },
];

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message.slice(0, 200)}` : JSON.stringify(error);
}

/** What went wrong with a case: empty when the body was refused as it must be. */
export function bombProblems(bombCase: BombCase, outcome: BombOutcome, server: BombServer): string[] {
  const problems: string[] = [];
  const { error } = outcome;
  if (bombCase.option === undefined) {
    if (error !== undefined) {
      problems.push(`the call failed: ${describe(error)}`);
    }
  } else if (!(error instanceof LLMError)) {
    problems.push(`not a typed error: ${describe(error)}`);
  } else if (!error.message.includes(bombCase.option) || !/\d+(\.\d+)? MiB/.test(error.message)) {
    problems.push(`the message names no cap and option ${bombCase.option}: ${error.message.slice(0, 300)}`);
  }
  if (bombCase.kept !== undefined) {
    if (outcome.text !== bombCase.kept) {
      problems.push(`delivered ${JSON.stringify(outcome.text.slice(0, 40))}, not ${JSON.stringify(bombCase.kept)}`);
    }
    if (bombCase.option !== undefined && outcome.partial !== bombCase.kept) {
      problems.push(`partial_response holds ${JSON.stringify(outcome.partial?.slice(0, 40))}`);
    }
  }
  const bomb = server.bombs[0];
  if (!stoppedEarly(bomb)) {
    problems.push(`the client did not stop reading early (${bomb?.sentBytes ?? 0} of ${bomb?.totalBytes ?? 0} gzip bytes sent)`);
  }
  return problems;
}
