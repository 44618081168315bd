/**
 * OpenAI's Responses API: recorded Responses streams (test/fixtures/openai-responses) served from a
 * loopback server — whole, byte by byte and at random splits — through the public client, which
 * must rebuild the recorded facts; the official `openai` SDK parses the same bytes as the oracle.
 * Also: the request on the wire, the routing (`openai/responses/…`, Responses-only models, Azure's
 * v1 surface) and the failures a 200 stream can carry.
 */

import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { RateLimitError, streamChunkBuilder, type Client, type CompletionParams, type ModelResponse, type ModelResponseChunk } from '../../src/core';
import { deliveries, loadFixture, type Fixture } from '../helpers/fixtures';
import { useHarness } from '../helpers/llmHarness';
import { expectedOf, observe, type Observed } from '../helpers/observe';
import type { RecordedRequest, WireServer } from '../helpers/wireServer';

const apiKey = 'sk-test-responses-0123456789abcdef';

async function streamed(client: Client, params: CompletionParams): Promise<ModelResponse> {
  const chunks: ModelResponseChunk[] = [];
  for await (const chunk of await client.completion({ ...params, stream: true })) {
    assert.equal(chunk.object, 'chat.completion.chunk');
    assert.ok(chunk.choices[0]?.delta !== undefined);
    chunks.push(chunk);
  }
  return streamChunkBuilder(chunks);
}

/** What the official SDK makes of the same stream, in the shape `observe` gives. */
async function oracle(server: WireServer): Promise<Observed> {
  const sdk = new OpenAI({ apiKey, baseURL: `${server.url}/v1`, maxRetries: 0 });
  const stream = await sdk.responses.create({ model: 'gpt-4o-mini', input: 'Hello', stream: true });
  let text = '';
  let completed: OpenAI.Responses.Response | undefined;
  for await (const event of stream) {
    if (event.type === 'response.output_text.delta') {
      text += event.delta;
    } else if (event.type === 'response.completed') {
      completed = event.response;
    }
  }
  assert.ok(completed !== undefined, 'the SDK saw response.completed');
  const calls = completed.output.filter((item): item is OpenAI.Responses.ResponseFunctionToolCall => item.type === 'function_call');
  const usage = completed.usage;
  return {
    text: text === '' ? null : text,
    refusal: null,
    reasoning_text: null,
    finish_reason: calls.length > 0 ? 'tool_calls' : 'stop',
    tool_calls: calls.map((call, index) => ({ index, id: call.call_id, name: call.name, arguments: call.arguments })),
    usage:
      usage === undefined
        ? null
        : {
            prompt_tokens: usage.input_tokens,
            completion_tokens: usage.output_tokens,
            total_tokens: usage.total_tokens,
            reasoning_tokens: usage.output_tokens_details.reasoning_tokens,
            cached_tokens: usage.input_tokens_details.cached_tokens,
          },
  };
}

function body(request: RecordedRequest): Record<string, unknown> {
  return request.json as Record<string, unknown>;
}

describe('Responses API: recorded streams through the client', () => {
  const harness = useHarness({ retry: { maxRetries: 0 } });

  for (const name of ['openai-responses/stream_text', 'openai-responses/stream_tool_call']) {
    const fixture: Fixture = loadFixture(name);
    const model = String(fixture.meta.request_hint['model']);
    for (const { label, delivery } of deliveries) {
      it(`${name} (${label}) agrees with the recording and with the openai SDK`, async () => {
        const server = await harness.server(() => fixture.reply(delivery));
        const response = await streamed(harness.client(), {
          model: `openai/responses/${model}`,
          api_base: `${server.url}/v1`,
          api_key: apiKey,
          messages: [{ role: 'user', content: 'Hello' }],
        });
        const ours = observe(response);
        assert.deepStrictEqual(ours, expectedOf(fixture.meta));
        assert.equal(response.id, fixture.meta.expected['response_id']);
        assert.equal(response.model, fixture.meta.expected['model']);
        assert.deepStrictEqual(await oracle(server), ours);
        const request = server.requests[0] as RecordedRequest;
        assert.equal(request.url, '/v1/responses');
        assert.equal(request.headers['authorization'], `Bearer ${apiKey}`);
        // gpt-5.1 reasons, so its encrypted reasoning is asked for; gpt-4o-mini does not.
        const include = model.startsWith('gpt-5') ? { include: ['reasoning.encrypted_content'] } : {};
        assert.deepStrictEqual(body(request), { model, input: [{ type: 'message', role: 'user', content: 'Hello' }], store: false, ...include, stream: true });
      });
    }
  }

  it('reads a whole Response (the one response.completed carried) without streaming', async () => {
    const fixture = loadFixture('openai-responses/stream_tool_call');
    const lastData = fixture.body.toString('utf8').trim().split('\n').filter((line) => line.startsWith('data: ')).pop() ?? '';
    const whole = JSON.stringify((JSON.parse(lastData.slice('data: '.length)) as { response: unknown }).response);
    const server = await harness.server(() => ({ status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(whole) }));
    const response = await harness.client().completion({ model: 'openai/responses/gpt-5.1', api_base: `${server.url}/v1`, api_key: apiKey, messages: [{ role: 'user', content: 'Weather in Beijing?' }] });
    assert.deepStrictEqual(observe(response), expectedOf(fixture.meta));
    assert.equal(body(server.requests[0] as RecordedRequest)['stream'], undefined);
  });

  it('sends models the catalogue marks Responses-only there without the prefix', async () => {
    const fixture = loadFixture('openai-responses/stream_text');
    const server = await harness.server(() => fixture.reply());
    await streamed(harness.client(), { model: 'openai/o3-pro', api_base: `${server.url}/v1`, api_key: apiKey, messages: [{ role: 'user', content: 'Hi' }] });
    const request = server.requests[0] as RecordedRequest;
    assert.equal(request.url, '/v1/responses');
    assert.equal(body(request)['model'], 'o3-pro');
    // A reasoning model is asked for its encrypted reasoning, to send back next turn.
    assert.deepStrictEqual(body(request)['include'], ['reasoning.encrypted_content']);
  });

  it('keeps other models on chat completions', async () => {
    const fixture = loadFixture('openai/chat_stream_text_usage');
    const server = await harness.server(() => fixture.reply());
    await streamed(harness.client(), { model: 'openai/gpt-4o-mini', api_base: `${server.url}/v1`, api_key: apiKey, messages: [{ role: 'user', content: 'Hi' }] });
    assert.equal((server.requests[0] as RecordedRequest).url, '/v1/chat/completions');
  });

  it('Azure: the /openai/v1/responses surface, the deployment as model, the api-key header', async () => {
    const fixture = loadFixture('openai-responses/stream_text');
    const server = await harness.server(() => fixture.reply());
    await streamed(harness.client(), { model: 'azure/responses/my-gpt5-deployment', api_base: server.url, api_key: apiKey, messages: [{ role: 'user', content: 'Hi' }] });
    const request = server.requests[0] as RecordedRequest;
    assert.equal(request.url, '/openai/v1/responses');
    assert.equal(request.headers['api-key'], apiKey);
    assert.equal(request.headers['authorization'], undefined);
    assert.equal(body(request)['model'], 'my-gpt5-deployment');
  });

  const failures: readonly [string, string][] = [
    ['openai-responses/stream_failed_rate_limit', 'rate_limit_exceeded'],
    ['openai-responses/stream_error_insufficient_quota', 'insufficient_quota'],
  ];
  for (const [name, code] of failures) {
    const fixture = loadFixture(name);
    for (const { label, delivery } of deliveries) {
      it(`${name} (${label}) raises a RateLimitError with code ${code}`, async () => {
        const server = await harness.server(() => fixture.reply(delivery));
        const params = { model: 'openai/responses/gpt-4o-mini', api_base: `${server.url}/v1`, api_key: apiKey, messages: [{ role: 'user' as const, content: 'Hi' }] };
        await assert.rejects(streamed(harness.client(), params), (error: unknown) => {
          assert.ok(error instanceof RateLimitError, String(error));
          assert.equal(error.code, code);
          assert.ok(error.message.includes(String((fixture.meta.expected['error'] as { message: string }).message)));
          return true;
        });
      });
    }
  }

  it('a stream cut before response.completed is an error, not a short answer', async () => {
    const fixture = loadFixture('openai-responses/stream_text');
    const text = fixture.body.toString('utf8');
    const cut = Buffer.from(text.slice(0, text.indexOf('event: response.completed')));
    const server = await harness.server(() => ({ status: 200, headers: fixture.meta.headers, body: cut }));
    const params = { model: 'openai/responses/gpt-4o-mini', api_base: `${server.url}/v1`, api_key: apiKey, messages: [{ role: 'user' as const, content: 'Hi' }] };
    await assert.rejects(streamed(harness.client(), params), /ended before response\.completed/);
  });
});

/** The openai SDK's reading of a stream: answer deltas, and each reasoning summary part's deltas by index. */
async function sdkReasoning(server: WireServer): Promise<{ text: string; parts: string[] }> {
  const sdk = new OpenAI({ apiKey, baseURL: `${server.url}/openai/v1`, maxRetries: 0 });
  const stream = await sdk.responses.create({ model: 'my-gpt54-deployment', input: 'Hello', stream: true });
  let text = '';
  const parts: string[] = [];
  for await (const event of stream) {
    if (event.type === 'response.output_text.delta') {
      text += event.delta;
    } else if (event.type === 'response.reasoning_summary_text.delta') {
      parts[event.summary_index] = (parts[event.summary_index] ?? '') + event.delta;
    }
  }
  return { text, parts };
}

describe('Responses API: Azure recorded stream with several reasoning summary parts', () => {
  const harness = useHarness({ retry: { maxRetries: 0 } });
  const fixture = loadFixture('openai-responses/stream_azure_multi_summary');
  const parts = fixture.meta.expected['reasoning_parts'] as string[];

  for (const { label, delivery } of deliveries.filter((entry) => entry.delivery !== 'bytes')) {
    it(`azure/responses/<deployment> (${label}): the v1 wire request, and the parts run together as LiteLLM streams them`, async () => {
      const server = await harness.server(() => fixture.reply(delivery));
      const response = await streamed(harness.client(), {
        model: 'azure/responses/my-gpt54-deployment',
        api_base: server.url,
        api_key: apiKey,
        messages: [{ role: 'user', content: 'Hello' }],
      });
      assert.deepStrictEqual(observe(response), expectedOf(fixture.meta));
      assert.equal(response.id, fixture.meta.expected['response_id']);
      assert.equal(response.model, fixture.meta.expected['model']);
      // No encrypted_content in this recording (no include asked for it back): no thinking block.
      assert.equal(response.choices[0]?.message.thinking_blocks, undefined);
      const request = server.requests[0] as RecordedRequest;
      assert.equal(request.method, 'POST');
      assert.equal(request.url, '/openai/v1/responses', 'the v1 surface: no api-version');
      assert.equal(request.headers['api-key'], apiKey);
      assert.equal(request.headers['authorization'], undefined);
      assert.equal(body(request)['model'], 'my-gpt54-deployment');
      assert.equal(body(request)['stream'], true);

      const sdk = await sdkReasoning(server);
      assert.deepStrictEqual(sdk.parts, parts);
      assert.equal(sdk.text, response.choices[0]?.message.content);
      assert.equal(sdk.parts.join(''), response.choices[0]?.message.reasoning_content);
    });
  }
});
