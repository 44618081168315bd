/**
 * Retries and fallbacks through the public client against a real loopback server: which statuses
 * are retried, how long the client waits (measured on the server's clock), when it gives up, and
 * which model answers after a failure.
 */

import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import {
  AbortError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  LLMError,
  NotFoundError,
  RateLimitError,
  ServiceUnavailableError,
  type ModelResponse,
} from '../../src/core';
import { loadFixture } from '../helpers/fixtures';
import { apiKey, chat, completionBody, eventually, jsonHeaders, quickRetries, rejection, useHarness } from '../helpers/llmHarness';
import type { Reply, WireServer } from '../helpers/wireServer';

const ok: Reply = { status: 200, headers: jsonHeaders, body: completionBody('fine') };

function failure(status: number, headers: Record<string, string> = {}): Reply {
  return { status, headers: { ...jsonHeaders, ...headers }, body: JSON.stringify({ error: { message: `status ${status}`, type: 'server_error', code: null } }) };
}

/** Milliseconds between the arrivals of consecutive requests. */
function gaps(server: WireServer): number[] {
  return server.requests.slice(1).map((request, index) => request.receivedAt - (server.requests[index]?.receivedAt ?? 0));
}

function answer(response: ModelResponse): string | null | undefined {
  return response.choices[0]?.message.content;
}

describe('retries', () => {
  const harness = useHarness();

  it('waits the Retry-After seconds of a 429, then succeeds on the second request', async () => {
    const server = await harness.server((_, index) => (index === 0 ? failure(429, { 'retry-after': '1' }) : ok));
    const response = await harness.client().completion(chat(server));
    assert.equal(answer(response), 'fine');
    assert.equal(server.requests.length, 2);
    const [gap] = gaps(server);
    assert.ok(gap !== undefined && gap >= 995, `retried after ${gap} ms, before the 1 s the server asked for`);
  });

  it('honours retry-after-ms, which wins over retry-after', async () => {
    const server = await harness.server((_, index) => (index === 0 ? failure(429, { 'retry-after-ms': '200', 'retry-after': '30' }) : ok));
    const response = await harness.client().completion(chat(server));
    assert.equal(answer(response), 'fine');
    const [gap] = gaps(server);
    assert.ok(gap !== undefined && gap >= 195 && gap < 1000, `retried after ${gap} ms, not the 200 ms asked for`);
  });

  const retried: [number, string][] = [
    [408, 'Timeout'],
    [409, 'APIError'],
    [500, 'InternalServerError'],
    [502, 'ServiceUnavailableError'],
    [503, 'ServiceUnavailableError'],
    [529, 'ServiceUnavailableError'],
  ];
  for (const [status, name] of retried) {
    it(`retries ${status} with growing backoff, then throws ${name} with the attempts made`, async () => {
      const server = await harness.server(() => failure(status));
      const client = harness.client({ retry: { initialDelaySeconds: 0.1, maxDelaySeconds: 1 } });
      const error = await rejection(client.completion(chat(server, { num_retries: 2 })));
      assert.ok(error instanceof LLMError);
      assert.deepStrictEqual(
        { name: error.name, status: error.status_code, attempts: error.attempts, requests: server.requests.length },
        { name, status, attempts: 3, requests: 3 },
      );
      assert.match(error.message, new RegExp(`status ${status}`));
      const [first, second] = gaps(server);
      // 0.1 s then 0.2 s, less up to 25% jitter.
      assert.ok(first !== undefined && first >= 70, `first retry after ${first} ms`);
      assert.ok(second !== undefined && second >= 145 && second > first, `second retry after ${second} ms (first ${first} ms)`);
    });
  }

  it('throws the typed class for 500 and 503', async () => {
    const server = await harness.server((request) => failure(request.url.includes('a500') ? 500 : 503));
    const client = harness.client({ retry: quickRetries });
    assert.ok((await rejection(client.completion(chat(`${server.url}/a500`)))) instanceof InternalServerError);
    assert.ok((await rejection(client.completion(chat(`${server.url}/a503`)))) instanceof ServiceUnavailableError);
  });

  it('sends one request with num_retries: 0', async () => {
    const server = await harness.server(() => failure(503));
    const error = await rejection(harness.client().completion(chat(server, { num_retries: 0 })));
    assert.ok(error instanceof ServiceUnavailableError);
    assert.equal(error.attempts, 1);
    assert.equal(server.requests.length, 1);
  });

  it('does not wait for a retry-after longer than 60 s, and hands the hint to the caller', async () => {
    const server = await harness.server(() => failure(429, { 'retry-after': '120' }));
    const started = performance.now();
    const error = await rejection(harness.client().completion(chat(server)));
    assert.ok(error instanceof RateLimitError);
    assert.deepStrictEqual({ retry_after: error.retry_after, attempts: error.attempts, requests: server.requests.length }, { retry_after: 120, attempts: 1, requests: 1 });
    assert.ok(performance.now() - started < 1000);
  });

  it('does not retry a 429 for exhausted quota (billing, not load)', async () => {
    const fixture = loadFixture('openai/error_429_insufficient_quota');
    const server = await harness.server(() => fixture.reply());
    const error = await rejection(harness.client({ retry: quickRetries }).completion(chat(server)));
    assert.ok(error instanceof RateLimitError);
    assert.deepStrictEqual(
      { retryable: error.retryable, code: error.code, attempts: error.attempts, requests: server.requests.length },
      { retryable: false, code: 'insufficient_quota', attempts: 1, requests: 1 },
    );
  });

  const neverRetried: [string, new (...args: never[]) => LLMError][] = [
    ['openai/error_400_unsupported_value', BadRequestError],
    ['openai/error_401_invalid_api_key', AuthenticationError],
    ['openai/error_404_model_not_found', NotFoundError],
  ];
  for (const [id, ErrorClass] of neverRetried) {
    it(`never retries ${id.split('/')[1] ?? id}`, async () => {
      const fixture = loadFixture(id);
      const server = await harness.server(() => fixture.reply());
      const error = await rejection(harness.client({ retry: quickRetries }).completion(chat(server, { num_retries: 3 })));
      assert.ok(error instanceof ErrorClass, `got ${String(error)}`);
      assert.equal(error.status_code, fixture.meta.status);
      assert.equal(server.requests.length, 1);
    });
  }

  it('stops waiting when the caller aborts during the backoff sleep', async () => {
    const server = await harness.server(() => failure(429, { 'retry-after': '5' }));
    const controller = new AbortController();
    const pending = rejection(harness.client().completion(chat(server, { signal: controller.signal })));
    await eventually(() => server.requests.length === 1, 'the first request');
    // The 429 goes out at once; by now the client sleeps its 5 s.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    controller.abort();
    const error = await pending;
    const elapsed = performance.now() - started;
    assert.ok(error instanceof AbortError);
    assert.equal(error.name, 'AbortError');
    assert.ok(elapsed < 100, `rejected ${elapsed} ms after the abort`);
    assert.equal(server.requests.length, 1);
  });
});

describe('fallbacks', () => {
  const harness = useHarness();

  it('answers from the fallback model when the first one fails with 500', async () => {
    const server = await harness.server((request) => {
      const model = (request.json as { model?: string }).model;
      return model === 'other-model' ? { ...ok, body: completionBody('from the fallback', 'other-model') } : failure(500);
    });
    const response = await harness.client().completion(chat(server, { num_retries: 0, fallbacks: ['openai/other-model'] }));
    assert.equal(answer(response), 'from the fallback');
    assert.deepStrictEqual(
      server.requests.map((request) => [(request.json as { model?: string }).model, request.headers['authorization']]),
      [
        ['gpt-4o-mini', `Bearer ${apiKey}`],
        ['other-model', `Bearer ${apiKey}`],
      ],
    );
    assert.equal(response._hidden_params?.model, 'openai/other-model');
  });

  it('does not give the key or base URL of one provider to a fallback on another', async () => {
    const primary = await harness.server(() => failure(500));
    const local = await harness.server(() => ({ ...ok, body: completionBody('from LM Studio') }));
    // LM Studio needs no key: had the OpenAI key been inherited, it would show here.
    const response = await harness.client().completion(
      chat(primary, { num_retries: 0, fallbacks: [{ model: 'lmstudio/qwen', api_base: `${local.url}/v1` }] }),
    );
    assert.equal(answer(response), 'from LM Studio');
    assert.equal(local.requests[0]?.headers['authorization'], undefined);

    // xAI needs a key: without one of its own the fallback fails before any request, rather than
    // send the OpenAI key to api.x.ai.
    const error = await rejection(harness.client().completion(chat(primary, { num_retries: 0, fallbacks: ['xai/grok-4'] })));
    assert.ok(error instanceof AuthenticationError);
    assert.match(error.message, /No API key for xAI/);
  });

  it('does not fall back when the caller aborts', async () => {
    const slow = await harness.server(() => ({ ...ok, delayHeadersMs: 2000 }));
    const fallback = await harness.server(() => ok);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await rejection(
      harness.client().completion(chat(slow, { signal: controller.signal, fallbacks: [{ model: 'openai/other-model', api_base: `${fallback.url}/v1` }] })),
    );
    assert.ok(error instanceof AbortError);
    assert.equal(fallback.requests.length, 0);
  });
});
