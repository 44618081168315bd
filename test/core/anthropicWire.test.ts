/**
 * Every recorded Anthropic Messages response served from a real loopback server — whole, byte by
 * byte and at random splits — through the public client: the result must match the facts
 * recorded with the fixture, and the request that reached the wire must be what Anthropic expects.
 */

import assert from 'node:assert/strict';
import { streamChunkBuilder, type Client, type Message, type ModelResponse, type ModelResponseChunk, type Tool } from '../../src/core';
import { deliveries, loadFixture, type Fixture } from '../helpers/fixtures';
import { useHarness } from '../helpers/llmHarness';
import type { RecordedRequest, WireServer } from '../helpers/wireServer';
import { anthropicCall, anthropicSse, apiKey, expectedAnthropic, observeAnthropic, sseHeaders } from './anthropicSupport';

const successCases = [
  'anthropic/messages_nonstream_cache_read',
  'anthropic/messages_nonstream_cache_write_and_read',
  'anthropic/messages_stream_text_with_ping',
  'anthropic/messages_stream_extended_thinking',
  'anthropic/messages_stream_tool_use',
];

const conversation: Message[] = [
  { role: 'system', content: 'You are a helpful assistant.' },
  { role: 'user', content: 'Hello' },
];

async function run(client: Client, fixture: Fixture, server: WireServer): Promise<{ response: ModelResponse; chunks: ModelResponseChunk[] }> {
  const params = anthropicCall(server, { messages: conversation });
  if (fixture.meta.request_hint['stream'] !== true) {
    return { response: await client.completion(params), chunks: [] };
  }
  const chunks: ModelResponseChunk[] = [];
  for await (const chunk of await client.completion({ ...params, stream: true })) {
    chunks.push(chunk);
  }
  return { response: streamChunkBuilder(chunks), chunks };
}

/** The chunks as the caller reads them: delta, finish reasons and usage, ids left out. */
function deltasOf(chunks: readonly ModelResponseChunk[]): object[] {
  return chunks.map((chunk) => {
    const choice = chunk.choices[0];
    const seen: Record<string, unknown> = { delta: choice?.delta };
    if (choice?.finish_reason !== null) {
      seen['finish_reason'] = choice?.finish_reason;
      seen['native_finish_reason'] = choice?.native_finish_reason;
    }
    if (chunk.usage !== undefined && chunk.usage !== null) {
      seen['usage'] = chunk.usage;
    }
    return seen;
  });
}

async function streamOf(client: Client, server: WireServer, messages: Message[], extra: { tools?: Tool[] } = {}): Promise<ModelResponseChunk[]> {
  const chunks: ModelResponseChunk[] = [];
  for await (const chunk of await client.completion(anthropicCall(server, { messages, stream: true, ...extra }))) {
    chunks.push(chunk);
  }
  return chunks;
}

describe('Anthropic wire: recorded responses through the client', () => {
  const harness = useHarness({ retry: { maxRetries: 0 } });

  for (const name of successCases) {
    const fixture = loadFixture(name);
    const stream = fixture.meta.request_hint['stream'] === true;
    for (const { label, delivery } of deliveries) {
      it(`${name} (${label})`, async () => {
        const server = await harness.server(() => fixture.reply(delivery));
        const { response, chunks } = await run(harness.client(), fixture, server);
        assert.deepStrictEqual(observeAnthropic(response), expectedAnthropic(fixture.meta));
        assert.equal(server.requests.length, 1);
        const request = server.requests[0] as RecordedRequest;
        assert.deepStrictEqual(
          { method: request.method, url: request.url, key: request.headers['x-api-key'], version: request.headers['anthropic-version'], authorization: request.headers['authorization'] },
          { method: 'POST', url: '/v1/messages', key: apiKey, version: '2023-06-01', authorization: undefined },
        );
        assert.deepStrictEqual(request.json, {
          model: 'claude-sonnet-4-5',
          // Not asked for: the catalogue's output limit for the model, since Anthropic requires one.
          max_tokens: 64000,
          messages: [{ role: 'user', content: 'Hello' }],
          system: 'You are a helpful assistant.',
          ...(stream ? { stream: true } : {}),
        });
        for (const chunk of chunks) {
          assert.equal(chunk.object, 'chat.completion.chunk');
          assert.equal(chunk.id, fixture.meta.expected['message_id']);
          assert.ok(chunk.choices[0]?.delta !== undefined, `a chunk without choices[0].delta: ${JSON.stringify(chunk)}`);
        }
      });
    }
  }

  it('streams a tool call as OpenAI deltas: the start with id and name, then the argument fragments by index', async () => {
    const fixture = loadFixture('anthropic/messages_stream_tool_use');
    const server = await harness.server(() => fixture.reply('bytes'));
    const chunks = await streamOf(harness.client(), server, [{ role: 'user', content: 'Weather in Paris?' }]);
    const call = (args: string): object => ({ delta: { tool_calls: [{ index: 0, function: { arguments: args } }] } });
    assert.deepStrictEqual(deltasOf(chunks), [
      { delta: { role: 'assistant', content: 'I' } },
      { delta: { content: "'ll check the current weather in Paris for you." } },
      { delta: { tool_calls: [{ index: 0, id: 'toolu_01NRLabsLyVHZPKxbKvkfSMn', type: 'function', function: { name: 'get_weather', arguments: '' } }] } },
      call('{"locati'),
      call('on": "P'),
      call('ar'),
      call('is"}'),
      { delta: {}, finish_reason: 'tool_calls', native_finish_reason: 'tool_use' },
      {
        delta: {},
        usage: { prompt_tokens: 377, completion_tokens: 65, total_tokens: 442, prompt_tokens_details: { cached_tokens: 0 }, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
      },
    ]);
  });

  it('streams thinking as reasoning_content and thinking_blocks, the signature last and alone', async () => {
    const fixture = loadFixture('anthropic/messages_stream_extended_thinking');
    const server = await harness.server(() => fixture.reply({ seed: 99, pieces: 60 }));
    const chunks = await streamOf(harness.client(), server, [{ role: 'user', content: 'How do I cross the street?' }]);
    const thinking = chunks.filter((chunk) => chunk.choices[0]?.delta.thinking_blocks !== undefined).map((chunk) => chunk.choices[0]?.delta);
    const expected = fixture.meta.expected['thinking'] as { thinking: string; signature: string }[];
    const signatureChunk = thinking.pop();
    assert.deepStrictEqual(signatureChunk, { thinking_blocks: [{ type: 'thinking', thinking: '', signature: expected[0]?.signature }] });
    // Every other thinking chunk carries the same text twice: as reasoning and as a block fragment.
    for (const delta of thinking) {
      const block = delta?.thinking_blocks?.[0];
      assert.ok(block?.type === 'thinking' && block.signature === undefined && block.thinking === delta?.reasoning_content, JSON.stringify(delta));
    }
    assert.equal(thinking.map((delta) => delta?.reasoning_content).join(''), expected[0]?.thinking);
    assert.equal(chunks[0]?.choices[0]?.delta.role, 'assistant');
  });

  it('a tool-use round trip sends the thinking (signed) first, the tool_use and the tool_result back', async () => {
    // Hand-made after Anthropic's documented stream of extended thinking with tool use (no
    // recording combines the two): a signed thinking block, a redacted one, then a tool_use block.
    const signature = 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds';
    const firstTurn = anthropicSse([
      { type: 'message_start', message: { id: 'msg_01Round', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5-20250929', content: [], stop_reason: null, stop_sequence: null, usage: { input_tokens: 412, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 2 } } },
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'The user wants the weather. ' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'I will call get_weather.' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix/LafPsn4a' } },
      { type: 'content_block_stop', index: 1 },
      { type: 'content_block_start', index: 2, content_block: { type: 'tool_use', id: 'toolu_01Weather', name: 'get_weather', input: {} } },
      { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '' } },
      { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '{"location": ' } },
      { type: 'content_block_delta', index: 2, delta: { type: 'input_json_delta', partial_json: '"Paris"}' } },
      { type: 'content_block_stop', index: 2 },
      { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 87 } },
      { type: 'message_stop' },
    ]);
    const secondTurn = loadFixture('anthropic/messages_stream_text_with_ping');
    const server = await harness.server((_request, index) => (index === 0 ? { status: 200, headers: sseHeaders, body: firstTurn, delivery: { seed: 5, pieces: 25 } } : secondTurn.reply('bytes')));
    const tools = [{ type: 'function' as const, function: { name: 'get_weather', description: 'Current weather', parameters: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] } } }];
    const client = harness.client();
    const messages: Message[] = [{ role: 'user', content: 'Weather in Paris?' }];
    const first = streamChunkBuilder(await streamOf(client, server, messages, { tools }));
    const answer = first.choices[0]?.message;
    assert.ok(answer !== undefined);
    assert.equal(first.choices[0]?.finish_reason, 'tool_calls');
    messages.push({ role: 'assistant', content: answer.content, tool_calls: answer.tool_calls, reasoning_content: answer.reasoning_content, thinking_blocks: answer.thinking_blocks });
    messages.push({ role: 'tool', tool_call_id: answer.tool_calls?.[0]?.id ?? '', content: '15°C and sunny' });
    const second = streamChunkBuilder(await streamOf(client, server, messages, { tools }));
    assert.equal(second.choices[0]?.message.content, 'Hello there!');

    assert.equal(server.requests.length, 2);
    const body = server.requests[1]?.json as Record<string, unknown>;
    assert.deepStrictEqual(body['messages'], [
      { role: 'user', content: 'Weather in Paris?' },
      {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'The user wants the weather. I will call get_weather.', signature },
          { type: 'redacted_thinking', data: 'EmwKAhgBEgy3va3pzix/LafPsn4a' },
          { type: 'tool_use', id: 'toolu_01Weather', name: 'get_weather', input: { location: 'Paris' } },
        ],
      },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_01Weather', content: '15°C and sunny' }] },
    ]);
    assert.deepStrictEqual(body['tools'], [{ name: 'get_weather', description: 'Current weather', input_schema: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] } }]);
  });

  it('says who answered and prices the cache reads and writes at their own prices', async () => {
    const fixture = loadFixture('anthropic/messages_nonstream_cache_write_and_read');
    const server = await harness.server(() => fixture.reply());
    const response = await harness.client().completion(anthropicCall(server));
    assert.deepStrictEqual(response._hidden_params?.custom_llm_provider, 'anthropic');
    assert.equal(response._hidden_params?.model, 'anthropic/claude-sonnet-4-5');
    const cost = response._hidden_params?.response_cost;
    // 3 uncached + 418 written + 1111 read prompt tokens, 33 output tokens at claude-sonnet-4-5's prices.
    const expected = 3 * 3e-6 + 418 * 3.75e-6 + 1111 * 3e-7 + 33 * 1.5e-5;
    assert.ok(cost !== undefined && Math.abs(cost - expected) < 1e-12, `cost ${String(cost)}, expected ${expected}`);
  });

  it('a proxy that ignores stream: true and answers with one JSON message still streams', async () => {
    const fixture = loadFixture('anthropic/messages_nonstream_cache_read');
    const server = await harness.server(() => fixture.reply());
    const chunks = await streamOf(harness.client(), server, [{ role: 'user', content: 'What is Python?' }]);
    const observed = observeAnthropic(streamChunkBuilder(chunks));
    assert.deepStrictEqual(observed, expectedAnthropic(fixture.meta));
    assert.equal((server.requests[0]?.json as Record<string, unknown>)['stream'], true);
  });
});
