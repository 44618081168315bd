import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { streamChunkBuilder, type ModelResponse, type ModelResponseChunk, type StreamChoice, type Usage } from '../../src/core';
import { loadFixture } from '../helpers/fixtures';
import { useHarness } from '../helpers/llmHarness';

const base = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1727346178, model: 'gpt-4o' } as const;

function chunk(choices: StreamChoice[], extra: Partial<ModelResponseChunk> = {}): ModelResponseChunk {
  return { ...base, choices, ...extra };
}

/** A chunk for choice 0 (or `index`) carrying one delta. */
function delta(value: StreamChoice['delta'], finish: StreamChoice['finish_reason'] = null, index = 0): ModelResponseChunk {
  return chunk([{ index, delta: value, finish_reason: finish }]);
}

function response(choices: ModelResponse['choices'], extra: Partial<ModelResponse> = {}): ModelResponse {
  return { id: base.id, object: 'chat.completion', created: base.created, model: base.model, choices, ...extra };
}

const usage: Usage = { prompt_tokens: 10, completion_tokens: 3, total_tokens: 13, completion_tokens_details: { reasoning_tokens: 0 } };

describe('streamChunkBuilder', () => {
  it('concatenates text and keeps the finish reason, fingerprint and the last usage', () => {
    const chunks = [
      chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }], { system_fingerprint: 'fp_1' }),
      delta({ content: 'Hel' }),
      delta({ content: 'lo, ' }),
      delta({ content: 'world' }),
      delta({}, 'stop'),
      chunk([{ index: 0, delta: {}, finish_reason: null }], { usage: { prompt_tokens: 10, completion_tokens: 1, total_tokens: 11 } }),
      chunk([{ index: 0, delta: {}, finish_reason: null }], { usage }),
      // OpenAI's newer chunks carry `usage: null` on every chunk; null must not erase the usage.
      chunk([{ index: 0, delta: {}, finish_reason: null }], { usage: null }),
    ];
    assert.deepStrictEqual(
      streamChunkBuilder(chunks),
      response([{ index: 0, message: { role: 'assistant', content: 'Hello, world' }, finish_reason: 'stop' }], { system_fingerprint: 'fp_1', usage }),
    );
  });

  it('joins two interleaved parallel tool calls by index, taking each name once', () => {
    const chunks = [
      delta({ role: 'assistant', content: null }),
      delta({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '' } }] }),
      delta({ tool_calls: [{ index: 1, id: 'call_b', type: 'function', function: { name: 'get_time', arguments: '{"tz"' } }] }),
      delta({ tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] }),
      // Some servers repeat the name (and id) in every fragment.
      delta({ tool_calls: [{ index: 1, id: 'call_b', function: { name: 'get_time', arguments: ':"UTC"}' } }] }),
      delta({ tool_calls: [{ index: 0, function: { name: 'get_weather', arguments: '"Paris"}' } }] }),
      delta({}, 'tool_calls'),
    ];
    assert.deepStrictEqual(
      streamChunkBuilder(chunks),
      response([
        {
          index: 0,
          message: {
            role: 'assistant',
            content: null,
            tool_calls: [
              { id: 'call_a', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
              { id: 'call_b', type: 'function', function: { name: 'get_time', arguments: '{"tz":"UTC"}' } },
            ],
          },
          finish_reason: 'tool_calls',
        },
      ]),
    );
  });

  it('joins tool-call fragments that arrive in one chunk, and calls whose indexes do not start at 0', () => {
    // An adapter may number calls by content block, so a text block can take index 0.
    const chunks = [
      delta({
        tool_calls: [
          { index: 1, id: 'call_a', function: { name: 'a', arguments: '{' } },
          { index: 2, id: 'call_b', function: { name: 'b', arguments: '{}' } },
          { index: 1, function: { arguments: '}' } },
        ],
      }),
      delta({}, 'tool_calls'),
    ];
    assert.deepStrictEqual(streamChunkBuilder(chunks).choices[0]?.message.tool_calls, [
      { id: 'call_a', type: 'function', function: { name: 'a', arguments: '{}' } },
      { id: 'call_b', type: 'function', function: { name: 'b', arguments: '{}' } },
    ]);
  });

  it('concatenates reasoning_content and refusal, apart from the content', () => {
    const chunks = [
      delta({ role: 'assistant', content: null, refusal: null }),
      delta({ reasoning_content: 'The user ' }),
      delta({ reasoning_content: 'asks for harm.' }),
      delta({ refusal: "I'm sorry, " }),
      delta({ refusal: "I can't help." }),
      delta({}, 'stop'),
    ];
    assert.deepStrictEqual(
      streamChunkBuilder(chunks),
      response([
        {
          index: 0,
          message: { role: 'assistant', content: null, reasoning_content: 'The user asks for harm.', refusal: "I'm sorry, I can't help." },
          finish_reason: 'stop',
        },
      ]),
    );
  });

  it('merges thinking blocks until their signature arrives, and keeps redacted_thinking blocks', () => {
    const chunks = [
      delta({ thinking_blocks: [{ type: 'thinking', thinking: 'Let me ' }] }),
      delta({ thinking_blocks: [{ type: 'thinking', thinking: 'think.' }] }),
      delta({ thinking_blocks: [{ type: 'thinking', thinking: '', signature: 'sig-1' }] }),
      delta({ thinking_blocks: [{ type: 'redacted_thinking', data: 'EmwKAhgB' }] }),
      delta({ thinking_blocks: [{ type: 'thinking', thinking: 'Again.', signature: 'sig-2' }] }),
      delta({ content: 'Done.' }),
      delta({}, 'stop'),
    ];
    assert.deepStrictEqual(
      streamChunkBuilder(chunks),
      response([
        {
          index: 0,
          message: {
            role: 'assistant',
            content: 'Done.',
            thinking_blocks: [
              { type: 'thinking', thinking: 'Let me think.', signature: 'sig-1' },
              { type: 'redacted_thinking', data: 'EmwKAhgB' },
              { type: 'thinking', thinking: 'Again.', signature: 'sig-2' },
            ],
          },
          finish_reason: 'stop',
        },
      ]),
    );
  });

  it('keeps the provider’s native finish reason beside the normalised one', () => {
    const chunks = [delta({ content: 'partial' }), chunk([{ index: 0, delta: {}, finish_reason: 'length', native_finish_reason: 'MAX_TOKENS' }])];
    assert.deepStrictEqual(
      streamChunkBuilder(chunks),
      response([{ index: 0, message: { role: 'assistant', content: 'partial' }, finish_reason: 'length', native_finish_reason: 'MAX_TOKENS' }]),
    );
  });

  it('leaves content null when no content delta came, and empty when only an empty one did', () => {
    assert.deepStrictEqual(
      [streamChunkBuilder([delta({ role: 'assistant' }), delta({ content: null }, 'stop')]), streamChunkBuilder([delta({ role: 'assistant', content: '' }, 'stop')])],
      [
        response([{ index: 0, message: { role: 'assistant', content: null }, finish_reason: 'stop' }]),
        response([{ index: 0, message: { role: 'assistant', content: '' }, finish_reason: 'stop' }]),
      ],
    );
  });

  it('rebuilds each choice of an n=2 stream on its own', () => {
    const chunks = [
      chunk([
        { index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null },
        { index: 1, delta: { role: 'assistant', content: '' }, finish_reason: null },
      ]),
      delta({ content: 'One' }, null, 1),
      delta({ content: 'Un' }, null, 0),
      delta({ content: ' two' }, null, 1),
      delta({ content: ' deux' }, null, 0),
      delta({}, 'stop', 1),
      delta({}, 'length', 0),
    ];
    assert.deepStrictEqual(
      streamChunkBuilder(chunks),
      response([
        { index: 0, message: { role: 'assistant', content: 'Un deux' }, finish_reason: 'length' },
        { index: 1, message: { role: 'assistant', content: 'One two' }, finish_reason: 'stop' },
      ]),
    );
  });

  it('takes id, model and created from the first chunk that has an id (Azure’s first chunk has none)', () => {
    const chunks = [
      { ...chunk([{ index: 0, delta: {}, finish_reason: null }]), id: '', model: '', created: 0 },
      delta({ content: 'Hi' }, 'stop'),
    ];
    assert.deepStrictEqual(streamChunkBuilder(chunks), response([{ index: 0, message: { role: 'assistant', content: 'Hi' }, finish_reason: 'stop' }]));
  });

  it('gives one empty choice for no chunks at all', () => {
    assert.deepStrictEqual(streamChunkBuilder([]), {
      id: '',
      object: 'chat.completion',
      created: 0,
      model: '',
      choices: [{ index: 0, message: { role: 'assistant', content: null }, finish_reason: null }],
    });
  });

  it('leaves the chunks it was given unchanged, and shares no objects with them', () => {
    const chunks = [
      delta({ tool_calls: [{ index: 0, id: 'call_a', type: 'function', function: { name: 'a', arguments: '{}' } }] }),
      delta({ thinking_blocks: [{ type: 'redacted_thinking', data: 'x' }] }),
      delta({ thinking_blocks: [{ type: 'thinking', thinking: 'y', signature: 's' }] }, 'tool_calls'),
      chunk([{ index: 0, delta: {}, finish_reason: null }], { usage }),
    ];
    const before = structuredClone(chunks);
    const built = streamChunkBuilder(chunks);
    built.choices[0]!.message.tool_calls![0]!.function.arguments = 'changed';
    (built.choices[0]!.message.thinking_blocks![0] as { data: string }).data = 'changed';
    assert.deepStrictEqual(chunks, before);
  });

  describe('a recorded stream served through the client', () => {
    const fixture = loadFixture('openai/chat_stream_parallel_tool_calls');
    const harness = useHarness({ retry: { maxRetries: 0 } });

    for (const delivery of ['whole', 'bytes'] as const) {
      it(`rebuilds openai/chat_stream_parallel_tool_calls (${delivery}) to the recorded tool calls`, async () => {
        const server = await harness.server(() => fixture.reply(delivery));
        const client = harness.client();
        const stream = await client.completion({
          model: 'openai/gpt-4o-2024-08-06',
          api_base: `${server.url}/v1`,
          api_key: 'sk-test-0123456789abcdef',
          messages: [{ role: 'user', content: 'Weather in Edinburgh and the AAPL price?' }],
          stream: true,
        });
        const chunks: ModelResponseChunk[] = [];
        for await (const piece of stream) {
          chunks.push(piece);
        }
        const expected = fixture.meta.expected;
        const built = streamChunkBuilder(chunks);
        // The stream's own running accumulator must agree with the builder.
        const { _hidden_params: hidden, ...live } = stream.response();
        assert.deepStrictEqual([built, live, hidden?.custom_llm_provider], [
          {
            id: 'chatcmpl-ABfwAwrNePHUgBBezonVC6MX3zd63',
            object: 'chat.completion',
            created: 1727346178,
            model: 'gpt-4o-2024-08-06',
            system_fingerprint: 'fp_5050236cbd',
            choices: [
              {
                index: 0,
                message: {
                  role: 'assistant',
                  content: null,
                  tool_calls: (expected.tool_calls ?? []).map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } })),
                },
                finish_reason: expected.finish_reason_normalized,
              },
            ],
            usage: expected['usage_raw'],
          },
          built,
          'openai',
        ]);
        assert.equal(expected.tool_calls?.length, 2);
      });
    }
  });
});
