/**
 * Ollama's native API through the public client, against a loopback server that answers with the
 * recorded responses (docs/api.md examples) — whole, byte by byte and at random splits. The result
 * must match the facts recorded with each fixture, and the request on the wire must be what
 * Ollama expects: `/api/chat` with `stream` always said, `options.num_ctx`, tools as given.
 */

import assert from 'node:assert/strict';
import { streamChunkBuilder, type CompletionParams, type ModelResponse, type ModelResponseChunk, type Tool } from '../../src/core';
import { deliveries, loadFixture, type Fixture } from '../helpers/fixtures';
import { drain, useHarness, type Harness } from '../helpers/llmHarness';
import { observe, type Observed } from '../helpers/observe';
import type { Delivery, WireServer } from '../helpers/wireServer';
import { expectedOllama, jsonHeaders, ndjson, ndjsonHeaders, onlyBody, ollamaServer, requestsTo } from './ollamaHelpers';

const weatherTool: Tool = {
  type: 'function',
  function: { name: 'get_weather', description: 'Current weather in a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
};

/**
 * The only recorded `/api/chat` stream is a tool call (see test/fixtures/README.md, Gaps). This
 * text stream is hand-made from the documented chunk format (docs/api.md, "Chat Request
 * (Streaming)": `message.content` deltas with `images: null`, and a final line with `done_reason`
 * and the counts).
 */
const handMadeTextStream = ndjson([
  { model: 'llama3.2', created_at: '2023-08-04T08:52:19.385406455-07:00', message: { role: 'assistant', content: 'The', images: null }, done: false },
  { model: 'llama3.2', created_at: '2023-08-04T08:52:19.397406455-07:00', message: { role: 'assistant', content: ' sky', images: null }, done: false },
  { model: 'llama3.2', created_at: '2023-08-04T08:52:19.409406455-07:00', message: { role: 'assistant', content: ' is blue', images: null }, done: false },
  { model: 'llama3.2', created_at: '2023-08-04T08:52:19.421406455-07:00', message: { role: 'assistant', content: ' — Rayleigh «scattering».', images: null }, done: false },
  {
    model: 'llama3.2',
    created_at: '2023-08-04T19:22:45.499127Z',
    message: { role: 'assistant', content: '' },
    done_reason: 'stop',
    done: true,
    total_duration: 4883583458,
    load_duration: 1334875,
    prompt_eval_count: 26,
    prompt_eval_duration: 342546000,
    eval_count: 282,
    eval_duration: 4535599000,
  },
]);

/**
 * Hand-made after docs/capabilities/thinking.mdx: a thinking model streams `message.thinking`
 * before `message.content`; the last line stops at the token limit (`done_reason: length`).
 */
const handMadeThinkingStream = ndjson([
  { model: 'qwen3', created_at: '2025-05-30T10:00:00.000000Z', message: { role: 'assistant', content: '', thinking: 'Count' }, done: false },
  { model: 'qwen3', created_at: '2025-05-30T10:00:00.010000Z', message: { role: 'assistant', content: '', thinking: ' the r letters.' }, done: false },
  { model: 'qwen3', created_at: '2025-05-30T10:00:00.020000Z', message: { role: 'assistant', content: 'There are' }, done: false },
  { model: 'qwen3', created_at: '2025-05-30T10:00:00.030000Z', message: { role: 'assistant', content: ' three' }, done: false },
  { model: 'qwen3', created_at: '2025-05-30T10:00:00.040000Z', message: { role: 'assistant', content: '' }, done_reason: 'length', done: true, prompt_eval_count: 18, eval_count: 9 },
]);

/**
 * `/api/generate`'s recorded stream (docs/api/streaming.mdx) carried over to `/api/chat` framing:
 * each `response` becomes `message.content`, nothing else changes. It keeps the recorded framing
 * facts: the last line is `done: true` AND carries the final token, and there are no counts.
 */
function chatFromGenerate(fixture: Fixture): string {
  const lines = fixture.body
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return ndjson(
    lines.map(({ response, ...rest }) => (typeof response === 'string' ? { ...rest, message: { role: 'assistant', content: response } } : rest)),
  );
}

interface ChatCase {
  name: string;
  stream: boolean;
  model: string;
  tools: boolean;
  body: Buffer | string;
  expected: Observed;
}

const fixtureCases: ChatCase[] = ['ollama/chat_nonstream', 'ollama/chat_nonstream_tool_calls', 'ollama/chat_stream_tool_calls'].map((name) => {
  const fixture = loadFixture(name);
  return {
    name,
    stream: fixture.meta.request_hint['stream'] === true,
    model: String(fixture.meta.request_hint['model']),
    tools: fixture.meta.request_hint['tools'] !== undefined,
    body: fixture.body,
    expected: expectedOllama(fixture.meta),
  };
});

const generate = loadFixture('ollama/generate_stream');
const handMadeCases: ChatCase[] = [
  {
    name: 'hand-made /api/chat text stream',
    stream: true,
    model: 'llama3.2',
    tools: false,
    body: handMadeTextStream,
    expected: {
      text: 'The sky is blue — Rayleigh «scattering».',
      refusal: null,
      reasoning_text: null,
      finish_reason: 'stop',
      tool_calls: [],
      usage: { prompt_tokens: 26, completion_tokens: 282, total_tokens: 308, reasoning_tokens: null, cached_tokens: null },
    },
  },
  {
    name: 'hand-made thinking stream',
    stream: true,
    model: 'qwen3',
    tools: false,
    body: handMadeThinkingStream,
    expected: {
      text: 'There are three',
      refusal: null,
      reasoning_text: 'Count the r letters.',
      finish_reason: 'length',
      tool_calls: [],
      usage: { prompt_tokens: 18, completion_tokens: 9, total_tokens: 27, reasoning_tokens: null, cached_tokens: null },
    },
  },
  { name: 'generate_stream framing as /api/chat', stream: true, model: 'gemma4', tools: false, body: chatFromGenerate(generate), expected: expectedOllama(generate.meta) },
];

async function run(harness: Harness, testCase: ChatCase, delivery: Delivery): Promise<{ server: WireServer; response: ModelResponse; chunks: ModelResponseChunk[] }> {
  const server = await ollamaServer(harness, () => ({ status: 200, headers: testCase.stream ? ndjsonHeaders : jsonHeaders, body: testCase.body, delivery }));
  const client = harness.client({ retry: { maxRetries: 0 } });
  const params: CompletionParams = { model: `ollama/${testCase.model}`, api_base: server.url, messages: [{ role: 'user', content: 'why is the sky blue?' }] };
  if (testCase.tools) {
    params.tools = [weatherTool];
  }
  if (!testCase.stream) {
    return { server, response: await client.completion({ ...params, stream: false }), chunks: [] };
  }
  const { chunks, error } = await drain(await client.completion({ ...params, stream: true }));
  assert.equal(error, undefined);
  return { server, response: streamChunkBuilder(chunks), chunks };
}

describe('Ollama wire: recorded responses through the client', () => {
  const harness = useHarness();

  for (const testCase of [...fixtureCases, ...handMadeCases]) {
    for (const { label, delivery } of deliveries) {
      it(`${testCase.name} (${label})`, async () => {
        const { server, response, chunks } = await run(harness, testCase, delivery);
        assert.deepStrictEqual(observe(response), testCase.expected);
        assert.deepStrictEqual(onlyBody(server, '/api/chat'), {
          model: testCase.model,
          messages: [{ role: 'user', content: 'why is the sky blue?' }],
          stream: testCase.stream,
          ...(testCase.tools ? { tools: [weatherTool] } : {}),
          options: { num_ctx: 4096 },
        });
        assert.deepStrictEqual(onlyBody(server, '/api/show'), { model: testCase.model });
        if (testCase.stream) {
          assert.deepStrictEqual(new Set(chunks.map((chunk) => `${chunk.object} ${chunk.id} ${chunk.model}`)).size, 1, 'one id and model for the whole stream');
          assert.ok(chunks.every((chunk) => chunk.choices[0]?.delta !== undefined));
          assert.equal(chunks[0]?.choices[0]?.delta.role, 'assistant');
          assert.equal(chunks.at(-1)?.choices[0]?.finish_reason, testCase.expected.finish_reason);
        }
      });
    }
  }

  it('keeps Ollama\'s own finish reason when it differs, and says who answered', async () => {
    const server = await ollamaServer(harness, () => ({ status: 200, headers: jsonHeaders, body: loadFixture('ollama/chat_nonstream_tool_calls').body }));
    const response = await harness.client().completion({ model: 'ollama/llama3.2', api_base: server.url, messages: [{ role: 'user', content: 'Weather in Tokyo?' }], tools: [weatherTool] });
    assert.deepStrictEqual(
      { finish: response.choices[0]?.finish_reason, native: response.choices[0]?.native_finish_reason, model: response.model, created: response.created, hidden: response._hidden_params },
      { finish: 'tool_calls', native: 'stop', model: 'llama3.2', created: Math.floor(Date.parse('2025-07-07T20:32:53.844124Z') / 1000), hidden: { custom_llm_provider: 'ollama', model: 'ollama/llama3.2', api_base: server.url } },
    );
    assert.match(response.id, /^chatcmpl-/);
  });
});

describe('Ollama wire: recorded embeddings', () => {
  const harness = useHarness();

  for (const name of ['ollama/embed_single', 'ollama/embed_batch']) {
    const fixture = loadFixture(name);
    for (const { label, delivery } of deliveries) {
      it(`${name} (${label})`, async () => {
        const server = await ollamaServer(harness, () => fixture.reply(delivery));
        const input = fixture.meta.request_hint['input'] as string | string[];
        const response = await harness.client().embedding({ model: 'ollama/all-minilm', api_base: server.url, input, dimensions: 10 });
        const expected = fixture.meta.expected;
        const promptTokens = (expected.usage as Record<string, number | null>)['prompt_tokens'];
        assert.deepStrictEqual(
          {
            count: response.data.length,
            dimension: response.data.map((item) => (item.embedding as number[]).length),
            first3: response.data.map((item) => (item.embedding as number[]).slice(0, 3)),
            indexes: response.data.map((item) => item.index),
            usage: response.usage,
            model: response.model,
          },
          {
            count: expected['embedding_count'],
            dimension: response.data.map(() => expected['dimension']),
            first3: expected['first_3_values_of_each'],
            indexes: response.data.map((_, index) => index),
            usage: promptTokens === null || promptTokens === undefined ? undefined : { prompt_tokens: promptTokens, total_tokens: promptTokens },
            model: 'all-minilm',
          },
        );
        assert.deepStrictEqual(onlyBody(server, '/api/embed'), { model: 'all-minilm', input, dimensions: 10 });
        assert.equal(requestsTo(server, '/api/show').length, 0, 'embeddings need no /api/show');
      });
    }
  }

  it('encodes vectors as OpenAI base64 when asked, and passes Ollama\'s own fields through extra_body', async () => {
    const fixture = loadFixture('ollama/embed_single');
    const server = await ollamaServer(harness, () => fixture.reply());
    const response = await harness.client().embedding({
      model: 'ollama/all-minilm',
      api_base: server.url,
      input: 'Why is the sky blue?',
      encoding_format: 'base64',
      extra_body: { truncate: false, keep_alive: '10m' },
    });
    const bytes = Buffer.from(response.data[0]?.embedding as string, 'base64');
    const decoded = Array.from({ length: bytes.length / 4 }, (_, index) => bytes.readFloatLE(index * 4));
    assert.deepStrictEqual(decoded.slice(0, 3).map((value) => Number(value.toPrecision(7))), [0.01007103, -0.001759486, 0.05007221]);
    assert.deepStrictEqual(onlyBody(server, '/api/embed'), { model: 'all-minilm', input: 'Why is the sky blue?', truncate: false, keep_alive: '10m' });
  });
});
