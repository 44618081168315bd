/**
 * Gemini's errors served by a real loopback server: Google's envelope becomes the right class
 * (a 400 with reason API_KEY_INVALID is an AuthenticationError), `RetryInfo.retryDelay` in the
 * body becomes `retry_after` and the client waits that long before it retries, errors inside a
 * stream keep the partial answer, and the key is never in an error.
 */

import assert from 'node:assert/strict';
import { LLMError, streamChunkBuilder, type ModelResponseChunk } from '../../src/core';
import { assertKeyAbsent, drain, secondsSince, useHarness } from '../helpers/llmHarness';
import { loadFixture } from '../helpers/fixtures';
import { geminiCall, geminiKey, geminiSse, jsonHeaders, sseHeaders } from './geminiHelpers';

interface ErrorCase {
  fixture: string;
  stream: boolean;
  name: string;
  status: number;
  code: string;
  type: string;
  retryable: boolean;
  retryAfter: number | undefined;
}

const recorded: ErrorCase[] = [
  { fixture: 'gemini/error_400_invalid_argument_api_key', stream: true, name: 'AuthenticationError', status: 400, code: 'API_KEY_INVALID', type: 'INVALID_ARGUMENT', retryable: false, retryAfter: undefined },
  { fixture: 'gemini/error_404_not_found', stream: false, name: 'NotFoundError', status: 404, code: 'NOT_FOUND', type: 'NOT_FOUND', retryable: false, retryAfter: undefined },
  { fixture: 'gemini/error_429_resource_exhausted', stream: true, name: 'RateLimitError', status: 429, code: 'RESOURCE_EXHAUSTED', type: 'RESOURCE_EXHAUSTED', retryable: true, retryAfter: undefined },
  { fixture: 'gemini/error_429_retry_info', stream: false, name: 'RateLimitError', status: 429, code: 'RESOURCE_EXHAUSTED', type: 'RESOURCE_EXHAUSTED', retryable: true, retryAfter: 34.4 },
];

function googleError(code: number, status: string, message: string, details: object[] = []): string {
  return JSON.stringify({ error: { code, message, status, details } });
}

async function failure(work: Promise<unknown>): Promise<LLMError> {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof LLMError, `expected an LLMError, got ${String(error)}`);
  assertKeyAbsent(error, geminiKey);
  return error;
}

describe('Gemini wire: errors', () => {
  // No retries: each recorded case must be one request, so the class and flags are what we check.
  const harness = useHarness({ retry: { maxRetries: 0 } });

  for (const expected of recorded) {
    it(`${expected.fixture} → ${expected.name}`, async () => {
      const fixture = loadFixture(expected.fixture);
      const server = await harness.server(() => ({ ...fixture.reply({ seed: 11 }), headers: { ...fixture.meta.headers, 'x-request-id': 'req-gemini-1' } }));
      const client = harness.client();
      const call = expected.stream ? client.completion(geminiCall(server, { stream: true })) : client.completion(geminiCall(server));
      const error = await failure(call);
      const recordedError = fixture.meta.expected.error as { message: string };
      assert.deepStrictEqual(
        { name: error.name, status: error.status_code, code: error.code, type: error.type, retryable: error.retryable, retry_after: error.retry_after, request_id: error.request_id, provider: error.llm_provider, message: error.message },
        {
          name: expected.name,
          status: expected.status,
          code: expected.code,
          type: expected.type,
          retryable: expected.retryable,
          retry_after: expected.retryAfter,
          request_id: 'req-gemini-1',
          provider: 'gemini',
          message: `Gemini (${expected.status}): ${recordedError.message}`,
        },
      );
      assert.equal(server.requests.length, 1);
    });
  }

  it('waits for RetryInfo.retryDelay, then the retry succeeds', async () => {
    // Hand-made variant of the recorded 429: the same body with a 1 s delay instead of 34.4 s.
    const limited = loadFixture('gemini/error_429_retry_info');
    const answer = loadFixture('gemini/generate_content_text_safety_ratings');
    const body = limited.body.toString('utf8').replace('"34.4s"', '"1s"');
    assert.ok(body.includes('"1s"'));
    const server = await harness.server((_request, index) => (index === 0 ? { status: 429, headers: jsonHeaders, body } : answer.reply()));
    const retrying = harness.client({ retry: { maxRetries: 2, initialDelaySeconds: 0.01, maxDelaySeconds: 0.02 } });
    const start = performance.now();
    const response = await retrying.completion(geminiCall(server));
    assert.equal(response.choices[0]?.message.content, answer.meta.expected.text);
    assert.equal(server.requests.length, 2);
    const waited = ((server.requests[1]?.receivedAt ?? 0) - (server.requests[0]?.receivedAt ?? 0)) / 1000;
    assert.ok(waited >= 0.95 && waited < 3, `waited ${waited.toFixed(2)} s between attempts, expected about 1 s`);
    assert.ok(secondsSince(start) >= 0.95);
  });

  it('a retryDelay longer than the client accepts fails at once, carrying the hint', async () => {
    const fixture = loadFixture('gemini/error_429_retry_info');
    const server = await harness.server(() => fixture.reply());
    const impatient = harness.client({ retry: { maxRetries: 2, maxRetryAfterSeconds: 10 } });
    const error = await failure(impatient.completion(geminiCall(server)));
    assert.deepStrictEqual([error.name, error.retry_after, error.attempts, server.requests.length], ['RateLimitError', 34.4, 1, 1]);
  });

  it('maps the other statuses Google sends', async () => {
    // Hand-made bodies in Google's documented envelope (google.rpc.Status).
    const replies = [
      { status: 403, body: googleError(403, 'PERMISSION_DENIED', 'Method doesn\'t allow unregistered callers.') },
      { status: 403, body: googleError(403, 'PERMISSION_DENIED', 'Requests to this API are blocked.', [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_SERVICE_BLOCKED', domain: 'googleapis.com' }]) },
      { status: 400, body: googleError(400, 'INVALID_ARGUMENT', 'The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).') },
      { status: 400, body: googleError(400, 'INVALID_ARGUMENT', '* GenerateContentRequest.contents: contents is not specified\n') },
      { status: 500, body: googleError(500, 'INTERNAL', 'An internal error has occurred.') },
      { status: 503, body: googleError(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.') },
      { status: 502, body: '<html><title>502 Bad Gateway</title></html>' },
    ];
    const server = await harness.server((_request, index) => ({ ...replies[index], headers: index === 6 ? { 'content-type': 'text/html' } : jsonHeaders }));
    const client = harness.client();
    const seen: [string, number, boolean, string | undefined][] = [];
    for (let i = 0; i < replies.length; i++) {
      const error = await failure(client.completion(geminiCall(server)));
      seen.push([error.name, error.status_code, error.retryable, error.code]);
    }
    assert.deepStrictEqual(seen, [
      ['PermissionDeniedError', 403, false, 'PERMISSION_DENIED'],
      ['PermissionDeniedError', 403, false, 'API_KEY_SERVICE_BLOCKED'],
      ['ContextWindowExceededError', 400, false, 'INVALID_ARGUMENT'],
      ['BadRequestError', 400, false, 'INVALID_ARGUMENT'],
      ['InternalServerError', 500, true, 'INTERNAL'],
      ['ServiceUnavailableError', 503, true, 'UNAVAILABLE'],
      ['ServiceUnavailableError', 502, true, undefined],
    ]);
  });

  it('a 503 before any output is retried, and the retry answers', async () => {
    const answer = loadFixture('gemini/stream_generate_content_text');
    const server = await harness.server((_request, index) =>
      index === 0 ? { status: 503, headers: jsonHeaders, body: googleError(503, 'UNAVAILABLE', 'The model is overloaded.') } : answer.reply('bytes'),
    );
    const retrying = harness.client({ retry: { maxRetries: 1, initialDelaySeconds: 0.01 } });
    const { chunks, error } = await drain(await retrying.completion(geminiCall(server, { stream: true })));
    assert.equal(error, undefined);
    assert.equal(streamChunkBuilder(chunks).choices[0]?.message.content, answer.meta.expected.text);
    assert.equal(server.requests.length, 2);
  });

  it('an error event after output ends the stream with the error, the partial answer kept', async () => {
    // Hand-made: a text event, then the error object Gemini sends inside a 200 stream.
    const body = geminiSse([
      { candidates: [{ content: { parts: [{ text: 'The capital' }], role: 'model' }, index: 0 }], usageMetadata: { promptTokenCount: 7, totalTokenCount: 7 }, modelVersion: 'gemini-2.5-flash', responseId: 'partial-1' },
      { error: { code: 503, message: `The model is overloaded (key ${geminiKey}).`, status: 'UNAVAILABLE' } },
    ]);
    const server = await harness.server(() => ({ headers: sseHeaders, body, delivery: 'bytes' }));
    const { chunks, error } = await drain(await harness.client().completion(geminiCall(server, { stream: true })));
    assert.ok(error instanceof LLMError, `expected an LLMError, got ${String(error)}`);
    assertKeyAbsent(error, geminiKey);
    assert.deepStrictEqual([error.name, error.status_code, error.code], ['ServiceUnavailableError', 503, 'UNAVAILABLE']);
    assert.ok(error.message.startsWith('Gemini (503) reported an error mid-stream: The model is overloaded'), error.message);
    assert.equal(error.partial_response?.choices[0]?.message.content, 'The capital');
    assert.deepStrictEqual(
      chunks.map((chunk: ModelResponseChunk) => chunk.choices[0]?.delta.content),
      ['The capital'],
    );
  });

  it('a key echoed back in an error body is redacted', async () => {
    const server = await harness.server(() => ({ status: 400, headers: jsonHeaders, body: googleError(400, 'INVALID_ARGUMENT', `API key not valid: ${geminiKey}`, [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID' }]) }));
    const error = await failure(harness.client().completion(geminiCall(server)));
    assert.equal(error.name, 'AuthenticationError');
    assert.ok(error.message.includes('[redacted]'), error.message);
  });
});
