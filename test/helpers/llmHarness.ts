/**
 * What the transport, retry and streaming tests share: a client pointed at loopback servers that
 * are closed after each test, OpenAI-wire bodies built from words, and small assertions (an error
 * must be thrown; a key must not be anywhere in an error).
 */

import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { afterEach } from 'mocha';
import { createClient, type Client, type ClientOptions, type CompletionParams, type CompletionStream, type ModelResponseChunk } from '../../src/core';
import { startWireServer, type Responder, type WireServer, type WireServerOptions } from './wireServer';

/** Long enough for redaction (which ignores secrets under 8 characters), and unmistakable. */
export const apiKey = 'sk-test-harness-SECRET-7f3a9c0e2b';

/** Retries after a few milliseconds, so retry tests do not wait for the default backoff. */
export const quickRetries: ClientOptions['retry'] = { initialDelaySeconds: 0.02, maxDelaySeconds: 0.1 };

export interface Harness {
  /** A wire server (HTTPS with `options.tls`), closed after the test. */
  server(respond: Responder, options?: WireServerOptions): Promise<WireServer>;
  /** A client with no environment and the suite's defaults, `options` over them; closed after the test. */
  client(options?: ClientOptions): Client;
}

/**
 * Registers an afterEach that closes what the test opened; call inside a `describe`. `defaults`
 * are the suite's client options (`{ retry: { maxRetries: 0 } }` where each case must be one request).
 */
export function useHarness(defaults: ClientOptions = {}): Harness {
  const servers: WireServer[] = [];
  const clients: Client[] = [];
  afterEach(async () => {
    // Servers first: closing them ends any stalled request, so the clients can close at once.
    await Promise.all(servers.splice(0).map((server) => server.close()));
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });
  return {
    server: async (respond, options) => {
      const server = await startWireServer(respond, options);
      servers.push(server);
      return server;
    },
    client: (options = {}) => {
      const client = createClient({ env: {}, ...defaults, ...options });
      clients.push(client);
      return client;
    },
  };
}

/** An OpenAI chat call against `server`'s `/v1` (typed as a stream call when `stream: true`). */
export function chat(server: WireServer | string, extra: Partial<CompletionParams> & { stream: true }): CompletionParams & { stream: true };
export function chat(server: WireServer | string, extra?: Partial<CompletionParams> & { stream?: false }): CompletionParams & { stream?: false };
export function chat(server: WireServer | string, extra?: Partial<CompletionParams>): CompletionParams;
export function chat(server: WireServer | string, extra: Partial<CompletionParams> = {}): CompletionParams {
  const base = typeof server === 'string' ? server : server.url;
  return {
    model: 'openai/gpt-4o-mini',
    messages: [{ role: 'user', content: 'Hi' }],
    api_base: `${base}/v1`,
    api_key: apiKey,
    ...extra,
  };
}

/** One `chat.completion.chunk` per word, then a finish chunk. */
export function chunksOf(words: readonly string[], id = 'chatcmpl-test'): object[] {
  const base = { id, object: 'chat.completion.chunk', created: 1700000000, model: 'gpt-4o-mini' };
  return [
    ...words.map((word, index) => ({
      ...base,
      choices: [{ index: 0, delta: index === 0 ? { role: 'assistant', content: word } : { content: word }, finish_reason: null }],
    })),
    { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
  ];
}

/** An SSE body of `data:` events, closed with `[DONE]` unless told otherwise. */
export function sseBody(events: readonly object[], options: { done?: boolean } = {}): string {
  const lines = events.map((event) => `data: ${JSON.stringify(event)}\n\n`);
  if (options.done ?? true) {
    lines.push('data: [DONE]\n\n');
  }
  return lines.join('');
}

/** A whole `chat.completion` answering `text`. */
export function completionBody(text: string, model = 'gpt-4o-mini'): string {
  return JSON.stringify({
    id: 'chatcmpl-whole',
    object: 'chat.completion',
    created: 1700000000,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
  });
}

export const sseHeaders = { 'content-type': 'text/event-stream' };
export const jsonHeaders = { 'content-type': 'application/json' };

/** The text of chunks, concatenated. */
export function textOf(chunks: readonly ModelResponseChunk[]): string {
  return chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
}

/** Reads a stream to its end, or to its error (returned, not thrown, with what arrived before). */
export async function drain(stream: CompletionStream): Promise<{ chunks: ModelResponseChunk[]; error: unknown }> {
  const chunks: ModelResponseChunk[] = [];
  try {
    for await (const chunk of stream) {
      chunks.push(chunk);
    }
  } catch (error) {
    return { chunks, error };
  }
  return { chunks, error: undefined };
}

/** The error `work` rejects with; fails the test when it resolves. */
export async function rejection(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  assert.fail('expected a rejection, but the call succeeded');
}

/** Seconds since `start` (a `performance.now()` value). */
export function secondsSince(start: number): number {
  return (performance.now() - start) / 1000;
}

/** Waits until `condition` holds, polling briefly; fails after `ms`. */
export async function eventually(condition: () => boolean, what: string, ms = 1000): Promise<void> {
  const deadline = performance.now() + ms;
  while (!condition()) {
    if (performance.now() > deadline) {
      assert.fail(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A loopback port nobody listens on (taken, then released). */
export async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  assert.ok(address !== null && typeof address === 'object');
  return address.port;
}

/**
 * Every string reachable from `value` through own properties (enumerable or not: `message`,
 * `stack`, `cause`, `body`, `partial_response`, …), with the path that reaches it.
 */
function ownStrings(value: unknown, path = 'error', seen = new Set<object>()): [string, string][] {
  if (typeof value === 'string') {
    return [[path, value]];
  }
  if (typeof value !== 'object' || value === null || seen.has(value)) {
    return [];
  }
  seen.add(value);
  const found: [string, string][] = [];
  for (const name of Object.getOwnPropertyNames(value)) {
    const descriptor = Object.getOwnPropertyDescriptor(value, name);
    found.push(...ownStrings(descriptor?.value, `${path}.${name}`, seen));
  }
  return found;
}

/** Fails when `secret` appears anywhere a caller, a log or a bug report could see it. */
export function assertKeyAbsent(error: unknown, secret = apiKey): void {
  assert.ok(error instanceof Error, `expected an Error, got ${String(error)}`);
  const body = (error as { body?: unknown }).body;
  const places: [string, string][] = [
    ['message', error.message],
    ['JSON.stringify(error)', JSON.stringify(error)],
    ['String(error.body)', String(body)],
    ['JSON.stringify(error.body)', JSON.stringify(body) ?? ''],
    ['stack', error.stack ?? ''],
    ['String(error)', String(error)],
    ...ownStrings(error),
  ];
  const leaks = places.filter(([, text]) => text.includes(secret)).map(([where]) => where);
  assert.deepStrictEqual(leaks, [], `the key leaked into ${leaks.join(', ')}`);
}
