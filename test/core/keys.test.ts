/**
 * The API key never reaches an error: not its message, stack, body, cause or any other property,
 * whatever failed, and even when the server echoes the key back (proxies and some vendors do).
 */

import { describe, it } from 'mocha';
import type { Client, CompletionParams } from '../../src/core';
import { apiKey, assertKeyAbsent, chat, chunksOf, completionBody, drain, jsonHeaders, quickRetries, sseBody, sseHeaders, unusedPort, useHarness } from '../helpers/llmHarness';
import type { RecordedRequest, Reply } from '../helpers/wireServer';

/** What the request carried in its Authorization header: the server echoes it back. */
function echo(request: RecordedRequest): string {
  return String(request.headers['authorization']);
}

const firstEvents = sseBody(chunksOf(['some', ' text']).slice(0, 2), { done: false });

interface Scenario {
  name: string;
  reply?: (request: RecordedRequest, index: number) => Reply;
  /** A base URL to use instead of a server (nobody listening, DNS). */
  base?: () => Promise<string>;
  params?: Partial<CompletionParams>;
}

const scenarios: Scenario[] = [
  {
    name: '401 whose JSON message repeats the key',
    reply: (request) => ({ status: 401, headers: jsonHeaders, body: JSON.stringify({ error: { message: `Incorrect API key provided: ${echo(request)}`, code: 'invalid_api_key' } }) }),
  },
  {
    name: '400 in plain text with the key',
    reply: (request) => ({ status: 400, headers: { 'content-type': 'text/plain' }, body: `bad request from ${echo(request)}` }),
  },
  {
    name: '500 HTML page that prints the request headers',
    reply: (request) => ({ status: 500, headers: { 'content-type': 'text/html' }, body: `<html><head><title>Oops</title></head><body><pre>Authorization: ${echo(request)}</pre></body></html>` }),
  },
  {
    name: '429 with a long retry-after and the key in the body',
    reply: (request) => ({ status: 429, headers: { ...jsonHeaders, 'retry-after': '120' }, body: JSON.stringify({ error: { message: `slow down ${echo(request)}` } }) }),
  },
  {
    name: '500 whose request id header echoes the key',
    reply: () => ({ status: 500, headers: { ...jsonHeaders, 'x-request-id': apiKey }, body: '{"error":{"message":"boom"}}' }),
  },
  {
    name: '200 that is an HTML page echoing the key',
    reply: (request) => ({ status: 200, headers: { 'content-type': 'text/html' }, body: `<html><body>Hello ${echo(request)}</body></html>` }),
  },
  {
    name: '200 with broken JSON holding the key',
    reply: (request) => ({ status: 200, headers: jsonHeaders, body: `{"debug": "${echo(request)}", ` }),
  },
  {
    name: 'stream answered by a 200 HTML page echoing the key',
    reply: (request) => ({ status: 200, headers: { 'content-type': 'text/html' }, body: `<html><body>${echo(request)}</body></html>` }),
    params: { stream: true },
  },
  {
    name: 'stream whose first event is malformed and holds the key',
    reply: (request) => ({ headers: sseHeaders, body: `data: {"key": "${echo(request)}", oops}\n\n` }),
    params: { stream: true },
  },
  {
    name: 'stream with a malformed event holding the key after output',
    reply: (request) => ({ headers: sseHeaders, body: `${firstEvents}data: {"key": "${echo(request)}", oops}\n\n` }),
    params: { stream: true },
  },
  {
    name: 'stream with an error event that repeats the key',
    reply: (request) => ({ headers: sseHeaders, body: `${firstEvents}data: ${JSON.stringify({ error: { message: `key ${echo(request)} revoked`, code: 401 } })}\n\n` }),
    params: { stream: true },
  },
  {
    name: 'stream cut after output',
    reply: () => ({ headers: sseHeaders, body: sseBody(chunksOf(['a', 'b', 'c'])), cutAfterBytes: Buffer.byteLength(firstEvents) + 4 }),
    params: { stream: true },
  },
  {
    name: 'stream that stalls after output',
    reply: () => ({ headers: sseHeaders, body: sseBody(chunksOf(['a', 'b', 'c'])), stallAfterBytes: Buffer.byteLength(firstEvents) }),
    params: { stream: true, timeout: 0.3 },
  },
  { name: 'headers that never come', reply: () => ({ body: completionBody('late'), delayHeadersMs: 2000 }), params: { timeout: 0.3 } },
  { name: 'connection closed before headers', reply: () => ({ closeBeforeHeaders: true }) },
  { name: 'redirect loop', reply: (_, index) => ({ status: 307, headers: { location: `/loop/${index}` } }) },
  { name: 'connection refused', base: async () => `http://127.0.0.1:${await unusedPort()}` },
  { name: 'DNS failure', base: async () => 'http://nonexistent.invalid', params: { num_retries: 0 } },
];

/** The error a call ends in, whether `completion()` rejects or the stream's iterator throws. */
async function failureOf(client: Client, params: CompletionParams): Promise<unknown> {
  try {
    const result = await client.completion(params);
    if (Symbol.asyncIterator in result) {
      return (await drain(result)).error;
    }
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('keys never reach an error', () => {
  const harness = useHarness();

  for (const scenario of scenarios) {
    it(scenario.name, async () => {
      const reply = scenario.reply;
      const base = reply === undefined ? await scenario.base?.() : (await harness.server(reply)).url;
      const params = chat(base ?? '', scenario.params);
      const error = await failureOf(harness.client({ retry: quickRetries }), params);
      assertKeyAbsent(error);
    });
  }
});
