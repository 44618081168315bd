/**
 * Recorded error responses of OpenAI-wire providers, served by a real loopback server: each must
 * become the right error class with the provider's status, code and message, retried or not as
 * the error deserves, and never carry the key.
 */

import assert from 'node:assert/strict';
import { LLMError, type ModelResponseChunk } from '../../src/core';
import { loadFixture } from '../helpers/fixtures';
import { useHarness } from '../helpers/llmHarness';

const apiKey = 'sk-test-errors-0123456789abcdef';

interface ErrorCase {
  fixture: string;
  provider: string;
  className: string;
  status: number;
  code: string | undefined;
  retryable: boolean;
  retryAfter?: number;
  /** Text the message must contain. */
  says: string;
}

const cases: ErrorCase[] = [
  { fixture: 'openai/error_401_invalid_api_key', provider: 'openai', className: 'AuthenticationError', status: 401, code: 'invalid_api_key', retryable: false, says: 'Incorrect API key provided' },
  { fixture: 'openai/error_404_model_not_found', provider: 'openai', className: 'NotFoundError', status: 404, code: 'model_not_found', retryable: false, says: 'does not exist' },
  { fixture: 'openai/error_400_context_length_exceeded', provider: 'openai', className: 'ContextWindowExceededError', status: 400, code: 'context_length_exceeded', retryable: false, says: 'maximum context length is 4097 tokens' },
  { fixture: 'openai/error_400_unsupported_value', provider: 'openai', className: 'BadRequestError', status: 400, code: 'unsupported_value', retryable: false, says: "does not support 'system'" },
  { fixture: 'openai/error_429_insufficient_quota', provider: 'openai', className: 'RateLimitError', status: 429, code: 'insufficient_quota', retryable: false, says: 'exceeded your current quota' },
  { fixture: 'openai/error_429_rate_limit_exceeded', provider: 'openai', className: 'RateLimitError', status: 429, code: 'rate_limit_exceeded', retryable: true, retryAfter: 26.604, says: 'Rate limit reached' },
  { fixture: 'azure/error_400_content_filter_prompt', provider: 'azure', className: 'ContentPolicyViolationError', status: 400, code: 'content_filter', retryable: false, says: 'content management policy' },
  { fixture: 'openrouter/error_429_upstream_rate_limited', provider: 'openrouter', className: 'RateLimitError', status: 429, code: '429', retryable: true, says: 'temporarily rate-limited upstream' },
];

function ownStrings(error: Error): string {
  const seen: string[] = [error.message, String(error.stack)];
  for (const key of Object.getOwnPropertyNames(error)) {
    seen.push(JSON.stringify((error as unknown as Record<string, unknown>)[key]) ?? '');
  }
  return seen.join('\n');
}

describe('OpenAI wire: recorded errors', () => {
  // No retries: each case must be one request, so the class and the flags are what we check.
  const harness = useHarness({ retry: { maxRetries: 0 } });

  for (const expected of cases) {
    it(`${expected.fixture} → ${expected.className}`, async () => {
      const fixture = loadFixture(expected.fixture);
      const server = await harness.server(() => ({ ...fixture.reply({ seed: 11 }), headers: { 'content-type': 'application/json', 'x-request-id': 'req_abc123' } }));
      const error: unknown = await harness.client()
        .completion({ model: `${expected.provider}/some-model`, api_base: server.url, api_key: apiKey, messages: [{ role: 'user', content: 'Hello' }] })
        .then(
          () => undefined,
          (caught: unknown) => caught,
        );
      assert.ok(error instanceof LLMError, `expected an LLMError, got ${String(error)}`);
      assert.deepStrictEqual(
        {
          name: error.name,
          status_code: error.status_code,
          code: error.code,
          retryable: error.retryable,
          retry_after: error.retry_after,
          llm_provider: error.llm_provider,
          model: error.model,
          request_id: error.request_id,
        },
        {
          name: expected.className,
          status_code: expected.status,
          code: expected.code,
          retryable: expected.retryable,
          retry_after: expected.retryAfter,
          llm_provider: expected.provider,
          model: `${expected.provider}/some-model`,
          request_id: 'req_abc123',
        },
      );
      assert.ok(error.message.includes(expected.says), error.message);
      assert.ok(!ownStrings(error).includes(apiKey), 'the key leaked into the error');
      assert.equal(server.requests.length, 1);
    });
  }

  it('an error inside a 200 stream (OpenRouter) keeps the partial answer and its usage', async () => {
    const fixture = loadFixture('openrouter/chat_stream_midstream_error');
    const server = await harness.server(() => fixture.reply('bytes'));
    const stream = await harness.client().completion({ model: 'openrouter/minimax/minimax-m2:free', api_base: server.url, api_key: apiKey, messages: [{ role: 'user', content: 'Hello there' }], stream: true });
    const chunks: ModelResponseChunk[] = [];
    const error = await (async () => {
      for await (const chunk of stream) {
        chunks.push(chunk);
      }
    })().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof LLMError);
    assert.equal(error.name, 'BadRequestError');
    assert.equal(error.status_code, 400);
    assert.ok(error.message.includes('Token limit reached'));
    const partial = error.partial_response;
    assert.equal(partial?.choices[0]?.message.reasoning_content, 'We need to respond to a greeting. The user');
    assert.equal(partial?.choices[0]?.finish_reason, 'length');
    assert.equal(partial?.usage?.completion_tokens_details?.reasoning_tokens, 11);
    assert.ok(chunks.length >= 2, 'the chunks before the error were delivered');
  });

  it('a key echoed back by a server is redacted from the error', async () => {
    const server = await harness.server(() => ({
      status: 401,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ error: { message: `Key ${apiKey} is not valid`, type: 'invalid_request_error', code: 'invalid_api_key' } }),
    }));
    const error = await harness.client().completion({ model: 'openai/gpt-4o', api_base: server.url, api_key: apiKey, messages: [{ role: 'user', content: 'Hi' }] }).then(
      () => undefined,
      (caught: unknown) => caught as Error,
    );
    assert.ok(error instanceof LLMError);
    assert.ok(error.message.includes('[redacted]'), error.message);
    assert.ok(!ownStrings(error).includes(apiKey));
  });
});
