/**
 * Gemini embeddings and model listing on the wire: `:batchEmbedContents` for a list (recorded),
 * `:embedContent` for one string, `task_type`/`dimensions` mapped, an OpenAI `list` out; the
 * model list read page by page and merged with the catalogue.
 */

import assert from 'node:assert/strict';
import { NotFoundError, UnsupportedParamsError } from '../../src/core';
import { deliveries, loadFixture } from '../helpers/fixtures';
import { useHarness } from '../helpers/llmHarness';
import type { RecordedRequest } from '../helpers/wireServer';
import { assertKeyOnlyInHeader, geminiKey, jsonHeaders } from './geminiHelpers';

const batch = loadFixture('gemini/batch_embed_contents');
const expected = batch.meta.expected as { embedding_count: number; dimension: number; first_3_values_of_each: number[][] };

function firstThree(vectors: (number[] | string)[]): number[][] {
  return vectors.map((vector) => {
    assert.ok(Array.isArray(vector), 'expected numbers');
    return vector.slice(0, 3);
  });
}

describe('Gemini wire: embeddings', () => {
  const harness = useHarness({ retry: { maxRetries: 0 } });

  for (const { label, delivery } of deliveries) {
    it(`a list of texts goes to :batchEmbedContents (recorded answer, ${label})`, async () => {
      const server = await harness.server(() => batch.reply(delivery));
      const response = await harness.client().embedding({ model: 'gemini/gemini-embedding-2-preview', api_base: server.url, api_key: geminiKey, input: ['hello', 'world'], task_type: 'RETRIEVAL_DOCUMENT' });
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
          model: 'gemini-embedding-2-preview',
          indexes: [0, 1],
          dimensions: Array.from({ length: expected.embedding_count }, () => expected.dimension),
          first: expected.first_3_values_of_each,
          usage: undefined,
        },
      );
      const request = server.requests[0] as RecordedRequest;
      assert.equal(request.url, batch.meta.endpoint.path);
      assert.deepStrictEqual(request.json, batch.meta.request_hint);
      assertKeyOnlyInHeader(request);
    });
  }

  it('one string goes to :embedContent with taskType and outputDimensionality', async () => {
    // Hand-made per the embedContent reference (no authentic single-input recording exists).
    const server = await harness.server(() => ({ headers: jsonHeaders, body: JSON.stringify({ embedding: { values: [0.25, -0.5, 1] } }) }));
    const response = await harness.client().embedding({ model: 'gemini/gemini-embedding-001', api_base: server.url, api_key: geminiKey, input: 'hello', task_type: 'RETRIEVAL_QUERY', dimensions: 3 });
    assert.deepStrictEqual(response.data, [{ object: 'embedding', index: 0, embedding: [0.25, -0.5, 1] }]);
    const request = server.requests[0] as RecordedRequest;
    assert.equal(request.url, '/v1beta/models/gemini-embedding-001:embedContent');
    assert.deepStrictEqual(request.json, { model: 'models/gemini-embedding-001', content: { parts: [{ text: 'hello' }] }, taskType: 'RETRIEVAL_QUERY', outputDimensionality: 3 });
    assertKeyOnlyInHeader(request);
  });

  it('encodes vectors as base64 float32 when asked, as OpenAI does', async () => {
    const server = await harness.server(() => ({ headers: jsonHeaders, body: JSON.stringify({ embeddings: [{ values: [0.25, -0.5] }] }) }));
    const response = await harness.client().embedding({ model: 'gemini/gemini-embedding-001', api_base: server.url, api_key: geminiKey, input: ['a'], encoding_format: 'base64' });
    const encoded = response.data[0]?.embedding;
    assert.equal(typeof encoded, 'string');
    const bytes = Buffer.from(encoded as string, 'base64');
    assert.deepStrictEqual([bytes.readFloatLE(0), bytes.readFloatLE(4)], [0.25, -0.5]);
  });

  it('token ids are refused before anything is sent', async () => {
    const server = await harness.server(() => ({ headers: jsonHeaders, body: '{}' }));
    await assert.rejects(harness.client().embedding({ model: 'gemini/gemini-embedding-001', api_base: server.url, api_key: geminiKey, input: [1, 2, 3] }), UnsupportedParamsError);
    assert.equal(server.requests.length, 0);
  });

  it('an unknown embedding model is a NotFoundError (recorded)', async () => {
    const fixture = loadFixture('gemini/error_404_not_found');
    const server = await harness.server(() => fixture.reply());
    await assert.rejects(harness.client().embedding({ model: 'gemini/nonexistent-model', api_base: server.url, api_key: geminiKey, input: ['Hello, world!'], task_type: 'RETRIEVAL_QUERY' }), NotFoundError);
    assert.deepStrictEqual(server.requests[0]?.json, fixture.meta.request_hint);
    assert.equal(server.requests[0]?.url, fixture.meta.endpoint.path);
  });
});

describe('Gemini wire: listModels', () => {
  const harness = useHarness();

  it('follows nextPageToken and reports limits, mode and display names', async () => {
    // Hand-made pages in the models.list reference's shape.
    const pages = [
      {
        models: [
          {
            name: 'models/gemini-2.5-flash',
            version: '001',
            displayName: 'Gemini 2.5 Flash',
            inputTokenLimit: 1048576,
            outputTokenLimit: 65536,
            supportedGenerationMethods: ['generateContent', 'countTokens', 'createCachedContent', 'batchGenerateContent'],
            thinking: true,
          },
          { name: 'models/gemini-embedding-001', displayName: 'Gemini Embedding 001', inputTokenLimit: 2048, outputTokenLimit: 1, supportedGenerationMethods: ['embedContent', 'countTextTokens', 'countTokens'] },
        ],
        nextPageToken: 'page 2/token',
      },
      { models: [{ name: 'models/my-new-model', displayName: 'My New Model', inputTokenLimit: 32768, outputTokenLimit: 8192, supportedGenerationMethods: ['generateContent'] }] },
    ];
    const server = await harness.server((_request, index) => ({ headers: jsonHeaders, body: JSON.stringify(pages[index]) }));
    const models = await harness.client().listModels('gemini', { api_base: server.url, api_key: geminiKey });
    assert.deepStrictEqual(
      server.requests.map((request) => [request.method, request.url]),
      [
        ['GET', '/v1beta/models?pageSize=1000'],
        ['GET', '/v1beta/models?pageSize=1000&pageToken=page%202%2Ftoken'],
      ],
    );
    server.requests.forEach(assertKeyOnlyInHeader);
    assert.deepStrictEqual(
      models.map((model) => [model.id, model.display_name, model.source, model.info.mode, model.info.max_input_tokens, model.info.max_output_tokens]),
      [
        ['gemini/gemini-2.5-flash', 'Gemini 2.5 Flash', 'provider', 'chat', 1048576, 65535],
        ['gemini/gemini-embedding-001', 'Gemini Embedding 001', 'provider', 'embedding', 2048, 1],
        ['gemini/my-new-model', 'My New Model', 'provider', 'chat', 32768, 8192],
      ],
    );
  });
});
