/**
 * Bedrock embeddings through InvokeModel against the signature-checking loopback server: Amazon
 * Titan (one signed request per text, `{inputText, dimensions}`), Cohere (the texts in one
 * request with `input_type`, the token count from AWS's header, both answer shapes), base64
 * output, and a model of neither family refused before anything is sent. The answer bodies have
 * the shapes AWS's model parameter pages give for these models (Titan's as vercel/ai's
 * bedrock-embedding-model.test.ts mocks it).
 */

import assert from 'node:assert/strict';
import { BadRequestError, type EmbeddingParams } from '../../src/core';
import { rejection, useHarness } from '../helpers/llmHarness';
import type { RecordedRequest, WireServer } from '../helpers/wireServer';
import { accessKeyId, region, secretAccessKey, signed } from './bedrockSupport';

const titan = 'amazon.titan-embed-text-v2:0';
const cohere = 'cohere.embed-english-v3';

function embedCall(server: WireServer, model: string, extra: Partial<EmbeddingParams> = {}): EmbeddingParams {
  return {
    model: `bedrock/${model}`,
    input: ['sunny day at the beach', 'rainy day in the city'],
    aws_access_key_id: accessKeyId,
    aws_secret_access_key: secretAccessKey,
    aws_region_name: region,
    aws_bedrock_runtime_endpoint: server.url,
    ...extra,
  };
}

const vectors = [
  [0.1, 0.2, 0.3, 0.4, 0.5],
  [0.6, 0.7, 0.8, 0.9, 1.0],
];

describe('Bedrock wire: embeddings through InvokeModel', () => {
  const harness = useHarness({ retry: { maxRetries: 0 } });

  it('Titan: one signed /invoke request per text with dimensions; the vectors in order, the token counts summed', async () => {
    const server = await harness.server((request, index) =>
      signed({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ embedding: vectors[index], inputTextTokenCount: 8 }) })(request),
    );
    const response = await harness.client().embedding(embedCall(server, titan, { dimensions: 256 }));
    assert.deepStrictEqual(
      response.data.map((item) => [item.index, item.embedding]),
      vectors.map((vector, index) => [index, vector]),
    );
    assert.deepStrictEqual(response.usage, { prompt_tokens: 16, total_tokens: 16 });
    assert.equal(response._hidden_params?.api_base, server.url);
    assert.deepStrictEqual(
      server.requests.map((request) => [request.url, request.json]),
      [
        [`/model/${encodeURIComponent(titan)}/invoke`, { inputText: 'sunny day at the beach', dimensions: 256 }],
        [`/model/${encodeURIComponent(titan)}/invoke`, { inputText: 'rainy day in the city', dimensions: 256 }],
      ],
    );
    assert.match(String((server.requests[0] as RecordedRequest).headers['authorization']), /\/bedrock\/aws4_request/);
  });

  it('Cohere: the texts in one request with input_type search_document; tokens from x-amzn-bedrock-input-token-count', async () => {
    const body = { id: 'emb-1', response_type: 'embeddings_floats', texts: ['sunny day at the beach', 'rainy day in the city'], embeddings: vectors };
    const server = await harness.server(signed({ status: 200, headers: { 'content-type': 'application/json', 'x-amzn-bedrock-input-token-count': '12' }, body: JSON.stringify(body) }));
    const response = await harness.client().embedding(embedCall(server, cohere));
    assert.deepStrictEqual(response.data.map((item) => item.embedding), vectors);
    assert.deepStrictEqual(response.usage, { prompt_tokens: 12, total_tokens: 12 });
    assert.deepStrictEqual((server.requests[0] as RecordedRequest).json, { texts: ['sunny day at the beach', 'rainy day in the city'], input_type: 'search_document' });
  });

  it('Cohere with embedding_types (extra_body): the {float: [...]} answer; input_type overridden; base64 asked for', async () => {
    const body = { id: 'emb-2', response_type: 'embeddings_by_type', texts: ['a query'], embeddings: { float: [vectors[0]] } };
    const server = await harness.server(signed({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
    const response = await harness.client().embedding(
      embedCall(server, cohere, { input: 'a query', encoding_format: 'base64', extra_body: { input_type: 'search_query', embedding_types: ['float'] } }),
    );
    const expected = Buffer.alloc(20);
    (vectors[0] ?? []).forEach((value, index) => expected.writeFloatLE(value, index * 4));
    assert.equal(response.data[0]?.embedding, expected.toString('base64'));
    assert.equal(response.usage, undefined);
    assert.deepStrictEqual((server.requests[0] as RecordedRequest).json, { texts: ['a query'], input_type: 'search_query', embedding_types: ['float'] });
  });

  it('a model of neither family, or token ids as input: BadRequestError before any request', async () => {
    const server = await harness.server(() => ({ status: 500, body: '' }));
    const wrongModel = await rejection(harness.client().embedding(embedCall(server, 'anthropic.claude-3-haiku-20240307-v1:0')));
    assert.ok(wrongModel instanceof BadRequestError, String(wrongModel));
    const tokenIds = await rejection(harness.client().embedding(embedCall(server, titan, { input: [[1, 2, 3]] })));
    assert.ok(tokenIds instanceof BadRequestError, String(tokenIds));
    assert.equal(server.requests.length, 0);
  });
});
