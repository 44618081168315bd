/**
 * A program may add providers of its own (the extension adds `vscode-lm`): they are routed
 * before the built-in ones, listed, and get the same retries and stream handling.
 */

import assert from 'node:assert/strict';
import { BadRequestError, createClient, streamChunkBuilder, type ModelResponseChunk, type ProviderDefinition } from '../../src/core';

function ownProvider(seen: string[]): ProviderDefinition {
  const chunk = (content: string): ModelResponseChunk => ({ id: 'own-1', object: 'chat.completion.chunk', created: 1, model: 'own', choices: [{ index: 0, delta: { content }, finish_reason: null }] });
  return {
    id: 'own-lm',
    displayName: 'Own LM',
    aliases: ['own'],
    apiKeyEnv: [],
    keyRequired: false,
    offline: true,
    chat: true,
    embeddings: false,
    adapter: {
      completion: async (_params, call) => {
        seen.push(call.modelId);
        return { id: 'own-1', object: 'chat.completion', created: 1, model: call.modelId, choices: [{ index: 0, message: { role: 'assistant', content: 'whole' }, finish_reason: 'stop' }] };
      },
      stream: async (_params, call) => {
        seen.push(call.modelId);
        let sent = false;
        return {
          next: async () => {
            if (sent) {
              return undefined;
            }
            sent = true;
            return [chunk('par'), chunk('tial')];
          },
          cancel: () => undefined,
        };
      },
      embedding: () => Promise.reject(new Error('no embeddings')),
      listModels: async () => [{ model: 'vendor/alpha', display_name: 'Alpha' }],
    },
  };
}

describe('providers of the program using the core', () => {
  it('are routed (by id and alias, slashes kept in the model id), streamed and listed', async () => {
    const seen: string[] = [];
    const client = createClient({ env: {}, providers: [ownProvider(seen)] });
    const whole = await client.completion({ model: 'own-lm/vendor/alpha', messages: [{ role: 'user', content: 'hi' }] });
    const chunks: ModelResponseChunk[] = [];
    for await (const chunk of await client.completion({ model: 'own/vendor/beta', messages: [{ role: 'user', content: 'hi' }], stream: true })) {
      chunks.push(chunk);
    }
    const listed = await client.listModels('own-lm');
    assert.deepStrictEqual(
      {
        whole: whole.choices[0]?.message.content,
        provider: whole._hidden_params?.custom_llm_provider,
        streamed: streamChunkBuilder(chunks).choices[0]?.message.content,
        seen,
        listed: listed.map((model) => [model.id, model.display_name, model.source]),
      },
      { whole: 'whole', provider: 'own-lm', streamed: 'partial', seen: ['vendor/alpha', 'vendor/beta'], listed: [['own-lm/vendor/alpha', 'Alpha', 'provider']] },
    );
  });

  it('do not leak into other clients, and unknown ids still name every known provider', async () => {
    const client = createClient({ env: {} });
    await assert.rejects(client.completion({ model: 'own-lm/x', messages: [{ role: 'user', content: 'hi' }] }), (error: unknown) => {
      assert.ok(error instanceof BadRequestError);
      assert.ok(!(error.message.split('Known providers:')[1] ?? '').includes('own-lm'), error.message);
      return true;
    });
    const withOwn = createClient({ env: {}, providers: [ownProvider([])] });
    await assert.rejects(withOwn.completion({ model: 'nope/x', messages: [{ role: 'user', content: 'hi' }] }), (error: unknown) => {
      const known = error instanceof BadRequestError ? (error.message.split('Known providers:')[1] ?? '') : '';
      assert.ok(known.includes('own-lm') && known.includes('openai'), String(error));
      return true;
    });
  });
});
