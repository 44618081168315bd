/**
 * Embeddings over the OpenAI wire: the recorded base64 response decoded to the recorded floats,
 * what reaches the wire (encoding_format, dimensions, Azure paths), and the `list` shape.
 */

import assert from 'node:assert/strict';
import { BadRequestError } from '../../src/core';
import { deliveries, loadFixture } from '../helpers/fixtures';
import { useHarness } from '../helpers/llmHarness';

const fixture = loadFixture('openai/embeddings_base64');
const expected = fixture.meta.expected as { dimension: number; first_3_values_of_each: number[][]; usage: { prompt_tokens: number; total_tokens: number } };

describe('embeddings', () => {
  const harness = useHarness({ retry: { maxRetries: 0 } });

  function firstThree(vectors: (number[] | string)[]): number[][] {
    return vectors.map((vector) => {
      assert.ok(Array.isArray(vector), 'expected decoded numbers');
      return vector.slice(0, 3).map((value) => Math.round(value * 1e6) / 1e6);
    });
  }

  describe('embeddings on the OpenAI wire', () => {
    for (const { label, delivery } of deliveries) {
      it(`decodes the recorded base64 vectors to little-endian floats (${label})`, async () => {
        const server = await harness.server(() => fixture.reply(delivery));
        const response = await harness.client().embedding({ model: 'openai/text-embedding-3-small', api_base: `${server.url}/v1`, api_key: 'sk-emb-123456789', input: ['hello', 'world'] });
        assert.deepStrictEqual(
          {
            object: response.object,
            model: response.model,
            indexes: response.data.map((item) => item.index),
            dimensions: response.data.map((item) => item.embedding.length),
            first: firstThree(response.data.map((item) => item.embedding)),
            usage: response.usage,
          },
          {
            object: 'list',
            model: 'text-embedding-3-small',
            indexes: [0, 1],
            dimensions: [expected.dimension, expected.dimension],
            first: expected.first_3_values_of_each.map((values) => values.map((value) => Math.round(value * 1e6) / 1e6)),
            usage: expected.usage,
          },
        );
        // OpenAI gets asked for base64 (a third of the bytes), as its SDKs do.
        assert.deepStrictEqual(server.requests[0]?.json, { model: 'text-embedding-3-small', input: ['hello', 'world'], encoding_format: 'base64' });
        assert.equal(server.requests[0]?.url, '/v1/embeddings');
        assert.ok((response._hidden_params?.response_cost ?? 0) > 0, 'priced from the catalogue');
      });
    }

    it('keeps base64 strings when the caller asks for base64', async () => {
      const server = await harness.server(() => fixture.reply());
      const response = await harness.client().embedding({ model: 'openai/text-embedding-3-small', api_base: server.url, api_key: 'sk-emb-123456789', input: ['hello', 'world'], encoding_format: 'base64' });
      assert.equal(typeof response.data[0]?.embedding, 'string');
    });

    it('sends dimensions and float format as given, and reads float vectors (Jina)', async () => {
      const server = await harness.server(() => ({
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'jina-embeddings-v3', object: 'list', usage: { total_tokens: 4, prompt_tokens: 4 }, data: [{ object: 'embedding', index: 1, embedding: [0.5, -0.5] }, { object: 'embedding', index: 0, embedding: [0.25, 0.75] }] }),
      }));
      const response = await harness.client().embedding({ model: 'jina/jina-embeddings-v3', api_base: server.url, api_key: 'jina-key-123456789', input: ['a', 'b'], dimensions: 2, encoding_format: 'float' });
      assert.deepStrictEqual(server.requests[0]?.json, { model: 'jina-embeddings-v3', input: ['a', 'b'], dimensions: 2, encoding_format: 'float' });
      assert.deepStrictEqual(
        response.data.map((item) => [item.index, item.embedding]),
        [
          [0, [0.25, 0.75]],
          [1, [0.5, -0.5]],
        ],
      );
    });

    it('azure: deployment embeddings path with api-version and api-key', async () => {
      const server = await harness.server(() => fixture.reply());
      await harness.client().embedding({ model: 'azure/embed-small', api_base: server.url, api_key: 'azure-key-1234567890', input: 'hello' });
      assert.equal(server.requests[0]?.url, '/openai/deployments/embed-small/embeddings?api-version=2024-10-21');
      assert.equal(server.requests[0]?.headers['api-key'], 'azure-key-1234567890');
    });

    it('an empty input, or a provider without embeddings, is refused before anything is sent', async () => {
      const listening = await harness.server(() => fixture.reply());
      const client = harness.client();
      await assert.rejects(client.embedding({ model: 'openai/x', api_base: listening.url, api_key: 'sk-1234567890', input: '' }), BadRequestError);
      await assert.rejects(client.embedding({ model: 'groq/llama-3.1-8b-instant', api_base: listening.url, api_key: 'gsk-1234567890', input: 'hi' }), BadRequestError);
      assert.equal(listening.requests.length, 0);
    });
  });
});
