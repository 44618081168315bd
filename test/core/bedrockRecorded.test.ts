/**
 * Bedrock's recorded answers beyond plain text and tools (vercel/ai's fixtures, see
 * test/fixtures/bedrock/*.json): Claude's thinking streamed with its signature, a guardrail that
 * intervened, a modelStreamErrorException frame as AWS's bytes; and what the request carries for
 * a session token (signed and checked by the server), a `global.` inference profile, and cache
 * points, with cache read and write counted in the usage.
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuthenticationError, InternalServerError, streamChunkBuilder } from '../../src/core';
import { deliveries } from '../helpers/fixtures';
import { rejection, useHarness } from '../helpers/llmHarness';
import type { RecordedRequest } from '../helpers/wireServer';
import { accessKeyId, bedrockCall, eventStreamHeaders, loadChunkFixture, loadJsonFixture, observed, region, secretAccessKey, signed, streamed } from './bedrockSupport';

const jsonHeaders = { 'content-type': 'application/json', 'x-amzn-requestid': 'req-recorded-1' };

function requestOf(server: { requests: RecordedRequest[] }): RecordedRequest {
  return server.requests[0] as RecordedRequest;
}

describe('Bedrock wire: recorded reasoning, guardrails, stream errors, session tokens, profiles and caching', () => {
  const harness = useHarness({ retry: { maxRetries: 0 } });

  const reasoning = loadChunkFixture('converse_stream_reasoning');
  for (const { label, delivery } of deliveries) {
    it(`converse_stream_reasoning (${label}): the thinking and its signature, then the answer; thinking sent in additionalModelRequestFields`, async () => {
      const server = await harness.server(signed({ status: 200, headers: eventStreamHeaders, body: reasoning.body, delivery }));
      const chunks = await streamed(bedrockCall(server, { thinking: { type: 'enabled', budget_tokens: 1024 }, max_tokens: 2048 }), harness.client());
      const response = streamChunkBuilder(chunks);
      const { reasoning: expectedReasoning, signature, ...expected } = reasoning.meta.expected as Record<string, unknown>;
      assert.deepStrictEqual(observed(response), expected);
      const message = response.choices[0]?.message;
      assert.equal(message?.reasoning_content, expectedReasoning);
      assert.deepStrictEqual(message?.thinking_blocks, [{ type: 'thinking', thinking: expectedReasoning, signature }]);
      const body = requestOf(server).json as Record<string, unknown>;
      assert.deepStrictEqual(body['additionalModelRequestFields'], { thinking: { type: 'enabled', budget_tokens: 1024 } });
    });
  }

  it('a guardrail that intervened: its text, finish_reason content_filter, the raw stopReason kept', async () => {
    const fixture = loadJsonFixture('converse_guardrail_intervened');
    const server = await harness.server(signed({ status: 200, headers: jsonHeaders, body: fixture.body }));
    const response = await harness.client().completion({ ...bedrockCall(server), stream: false });
    assert.deepStrictEqual(observed(response), fixture.meta.expected);
  });

  it('the recorded modelStreamErrorException frame: InternalServerError with the model’s own status 500', async () => {
    const root = join(process.cwd(), 'test', 'fixtures', 'bedrock');
    const bytes = Buffer.from(readFileSync(join(root, 'model_stream_error_exception.eventstream.base64.txt'), 'utf8').trim(), 'base64');
    const meta = JSON.parse(readFileSync(join(root, 'model_stream_error_exception.json'), 'utf8')) as { expected: { exception_type: string; status_code: number; message: string } };
    const expected = meta.expected;
    const server = await harness.server(signed({ status: 200, headers: eventStreamHeaders, body: bytes, delivery: 'bytes' }));
    const error = await rejection(harness.client().completion({ ...bedrockCall(server), stream: true }));
    // originalStatusCode 500 wins over the 424 AWS documents for the exception itself.
    assert.ok(error instanceof InternalServerError, String(error));
    assert.equal(error.status_code, expected.status_code);
    assert.equal(error.type, expected.exception_type);
    assert.match(error.message, new RegExp(`${expected.exception_type}: ${expected.message}`));
  });

  it('a session token: sent as x-amz-security-token, signed, and checked by the server', async () => {
    const sessionToken = 'FwoGZXIvYXdzEXAMPLE//session-token-SECRET-0123456789';
    const fixture = loadJsonFixture('converse_tool_use');
    const server = await harness.server(signed({ status: 200, headers: jsonHeaders, body: fixture.body }, { accessKeyId, secretAccessKey, sessionToken }));
    const response = await harness.client().completion({ ...bedrockCall(server, { aws_session_token: sessionToken }), stream: false });
    assert.equal(response.choices[0]?.finish_reason, 'tool_calls');
    const request = requestOf(server);
    assert.equal(request.headers['x-amz-security-token'], sessionToken);
    assert.match(String(request.headers['authorization']), /SignedHeaders=[^,]*x-amz-security-token/);
  });

  it('a session token the server does not expect: the signature fails, AuthenticationError', async () => {
    const fixture = loadJsonFixture('converse_tool_use');
    const server = await harness.server(signed({ status: 200, headers: jsonHeaders, body: fixture.body }, { accessKeyId, secretAccessKey, sessionToken: 'the-real-token' }));
    const error = await rejection(harness.client().completion(bedrockCall(server, { aws_session_token: 'a-stale-token' })));
    assert.ok(error instanceof AuthenticationError, String(error));
    assert.equal(error.status_code, 403);
  });

  it('a global. cross-region inference profile id: the path as AWS wants it, signed in the call’s region', async () => {
    const profile = 'global.anthropic.claude-sonnet-4-5-20250929-v1:0';
    const fixture = loadJsonFixture('converse_tool_use');
    const server = await harness.server(signed({ status: 200, headers: jsonHeaders, body: fixture.body }));
    await harness.client().completion(bedrockCall(server, { model: `bedrock/${profile}` }));
    const request = requestOf(server);
    assert.equal(request.url, '/model/global.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse');
    assert.match(String(request.headers['authorization']), new RegExp(`/${region}/bedrock/aws4_request`));
  });

  it('cache_control marks become cachePoint blocks; cache reads and writes count in the usage', async () => {
    const answer = {
      output: { message: { role: 'assistant', content: [{ text: 'Three.' }] } },
      stopReason: 'end_turn',
      // Converse's TokenUsage fields (AWS API reference): input excludes the cache reads and writes.
      usage: { inputTokens: 12, outputTokens: 3, totalTokens: 2063, cacheReadInputTokens: 1024, cacheWriteInputTokens: 1024 },
    };
    const server = await harness.server(signed({ status: 200, headers: jsonHeaders, body: JSON.stringify(answer) }));
    const response = await harness.client().completion({
      ...bedrockCall(server, {
        messages: [
          { role: 'system', content: [{ type: 'text', text: 'A long, stable system prompt.', cache_control: { type: 'ephemeral' } }] },
          { role: 'user', content: [{ type: 'text', text: 'A long document.', cache_control: { type: 'ephemeral' } }, { type: 'text', text: 'How many r in strawberry?' }] },
        ],
      }),
      stream: false,
    });
    const body = requestOf(server).json as Record<string, unknown>;
    assert.deepStrictEqual(body['system'], [{ text: 'A long, stable system prompt.' }, { cachePoint: { type: 'default' } }]);
    assert.deepStrictEqual(body['messages'], [{ role: 'user', content: [{ text: 'A long document.' }, { cachePoint: { type: 'default' } }, { text: 'How many r in strawberry?' }] }]);
    assert.equal(response.usage?.prompt_tokens, 12 + 1024 + 1024);
    assert.equal(response.usage?.completion_tokens, 3);
    assert.equal(response.usage?.prompt_tokens_details?.cached_tokens, 1024);
    assert.equal(response.usage?.cache_read_input_tokens, 1024);
    assert.equal(response.usage?.cache_creation_input_tokens, 1024);
  });
});
