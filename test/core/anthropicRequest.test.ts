/**
 * What reaches Anthropic's wire for each OpenAI-style parameter (system prompts, turns, tools,
 * tool choice, images, caching, max_tokens, thinking, JSON mode), asserted on the request a
 * loopback server recorded; plus the answers only Anthropic gives (thinking and tool_use blocks
 * in a whole message, JSON mode), the model list and the absent embeddings.
 */

import { testCallContext } from '../helpers/callContext';
import assert from 'node:assert/strict';
import { BadRequestError, streamChunkBuilder, type CompletionParams, type ModelResponseChunk } from '../../src/core';
import { anthropicAdapter } from '../../src/core/providers/anthropic/adapter';
import { loadFixture } from '../helpers/fixtures';
import { rejection, useHarness } from '../helpers/llmHarness';
import type { WireServer } from '../helpers/wireServer';
import { anthropicCall, anthropicSse, apiKey, jsonHeaders, sseHeaders } from './anthropicSupport';

const answer = loadFixture('anthropic/messages_nonstream_cache_read');

const weatherTool = { type: 'function' as const, function: { name: 'get_weather', description: 'Current weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } };

describe('Anthropic wire: the request', () => {
  const harness = useHarness();

  /** The body and headers that reached the wire for a whole (non-streamed) call. */
  async function sent(extra: Partial<CompletionParams>): Promise<{ body: Record<string, unknown>; headers: Record<string, string | string[] | undefined>; url: string }> {
    const server = await harness.server(() => answer.reply());
    await harness.client({ retry: { maxRetries: 0 } }).completion({ ...anthropicCall(server), ...extra, stream: false });
    const request = server.requests[0];
    assert.ok(request !== undefined);
    return { body: request.json as Record<string, unknown>, headers: request.headers, url: request.url };
  }

  it('sends the key as x-api-key with anthropic-version, and the caller\'s extra headers', async () => {
    const { headers, url } = await sent({ extra_headers: { 'anthropic-beta': 'prompt-caching-2024-07-31' } });
    assert.deepStrictEqual(
      { url, key: headers['x-api-key'], version: headers['anthropic-version'], beta: headers['anthropic-beta'], type: headers['content-type'], authorization: headers['authorization'] },
      { url: '/v1/messages', key: apiKey, version: '2023-06-01', beta: 'prompt-caching-2024-07-31', type: 'application/json', authorization: undefined },
    );
  });

  it('takes a base URL written with /v1, as OpenAI-style bases are', async () => {
    const server = await harness.server(() => answer.reply());
    await harness.client().completion({ ...anthropicCall(server), api_base: `${server.url}/v1` });
    assert.equal(server.requests[0]?.url, '/v1/messages');
  });

  it('lifts system and developer messages into one system string', async () => {
    const { body } = await sent({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'developer', content: [{ type: 'text', text: 'Answer in French.' }] },
        { role: 'user', content: 'Hello' },
      ],
    });
    assert.deepStrictEqual({ system: body['system'], messages: body['messages'] }, { system: 'Be brief.\n\nAnswer in French.', messages: [{ role: 'user', content: 'Hello' }] });
  });

  it('keeps cache_control: the system becomes text blocks; user parts and tools keep their markers', async () => {
    const cache = { type: 'ephemeral' as const };
    const { body } = await sent({
      messages: [
        { role: 'system', content: [{ type: 'text', text: 'A long manual.', cache_control: cache }] },
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Question one', cache_control: { type: 'ephemeral', ttl: '1h' } }] },
      ],
      tools: [{ ...weatherTool, cache_control: cache }],
    });
    assert.deepStrictEqual(body['system'], [
      { type: 'text', text: 'A long manual.', cache_control: cache },
      { type: 'text', text: 'Be brief.' },
    ]);
    assert.deepStrictEqual(body['messages'], [{ role: 'user', content: [{ type: 'text', text: 'Question one', cache_control: { type: 'ephemeral', ttl: '1h' } }] }]);
    assert.deepStrictEqual(body['tools'], [{ name: 'get_weather', description: 'Current weather', input_schema: weatherTool.function.parameters, cache_control: cache }]);
  });

  it('merges consecutive turns of one role, and puts consecutive tool results in one user turn', async () => {
    const { body } = await sent({
      messages: [
        { role: 'user', content: 'First' },
        { role: 'user', content: 'Second' },
        { role: 'assistant', content: '', tool_calls: [
          { id: 'toolu_a', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          { id: 'toolu_b', type: 'function', function: { name: 'get_weather', arguments: '' } },
        ] },
        { role: 'tool', tool_call_id: 'toolu_a', content: 'Sunny' },
        { role: 'tool', tool_call_id: 'toolu_b', content: [{ type: 'text', text: 'Rain' }] },
        { role: 'user', content: 'Which is warmer?' },
      ],
      tools: [weatherTool],
    });
    assert.deepStrictEqual(body['messages'], [
      { role: 'user', content: [{ type: 'text', text: 'First' }, { type: 'text', text: 'Second' }] },
      {
        role: 'assistant',
        content: [
          { type: 'tool_use', id: 'toolu_a', name: 'get_weather', input: { city: 'Paris' } },
          { type: 'tool_use', id: 'toolu_b', name: 'get_weather', input: {} },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_a', content: 'Sunny' },
          { type: 'tool_result', tool_use_id: 'toolu_b', content: [{ type: 'text', text: 'Rain' }] },
          { type: 'text', text: 'Which is warmer?' },
        ],
      },
    ]);
  });

  it('maps tool_choice and parallel_tool_calls', async () => {
    const cases: { params: Partial<CompletionParams>; wire: unknown }[] = [
      { params: { tool_choice: 'auto' }, wire: { type: 'auto' } },
      { params: { tool_choice: 'required' }, wire: { type: 'any' } },
      { params: { tool_choice: 'none' }, wire: { type: 'none' } },
      { params: { tool_choice: { type: 'function', function: { name: 'get_weather' } } }, wire: { type: 'tool', name: 'get_weather' } },
      { params: { tool_choice: 'required', parallel_tool_calls: false }, wire: { type: 'any', disable_parallel_tool_use: true } },
      { params: { parallel_tool_calls: false }, wire: { type: 'auto', disable_parallel_tool_use: true } },
      { params: { parallel_tool_calls: true }, wire: undefined },
      { params: {}, wire: undefined },
    ];
    const seen: unknown[] = [];
    for (const { params } of cases) {
      seen.push((await sent({ ...params, tools: [weatherTool] })).body['tool_choice']);
    }
    assert.deepStrictEqual(seen, cases.map((entry) => entry.wire));
  });

  it('gives a tool without parameters an empty object schema, and sends no tool_choice without tools', async () => {
    const { body } = await sent({ tools: [{ type: 'function', function: { name: 'now' } }] });
    assert.deepStrictEqual(body['tools'], [{ name: 'now', input_schema: { type: 'object', properties: {} } }]);
    assert.equal((await sent({ tool_choice: 'auto' })).body['tool_choice'], undefined);
  });

  it('sends images as base64 or URL sources, keeping cache_control', async () => {
    const { body } = await sent({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Compare' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg' }, cache_control: { type: 'ephemeral' } },
          ],
        },
      ],
    });
    assert.deepStrictEqual(body['messages'], [
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Compare' },
          { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
          { type: 'image', source: { type: 'url', url: 'https://example.com/cat.jpg' }, cache_control: { type: 'ephemeral' } },
        ],
      },
    ]);
  });

  it('always sends max_tokens: the caller\'s, else the catalogue\'s, else 4096', async () => {
    const seen = [
      (await sent({ max_tokens: 300 })).body['max_tokens'],
      (await sent({ max_tokens: 300, max_completion_tokens: 500 })).body['max_tokens'],
      (await sent({})).body['max_tokens'],
      (await sent({ model: 'anthropic/claude-3-haiku-20240307' })).body['max_tokens'],
      (await sent({ model: 'anthropic/claude-not-in-the-catalogue' })).body['max_tokens'],
    ];
    assert.deepStrictEqual(seen, [300, 500, 64000, 4096, 4096]);
  });

  it('maps reasoning_effort to LiteLLM\'s thinking budgets and keeps max_tokens above the budget', async () => {
    const model = 'anthropic/claude-not-in-the-catalogue';
    const seen: unknown[] = [];
    for (const effort of ['minimal', 'low', 'medium', 'high', 'none'] as const) {
      const { body } = await sent({ model, reasoning_effort: effort });
      seen.push({ thinking: body['thinking'], max_tokens: body['max_tokens'] });
    }
    assert.deepStrictEqual(seen, [
      { thinking: { type: 'enabled', budget_tokens: 1024 }, max_tokens: 4096 },
      { thinking: { type: 'enabled', budget_tokens: 1024 }, max_tokens: 4096 },
      { thinking: { type: 'enabled', budget_tokens: 2048 }, max_tokens: 4096 },
      // 4096 would leave the answer no room beside a 4096 budget.
      { thinking: { type: 'enabled', budget_tokens: 4096 }, max_tokens: 8192 },
      { thinking: undefined, max_tokens: 4096 },
    ]);
  });

  it('passes thinking through, and raises a max_tokens that does not exceed the budget', async () => {
    const { body } = await sent({ thinking: { type: 'enabled', budget_tokens: 10000 }, max_tokens: 2000, reasoning_effort: 'low' });
    assert.deepStrictEqual({ thinking: body['thinking'], max_tokens: body['max_tokens'] }, { thinking: { type: 'enabled', budget_tokens: 10000 }, max_tokens: 12000 });
  });

  it('maps stop, temperature, top_p and user; leaves out what Anthropic has no field for; merges extra_body last', async () => {
    const { body } = await sent({
      stop: ['END', '  ', '\n\nHuman:'],
      temperature: 0.3,
      top_p: 0.9,
      user: 'user-7f3a',
      seed: 42,
      presence_penalty: 0.5,
      extra_body: { top_k: 5, max_tokens: 77 },
    });
    assert.deepStrictEqual(body, {
      model: 'claude-sonnet-4-5',
      max_tokens: 77,
      messages: [{ role: 'user', content: 'Hello' }],
      temperature: 0.3,
      top_p: 0.9,
      stop_sequences: ['END', '\n\nHuman:'],
      metadata: { user_id: 'user-7f3a' },
      top_k: 5,
    });
    assert.deepStrictEqual((await sent({ stop: 'STOP', user: 'someone@example.com' })).body['stop_sequences'], ['STOP']);
    assert.equal((await sent({ user: 'someone@example.com' })).body['metadata'], undefined);
  });

  it('refuses what it cannot send before anything reaches the wire', async () => {
    const server = await harness.server(() => answer.reply());
    const client = harness.client({ retry: { maxRetries: 0 } });
    const badArguments = await rejection(
      client.completion({
        ...anthropicCall(server),
        messages: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: null, tool_calls: [{ id: 'toolu_x', type: 'function', function: { name: 'f', arguments: '{not json' } }] },
          { role: 'tool', tool_call_id: 'toolu_x', content: 'ok' },
        ],
      }),
    );
    assert.ok(badArguments instanceof BadRequestError);
    assert.equal(badArguments.param, 'messages[1].tool_calls[0].function.arguments');
    const badImage = await rejection(client.completion({ ...anthropicCall(server), messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'ftp://example.com/a.png' } }] }] }));
    assert.ok(badImage instanceof BadRequestError && badImage.param === 'messages[0].content[0].image_url.url', String(badImage));
    const several = await rejection(client.completion({ ...anthropicCall(server), n: 2 }));
    assert.ok(several instanceof BadRequestError && several.name === 'UnsupportedParamsError', String(several));
    assert.equal(server.requests.length, 0);
  });
});

describe('Anthropic wire: whole answers, JSON mode, models, embeddings', () => {
  const harness = useHarness();

  it('maps a whole message with thinking, redacted thinking, text and tool_use', async () => {
    // Hand-made in the documented shape of a Messages response with extended thinking and a tool call.
    const body = {
      id: 'msg_01Whole',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5-20250929',
      content: [
        { type: 'thinking', thinking: 'Need the weather.', signature: 'sig-1' },
        { type: 'redacted_thinking', data: 'opaque' },
        { type: 'text', text: 'Let me check.' },
        { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: { input_tokens: 20, output_tokens: 30 },
    };
    const server = await harness.server(() => ({ status: 200, headers: { ...jsonHeaders, 'request-id': 'req_ok' }, body: JSON.stringify(body) }));
    const response = await harness.client().completion(anthropicCall(server, { tools: [weatherTool] }));
    assert.deepStrictEqual(
      { id: response.id, object: response.object, model: response.model, choices: response.choices, usage: response.usage },
      {
        id: 'msg_01Whole',
        object: 'chat.completion',
        model: 'claude-sonnet-4-5-20250929',
        choices: [
          {
            index: 0,
            message: {
              role: 'assistant',
              content: 'Let me check.',
              tool_calls: [{ id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } }],
              reasoning_content: 'Need the weather.',
              thinking_blocks: [
                { type: 'thinking', thinking: 'Need the weather.', signature: 'sig-1' },
                { type: 'redacted_thinking', data: 'opaque' },
              ],
            },
            finish_reason: 'tool_calls',
            native_finish_reason: 'tool_use',
          },
        ],
        // No cache counts reported: none are made up.
        usage: { prompt_tokens: 20, completion_tokens: 30, total_tokens: 50 },
      },
    );
    assert.ok(Math.abs(response.created - Date.now() / 1000) < 5, 'created is the time the answer arrived');
  });

  it('maps every stop_reason, keeping the raw one', async () => {
    const reasons = ['end_turn', 'stop_sequence', 'max_tokens', 'tool_use', 'refusal', 'pause_turn', 'model_context_window_exceeded'];
    const seen: unknown[] = [];
    for (const reason of reasons) {
      const body = { id: 'msg_r', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [{ type: 'text', text: 'x' }], stop_reason: reason, usage: { input_tokens: 1, output_tokens: 1 } };
      const server = await harness.server(() => ({ status: 200, headers: jsonHeaders, body: JSON.stringify(body) }));
      const choice = (await harness.client().completion(anthropicCall(server))).choices[0];
      seen.push([choice?.native_finish_reason, choice?.finish_reason]);
    }
    assert.deepStrictEqual(seen, [
      ['end_turn', 'stop'],
      ['stop_sequence', 'stop'],
      ['max_tokens', 'length'],
      ['tool_use', 'tool_calls'],
      ['refusal', 'content_filter'],
      ['pause_turn', 'stop'],
      ['model_context_window_exceeded', 'length'],
    ]);
  });

  const schema = { type: 'object', properties: { city: { type: 'string' }, temperature: { type: 'number' } }, required: ['city'] };
  const jsonFormat = { type: 'json_schema' as const, json_schema: { name: 'weather', schema } };

  it('asks for JSON through a forced tool and answers with its input as the text', async () => {
    // Hand-made: the documented response to a forced tool (Anthropic's "JSON mode" recipe).
    const body = {
      id: 'msg_json',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-5-20250929',
      content: [{ type: 'tool_use', id: 'toolu_json', name: 'json_tool_call', input: { city: 'Paris', temperature: 15 } }],
      stop_reason: 'tool_use',
      usage: { input_tokens: 40, output_tokens: 12 },
    };
    const server = await harness.server(() => ({ status: 200, headers: jsonHeaders, body: JSON.stringify(body) }));
    const response = await harness.client().completion(anthropicCall(server, { response_format: jsonFormat }));
    const request = server.requests[0]?.json as Record<string, unknown>;
    assert.deepStrictEqual({ tools: request['tools'], tool_choice: request['tool_choice'] }, {
      tools: [{ name: 'json_tool_call', input_schema: schema }],
      tool_choice: { type: 'tool', name: 'json_tool_call' },
    });
    assert.deepStrictEqual(response.choices[0], {
      index: 0,
      message: { role: 'assistant', content: '{"city":"Paris","temperature":15}' },
      finish_reason: 'stop',
      native_finish_reason: 'tool_use',
    });
  });

  it('streams JSON mode as text; json_object gets an open object schema; thinking is not forced', async () => {
    const body = anthropicSse([
      { type: 'message_start', message: { id: 'msg_js', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [], stop_reason: null, usage: { input_tokens: 9, output_tokens: 1 } } },
      { type: 'content_block_start', index: 0, content_block: { type: 'tool_use', id: 'toolu_js', name: 'json_tool_call', input: {} } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: '{"ok": ' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'input_json_delta', partial_json: 'true}' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'message_delta', delta: { stop_reason: 'tool_use', stop_sequence: null }, usage: { output_tokens: 8 } },
      { type: 'message_stop' },
    ]);
    const whole = { id: 'msg_jw', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5', content: [{ type: 'text', text: '{}' }], stop_reason: 'end_turn', usage: { input_tokens: 9, output_tokens: 2 } };
    const server = await harness.server((request) =>
      (request.json as { stream?: boolean }).stream === true ? { status: 200, headers: sseHeaders, body, delivery: 'bytes' } : { status: 200, headers: jsonHeaders, body: JSON.stringify(whole) },
    );
    const client = harness.client();
    const chunks: ModelResponseChunk[] = [];
    for await (const chunk of await client.completion(anthropicCall(server, { response_format: { type: 'json_object' }, stream: true }))) {
      chunks.push(chunk);
    }
    const built = streamChunkBuilder(chunks).choices[0];
    assert.deepStrictEqual({ content: built?.message.content, tool_calls: built?.message.tool_calls, finish: built?.finish_reason }, { content: '{"ok": true}', tool_calls: undefined, finish: 'stop' });
    const first = server.requests[0]?.json as Record<string, unknown>;
    assert.deepStrictEqual(first['tools'], [{ name: 'json_tool_call', input_schema: { type: 'object', properties: {}, additionalProperties: true } }]);

    await client.completion(anthropicCall(server, { response_format: jsonFormat, reasoning_effort: 'low' }));
    const withThinking = server.requests[1]?.json as Record<string, unknown>;
    assert.deepStrictEqual({ tool_choice: withThinking['tool_choice'], thinking: withThinking['thinking'] }, { tool_choice: undefined, thinking: { type: 'enabled', budget_tokens: 1024 } });
  });

  it('lists models page by page with the same headers, created in unix seconds', async () => {
    // Hand-made pages in the documented List Models shape.
    const pages = [
      {
        data: [
          { type: 'model', id: 'claude-sonnet-4-5-20250929', display_name: 'Claude Sonnet 4.5', created_at: '2025-09-29T00:00:00Z' },
          { type: 'model', id: 'claude-opus-4-1-20250805', display_name: 'Claude Opus 4.1', created_at: '2025-08-05T00:00:00Z' },
        ],
        has_more: true,
        first_id: 'claude-sonnet-4-5-20250929',
        last_id: 'claude-opus-4-1-20250805',
      },
      {
        data: [{ type: 'model', id: 'claude-3-haiku-20240307', display_name: 'Claude Haiku 3', created_at: '2024-03-07T00:00:00Z', max_input_tokens: 200000, max_tokens: 4096 }],
        has_more: false,
        first_id: 'claude-3-haiku-20240307',
        last_id: 'claude-3-haiku-20240307',
      },
    ];
    const server = await harness.server((_request, index) => ({ status: 200, headers: jsonHeaders, body: JSON.stringify(pages[index]) }));
    const models = await harness.client().listModels('anthropic', { api_base: server.url, api_key: apiKey });
    assert.deepStrictEqual(
      server.requests.map((request) => [request.method, request.url, request.headers['x-api-key'], request.headers['anthropic-version']]),
      [
        ['GET', '/v1/models?limit=1000', apiKey, '2023-06-01'],
        ['GET', '/v1/models?limit=1000&after_id=claude-opus-4-1-20250805', apiKey, '2023-06-01'],
      ],
    );
    assert.deepStrictEqual(
      models.map((model) => ({ id: model.id, display_name: model.display_name, created: model.created, source: model.source, mode: model.info.mode })),
      [
        { id: 'anthropic/claude-3-haiku-20240307', display_name: 'Claude Haiku 3', created: Date.UTC(2024, 2, 7) / 1000, source: 'provider', mode: 'chat' },
        { id: 'anthropic/claude-opus-4-1-20250805', display_name: 'Claude Opus 4.1', created: Date.UTC(2025, 7, 5) / 1000, source: 'provider', mode: 'chat' },
        { id: 'anthropic/claude-sonnet-4-5-20250929', display_name: 'Claude Sonnet 4.5', created: Date.UTC(2025, 8, 29) / 1000, source: 'provider', mode: 'chat' },
      ],
    );
  });

  it('a rejected key on the model list is an AuthenticationError', async () => {
    const fixture = loadFixture('anthropic/error_401_authentication');
    const server = await harness.server(() => fixture.reply());
    const error = await rejection(harness.client({ retry: { maxRetries: 0 } }).listModels('anthropic', { api_base: server.url, api_key: apiKey }));
    assert.ok(error instanceof Error && error.name === 'AuthenticationError' && error.message === 'Anthropic (401): invalid x-api-key', String(error));
  });

  it('has no embeddings: the client refuses, and so does the adapter', async () => {
    const server: WireServer = await harness.server(() => answer.reply());
    const refused = await rejection(harness.client().embedding({ model: 'anthropic/claude-sonnet-4-5', input: 'hi', api_base: server.url, api_key: apiKey }));
    assert.ok(refused instanceof BadRequestError, String(refused));
    const call = testCallContext({ providerId: 'anthropic', displayName: 'Anthropic', requestedModel: 'anthropic/claude-sonnet-4-5', apiBase: server.url, apiKey });
    const direct = await rejection(anthropicAdapter.embedding({ model: 'anthropic/claude-sonnet-4-5', input: 'hi' }, call));
    assert.ok(direct instanceof BadRequestError && direct.message.includes('no embeddings'), String(direct));
    assert.equal(server.requests.length, 0);
  });
});
