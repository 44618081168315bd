/**
 * Anthropic's errors, recorded and documented, served by a real loopback server: each must become
 * the right class with Anthropic's status, type, request id and message, be retried or not as it
 * deserves, keep what a stream delivered before it, and never carry the key.
 */

import assert from 'node:assert/strict';
import { LLMError } from '../../src/core';
import { deliveries, loadFixture } from '../helpers/fixtures';
import { assertKeyAbsent, drain, quickRetries, rejection, useHarness } from '../helpers/llmHarness';
import type { Reply } from '../helpers/wireServer';
import { anthropicCall, anthropicSse, apiKey, jsonHeaders, sseHeaders } from './anthropicSupport';

interface ErrorFacts {
  name: string;
  status_code: number;
  type: string | undefined;
  retryable: boolean;
  retry_after: number | undefined;
  request_id: string | undefined;
  llm_provider: string | undefined;
  model: string | undefined;
}

function factsOf(error: unknown): ErrorFacts {
  assert.ok(error instanceof LLMError, `expected an LLMError, got ${String(error)}`);
  return {
    name: error.name,
    status_code: error.status_code,
    type: error.type,
    retryable: error.retryable,
    retry_after: error.retry_after,
    request_id: error.request_id,
    llm_provider: error.llm_provider,
    model: error.model,
  };
}

interface RecordedCase {
  fixture: string;
  /** Headers a live answer carries that the recording did not keep. */
  headers?: Record<string, string>;
  facts: Omit<ErrorFacts, 'llm_provider' | 'model'>;
}

const recorded: RecordedCase[] = [
  {
    fixture: 'anthropic/error_400_invalid_request',
    facts: { name: 'BadRequestError', status_code: 400, type: 'invalid_request_error', retryable: false, retry_after: undefined, request_id: 'req_011Ca7jT9AHpgXgdv8igm4z9' },
  },
  {
    fixture: 'anthropic/error_401_authentication',
    headers: { 'request-id': 'req_018EeWyXxfu5pfWkrYcMdjWG' },
    facts: { name: 'AuthenticationError', status_code: 401, type: 'authentication_error', retryable: false, retry_after: undefined, request_id: 'req_018EeWyXxfu5pfWkrYcMdjWG' },
  },
  {
    fixture: 'anthropic/error_404_not_found',
    facts: { name: 'NotFoundError', status_code: 404, type: 'not_found_error', retryable: false, retry_after: undefined, request_id: 'req_011CdufXo8Y2LVfY2veyuQWG' },
  },
  {
    // Anthropic documents `retry-after` on 429; the recording kept no headers, so one is added.
    fixture: 'anthropic/error_429_rate_limit',
    headers: { 'retry-after': '7' },
    facts: { name: 'RateLimitError', status_code: 429, type: 'rate_limit_error', retryable: true, retry_after: 7, request_id: undefined },
  },
  {
    fixture: 'anthropic/error_529_overloaded',
    facts: { name: 'ServiceUnavailableError', status_code: 529, type: 'overloaded_error', retryable: true, retry_after: undefined, request_id: undefined },
  },
];

describe('Anthropic wire: errors', () => {
  const harness = useHarness();

  for (const { fixture: name, headers, facts } of recorded) {
    for (const stream of [false, true]) {
      it(`${name} → ${facts.name} (${stream ? 'stream' : 'whole'} request)`, async () => {
        const fixture = loadFixture(name);
        const server = await harness.server(() => ({ ...fixture.reply({ seed: 11 }), headers: { ...fixture.meta.headers, ...headers } }));
        const client = harness.client({ retry: { maxRetries: 0 } });
        const error = await rejection(client.completion({ ...anthropicCall(server), stream }));
        assert.deepStrictEqual(factsOf(error), { ...facts, llm_provider: 'anthropic', model: 'anthropic/claude-sonnet-4-5' });
        const message = (fixture.meta.expected.error as { message: string }).message;
        assert.equal((error as Error).message, `Anthropic (${facts.status_code}): ${message}`);
        assertKeyAbsent(error, apiKey);
        assert.equal(server.requests.length, 1);
      });
    }
  }

  // Hand-made bodies in Anthropic's documented envelope, with the messages its API sends.
  const documented: { label: string; status: number; body: object; name: string }[] = [
    {
      label: 'a prompt over the context window',
      status: 400,
      body: { type: 'error', error: { type: 'invalid_request_error', message: 'prompt is too long: 208310 tokens > 200000 maximum' }, request_id: 'req_1' },
      name: 'ContextWindowExceededError',
    },
    {
      label: 'input plus max_tokens over the context window',
      status: 400,
      body: { type: 'error', error: { type: 'invalid_request_error', message: 'input length and `max_tokens` exceed context limit: 188240 + 21333 > 200000, decrease input length or `max_tokens` and try again' } },
      name: 'ContextWindowExceededError',
    },
    {
      label: 'a request over 32 MB',
      status: 413,
      body: { type: 'error', error: { type: 'request_too_large', message: 'Request exceeds the maximum allowed number of bytes.' } },
      name: 'BadRequestError',
    },
    { label: 'a key without access', status: 403, body: { type: 'error', error: { type: 'permission_error', message: 'Your API key does not have permission to use the specified resource.' } }, name: 'PermissionDeniedError' },
    { label: 'an internal error', status: 500, body: { type: 'error', error: { type: 'api_error', message: 'Internal server error' } }, name: 'InternalServerError' },
  ];
  for (const { label, status, body, name } of documented) {
    it(`${label} (${status}) → ${name}`, async () => {
      const server = await harness.server(() => ({ status, headers: jsonHeaders, body: JSON.stringify(body) }));
      const error = await rejection(harness.client({ retry: { maxRetries: 0 } }).completion(anthropicCall(server)));
      assert.ok(error instanceof LLMError);
      assert.deepStrictEqual({ name: error.name, status_code: error.status_code }, { name, status_code: status });
    });
  }

  it('a key echoed back in an error body is redacted', async () => {
    const server = await harness.server(() => ({
      status: 401,
      headers: jsonHeaders,
      body: JSON.stringify({ type: 'error', error: { type: 'authentication_error', message: `invalid x-api-key: ${apiKey}` } }),
    }));
    const error = await rejection(harness.client().completion(anthropicCall(server)));
    assert.ok(error instanceof LLMError && error.message.includes('[redacted]'), String(error));
    assertKeyAbsent(error, apiKey);
  });

  it('an overloaded 529 is retried, and the retry answers', async () => {
    const overloaded = loadFixture('anthropic/error_529_overloaded');
    const answer = loadFixture('anthropic/messages_nonstream_cache_read');
    const server = await harness.server((_request, index) => (index === 0 ? overloaded.reply() : answer.reply()));
    const response = await harness.client({ retry: quickRetries }).completion(anthropicCall(server));
    assert.equal(response.id, 'msg_01UUPT9QdZnZSRzcQJkjG25U');
    assert.equal(server.requests.length, 2);
  });

  for (const { label, delivery } of deliveries) {
    it(`an error event before any output rejects the call as overloaded and is retried (${label})`, async () => {
      const errorOnly = loadFixture('anthropic/messages_stream_error_event_overloaded');
      const answer = loadFixture('anthropic/messages_stream_text_with_ping');
      const server = await harness.server((_request, index) => (index === 0 ? errorOnly.reply(delivery) : answer.reply(delivery)));
      const stream = await harness.client({ retry: quickRetries }).completion(anthropicCall(server, { stream: true }));
      const { chunks, error } = await drain(stream);
      assert.equal(error, undefined);
      assert.equal(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), 'Hello there!');
      assert.equal(server.requests.length, 2);
    });
  }

  it('an error event before any output, not retried, is a ServiceUnavailableError with Anthropic\'s words', async () => {
    const fixture = loadFixture('anthropic/messages_stream_error_event_overloaded');
    const server = await harness.server(() => fixture.reply());
    const error = await rejection(harness.client({ retry: { maxRetries: 0 } }).completion(anthropicCall(server, { stream: true })));
    assert.deepStrictEqual(factsOf(error), {
      name: 'ServiceUnavailableError',
      status_code: 529,
      type: 'overloaded_error',
      retryable: true,
      retry_after: undefined,
      request_id: undefined,
      llm_provider: 'anthropic',
      model: 'anthropic/claude-sonnet-4-5',
    });
    assert.equal((error as Error).message, 'Anthropic reported an error mid-stream (overloaded_error): Overloaded');
  });

  for (const { label, delivery } of deliveries) {
    it(`an error event after output keeps the partial text and is not a clean finish (${label})`, async () => {
      const fixture = loadFixture('anthropic/messages_stream_midstream_overloaded_error');
      const server = await harness.server(() => fixture.reply(delivery));
      const stream = await harness.client({ retry: quickRetries }).completion(anthropicCall(server, { stream: true }));
      const { chunks, error } = await drain(stream);
      assert.ok(error instanceof LLMError);
      assert.deepStrictEqual([error.name, error.type, error.retryable], ['ServiceUnavailableError', 'overloaded_error', true]);
      assert.equal(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), 'Hello');
      const partial = error.partial_response?.choices[0];
      assert.deepStrictEqual({ content: partial?.message.content, finish_reason: partial?.finish_reason }, { content: 'Hello', finish_reason: null });
      // Output had begun: the client must not have retried.
      assert.equal(server.requests.length, 1);
    });
  }

  const inStream: { type: string; name: string; status: number }[] = [
    { type: 'api_error', name: 'InternalServerError', status: 500 },
    { type: 'rate_limit_error', name: 'RateLimitError', status: 429 },
    { type: 'invalid_request_error', name: 'BadRequestError', status: 400 },
    { type: 'some_future_error', name: 'InternalServerError', status: 500 },
  ];
  for (const { type, name, status } of inStream) {
    it(`an in-stream ${type} after output → ${name}`, async () => {
      // Hand-made in the documented form of a mid-stream error event.
      const body = anthropicSse([
        { type: 'message_start', message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [], stop_reason: null, usage: { input_tokens: 5, output_tokens: 1 } } },
        { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
        { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Partial' } },
        { type: 'error', error: { type, message: 'Something went wrong' } },
      ]);
      const server = await harness.server((): Reply => ({ status: 200, headers: sseHeaders, body }));
      const { chunks, error } = await drain(await harness.client({ retry: { maxRetries: 0 } }).completion(anthropicCall(server, { stream: true })));
      assert.ok(error instanceof LLMError);
      assert.deepStrictEqual([error.name, error.status_code, error.type], [name, status, type]);
      assert.equal(chunks[0]?.choices[0]?.delta.content, 'Partial');
    });
  }

  it('a stream that ends without message_stop is an error, the partial text kept', async () => {
    // Hand-made: the start of a documented stream, then the body ends (a proxy cut it short).
    const body = anthropicSse([
      { type: 'message_start', message: { id: 'msg_cut', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [], stop_reason: null, usage: { input_tokens: 5, output_tokens: 1 } } },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Half an ans' } },
    ]);
    const server = await harness.server(() => ({ status: 200, headers: sseHeaders, body }));
    const { chunks, error } = await drain(await harness.client({ retry: { maxRetries: 0 } }).completion(anthropicCall(server, { stream: true })));
    assert.ok(error instanceof LLMError);
    assert.equal(error.name, 'APIConnectionError');
    assert.equal(error.partial_response?.choices[0]?.message.content, 'Half an ans');
    assert.equal(chunks.length, 1);
  });
});
