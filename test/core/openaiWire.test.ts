/**
 * Every recorded OpenAI-wire response (OpenAI, Azure, Mistral, OpenRouter) served from a real
 * loopback server — whole, byte by byte and at random splits — through the public client; the
 * result must match the facts recorded with the fixture, and the request that reached the wire
 * must be what the vendor expects.
 */

import assert from 'node:assert/strict';
import { streamChunkBuilder, type Client, type ModelResponse, type ModelResponseChunk } from '../../src/core';
import { deliveries, loadFixture, type Fixture } from '../helpers/fixtures';
import { useHarness } from '../helpers/llmHarness';
import { expectedOf, observe } from '../helpers/observe';
import type { RecordedRequest, WireServer } from '../helpers/wireServer';

const apiKey = 'sk-test-wire-0123456789abcdef';

interface Vendor {
  provider: string;
  apiBase: (server: WireServer) => string;
  model: string;
  /** What the request on the wire must look like. */
  check: (request: RecordedRequest, stream: boolean) => void;
}

function bearer(request: RecordedRequest): void {
  assert.equal(request.headers['authorization'], `Bearer ${apiKey}`);
  assert.equal(request.headers['api-key'], undefined);
}

const vendors: Record<string, Vendor> = {
  openai: {
    provider: 'openai',
    apiBase: (server) => `${server.url}/v1`,
    model: 'gpt-4o-2024-08-06',
    check: (request, stream) => {
      assert.equal(request.url, '/v1/chat/completions');
      bearer(request);
      assert.deepEqual((request.json as Record<string, unknown>)['stream_options'], stream ? { include_usage: true } : undefined);
    },
  },
  azure: {
    provider: 'azure',
    apiBase: (server) => server.url,
    model: 'my-gpt4o-deployment',
    check: (request, stream) => {
      assert.equal(request.url, '/openai/deployments/my-gpt4o-deployment/chat/completions?api-version=2024-10-21');
      assert.equal(request.headers['api-key'], apiKey);
      assert.equal(request.headers['authorization'], undefined);
      assert.equal((request.json as Record<string, unknown>)['stream'], stream ? true : undefined);
    },
  },
  mistral: {
    provider: 'mistral',
    apiBase: (server) => `${server.url}/v1`,
    model: 'mistral-large-latest',
    check: (request) => {
      assert.equal(request.url, '/v1/chat/completions');
      bearer(request);
      // Mistral reports usage by itself; it gets no stream_options.
      assert.equal((request.json as Record<string, unknown>)['stream_options'], undefined);
    },
  },
  openrouter: {
    provider: 'openrouter',
    apiBase: (server) => `${server.url}/api/v1`,
    model: 'x-ai/grok-4',
    check: (request, stream) => {
      assert.equal(request.url, '/api/v1/chat/completions');
      bearer(request);
      assert.equal(request.headers['x-title'], 'Switchboard');
      assert.deepEqual((request.json as Record<string, unknown>)['stream_options'], stream ? { include_usage: true } : undefined);
    },
  },
};

const successCases = [
  'openai/chat_nonstream_text',
  'openai/chat_nonstream_finish_length',
  'openai/chat_nonstream_parallel_tool_calls',
  'openai/chat_nonstream_reasoning_usage_o3mini',
  'openai/chat_nonstream_refusal',
  'openai/chat_stream_text_usage',
  'openai/chat_stream_text_usage_obfuscation',
  'openai/chat_stream_parallel_tool_calls',
  'openai/chat_stream_single_tool_call',
  'openai/chat_stream_refusal',
  'azure/chat_nonstream_content_filter_results',
  'azure/chat_stream_prompt_filter_first_chunk',
  'mistral/chat_nonstream_tool_call',
  'mistral/chat_stream_tool_call',
  'mistral/chat_stream_thinking_content_parts',
  'openrouter/chat_nonstream_reasoning_and_cached_tokens',
  'openrouter/chat_stream_reasoning_processing_comments',
];

async function run(client: Client, fixture: Fixture, vendor: Vendor, server: WireServer): Promise<{ response: ModelResponse; chunks: ModelResponseChunk[] }> {
  const stream = fixture.meta.request_hint['stream'] === true;
  const params = {
    model: `${vendor.provider}/${vendor.model}`,
    api_base: vendor.apiBase(server),
    api_key: apiKey,
    messages: [{ role: 'user' as const, content: 'Hello' }],
  };
  if (!stream) {
    return { response: await client.completion(params), chunks: [] };
  }
  const chunks: ModelResponseChunk[] = [];
  for await (const chunk of await client.completion({ ...params, stream: true })) {
    chunks.push(chunk);
  }
  return { response: streamChunkBuilder(chunks), chunks };
}

describe('OpenAI wire: recorded responses through the client', () => {
  const harness = useHarness({ retry: { maxRetries: 0 } });

  for (const name of successCases) {
    const fixture = loadFixture(name);
    const vendor = vendors[fixture.meta.provider] as Vendor;
    for (const { label, delivery } of deliveries) {
      it(`${name} (${label})`, async () => {
        const server = await harness.server(() => fixture.reply(delivery));
        const { response, chunks } = await run(harness.client(), fixture, vendor, server);
        assert.deepStrictEqual(observe(response), expectedOf(fixture.meta));
        assert.equal(server.requests.length, 1);
        const request = server.requests[0] as RecordedRequest;
        assert.equal(request.method, 'POST');
        assert.equal((request.json as Record<string, unknown>)['model'], vendor.model);
        vendor.check(request, fixture.meta.request_hint['stream'] === true);
        for (const chunk of chunks) {
          // Every chunk is safe to read as chunk.choices[0].delta.
          assert.equal(chunk.object, 'chat.completion.chunk');
          assert.ok(chunk.choices[0]?.delta !== undefined, `a chunk without choices[0].delta: ${JSON.stringify(chunk)}`);
        }
      });
    }
  }

  it('keeps the response id, model and raw provider fields, and says who answered', async () => {
    const fixture = loadFixture('azure/chat_nonstream_content_filter_results');
    const server = await harness.server(() => fixture.reply());
    const response = await harness.client().completion({ model: 'azure/gpt4o', api_base: server.url, api_key: apiKey, messages: [{ role: 'user', content: 'Capital of France?' }] });
    assert.equal(response.id, 'chatcmpl-BAeyRj7gU6aCNSSAskAFbupBWYMIT');
    assert.equal(response.model, 'gpt-4o-2024-11-20');
    assert.equal(response.object, 'chat.completion');
    assert.ok('prompt_filter_results' in response, 'Azure fields pass through');
    assert.deepEqual(response._hidden_params?.custom_llm_provider, 'azure');
    assert.equal(response._hidden_params?.model, 'azure/gpt4o');
    assert.equal(response._hidden_params?.api_base, server.url);
  });

  it('a server that ignores stream: true and answers with one JSON body still streams', async () => {
    const fixture = loadFixture('openai/chat_nonstream_parallel_tool_calls');
    const server = await harness.server(() => fixture.reply());
    const chunks: ModelResponseChunk[] = [];
    for await (const chunk of await harness.client().completion({ model: 'openai/gpt-4o', api_base: server.url, api_key: apiKey, messages: [{ role: 'user', content: 'Hi' }], stream: true })) {
      chunks.push(chunk);
    }
    assert.deepStrictEqual(observe(streamChunkBuilder(chunks)), expectedOf(fixture.meta));
  });

  it('reads usage with cached and reasoning tokens from a body without choices (Azure doc excerpt)', async () => {
    const fixture = loadFixture('azure/chat_usage_cached_and_reasoning_doc_excerpt');
    const server = await harness.server(() => fixture.reply());
    const response = await harness.client().completion({ model: 'azure/o1', api_base: server.url, api_key: apiKey, messages: [{ role: 'user', content: 'Hi' }] });
    assert.deepStrictEqual(observe(response).usage, expectedOf(fixture.meta).usage);
    assert.deepEqual(response.choices, []);
  });

  it('prices the answer from the catalogue, cached tokens at the cached price', async () => {
    const fixture = loadFixture('openrouter/chat_nonstream_reasoning_and_cached_tokens');
    const server = await harness.server(() => fixture.reply());
    const response = await harness.client().completion({ model: 'openrouter/x-ai/grok-4', api_base: `${server.url}/api/v1`, api_key: apiKey, messages: [{ role: 'user', content: 'Who are you' }] });
    const cost = response._hidden_params?.response_cost;
    assert.ok(cost !== undefined && cost > 0, `expected a cost, got ${String(cost)}`);
    // 5 uncached + 682 cached prompt tokens and 240 output tokens at grok-4's prices.
    assert.ok(Math.abs(cost - (5 * 3e-6 + 682 * 0.75e-6 + 240 * 15e-6)) < 1e-9, `cost ${cost}`);
  });
});
