import assert from 'node:assert/strict';
import { createServer, Socket, type AddressInfo } from 'node:net';
import { describe, it } from 'mocha';
import {
  AbortError,
  AuthenticationError,
  createClient,
  RateLimitError,
  streamChunkBuilder,
  type Client,
  type CompletionParams,
  type CompletionStream,
  type ModelResponse,
  type ModelResponseChunk,
  type Tool,
} from '../../src/core';

const question: CompletionParams = { model: 'mock/echo', messages: [{ role: 'user', content: 'What is the capital of France?' }] };

function client(): Client {
  // No environment at all: the mock needs no key and no base URL.
  return createClient({ env: {} });
}

/** A response without the fields that legitimately differ between two calls or between stream and non-stream. */
function comparable(response: ModelResponse): Omit<ModelResponse, 'created' | '_hidden_params'> {
  const { created: _created, _hidden_params: _hidden, ...rest } = response;
  return rest;
}

async function ask(params: CompletionParams, target: Client = client()): Promise<ModelResponse> {
  return target.completion({ ...params, stream: false });
}

async function collect(stream: CompletionStream): Promise<ModelResponseChunk[]> {
  const chunks: ModelResponseChunk[] = [];
  for await (const chunk of stream) {
    chunks.push(chunk);
  }
  return chunks;
}

async function streamed(params: CompletionParams, target: Client = client()): Promise<ModelResponseChunk[]> {
  return collect(await target.completion({ ...params, stream: true }));
}

/** Stream and non-stream answers to the same call, rebuilt into the same shape. */
async function bothWays(params: CompletionParams): Promise<{ plain: ModelResponse; rebuilt: ModelResponse; chunks: ModelResponseChunk[] }> {
  const plain = await ask(params);
  const chunks = await streamed(params);
  return { plain, rebuilt: streamChunkBuilder(chunks), chunks };
}

const weatherTool: Tool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: {
      type: 'object',
      properties: {
        city: { type: 'string' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
        days: { type: 'integer' },
        detailed: { type: 'boolean' },
        hours: { type: 'array', items: { type: 'number' } },
        note: { type: ['string', 'null'] },
        region: { anyOf: [{ type: 'null' }, { type: 'string', enum: ['eu', 'us'] }] },
      },
      required: ['city', 'unit', 'days', 'detailed', 'hours', 'note', 'region'],
    },
  },
};
const timeTool: Tool = { type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: { zone: { type: 'string' } } } } };

describe('mock provider', () => {
  describe('chat', () => {
    it('answers deterministically: the same input gives the same answer, another input another one', async () => {
      const first = await ask(question);
      const second = await ask(question);
      const other = await ask({ ...question, messages: [{ role: 'user', content: 'Something else' }] });
      assert.deepStrictEqual(comparable(second), comparable(first));
      assert.notDeepStrictEqual(comparable(other), comparable(first));
      assert.match(first.choices[0]?.message.content ?? '', /> What is the capital of France\?/);
    });

    it('streams word by word, and the chunks rebuild the non-streamed answer', async () => {
      const { plain, rebuilt, chunks } = await bothWays(question);
      const pieces = chunks.map((chunk) => chunk.choices[0]?.delta.content).filter((content): content is string => typeof content === 'string' && content !== '');
      assert.deepStrictEqual(
        { rebuilt: comparable(rebuilt), wordSized: pieces.every((piece) => /^\s*\S+\s*$/.test(piece)), manyPieces: pieces.length > 10 },
        { rebuilt: comparable(plain), wordSized: true, manyPieces: true },
      );
    });

    it('reports usage whose total is prompt plus completion, counting only the answer', async () => {
      const response = await ask({ ...question, mock_response: 'four' });
      const usage = response.usage;
      assert.ok(usage !== undefined);
      // Four characters are one token for the mock; the prompt is counted per message.
      assert.deepStrictEqual(
        { completion: usage.completion_tokens, total: usage.total_tokens, promptCounted: usage.prompt_tokens > 0 },
        { completion: 1, total: usage.prompt_tokens + 1, promptCounted: true },
      );
    });

    it('calls the offered tool with JSON arguments built from its schema', async () => {
      const { plain, rebuilt } = await bothWays({ ...question, tools: [weatherTool, timeTool] });
      const call = plain.choices[0]?.message.tool_calls?.[0];
      assert.ok(call !== undefined, 'a tool call');
      assert.deepStrictEqual(
        {
          choice: { ...plain.choices[0], message: { ...plain.choices[0]?.message, tool_calls: undefined } },
          name: call.function.name,
          arguments: JSON.parse(call.function.arguments) as unknown,
          calls: plain.choices[0]?.message.tool_calls?.length,
          rebuilt: comparable(rebuilt),
        },
        {
          choice: { index: 0, message: { role: 'assistant', content: null, tool_calls: undefined }, finish_reason: 'tool_calls' },
          name: 'get_weather',
          // The first enum value, typed placeholders, and the non-null type of optional fields.
          arguments: { city: 'example', unit: 'celsius', days: 1, detailed: true, hours: [1.5], note: 'example', region: 'eu' },
          calls: 1,
          rebuilt: comparable(plain),
        },
      );
    });

    it('calls the tool tool_choice names, and none with tool_choice none', async () => {
      const named = await ask({ ...question, tools: [weatherTool, timeTool], tool_choice: { type: 'function', function: { name: 'get_time' } } });
      const none = await ask({ ...question, tools: [weatherTool], tool_choice: 'none' });
      assert.deepStrictEqual(
        [named.choices[0]?.message.tool_calls?.map((call) => [call.function.name, call.function.arguments]), none.choices[0]?.message.tool_calls, none.choices[0]?.finish_reason],
        [[['get_time', '{"zone":"example"}']], undefined, 'stop'],
      );
      // A schema that names its required fields gets only those: a minimal valid call.
      const minimal: Tool = { type: 'function', function: { name: 'list_directory', parameters: { type: 'object', properties: { path: { type: 'string' } }, required: [] } } };
      const listed = await ask({ ...question, tools: [minimal] });
      assert.equal(listed.choices[0]?.message.tool_calls?.[0]?.function.arguments, '{}');
    });

    it('answers with the tool result once it came back', async () => {
      const first = await ask({ ...question, tools: [timeTool] });
      const call = first.choices[0]?.message.tool_calls?.[0];
      assert.ok(call !== undefined);
      const params: CompletionParams = {
        ...question,
        tools: [timeTool],
        messages: [...question.messages, { role: 'assistant', content: null, tool_calls: [call] }, { role: 'tool', tool_call_id: call.id, content: '12:00 CET' }],
      };
      const { plain, rebuilt } = await bothWays(params);
      assert.deepStrictEqual(
        [plain.choices[0]?.message, plain.choices[0]?.finish_reason, comparable(rebuilt)],
        [{ role: 'assistant', content: 'The tool answered: 12:00 CET' }, 'stop', comparable(plain)],
      );
    });

    it('reasons when reasoning is asked for, and not otherwise', async () => {
      const { plain, rebuilt } = await bothWays({ ...question, reasoning_effort: 'low' });
      const thinking = await ask({ ...question, thinking: { type: 'enabled', budget_tokens: 1024 } });
      const none = await ask({ ...question, reasoning_effort: 'none' });
      const off = await ask(question);
      const reasoning = plain.choices[0]?.message.reasoning_content;
      assert.ok(reasoning !== undefined && reasoning.length > 0, 'reasoning_content');
      assert.deepStrictEqual(
        {
          reasoningTokens: plain.usage?.completion_tokens_details?.reasoning_tokens,
          rebuilt: comparable(rebuilt),
          thinking: thinking.choices[0]?.message.reasoning_content,
          withoutReasoning: [none, off].map((response) => [response.choices[0]?.message.reasoning_content, response.usage?.completion_tokens_details]),
        },
        {
          reasoningTokens: Math.ceil(reasoning.length / 4),
          rebuilt: comparable(plain),
          thinking: reasoning,
          withoutReasoning: [
            [undefined, undefined],
            [undefined, undefined],
          ],
        },
      );
    });

    it('says exactly the mock_response text, whitespace and all, streamed or not', async () => {
      const texts = ['Paris.', '  two\n\nlines  ', '   ', ''];
      const results = [];
      for (const text of texts) {
        const { plain, rebuilt } = await bothWays({ ...question, mock_response: text });
        results.push([plain.choices[0]?.message.content, rebuilt.choices[0]?.message.content]);
      }
      assert.deepStrictEqual(
        results,
        texts.map((text) => [text, text]),
      );
    });

    it("raises the error mock_response asks for: 'error:429' a RateLimitError after its retries, 'error:401' an AuthenticationError at once", async () => {
      const fast = createClient({ env: {}, retry: { initialDelaySeconds: 0.001, maxDelaySeconds: 0.001 } });
      const outcome = async (params: CompletionParams): Promise<unknown> => {
        try {
          await fast.completion(params);
          return 'no error';
        } catch (error) {
          return error instanceof RateLimitError || error instanceof AuthenticationError
            ? { class: error.constructor.name, status: error.status_code, attempts: error.attempts, provider: error.llm_provider, model: error.model }
            : error;
        }
      };
      assert.deepStrictEqual(
        [
          await outcome({ ...question, mock_response: 'error:429' }),
          await outcome({ ...question, mock_response: 'error:429', stream: true }),
          await outcome({ ...question, mock_response: 'error:401' }),
        ],
        [
          { class: 'RateLimitError', status: 429, attempts: 3, provider: 'mock', model: 'mock/echo' },
          { class: 'RateLimitError', status: 429, attempts: 3, provider: 'mock', model: 'mock/echo' },
          { class: 'AuthenticationError', status: 401, attempts: 1, provider: 'mock', model: 'mock/echo' },
        ],
      );
    });

    it('sends a usage chunk by default and none with stream_options.include_usage false', async () => {
      const withUsage = await streamed(question);
      const without = await streamed({ ...question, stream_options: { include_usage: false } });
      const plain = await ask(question);
      assert.deepStrictEqual(
        {
          last: withUsage[withUsage.length - 1]?.usage,
          usageChunks: without.filter((chunk) => chunk.usage !== undefined && chunk.usage !== null).length,
          rebuiltUsage: streamChunkBuilder(without).usage,
          sameText: streamChunkBuilder(without).choices[0]?.message.content === plain.choices[0]?.message.content,
        },
        { last: plain.usage, usageChunks: 0, rebuiltUsage: undefined, sameText: true },
      );
    });

    it('ends a call whose signal was aborted before it started with AbortError', async () => {
      const signal = AbortSignal.abort();
      const errors: unknown[] = [];
      for (const stream of [false, true]) {
        try {
          await client().completion({ ...question, stream, signal });
          errors.push('no error');
        } catch (error) {
          errors.push(error instanceof AbortError ? 'AbortError' : error);
        }
      }
      assert.deepStrictEqual(errors, ['AbortError', 'AbortError']);
    });
  });

  describe('mock/typewriter', () => {
    const typewriter: CompletionParams = { ...question, model: 'mock/typewriter' };

    it('delivers one chunk at a time, at a visible pace', async () => {
      const stream = await client().completion({ ...typewriter, stream: true });
      const gaps: number[] = [];
      let last = performance.now();
      let count = 0;
      for await (const _chunk of stream) {
        const now = performance.now();
        if (count > 0) {
          gaps.push(now - last);
        }
        last = now;
        if (++count === 6) {
          break;
        }
      }
      // 25 ms apart; timers may fire a little early, never much.
      assert.deepStrictEqual(
        gaps.map((gap) => gap >= 15),
        [true, true, true, true, true],
      );
    });

    it('stops on break, keeping what arrived', async () => {
      const full = streamChunkBuilder(await streamed(typewriter, createClient({ env: {} })));
      const stream = await client().completion({ ...typewriter, stream: true });
      const received: ModelResponseChunk[] = [];
      const started = performance.now();
      for await (const chunk of stream) {
        received.push(chunk);
        if (received.length === 4) {
          break;
        }
      }
      const elapsed = performance.now() - started;
      const text = (full.choices[0]?.message.content ?? '').length;
      const partial = stream.response().choices[0]?.message.content ?? '';
      assert.deepStrictEqual(
        { chunks: received.length, partial, isPrefix: (full.choices[0]?.message.content ?? '').startsWith(partial), shorter: partial.length < text, quick: elapsed < 500 },
        { chunks: 4, partial: streamChunkBuilder(received).choices[0]?.message.content, isPrefix: true, shorter: true, quick: true },
      );
      // Single use: a stopped stream cannot be read again.
      assert.throws(() => stream[Symbol.asyncIterator](), /only once/);
    });

    it('ends quietly when its signal aborts mid-stream', async () => {
      const controller = new AbortController();
      const stream = await client().completion({ ...typewriter, stream: true, signal: controller.signal });
      let count = 0;
      for await (const _chunk of stream) {
        if (++count === 3) {
          controller.abort();
        }
      }
      assert.equal(count, 3);
    });
  });

  describe('embeddings', () => {
    const norm = (vector: number[] | string): number => Math.hypot(...(vector as number[]));

    it('gives the same unit-length vector for the same text, another for another text', async () => {
      const first = await client().embedding({ model: 'mock/embed', input: ['hello', 'world'] });
      const again = await client().embedding({ model: 'mock/embed', input: 'hello' });
      const vectors = first.data.map((item) => item.embedding as number[]);
      assert.deepStrictEqual(
        {
          shape: first.data.map((item) => [item.object, item.index, (item.embedding as number[]).length]),
          unit: vectors.map((vector) => Math.abs(norm(vector) - 1) < 1e-12),
          same: again.data[0]?.embedding,
          differ: JSON.stringify(vectors[0]) !== JSON.stringify(vectors[1]),
          usage: first.usage,
          model: first.model,
        },
        {
          shape: [
            ['embedding', 0, 16],
            ['embedding', 1, 16],
          ],
          unit: [true, true],
          same: vectors[0],
          differ: true,
          usage: { prompt_tokens: 4, total_tokens: 4 },
          model: 'embed',
        },
      );
    });

    it('honours dimensions', async () => {
      const lengths = [];
      for (const dimensions of [1, 3, 256, 1536]) {
        const response = await client().embedding({ model: 'mock/embed', input: 'hello', dimensions });
        const vector = response.data[0]?.embedding as number[];
        lengths.push([vector.length, Math.abs(norm(vector) - 1) < 1e-9]);
      }
      assert.deepStrictEqual(lengths, [
        [1, true],
        [3, true],
        [256, true],
        [1536, true],
      ]);
    });
  });

  describe('offline', () => {
    it('never opens a socket: chat, stream and embeddings work with no server at all', async () => {
      // Every TCP connection in Node (undici's included) goes through Socket#connect.
      const prototype = Socket.prototype as unknown as { connect: (this: Socket, ...args: unknown[]) => Socket };
      const original = prototype.connect;
      let connects = 0;
      prototype.connect = function (this: Socket, ...args: unknown[]): Socket {
        connects++;
        return original.apply(this, args);
      };
      try {
        // The counter must see a real connection, or the assertion below would prove nothing.
        const server = createServer((socket) => socket.end());
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        const probe = new Socket();
        await new Promise<void>((resolve, reject) => {
          probe.once('error', reject);
          probe.connect((server.address() as AddressInfo).port, '127.0.0.1', resolve);
        });
        probe.destroy();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        const probeConnects = connects;

        const offline = createClient({ env: {} });
        const answer = await ask(question, offline);
        const chunks = await streamed({ ...question, tools: [timeTool] }, offline);
        const vectors = await offline.embedding({ model: 'mock/embed', input: 'hello' });
        await offline.close();
        assert.deepStrictEqual(
          { probeConnects, mockConnects: connects - probeConnects, answered: answer.choices[0]?.finish_reason, streamed: streamChunkBuilder(chunks).choices[0]?.finish_reason, embedded: vectors.data.length },
          { probeConnects: 1, mockConnects: 0, answered: 'stop', streamed: 'tool_calls', embedded: 1 },
        );
      } finally {
        prototype.connect = original;
      }
    });
  });
});
