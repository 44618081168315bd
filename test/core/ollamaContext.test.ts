/**
 * `options.num_ctx`: Ollama silently cuts a prompt longer than its window, so every chat request
 * carries a window sized to the conversation — bounded by the model's context length from
 * `/api/show` (asked once per model per client), else the catalogue's, else 8192 — in powers of
 * two from 4096, never shrinking for a model (a new size reloads it). A caller's own `num_ctx` wins.
 */

import assert from 'node:assert/strict';
import type { ClientOptions, CompletionParams, Message } from '../../src/core';
import { loadFixture } from '../helpers/fixtures';
import { useHarness } from '../helpers/llmHarness';
import type { Reply, WireServer } from '../helpers/wireServer';
import { jsonHeaders, ollamaServer, requestsTo, showReply } from './ollamaHelpers';

const chatAnswer = (): Reply => ({ status: 200, headers: jsonHeaders, body: loadFixture('ollama/chat_nonstream').body });

/** `count` messages of 4000 characters: about 1004 estimated tokens each. */
function conversation(count: number): Message[] {
  return Array.from({ length: count }, (_, index): Message => ({ role: index % 2 === 0 ? 'user' : 'assistant', content: `${index} `.padEnd(4000, 'lorem ipsum ') }));
}

/** The `num_ctx` of each chat request that reached the server, in order. */
function sentWindows(server: WireServer): unknown[] {
  return requestsTo(server, '/api/chat').map((request) => ((request.json as Record<string, unknown>)['options'] as Record<string, unknown>)['num_ctx']);
}

describe('Ollama context window (num_ctx)', () => {
  const harness = useHarness();
  const debug: string[] = [];
  // The adapter's own debug lines; the transport's request log (`POST … → 200 in 3 ms`) is left out.
  const record = (line: string): void => {
    if (!line.includes(' → ')) {
      debug.push(line);
    }
  };
  const logger: NonNullable<ClientOptions['logger']> = { trace: () => undefined, debug: record, info: () => undefined, warn: () => undefined, error: () => undefined };
  beforeEach(() => {
    debug.length = 0;
  });

  async function chat(server: WireServer, client: ReturnType<typeof harness.client>, extra: Partial<CompletionParams>): Promise<void> {
    await client.completion({ model: 'ollama/llama3.2', api_base: server.url, messages: conversation(1), ...extra });
  }

  it('sizes the window to a long conversation, and asks /api/show once for two calls', async () => {
    const server = await ollamaServer(harness, chatAnswer, showReply({ contextLength: 32768 }));
    const client = harness.client({ logger });
    // 10 × ~1004 tokens, ×1.2 headroom, + 2048 for the answer = 14096 → 16384.
    await chat(server, client, { messages: conversation(10) });
    await chat(server, client, { messages: conversation(11) });
    assert.deepStrictEqual(sentWindows(server), [16384, 16384]);
    assert.deepStrictEqual(requestsTo(server, '/api/show').map((request) => request.json), [{ model: 'llama3.2' }]);
    assert.deepStrictEqual(debug, []);
  });

  it('never exceeds the model\'s context length, and says so at debug level (the request still goes out)', async () => {
    const server = await ollamaServer(harness, chatAnswer, showReply({ contextLength: 32768 }));
    await chat(server, harness.client({ logger }), { messages: conversation(40) });
    assert.deepStrictEqual(sentWindows(server), [32768]);
    assert.deepStrictEqual(debug, ['Ollama: the conversation needs about 50240 tokens, more than the 32768 of llama3.2; Ollama will drop its oldest messages.']);
  });

  it('keeps the largest window it sent for a model, so a short chat does not reload it; other models start small', async () => {
    const server = await ollamaServer(harness, chatAnswer, showReply({ contextLength: 131072 }));
    const client = harness.client();
    await chat(server, client, { messages: conversation(10) });
    await chat(server, client, {});
    await chat(server, client, { model: 'ollama/qwen3:8b' });
    assert.deepStrictEqual(sentWindows(server), [16384, 16384, 4096]);
    assert.deepStrictEqual(requestsTo(server, '/api/show').map((request) => request.json), [{ model: 'llama3.2' }, { model: 'qwen3:8b' }]);
  });

  it('makes room for the requested output, and does not count image data as text', async () => {
    const server = await ollamaServer(harness, chatAnswer);
    const client = harness.client();
    await chat(server, client, { model: 'ollama/a', max_tokens: 6000 });
    const image = `data:image/png;base64,${Buffer.alloc(300_000).toString('base64')}`;
    await chat(server, client, { model: 'ollama/b', messages: [{ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: image } }] }] });
    assert.deepStrictEqual(sentWindows(server), [8192, 4096]);
  });

  it('starts from the num_ctx the model\'s Modelfile sets', async () => {
    const server = await ollamaServer(harness, chatAnswer, showReply({ contextLength: 131072, parameters: 'num_ctx                        16384\nstop                           "<|eot_id|>"' }));
    await chat(server, harness.client(), {});
    assert.deepStrictEqual(sentWindows(server), [16384]);
  });

  it('falls back to the catalogue\'s context length when /api/show fails, and does not ask again', async () => {
    const server = await ollamaServer(harness, chatAnswer, { status: 500, headers: jsonHeaders, body: '{"error":"something went wrong"}' });
    const client = harness.client({ logger });
    // qwen3 is 40960 tokens in the catalogue; 60 messages need far more.
    await chat(server, client, { model: 'ollama/qwen3:8b', messages: conversation(60) });
    await chat(server, client, { model: 'ollama/qwen3:8b', messages: conversation(60) });
    assert.deepStrictEqual(sentWindows(server), [40960, 40960]);
    assert.equal(requestsTo(server, '/api/show').length, 1);
    assert.match(debug[0] ?? '', /\/api\/show for qwen3:8b failed \(Ollama \(500\): something went wrong\)/);
  });

  it('stays within 8192 for a model nobody knows the size of', async () => {
    const server = await ollamaServer(harness, chatAnswer, { status: 200, headers: jsonHeaders, body: '{"details":{"family":"llama"}}' });
    await chat(server, harness.client(), { model: 'ollama/mystery:7b', messages: conversation(10) });
    assert.deepStrictEqual(sentWindows(server), [8192]);
  });

  it('the caller\'s own options.num_ctx wins, and /api/show is not asked', async () => {
    const server = await ollamaServer(harness, chatAnswer);
    await chat(server, harness.client(), { messages: conversation(10), temperature: 0, extra_body: { options: { num_ctx: 2048, num_gpu: 0 } } });
    assert.deepStrictEqual((requestsTo(server, '/api/chat')[0]?.json as Record<string, unknown>)['options'], { temperature: 0, num_ctx: 2048, num_gpu: 0 });
    assert.equal(requestsTo(server, '/api/show').length, 0);
  });
});
