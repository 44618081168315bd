/**
 * A hostile server cannot write onto the host's built-ins: every index it sends (a choice's, a
 * candidate's, a content block's, a tool call's) is checked, and a bad one ends the stream in an
 * APIError naming the field, with the text before it kept. Through the real wire, per wire, and
 * through `streamChunkBuilder` for chunks a caller passes in.
 */

import assert from 'node:assert/strict';
import { APIError, createClient, streamChunkBuilder, type ModelResponseChunk, type ProviderDefinition } from '../../src/core';
import { redactDeep } from '../../src/core/redact';
import { drain, rejection, useHarness } from '../helpers/llmHarness';
import { builtInShapes, hostileIndexCases, hostileIndexValues, keptText, restoreBuiltIns } from './hostileIndexes';

const apiKey = 'sk-hostile-index-0123456789abcdef';

describe('a hostile server’s indexes', () => {
  const harness = useHarness({ retry: { maxRetries: 0 } });
  let before: Record<string, string[]>;
  beforeEach(() => {
    before = builtInShapes();
  });
  afterEach(() => {
    restoreBuiltIns(before);
  });

  for (const hostile of hostileIndexCases()) {
    it(`${hostile.wire}: ${JSON.stringify(hostile.value)} as ${hostile.field} ends the stream in an APIError, the text kept, the built-ins untouched`, async () => {
      const server = await harness.server((request) => hostile.reply(request));
      const stream = await harness.client().completion({ model: hostile.model, api_base: hostile.apiBase(server.url), api_key: apiKey, messages: [{ role: 'user', content: 'Hi' }], stream: true });
      const { chunks, error } = await drain(stream);
      assert.deepStrictEqual(builtInShapes(), before);
      assert.equal((([] as unknown) as Record<string, unknown>)['content'], undefined);
      assert.ok(error instanceof APIError, `got ${String(error)}`);
      assert.ok(error.message.includes(hostile.field), error.message);
      assert.equal(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), keptText);
      assert.equal(error.partial_response?.choices[0]?.message.content, keptText);
      assert.equal(stream.response().choices.length, 1);
    });
  }

  it('OpenAI: a whole answer whose choice index is "__proto__" is an APIError naming choices[0].index', async () => {
    const body = JSON.stringify({ id: 'x', object: 'chat.completion', created: 1, model: 'gpt-4o-mini', choices: [{ index: '__proto__', message: { role: 'assistant', content: 'Hi' }, finish_reason: 'stop' }] });
    const server = await harness.server(() => ({ status: 200, headers: { 'content-type': 'application/json' }, body }));
    const error = await rejection(harness.client().completion({ model: 'openai/gpt-4o-mini', api_base: `${server.url}/v1`, api_key: apiKey, messages: [{ role: 'user', content: 'Hi' }] }));
    assert.ok(error instanceof APIError && error.message.includes('choices[0].index'), String(error));
  });
});

describe('streamChunkBuilder with chunks a caller passes in', () => {
  const base = { id: 'c', object: 'chat.completion.chunk' as const, created: 1, model: 'm' };
  const good: ModelResponseChunk = { ...base, choices: [{ index: 0, delta: { content: 'Hi' }, finish_reason: null }] };

  for (const value of [...hostileIndexValues, 1.5, '0', null]) {
    it(`refuses ${JSON.stringify(value)} as a choice index or a tool-call index, naming the field, writing nothing`, () => {
      const before = builtInShapes();
      try {
        const asChoice = { ...base, choices: [{ index: value, delta: { content: 'x' }, finish_reason: null }] } as unknown as ModelResponseChunk;
        const asCall = { ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: value, id: 'c1', function: { name: 'f', arguments: '{}' } }] }, finish_reason: null }] } as unknown as ModelResponseChunk;
        assert.throws(() => streamChunkBuilder([good, asChoice]), (error: unknown) => error instanceof APIError && error.message.includes('choices[0].index'));
        assert.throws(() => streamChunkBuilder([good, asCall]), (error: unknown) => error instanceof APIError && error.message.includes('choices[0].delta.tool_calls[0].index'));
        assert.deepStrictEqual(builtInShapes(), before);
      } finally {
        restoreBuiltIns(before);
      }
    });
  }

  it('accepts the largest index allowed (1023)', () => {
    const response = streamChunkBuilder([{ ...base, choices: [{ index: 0, delta: { tool_calls: [{ index: 1023, id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }] }, finish_reason: null }] }]);
    assert.deepStrictEqual(response.choices[0]?.message.tool_calls, [{ id: 'c1', type: 'function', function: { name: 'f', arguments: '{}' } }]);
  });
});

describe('redactDeep on a body with its own "__proto__" key', () => {
  it('copies the key as a property, never as the copy’s prototype', () => {
    const body = JSON.parse('{"__proto__": {"error": {"message": "injected"}}, "kept": 1}') as unknown;
    const copy = redactDeep(body, [apiKey]) as Record<string, unknown>;
    assert.equal(Object.getPrototypeOf(copy), Object.prototype);
    assert.equal(copy['error'], undefined);
    assert.deepStrictEqual(Object.keys(copy), ['__proto__', 'kept']);
  });
});

describe('a provider of the program’s own whose chunks carry a bad index', () => {
  const chunk = (index: unknown, content: string): ModelResponseChunk =>
    ({ id: 'own', object: 'chat.completion.chunk', created: 1, model: 'own', choices: [{ index, delta: { content }, finish_reason: null }] }) as unknown as ModelResponseChunk;
  const provider: ProviderDefinition = {
    id: 'own-lm',
    displayName: 'Own LM',
    apiKeyEnv: [],
    keyRequired: false,
    offline: true,
    chat: true,
    embeddings: false,
    adapter: {
      completion: () => Promise.reject(new Error('streams only')),
      stream: async () => {
        const batches = [[chunk(0, 'Hello')], [chunk('__proto__', ' world')], [chunk(0, ' never')]];
        return { next: async () => batches.shift(), cancel: () => undefined };
      },
      embedding: () => Promise.reject(new Error('no embeddings')),
    },
  };

  it('ends its stream in an APIError naming the field, with the text before it, nothing written', async () => {
    const before = builtInShapes();
    try {
      const stream = await createClient({ env: {}, providers: [provider] }).completion({ model: 'own-lm/x', messages: [{ role: 'user', content: 'Hi' }], stream: true });
      const { chunks, error } = await drain(stream);
      assert.deepStrictEqual(builtInShapes(), before);
      assert.ok(error instanceof APIError && error.message.includes('choices[0].index'), String(error));
      assert.equal(chunks.map((delivered) => delivered.choices[0]?.delta.content).join(''), keptText);
      assert.equal(error.partial_response?.choices[0]?.message.content, keptText);
    } finally {
      restoreBuiltIns(before);
    }
  });
});
