/**
 * The HTTP layer through the public client against a real loopback server: timeouts measured in
 * real time, failures of the network itself (refused, DNS, a dropped connection), and bodies that
 * are compressed or are not what an API should send (an HTML error page, a 200 that is no JSON).
 */

import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { APIConnectionError, APIError, ServiceUnavailableError, Timeout } from '../../src/core';
import {
  chat,
  chunksOf,
  completionBody,
  drain,
  jsonHeaders,
  quickRetries,
  rejection,
  secondsSince,
  sseBody,
  sseHeaders,
  textOf,
  unusedPort,
  useHarness,
} from '../helpers/llmHarness';

const words = ['Compressed', ' streams', ' still', ' arrive', ' whole', '.'];

const nginx502 = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx/1.25.3</center>
</body>
</html>
`;

describe('http: timeouts', () => {
  const harness = useHarness();

  it('throws Timeout after about `timeout` seconds when headers never come', async () => {
    const server = await harness.server(() => ({ headers: jsonHeaders, body: completionBody('late'), delayHeadersMs: 3000 }));
    const timeout = 0.5;
    const started = performance.now();
    const error = await rejection(harness.client().completion(chat(server, { timeout, num_retries: 0 })));
    const elapsed = secondsSince(started);
    assert.ok(error instanceof Timeout, `got ${String(error)}`);
    assert.match(error.message, /no response from http:\/\/127\.0\.0\.1:\d+ within 0\.5 s/);
    assert.ok(elapsed >= 0.9 * timeout && elapsed <= 2 * timeout, `timed out after ${elapsed} s`);
  });

  it('throws Timeout when a whole body stalls half way, and retries it (nothing reached the caller)', async () => {
    const body = completionBody('fine');
    const server = await harness.server((_, index) => ({ headers: jsonHeaders, body, stallAfterBytes: index === 0 ? 20 : undefined }));
    const client = harness.client({ retry: quickRetries });
    const error = await rejection(client.completion(chat(server, { timeout: 0.3, num_retries: 0 })));
    assert.ok(error instanceof Timeout, `got ${String(error)}`);
    assert.match(error.message, /stopped sending for 0\.3 s/);
    const response = await client.completion(chat(server, { timeout: 0.3 }));
    assert.equal(response.choices[0]?.message.content, 'fine');
  });

  it('treats a timeout of weeks as long, not as already expired', async () => {
    // Node fires a timer of more than 2^31 - 1 ms (24.8 days) after 1 ms, with only a warning.
    const server = await harness.server(() => ({ headers: jsonHeaders, body: completionBody('patience'), delayHeadersMs: 100 }));
    const response = await harness.client().completion(chat(server, { timeout: 30 * 24 * 3600, num_retries: 0 }));
    assert.equal(response.choices[0]?.message.content, 'patience');
  });
});

describe('http: transport failures', () => {
  const harness = useHarness();

  it('says "refused" when nobody listens on the port, after retrying', async () => {
    const port = await unusedPort();
    const error = await rejection(harness.client({ retry: quickRetries }).completion(chat(`http://127.0.0.1:${port}`)));
    assert.ok(error instanceof APIConnectionError, `got ${String(error)}`);
    assert.match(error.message, /connection refused by http:\/\/127\.0\.0\.1:\d+/);
    assert.equal(error.code, 'ECONNREFUSED');
    assert.equal(error.attempts, 3);
  });

  it('says the host could not be resolved (DNS) for an unknown host', async () => {
    const error = await rejection(harness.client().completion(chat('http://nonexistent.invalid', { num_retries: 0 })));
    assert.ok(error instanceof APIConnectionError, `got ${String(error)}`);
    assert.match(error.message, /could not resolve nonexistent\.invalid \(DNS\)/);
  });

  it('reports a connection closed before headers as APIConnectionError, retried', async () => {
    const server = await harness.server(() => ({ closeBeforeHeaders: true }));
    const error = await rejection(harness.client({ retry: quickRetries }).completion(chat(server)));
    assert.ok(error instanceof APIConnectionError, `got ${String(error)}`);
    assert.match(error.message, /closed the connection unexpectedly/);
    assert.equal(server.requests.length, 3);
  });

  it('retries a whole body cut half way, since nothing reached the caller', async () => {
    const server = await harness.server((_, index) => ({ headers: jsonHeaders, body: completionBody('second time lucky'), cutAfterBytes: index === 0 ? 30 : undefined }));
    const response = await harness.client({ retry: quickRetries }).completion(chat(server));
    assert.equal(response.choices[0]?.message.content, 'second time lucky');
    assert.equal(server.requests.length, 2);
  });
});

describe('http: bodies', () => {
  const harness = useHarness();

  for (const encoding of ['gzip', 'deflate', 'br'] as const) {
    it(`decodes a ${encoding} JSON body`, async () => {
      const server = await harness.server(() => ({ headers: jsonHeaders, body: completionBody(`packed with ${encoding}`), encoding, delivery: { seed: 3, pieces: 9 } }));
      const response = await harness.client().completion(chat(server));
      assert.equal(response.choices[0]?.message.content, `packed with ${encoding}`);
      assert.equal(server.requests[0]?.headers['accept-encoding'], 'gzip, deflate, br');
    });

    it(`decodes a ${encoding} event stream split at odd places`, async () => {
      const server = await harness.server(() => ({ headers: sseHeaders, body: sseBody(chunksOf(words)), encoding, delivery: 'bytes' }));
      const { chunks, error } = await drain(await harness.client().completion(chat(server, { stream: true })));
      assert.equal(error, undefined);
      assert.equal(textOf(chunks), words.join(''));
    });
  }

  it('turns an HTML 502 page into ServiceUnavailableError naming the page title', async () => {
    const server = await harness.server(() => ({ status: 502, headers: { 'content-type': 'text/html' }, body: nginx502 }));
    const error = await rejection(harness.client({ retry: quickRetries }).completion(chat(server)));
    assert.ok(error instanceof ServiceUnavailableError, `got ${String(error)}`);
    assert.match(error.message, /502 Bad Gateway/);
    assert.doesNotMatch(error.message, /JSON|Unexpected token|<html|<center/);
    assert.equal(error.attempts, 3);
  });

  it('turns a 200 that is not JSON into a readable APIError, not retried', async () => {
    const page = '<!doctype html><html><head><title>Open WebUI</title></head><body><div id="app"></div></body></html>';
    const server = await harness.server(() => ({ status: 200, headers: { 'content-type': 'text/html' }, body: page }));
    const error = await rejection(harness.client({ retry: quickRetries }).completion(chat(server)));
    assert.ok(error instanceof APIError, `got ${String(error)}`);
    assert.equal(error.constructor, APIError);
    assert.match(error.message, /answered 200 with something that is not JSON: an HTML page: Open WebUI/);
    assert.doesNotMatch(error.message, /Unexpected token/);
    assert.equal(server.requests.length, 1);
  });

  it('rejects a stream answered by a 200 HTML page instead of ending silently with no chunks', async () => {
    // A base URL missing its /v1 often reaches a web UI that answers every path with its page.
    const page = '<!doctype html><html><head><title>Open WebUI</title></head><body><div id="app"></div></body></html>';
    const server = await harness.server(() => ({ status: 200, headers: { 'content-type': 'text/html' }, body: page }));
    const error = await rejection(harness.client({ retry: quickRetries }).completion(chat(server, { stream: true })));
    assert.ok(error instanceof APIError, `got ${String(error)}`);
    assert.match(error.message, /not an event stream: an HTML page: Open WebUI/);
    assert.equal(server.requests.length, 1);
  });

  it('rejects a stream whose 200 body is empty', async () => {
    const server = await harness.server(() => ({ status: 200, headers: sseHeaders, body: '' }));
    const error = await rejection(harness.client().completion(chat(server, { stream: true })));
    assert.ok(error instanceof APIError, `got ${String(error)}`);
    assert.match(error.message, /\(empty body\)/);
  });

  it('accepts a stream of only [DONE] as an empty answer', async () => {
    const server = await harness.server(() => ({ status: 200, headers: sseHeaders, body: 'data: [DONE]\n\n' }));
    const { chunks, error } = await drain(await harness.client().completion(chat(server, { stream: true })));
    assert.deepStrictEqual({ chunks, error }, { chunks: [], error: undefined });
  });
});
