/**
 * What reaches Ollama's wire for OpenAI-style calls: messages (images as bare base64, tool calls
 * with object arguments, tool results by `tool_name`), options under Ollama's names, `format`,
 * `think`, tools, headers and the base URL as `OLLAMA_HOST` writes it; a tool-use round trip; and
 * the model list.
 */

import assert from 'node:assert/strict';
import { BadRequestError, streamChunkBuilder, type CompletionParams, type Message, type Tool } from '../../src/core';
import { ollamaBaseUrl } from '../../src/core/providers/ollama/baseUrl';
import { loadFixture } from '../helpers/fixtures';
import { drain, rejection, useHarness } from '../helpers/llmHarness';
import { jsonHeaders, ndjsonHeaders, onlyBody, ollamaServer, requestsTo, showReply } from './ollamaHelpers';

const weatherTool: Tool = {
  type: 'function',
  function: { name: 'get_weather', description: 'Current weather in a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
  cache_control: { type: 'ephemeral' },
};
const pixel = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const chatAnswer = () => ({ status: 200, headers: jsonHeaders, body: loadFixture('ollama/chat_nonstream').body });

describe('Ollama requests', () => {
  const harness = useHarness();

  it('maps messages, options, format, tools and headers to /api/chat', async () => {
    const server = await ollamaServer(harness, chatAnswer);
    await harness.client().completion({
      model: 'ollama/llava:13b',
      api_base: server.url,
      api_key: 'proxy-token-0123456789',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'developer', content: [{ type: 'text', text: 'Answer in English.' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in ' },
            { type: 'text', text: 'these pictures?' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${pixel}` } },
            { type: 'image_url', image_url: { url: 'data:image/svg+xml,%3Csvg%2F%3E' } },
          ],
        },
      ],
      temperature: 0.2,
      top_p: 0.9,
      max_tokens: 300,
      stop: 'User:',
      seed: 42,
      presence_penalty: 0.5,
      frequency_penalty: 0.25,
      response_format: { type: 'json_object' },
      tools: [weatherTool],
      tool_choice: 'required',
      extra_body: { keep_alive: '10m', options: { top_k: 20 } },
    });
    const { cache_control: _marker, ...plainTool } = weatherTool;
    assert.deepStrictEqual(onlyBody(server, '/api/chat'), {
      model: 'llava:13b',
      stream: false,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'system', content: 'Answer in English.' },
        { role: 'user', content: 'What is in these pictures?', images: [pixel, Buffer.from('<svg/>').toString('base64')] },
      ],
      format: 'json',
      tools: [plainTool],
      keep_alive: '10m',
      options: { temperature: 0.2, top_p: 0.9, num_predict: 300, stop: ['User:'], seed: 42, presence_penalty: 0.5, frequency_penalty: 0.25, top_k: 20, num_ctx: 4096 },
    });
    const headers = requestsTo(server, '/api/chat')[0]?.headers;
    assert.deepStrictEqual([headers?.['authorization'], headers?.['accept'], headers?.['content-type']], ['Bearer proxy-token-0123456789', 'application/json', 'application/json']);
  });

  it('sends a JSON schema as format, max_completion_tokens as num_predict, and no tools for tool_choice none; no key, no authorization', async () => {
    // Answered with one whole JSON body, as a buffering proxy would: the stream still carries it.
    const server = await ollamaServer(harness, chatAnswer);
    const schema = { type: 'object', properties: { age: { type: 'integer' } }, required: ['age'] };
    const stream = await harness.client().completion({
      model: 'ollama/llama3.1:8b',
      api_base: server.url,
      messages: [{ role: 'user', content: 'Ollama is 22. Reply in JSON.' }],
      response_format: { type: 'json_schema', json_schema: { name: 'person', schema } },
      max_tokens: 100,
      max_completion_tokens: 50,
      stop: ['\n\n', 'END'],
      tools: [weatherTool],
      tool_choice: 'none',
      stream: true,
    });
    const { chunks, error } = await drain(stream);
    assert.deepStrictEqual([streamChunkBuilder(chunks).choices[0]?.message.content, error], ['Hello! How are you today?', undefined]);
    const body = onlyBody(server, '/api/chat');
    assert.deepStrictEqual([body['format'], body['options'], body['tools'], body['stream']], [schema, { num_predict: 50, stop: ['\n\n', 'END'], num_ctx: 4096 }, undefined, true]);
    const headers = requestsTo(server, '/api/chat')[0]?.headers;
    assert.deepStrictEqual([headers?.['authorization'], headers?.['accept']], [undefined, 'application/x-ndjson']);
  });

  // What /api/show says about thinking (docs/capabilities/thinking.mdx) decides between a level and true.
  const thinkCases: { label: string; model: string; params: Partial<CompletionParams>; thinking?: unknown[]; think: unknown }[] = [
    { label: 'effort high, on/off model', model: 'qwen3:8b', params: { reasoning_effort: 'high' }, think: true },
    { label: 'effort high, gpt-oss on a server that does not say', model: 'gpt-oss:20b', params: { reasoning_effort: 'high' }, think: 'high' },
    { label: 'effort low, a model whose /api/show names levels', model: 'my-reasoner', params: { reasoning_effort: 'low' }, thinking: ['low', 'medium', 'high'], think: 'low' },
    { label: 'effort medium, /api/show says on/off only', model: 'gpt-oss:20b', params: { reasoning_effort: 'medium' }, thinking: [true, false], think: true },
    { label: 'effort minimal, gpt-oss', model: 'gpt-oss:20b', params: { reasoning_effort: 'minimal' }, think: 'low' },
    { label: 'effort none', model: 'qwen3:8b', params: { reasoning_effort: 'none' }, think: false },
    { label: 'thinking enabled with a large budget, gpt-oss', model: 'gpt-oss:120b', params: { thinking: { type: 'enabled', budget_tokens: 10000 } }, think: 'high' },
    { label: 'thinking enabled, on/off model', model: 'deepseek-r1', params: { thinking: { type: 'enabled', budget_tokens: 1024 } }, think: true },
    { label: 'thinking disabled', model: 'qwen3:8b', params: { thinking: { type: 'disabled' } }, think: false },
    { label: 'neither', model: 'qwen3:8b', params: {}, think: undefined },
  ];
  for (const { label, model, params, thinking, think } of thinkCases) {
    it(`think: ${label} → ${JSON.stringify(think)}`, async () => {
      const server = await ollamaServer(harness, chatAnswer, showReply({ contextLength: 40960, ...(thinking === undefined ? {} : { thinking }) }));
      await harness.client().completion({ model: `ollama/${model}`, api_base: server.url, messages: [{ role: 'user', content: 'How many r in strawberry?' }], ...params });
      assert.equal(onlyBody(server, '/api/chat')['think'], think);
    });
  }

  it('reads message.thinking as reasoning_content', async () => {
    // Hand-made after docs/capabilities/thinking.mdx: a non-streamed answer with its reasoning trace.
    const body = JSON.stringify({
      model: 'qwen3',
      created_at: '2025-05-30T10:00:00Z',
      message: { role: 'assistant', content: 'There are three.', thinking: 'Letters: s-t-r-a-w-b-e-r-r-y. Three r.' },
      done_reason: 'stop',
      done: true,
      prompt_eval_count: 18,
      eval_count: 30,
    });
    const server = await ollamaServer(harness, () => ({ status: 200, headers: jsonHeaders, body }));
    const response = await harness.client().completion({ model: 'ollama/qwen3', api_base: server.url, messages: [{ role: 'user', content: 'How many r in strawberry?' }], reasoning_effort: 'low' });
    assert.deepStrictEqual(response.choices[0]?.message, { role: 'assistant', content: 'There are three.', reasoning_content: 'Letters: s-t-r-a-w-b-e-r-r-y. Three r.' });
    assert.deepStrictEqual(response.usage, { prompt_tokens: 18, completion_tokens: 30, total_tokens: 48 });
  });

  it('round trip: the tool call answer and the tool result go back with object arguments and tool_name', async () => {
    const server = await ollamaServer(harness, (_request, index) =>
      index === 0 ? { status: 200, headers: ndjsonHeaders, body: loadFixture('ollama/chat_stream_tool_calls').body, delivery: 'bytes' } : chatAnswer(),
    );
    const client = harness.client();
    const messages: Message[] = [{ role: 'user', content: 'What is the weather in Tokyo?' }];
    const { chunks } = await drain(await client.completion({ model: 'ollama/llama3.2', api_base: server.url, messages, tools: [weatherTool], stream: true }));
    const answer = streamChunkBuilder(chunks).choices[0]?.message;
    assert.ok(answer?.tool_calls !== undefined);
    messages.push({ role: 'assistant', content: answer.content, tool_calls: answer.tool_calls });
    messages.push({ role: 'tool', tool_call_id: answer.tool_calls[0]?.id ?? '', content: '{"temperature": 21, "unit": "C"}' });
    const final = await client.completion({ model: 'ollama/llama3.2', api_base: server.url, messages, tools: [weatherTool] });
    assert.equal(final.choices[0]?.message.content, 'Hello! How are you today?');
    const second = requestsTo(server, '/api/chat')[1]?.json as Record<string, unknown>;
    assert.deepStrictEqual(second['messages'], [
      { role: 'user', content: 'What is the weather in Tokyo?' },
      { role: 'assistant', content: '', tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Tokyo' } } }] },
      { role: 'tool', content: '{"temperature": 21, "unit": "C"}', tool_name: 'get_weather' },
    ]);
    assert.equal(requestsTo(server, '/api/show').length, 1, '/api/show once for both calls');
  });

  it('a tool result answers the nearest call with its id, even when ids repeat across answers', async () => {
    const server = await ollamaServer(harness, chatAnswer);
    const call = (name: string, city: string) => [{ id: 'call_0', type: 'function' as const, function: { name, arguments: JSON.stringify({ city }) } }];
    await harness.client().completion({
      model: 'ollama/llama3.2',
      api_base: server.url,
      messages: [
        { role: 'user', content: 'Weather in Paris, then the time in Tokyo?' },
        { role: 'assistant', content: null, tool_calls: call('get_weather', 'Paris') },
        { role: 'tool', tool_call_id: 'call_0', content: 'sunny' },
        { role: 'assistant', content: '', tool_calls: call('get_time', 'Tokyo'), reasoning_content: 'Now the time.' },
        { role: 'tool', tool_call_id: 'call_0', content: '09:00' },
        { role: 'tool', tool_call_id: 'unknown', name: 'get_news', content: 'none' },
      ],
    });
    const sent = (onlyBody(server, '/api/chat')['messages'] as Record<string, unknown>[]).slice(1);
    assert.deepStrictEqual(sent, [
      { role: 'assistant', content: '', tool_calls: [{ function: { name: 'get_weather', arguments: { city: 'Paris' } } }] },
      { role: 'tool', content: 'sunny', tool_name: 'get_weather' },
      { role: 'assistant', content: '', thinking: 'Now the time.', tool_calls: [{ function: { name: 'get_time', arguments: { city: 'Tokyo' } } }] },
      { role: 'tool', content: '09:00', tool_name: 'get_time' },
      { role: 'tool', content: 'none', tool_name: 'get_news' },
    ]);
  });

  const refused: { label: string; params: Partial<CompletionParams>; param: string; says: RegExp }[] = [
    {
      label: 'an image on the web',
      params: { messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } }] }] },
      param: 'messages[0].content[1].image_url.url',
      says: /messages\[0\]\.content\[1\]\.image_url\.url is a web address, and Ollama cannot fetch images\. Send the image inline as a data: URL/,
    },
    {
      label: 'a PDF file part',
      params: { messages: [{ role: 'user', content: [{ type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0=' } }] }] },
      param: 'messages[0].content[0].file',
      says: /file part; Ollama takes text and images only/,
    },
    {
      label: 'tool arguments that are not a JSON object',
      params: {
        messages: [
          { role: 'user', content: 'Weather?' },
          { role: 'assistant', content: null, tool_calls: [{ id: 'call_0', type: 'function', function: { name: 'get_weather', arguments: '{"city": "Par' } }] },
        ],
      },
      param: 'messages[1].tool_calls[0].function.arguments',
      says: /must be a JSON object for Ollama/,
    },
  ];
  for (const { label, params, param, says } of refused) {
    it(`refuses ${label} before sending anything`, async () => {
      const server = await ollamaServer(harness, chatAnswer);
      const error = await rejection(harness.client().completion({ model: 'ollama/llava', api_base: server.url, messages: [], ...params }));
      assert.ok(error instanceof BadRequestError, String(error));
      assert.deepStrictEqual([error.param, error.llm_provider], [param, 'ollama']);
      assert.match(error.message, says);
      assert.equal(server.requests.length, 0);
    });
  }

  it('refuses token ids as embedding input', async () => {
    const server = await ollamaServer(harness, chatAnswer);
    const error = await rejection(harness.client().embedding({ model: 'ollama/all-minilm', api_base: server.url, input: [[1, 2, 3]] }));
    assert.ok(error instanceof BadRequestError);
    assert.equal(error.param, 'input');
    assert.equal(server.requests.length, 0);
  });

  it('finds the server from OLLAMA_HOST written without a scheme', async () => {
    const server = await ollamaServer(harness, chatAnswer);
    const response = await harness.client({ env: { OLLAMA_HOST: server.url.replace('http://', '') } }).completion({ model: 'ollama/llama3.2', messages: [{ role: 'user', content: 'Hi' }] });
    assert.equal(response.choices[0]?.message.content, 'Hello! How are you today?');
    assert.equal(requestsTo(server, '/api/chat').length, 1);
  });

  it('reads OLLAMA_HOST the way Ollama does', () => {
    const cases: [string, string][] = [
      ['127.0.0.1:11434', 'http://127.0.0.1:11434'],
      ['0.0.0.0:11434', 'http://localhost:11434'],
      ['0.0.0.0', 'http://localhost:11434'],
      [':8080', 'http://localhost:8080'],
      ['gpu-box', 'http://gpu-box:11434'],
      ['gpu-box:9000/ollama/', 'http://gpu-box:9000/ollama'],
      ['[::]:11434', 'http://localhost:11434'],
      ['[::1]:11434', 'http://[::1]:11434'],
      ['::1', 'http://[::1]:11434'],
      ['http://0.0.0.0:11434', 'http://localhost:11434'],
      ['https://ollama.example.com/', 'https://ollama.example.com'],
      ['http://localhost:11434', 'http://localhost:11434'],
    ];
    assert.deepStrictEqual(
      cases.map(([input]) => [input, ollamaBaseUrl(input)]),
      cases,
    );
  });
});
