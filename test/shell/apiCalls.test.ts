/**
 * Calls through the public API against servers on 127.0.0.1: a whole response and a stream with
 * the user's stored key, counted in the usage ledger; cancellation by token and by signal,
 * streamed and not, where the server must see its connection close and the token's listener must
 * be let go; embeddings; errors as other extensions receive them (name, status_code,
 * llm_provider, never the key); the model list and its change event.
 */

import assert from 'node:assert/strict';
import { getModelInfo, type ModelResponseChunk } from '../../src/core';
import type { CancellationTokenLike } from '../../api';
import { loadFixture } from '../helpers/fixtures';
import { assertKeyAbsent, eventually, jsonHeaders, rejection } from '../helpers/llmHarness';
import { startWireServer, type Responder, type WireServer } from '../helpers/wireServer';
import { apiHarness, consumerId, errorShape, type ApiHarness } from './apiHarness';

const storedKey = 'sk-stored-user-key-0123456789';
const nonStream = loadFixture('openai/chat_nonstream_text');
const stream = loadFixture('openai/chat_stream_text_usage');
const hi = [{ role: 'user' as const, content: "What's the weather like in SF?" }];

/** A `CancellationTokenSource` as VS Code has it, counting its listeners. */
class TokenSource {
  readonly listeners = new Set<() => void>();
  private requested = false;
  readonly token: CancellationTokenLike = {
    isCancellationRequested: false,
    onCancellationRequested: (listener) => {
      this.listeners.add(listener);
      return { dispose: () => this.listeners.delete(listener) };
    },
  };

  constructor() {
    Object.defineProperty(this.token, 'isCancellationRequested', { get: () => this.requested });
  }

  cancel(): void {
    this.requested = true;
    for (const listener of [...this.listeners]) {
      listener();
    }
  }
}

/** The bytes of the first `events` SSE events of a body: a stream that stalls after them. */
function bytesOfEvents(body: Buffer, events: number): number {
  let end = 0;
  for (let i = 0; i < events; i++) {
    end = body.indexOf('\n\n', end) + 2;
  }
  return end;
}

function textOf(chunks: readonly ModelResponseChunk[]): string {
  return chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
}

describe('calls through the public API', () => {
  let server: WireServer | undefined;
  let setup: ApiHarness | undefined;

  afterEach(async () => {
    await server?.close();
    server = undefined;
    setup?.dispose();
    setup = undefined;
  });

  /** A server, and the API with the user's openai key and `switchboard.providers.openai` pointing there. */
  async function start(respond: Responder, more: (url: string) => Record<string, unknown> = () => ({})): Promise<ApiHarness> {
    const listening = (server = await startWireServer(respond));
    const { providers, ...rest } = more(listening.url);
    setup = apiHarness({ settings: { providers: { openai: { baseUrl: `${listening.url}/v1` }, ...(providers as object | undefined) }, ...rest } });
    await setup.keys.set('openai', storedKey);
    return setup;
  }

  it('non-stream: the OpenAI response with the user key, no address in _hidden_params, usage and cost counted', async () => {
    const { api, ledger } = await start(() => nonStream.reply());
    const response = await api.completion({ model: 'openai/gpt-4o-mini', messages: hi });
    // Priced as the model the server says answered (the recording's), not the one asked for.
    const info = getModelInfo('openai/gpt-4o-2024-08-06');
    const cost = 14 * (info.input_cost_per_token ?? NaN) + 37 * (info.output_cost_per_token ?? NaN);
    assert.deepStrictEqual(
      {
        content: response.choices[0]?.message.content,
        finish: response.choices[0]?.finish_reason,
        usage: response.usage,
        hidden: response._hidden_params,
        authorization: server?.requests[0]?.headers['authorization'],
        ledger: ledger.get(consumerId),
      },
      {
        content: nonStream.meta.expected.text,
        finish: 'stop',
        usage: { prompt_tokens: 14, completion_tokens: 37, total_tokens: 51, completion_tokens_details: { reasoning_tokens: 0 } },
        hidden: { custom_llm_provider: 'openai', model: 'openai/gpt-4o-mini', response_cost: cost },
        authorization: `Bearer ${storedKey}`,
        ledger: { extensionId: consumerId, requests: 1, prompt_tokens: 14, completion_tokens: 37, cost, unpriced_requests: 0, lastUsedAt: ledger.get(consumerId)?.lastUsedAt },
      },
    );
    assert.ok(!JSON.stringify(response).includes(storedKey) && !JSON.stringify(response).includes('127.0.0.1'));
  });

  it('stream: chunks as an async iterable, usage counted from the final chunk, the token let go at the end', async () => {
    const { api, ledger } = await start(() => stream.reply({ seed: 3, pieces: 20 }));
    const source = new TokenSource();
    const chunks: ModelResponseChunk[] = [];
    for await (const chunk of await api.completion({ model: 'openai/gpt-4o-mini', messages: hi, stream: true }, source.token)) {
      chunks.push(chunk);
    }
    await eventually(() => ledger.get(consumerId) !== undefined, 'the ledger entry');
    const entry = ledger.get(consumerId);
    assert.deepStrictEqual(
      { text: textOf(chunks), lastUsage: chunks.at(-1)?.usage, listeners: source.listeners.size, tokens: [entry?.requests, entry?.prompt_tokens, entry?.completion_tokens] },
      { text: stream.meta.expected.text, lastUsage: { prompt_tokens: 14, completion_tokens: 30, total_tokens: 44, completion_tokens_details: { reasoning_tokens: 0 } }, listeners: 0, tokens: [1, 14, 30] },
    );
  });

  for (const how of ['token', 'signal'] as const) {
    it(`stream cancelled midway by its ${how}: the iteration ends quietly, the server sees the close, the listener is let go`, async () => {
      const { api, ledger } = await start(() => ({ ...stream.reply(), stallAfterBytes: bytesOfEvents(stream.body, 4) }));
      const source = new TokenSource();
      const controller = new AbortController();
      const iterable = await api.completion(
        { model: 'openai/gpt-4o-mini', messages: hi, stream: true, ...(how === 'signal' ? { signal: controller.signal } : {}) },
        how === 'token' ? source.token : undefined,
      );
      const chunks: ModelResponseChunk[] = [];
      for await (const chunk of iterable) {
        chunks.push(chunk);
        if (chunks.length === 2) {
          if (how === 'token') {
            source.cancel();
          } else {
            controller.abort();
          }
        }
      }
      await eventually(() => (server?.closedConnections() ?? 0) >= 1, 'the server to see the connection close');
      await eventually(() => ledger.get(consumerId) !== undefined, 'the ledger entry');
      assert.deepStrictEqual({ text: textOf(chunks), listeners: source.listeners.size, requests: ledger.get(consumerId)?.requests }, { text: "I'm", listeners: 0, requests: 1 });
    });

    it(`non-stream cancelled by its ${how}: AbortError (499) at once, the server sees the close`, async () => {
      const { api } = await start(() => ({ ...nonStream.reply(), delayHeadersMs: 3000 }));
      const source = new TokenSource();
      const controller = new AbortController();
      const started = performance.now();
      const call = api.completion({ model: 'openai/gpt-4o-mini', messages: hi, ...(how === 'signal' ? { signal: controller.signal } : {}) }, how === 'token' ? source.token : undefined);
      await eventually(() => server?.requests.length === 1, 'the request to arrive');
      if (how === 'token') {
        source.cancel();
      } else {
        controller.abort();
      }
      const error = await rejection(call);
      const seconds = (performance.now() - started) / 1000;
      await eventually(() => (server?.closedConnections() ?? 0) >= 1, 'the server to see the connection close');
      assert.deepStrictEqual({ ...errorShape(error), quick: seconds < 2, listeners: source.listeners.size }, { name: 'AbortError', status_code: 499, llm_provider: 'openai', param: undefined, quick: true, listeners: 0 });
    });
  }

  it('break closes the connection; a token cancelled before the call sends nothing', async () => {
    const { api } = await start(() => ({ ...stream.reply(), stallAfterBytes: bytesOfEvents(stream.body, 4) }));
    for await (const chunk of await api.completion({ model: 'openai/gpt-4o-mini', messages: hi, stream: true })) {
      assert.equal(chunk.object, 'chat.completion.chunk');
      break;
    }
    await eventually(() => (server?.closedConnections() ?? 0) >= 1, 'the server to see the connection close');
    const source = new TokenSource();
    source.cancel();
    const error = await rejection(api.completion({ model: 'openai/gpt-4o-mini', messages: hi }, source.token));
    assert.deepStrictEqual({ ...errorShape(error), requests: server?.requests.length }, { name: 'AbortError', status_code: 499, llm_provider: 'openai', param: undefined, requests: 1 });
  });

  it('embedding: the OpenAI list, usage counted', async () => {
    setup = apiHarness();
    const response = await setup.api.embedding({ model: 'mock/embed', input: ['alpha', 'beta'], dimensions: 4 });
    assert.deepStrictEqual(
      { object: response.object, vectors: response.data.map((entry) => [entry.index, (entry.embedding as number[]).length]), usage: response.usage, ledger: setup.ledger.get(consumerId)?.prompt_tokens },
      { object: 'list', vectors: [[0, 4], [1, 4]], usage: response.usage, ledger: response.usage?.prompt_tokens },
    );
    assert.ok((response.usage?.prompt_tokens ?? 0) > 0);
  });

  it('provider errors reach the caller as they are — name, status_code, llm_provider — and never carry the key', async () => {
    const { api, ledger } = await start((request) =>
      (request.json as { model?: string }).model === 'gpt-4o' ? { status: 400, headers: jsonHeaders, body: JSON.stringify({ error: { message: `bad request; you sent ${String(request.headers['authorization'])}` } }) } : loadFixture('openai/error_401_invalid_api_key').reply(),
    );
    const rejected = await rejection(api.completion({ model: 'openai/gpt-4o-mini', messages: hi }));
    const echoed = await rejection(api.completion({ model: 'openai/gpt-4o', messages: hi }));
    const mock = await rejection(api.completion({ model: 'mock/quick', messages: hi, mock_response: 'error:429', num_retries: 0 }));
    assertKeyAbsent(rejected, storedKey);
    assertKeyAbsent(echoed, storedKey);
    assert.deepStrictEqual(
      [errorShape(rejected), errorShape(mock), ledger.get(consumerId)?.requests],
      [
        { name: 'AuthenticationError', status_code: 401, llm_provider: 'openai', param: undefined },
        { name: 'RateLimitError', status_code: 429, llm_provider: 'mock', param: undefined },
        3,
      ],
    );
  });

  it('an error in the middle of a stream is thrown from the iterator with the partial answer', async () => {
    const { api } = await start(() => ({ ...stream.reply(), cutAfterBytes: bytesOfEvents(stream.body, 5) }));
    const chunks: ModelResponseChunk[] = [];
    const error = await rejection(
      (async () => {
        for await (const chunk of await api.completion({ model: 'openai/gpt-4o-mini', messages: hi, stream: true })) {
          chunks.push(chunk);
        }
      })(),
    );
    const partial = (error as { partial_response?: { choices: { message: { content: string } }[] } }).partial_response;
    assert.deepStrictEqual({ ...errorShape(error), partial: partial?.choices[0]?.message.content }, { name: 'APIConnectionError', status_code: 500, llm_provider: 'openai', param: undefined, partial: textOf(chunks) });
  });

  it('listModels: the user’s providers and endpoints — no mock, no keys — and onDidChangeModels fires when a key adds models, not on a selection', async () => {
    const models = { object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model', created: 1, owned_by: 'openai' }] };
    const mistral = { object: 'list', data: [{ id: 'mistral-small-latest', object: 'model', created: 1, owned_by: 'mistralai' }] };
    const { api, keys, models: modelService } = await start(
      (request) => ({ headers: jsonHeaders, body: JSON.stringify(request.url.startsWith('/mistral') ? mistral : models) }),
      (url) => ({ providers: { mistral: { baseUrl: `${url}/mistral/v1` } }, customEndpoints: [{ name: 'lab', baseUrl: 'http://127.0.0.1:9/v1', models: ['qwen'] }] }),
    );
    // As a VS Code Event: the listener's `this`, and the subscription pushed onto the caller's disposables.
    const counter = { fired: 0 };
    const subscriptions: { dispose(): void }[] = [];
    api.onDidChangeModels(
      function (this: typeof counter) {
        this.fired++;
      },
      counter,
      subscriptions,
    );
    const before = (await api.listModels()).map((model) => model.id).sort();
    const firedAfterFirstListing = counter.fired;
    await keys.set('mistral', 'sk-mistral-user-key-0123456789');
    await eventually(() => counter.fired > firedAfterFirstListing, 'onDidChangeModels after the key');
    const after = (await api.listModels()).map((model) => model.id).sort();
    const firedAfterKey = counter.fired;
    await modelService.select('lab/qwen');
    subscriptions.forEach((subscription) => subscription.dispose());
    await keys.clear('mistral');
    await modelService.whenListed();
    assert.deepStrictEqual(
      { before, after, firedForKey: firedAfterKey - firedAfterFirstListing, firedAfterSelectionAndDispose: counter.fired - firedAfterKey, subscriptions: subscriptions.length },
      { before: ['lab/qwen', 'openai/gpt-4o-mini'], after: ['lab/qwen', 'mistral/mistral-small-latest', 'openai/gpt-4o-mini'], firedForKey: 1, firedAfterSelectionAndDispose: 0, subscriptions: 1 },
    );
    assert.ok(!JSON.stringify(after).includes('sk-'));
  });

  it('commands: plain-JSON results; streams refused as `stream`; errors name themselves in the message too', async () => {
    setup = apiHarness();
    const options = { extensionId: consumerId };
    const response = await setup.service.completionCommand({ model: 'mock/quick', messages: hi }, options);
    const embedded = await setup.service.embeddingCommand({ model: 'mock/embed', input: 'alpha', dimensions: 2 }, options);
    const streamed = await rejection(setup.service.completionCommand({ model: 'mock/quick', messages: hi, stream: true }, options));
    const unnamed = await rejection(setup.service.completionCommand({ model: 'mock/quick', messages: hi }, undefined));
    await setup.consent.set(consumerId, 'denied');
    const denied = await rejection(setup.service.embeddingCommand({ model: 'mock/embed', input: 'alpha' }, options));
    assert.deepStrictEqual(
      {
        plain: [JSON.parse(JSON.stringify(response)), JSON.parse(JSON.stringify(embedded))],
        object: [response.object, embedded.object],
        errors: [streamed, unnamed, denied].map((error) => [errorShape(error)['name'], errorShape(error)['param'], (error as Error).message.replace(/^.*(\[.*\])$/, '$1')]),
      },
      {
        plain: [response, embedded],
        object: ['chat.completion', 'list'],
        errors: [
          ['BadRequestError', 'stream', '[BadRequestError 400, llm_provider: switchboard]'],
          ['BadRequestError', 'extensionId', '[BadRequestError 400, llm_provider: switchboard]'],
          ['PermissionDeniedError', undefined, '[PermissionDeniedError 403, llm_provider: switchboard]'],
        ],
      },
    );
  });
});
