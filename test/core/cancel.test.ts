/**
 * Cancellation through the caller's AbortSignal and through leaving a `for await` early, against
 * a real loopback server: aborts are quick, never retried, quiet once a stream is under way, and
 * the connection is really closed (the server sees it go).
 */

import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { AbortError } from '../../src/core';
import {
  chat,
  chunksOf,
  completionBody,
  drain,
  eventually,
  jsonHeaders,
  rejection,
  sseBody,
  sseHeaders,
  textOf,
  useHarness,
} from '../helpers/llmHarness';
import type { Reply } from '../helpers/wireServer';

const words = ['one', ' two', ' three', ' four', ' five'];
const body = sseBody(chunksOf(words));
/** Two whole events, then silence with the connection open: a model that is still thinking. */
const twoEventsThenSilence: Reply = { headers: sseHeaders, body, stallAfterBytes: body.indexOf('\n\n', body.indexOf('\n\n') + 2) + 2 };

// The close checks say "at least one": after an abort, undici 7 opens a spare connection and
// closes it again at once (nodejs/undici#5845), so a second close may follow the first.
describe('cancellation', () => {
  const harness = useHarness();

  for (const stream of [false, true]) {
    it(`rejects with AbortError at once when the signal aborts before headers (stream: ${stream})`, async () => {
      const server = await harness.server(() => ({ status: 200, headers: jsonHeaders, body: completionBody('late'), delayHeadersMs: 3000 }));
      const controller = new AbortController();
      const pending = rejection(harness.client().completion(chat(server, { stream, signal: controller.signal, num_retries: 3 })));
      await eventually(() => server.requests.length === 1, 'the request to arrive');
      const started = performance.now();
      controller.abort();
      const error = await pending;
      const elapsed = performance.now() - started;
      assert.ok(error instanceof AbortError, `got ${String(error)}`);
      assert.equal(error.name, 'AbortError');
      assert.ok(elapsed < 200, `took ${elapsed} ms after the abort`);
      assert.equal(server.requests.length, 1);
      await eventually(() => server.closedConnections() >= 1, 'the connection to close');
    });
  }

  it('rejects with AbortError when the signal aborts while an error body is still arriving', async () => {
    const body = JSON.stringify({ error: { message: 'bad request', type: 'invalid_request_error' } });
    const server = await harness.server(() => ({ status: 400, headers: jsonHeaders, body, stallAfterBytes: 5 }));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await rejection(harness.client().completion(chat(server, { signal: controller.signal, timeout: 5 })));
    assert.ok(error instanceof AbortError, `got ${String(error)}`);
  });

  it('sends nothing when the signal was aborted already', async () => {
    const server = await harness.server(() => ({ status: 200, headers: jsonHeaders, body: completionBody('never') }));
    const error = await rejection(harness.client().completion(chat(server, { signal: AbortSignal.abort() })));
    assert.ok(error instanceof AbortError);
    assert.equal(server.requests.length, 0);
  });

  it('ends a stream quietly when the signal aborts while the iterator waits, and closes the connection', async () => {
    const server = await harness.server(() => twoEventsThenSilence);
    const controller = new AbortController();
    const stream = await harness.client().completion(chat(server, { stream: true, signal: controller.signal, timeout: 5 }));
    setTimeout(() => controller.abort(), 150);
    const started = performance.now();
    const { chunks, error } = await drain(stream);
    assert.equal(error, undefined);
    assert.equal(textOf(chunks), 'one two');
    assert.ok(performance.now() - started < 1000);
    await eventually(() => server.closedConnections() >= 1, 'the connection to close');
  });

  it('ends a stream quietly when the signal aborted between two reads', async () => {
    const server = await harness.server(() => twoEventsThenSilence);
    const controller = new AbortController();
    const stream = await harness.client().completion(chat(server, { stream: true, signal: controller.signal, timeout: 5 }));
    const seen: string[] = [];
    for await (const chunk of stream) {
      seen.push(chunk.choices[0]?.delta.content ?? '');
      if (seen.length === 1) {
        controller.abort();
      }
    }
    // The chunk already decoded in the same read may still come; nothing after the abort is read.
    assert.ok(seen.length <= 2, `got ${seen.length} chunks`);
    await eventually(() => server.closedConnections() >= 1, 'the connection to close');
  });

  it('closes the connection when the caller breaks out of for await', async () => {
    const server = await harness.server(() => twoEventsThenSilence);
    const stream = await harness.client().completion(chat(server, { stream: true, timeout: 5 }));
    for await (const chunk of stream) {
      assert.equal(chunk.choices[0]?.delta.content, 'one');
      break;
    }
    await eventually(() => server.closedConnections() >= 1, 'the connection to close');
    // Single use: a second loop is refused instead of silently yielding nothing.
    assert.throws(() => stream[Symbol.asyncIterator](), /only once/);
  });

  it('closes the connection on cancel(), and iteration then ends at once', async () => {
    const server = await harness.server(() => twoEventsThenSilence);
    const stream = await harness.client().completion(chat(server, { stream: true, timeout: 5 }));
    stream.cancel();
    await eventually(() => server.closedConnections() >= 1, 'the connection to close');
    const { chunks, error } = await drain(stream);
    assert.equal(error, undefined);
    assert.ok(chunks.length <= 2);
  });

  it('ends quietly when cancel() is called while the iterator waits for the server', async () => {
    const server = await harness.server(() => twoEventsThenSilence);
    const stream = await harness.client().completion(chat(server, { stream: true, timeout: 5 }));
    setTimeout(() => stream.cancel(), 150);
    const { chunks, error } = await drain(stream);
    assert.equal(error, undefined);
    assert.equal(textOf(chunks), 'one two');
    await eventually(() => server.closedConnections() >= 1, 'the connection to close');
  });

  it('keeps a finished stream’s connection for the next request', async () => {
    const server = await harness.server(() => ({ headers: sseHeaders, body }));
    const client = harness.client();
    for (let i = 0; i < 2; i++) {
      const { chunks, error } = await drain(await client.completion(chat(server, { stream: true })));
      assert.equal(error, undefined);
      assert.equal(textOf(chunks), words.join(''));
    }
    // Guards the close checks above: a stream read to its end does not close its socket.
    assert.equal(server.closedConnections(), 0);
  });
});
