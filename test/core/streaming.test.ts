/**
 * Streams through the public client against a real loopback server: retried before output, never
 * after; a failure after output keeps the partial text; odd bodies (a malformed event, a huge
 * event, no `[DONE]`) end in a typed error or a clean end; many streams share one client.
 */

import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { APIConnectionError, APIError, LLMError, Timeout } from '../../src/core';
import { loadFixture } from '../helpers/fixtures';
import {
  chat,
  chunksOf,
  drain,
  quickRetries,
  rejection,
  secondsSince,
  sseBody,
  sseHeaders,
  textOf,
  useHarness,
} from '../helpers/llmHarness';

const words = ['Once', ' upon', ' a', ' time', ' there', ' was', ' a', ' stream', '.'];

/** The byte length of the first `count` events of `body`: a cut there falls between events. */
function afterEvents(body: string, count: number): number {
  let end = 0;
  for (let i = 0; i < count; i++) {
    end = body.indexOf('\n\n', end) + 2;
  }
  return Buffer.byteLength(body.slice(0, end));
}

function partialText(error: unknown): string | null | undefined {
  assert.ok(error instanceof LLMError, `expected an LLMError, got ${String(error)}`);
  return error.partial_response?.choices[0]?.message.content;
}

describe('streaming', () => {
  const harness = useHarness();

  it('does not retry a stream that failed after output, and keeps the text received', async () => {
    const body = sseBody(chunksOf(words));
    // Mid-event, after three whole events: the half event must not show up as text.
    const server = await harness.server(() => ({ headers: sseHeaders, body, cutAfterBytes: afterEvents(body, 3) + 20 }));
    const stream = await harness.client({ retry: quickRetries }).completion(chat(server, { stream: true, num_retries: 3 }));
    const { chunks, error } = await drain(stream);
    assert.ok(error instanceof APIConnectionError, `got ${String(error)}`);
    assert.match(error.message, /closed the connection/);
    assert.equal(textOf(chunks), 'Once upon a');
    assert.equal(partialText(error), 'Once upon a');
    assert.equal(server.requests.length, 1);
  });

  it('retries a 503 before output, and the caller sees one clean stream', async () => {
    const fixture = loadFixture('openai/chat_stream_text_usage');
    const server = await harness.server((_, index) =>
      index === 0 ? { status: 503, headers: { 'content-type': 'application/json' }, body: '{"error":{"message":"overloaded"}}' } : fixture.reply({ seed: 5, pieces: 30 }),
    );
    const stream = await harness.client({ retry: quickRetries }).completion(chat(server, { stream: true }));
    const { chunks, error } = await drain(stream);
    assert.equal(error, undefined);
    assert.equal(textOf(chunks), fixture.meta.expected.text);
    assert.equal(new Set(chunks.map((chunk) => chunk.id)).size, 1);
    assert.equal(chunks.filter((chunk) => chunk.choices[0]?.finish_reason === 'stop').length, 1);
    assert.equal(server.requests.length, 2);
  });

  it('throws Timeout from the iterator when the body stalls, keeps the partial text, and the client still works', async () => {
    const body = sseBody(chunksOf(words));
    const server = await harness.server((_, index) => ({ headers: sseHeaders, body, stallAfterBytes: index === 0 ? afterEvents(body, 2) : undefined }));
    const client = harness.client();
    const stream = await client.completion(chat(server, { stream: true, timeout: 0.4 }));
    const started = performance.now();
    const { chunks, error } = await drain(stream);
    const elapsed = secondsSince(started);
    assert.ok(error instanceof Timeout, `got ${String(error)}`);
    assert.ok(elapsed >= 0.36 && elapsed < 0.6, `timed out after ${elapsed} s (timeout 0.4 s)`);
    assert.equal(textOf(chunks), 'Once upon');
    assert.equal(partialText(error), 'Once upon');

    const next = await drain(await client.completion(chat(server, { stream: true, timeout: 0.4 })));
    assert.equal(next.error, undefined);
    assert.equal(textOf(next.chunks), words.join(''));
  });

  it('rejects a malformed event before output with a typed APIError, without retrying', async () => {
    const server = await harness.server(() => ({ headers: sseHeaders, body: 'data: {"id": "chatcmpl-1", "choices": [\n\n' }));
    const error = await rejection(harness.client({ retry: quickRetries }).completion(chat(server, { stream: true })));
    assert.ok(error instanceof APIError, `got ${String(error)}`);
    assert.match(error.message, /malformed stream event/);
    assert.equal(server.requests.length, 1);
  });

  it('throws a malformed event after output from the iterator, with the partial text', async () => {
    const good = sseBody(chunksOf(words).slice(0, 2), { done: false });
    const server = await harness.server(() => ({ headers: sseHeaders, body: `${good}data: {"choices": [{"delta": {"content": oops}}]}\n\n`, delivery: 'bytes' }));
    const { chunks, error } = await drain(await harness.client().completion(chat(server, { stream: true })));
    assert.ok(error instanceof APIError, `got ${String(error)}`);
    assert.match(error.message, /malformed stream event/);
    assert.equal(textOf(chunks), 'Once upon');
    assert.equal(partialText(error), 'Once upon');
  });

  it('delivers an event larger than 1 MiB intact when limits.eventBytes allows it', async () => {
    // Not one repeated character, so a lost or doubled piece would show.
    const huge = Array.from({ length: 300_000 }, (_, i) => `w${i % 997} `).join('').slice(0, 1_300_000);
    const server = await harness.server(() => ({ headers: sseHeaders, body: sseBody(chunksOf(['start ', huge, ' end'])), delivery: { seed: 11, pieces: 64 } }));
    // 1 MiB is the default cap of one event (test/core/bodyLimits.test.ts); this one is over it.
    const client = harness.client({ limits: { eventBytes: 2 * 1024 * 1024 } });
    const { chunks, error } = await drain(await client.completion(chat(server, { stream: true })));
    assert.equal(error, undefined);
    assert.ok(Buffer.byteLength(huge) > 1024 * 1024);
    assert.equal(textOf(chunks), `start ${huge} end`);
  });

  it('ends cleanly with every chunk when [DONE] never comes', async () => {
    const server = await harness.server(() => ({ headers: sseHeaders, body: sseBody(chunksOf(words), { done: false }), delivery: 'bytes' }));
    const stream = await harness.client().completion(chat(server, { stream: true }));
    const { chunks, error } = await drain(stream);
    assert.equal(error, undefined);
    assert.equal(textOf(chunks), words.join(''));
    assert.equal(chunks.at(-1)?.choices[0]?.finish_reason, 'stop');
    assert.equal(stream.response().choices[0]?.message.content, words.join(''));
  });

  it('runs 50 streams in parallel through one client; the one that fails does not disturb the others', async () => {
    const failing = 17;
    const wordsOf = (index: number): string[] => [`#${index}:`, ...words.map((word) => `${word}${index}`)];
    const server = await harness.server((request) => {
      const content = (request.json as { messages: { content: string }[] }).messages[0]?.content ?? '';
      const index = Number(content.replace('stream ', ''));
      const body = sseBody(chunksOf(wordsOf(index), `chatcmpl-${index}`));
      return {
        headers: sseHeaders,
        body,
        delivery: { seed: index + 1, pieces: 8 },
        cutAfterBytes: index === failing ? afterEvents(body, 3) + 5 : undefined,
      };
    });
    const client = harness.client({ retry: quickRetries });
    const results = await Promise.all(
      Array.from({ length: 50 }, async (_, index) => {
        const stream = await client.completion(chat(server, { stream: true, messages: [{ role: 'user', content: `stream ${index}` }] }));
        return drain(stream);
      }),
    );
    const summary = results.map(({ chunks, error }, index) => ({
      index,
      chunks: chunks.length,
      text: textOf(chunks),
      error: error instanceof Error ? error.name : undefined,
    }));
    // Every word is a chunk, and a finish chunk closes each complete stream.
    const expected = summary.map(({ index }) =>
      index === failing
        ? { index, chunks: 3, text: wordsOf(index).slice(0, 3).join(''), error: 'APIConnectionError' }
        : { index, chunks: wordsOf(index).length + 1, text: wordsOf(index).join(''), error: undefined },
    );
    assert.deepStrictEqual(summary, expected);
    assert.equal(partialText(results[failing]?.error), wordsOf(failing).slice(0, 3).join(''));
    assert.equal(server.requests.length, 50);
  });
});
