/**
 * Embeddings on Vertex AI: the recorded `:predict` answer (vercel/ai's fixture) served on Vertex's
 * path, whole and at random splits, to a stand-in that takes only a bearer token the loopback OAuth
 * endpoint issued for a service account made here. @google/genai in Vertex mode, asked the same,
 * is the oracle for both the request it sends and the vectors it reads.
 */

import assert from 'node:assert/strict';
import { GoogleGenAI } from '@google/genai';
import { AuthenticationError, type EmbeddingParams } from '../../src/core';
import { deliveries, loadFixture } from '../helpers/fixtures';
import { useHarness } from '../helpers/llmHarness';
import type { WireServer } from '../helpers/wireServer';
import { bearerOf, makeServiceAccount, saProject, sdkAuthClient, startTokenEndpoint, vertexResponder, type ServiceAccount, type TokenEndpoint } from './vertexHelpers';

const fixture = loadFixture('vertex/predict_embeddings_two_texts');
const expected = fixture.meta.expected as { first_3_values_of_each: number[][]; dimension: number; usage: { prompt_tokens: number; total_tokens: number } };
const predictPath = `/v1/projects/${saProject}/locations/us-central1/publishers/google/models/text-embedding-005:predict`;
const texts = ['test text one', 'test text two'];

describe('Vertex AI embeddings: :predict with service-account auth', () => {
  const harness = useHarness({ retry: { maxRetries: 0 } });
  let account: ServiceAccount;

  async function signIn(): Promise<TokenEndpoint> {
    const tokens = await startTokenEndpoint(harness, () => account.publicKey, 3600);
    account = makeServiceAccount(`${tokens.server.url}/token`);
    return tokens;
  }

  function embedCall(server: WireServer, extra: Partial<EmbeddingParams> = {}): EmbeddingParams {
    return { model: 'vertex_ai/text-embedding-005', input: texts, api_base: server.url, vertex_credentials: JSON.stringify(account.json), ...extra };
  }

  for (const { label, delivery } of deliveries) {
    it(`reads each text's vector and sums the token counts (${label})`, async () => {
      const tokens = await signIn();
      const server = await harness.server(vertexResponder(() => tokens.issued, () => fixture.reply(delivery)));
      const response = await harness.client().embedding(embedCall(server));
      assert.equal(response.object, 'list');
      assert.deepStrictEqual(response.data.map((item) => item.index), [0, 1]);
      assert.deepStrictEqual(response.data.map((item) => (item.embedding as number[]).slice(0, 3)), expected.first_3_values_of_each);
      assert.ok(response.data.every((item) => (item.embedding as number[]).length === expected.dimension));
      assert.deepStrictEqual(response.usage, expected.usage);
      const [request] = server.requests;
      assert.equal(request?.url, predictPath);
      assert.equal(bearerOf(request), tokens.issued[0]);
      assert.deepStrictEqual(request.json, { instances: texts.map((content) => ({ content })) });
    });
  }

  it('one string is one instance; task_type rides on it, dimensions become outputDimensionality; base64 as OpenAI encodes it', async () => {
    const tokens = await signIn();
    const server = await harness.server(vertexResponder(() => tokens.issued, () => fixture.reply()));
    const response = await harness.client().embedding(embedCall(server, { input: 'test text one', task_type: 'RETRIEVAL_QUERY', dimensions: 5, encoding_format: 'base64' }));
    assert.deepStrictEqual(server.requests[0]?.json, { instances: [{ content: 'test text one', task_type: 'RETRIEVAL_QUERY' }], parameters: { outputDimensionality: 5 } });
    const first = Buffer.from(response.data[0]?.embedding as string, 'base64');
    assert.equal(first.length, 4 * expected.dimension);
    assert.equal(first.readFloatLE(0), Math.fround(expected.first_3_values_of_each[0]?.[0] as number));
  });

  it('express mode: an API key goes in x-goog-api-key to the project-less path', async () => {
    const key = 'AIzaSyTEST-vertex-express-0123456789';
    const server = await harness.server((request) => (request.headers['x-goog-api-key'] === key ? fixture.reply() : { status: 401, body: '{}' }));
    const response = await harness.client().embedding({ model: 'vertex_ai/gemini-embedding-001', input: texts, api_base: server.url, api_key: key });
    assert.equal(response.data.length, 2);
    const [request] = server.requests;
    assert.equal(request?.url, '/v1/publishers/google/models/gemini-embedding-001:predict');
    assert.equal(request.headers['authorization'], undefined);
  });

  it("a token Vertex refuses is an AuthenticationError with Google's message", async () => {
    await signIn();
    const server = await harness.server(vertexResponder(() => [], () => fixture.reply()));
    await assert.rejects(harness.client().embedding(embedCall(server)), (error: unknown) => {
      assert.ok(error instanceof AuthenticationError);
      assert.match(error.message, /invalid authentication credentials/);
      return true;
    });
  });

  it('@google/genai (Vertex mode) sends the same request and reads the same vectors', async () => {
    const tokens = await signIn();
    const server = await harness.server(vertexResponder(() => tokens.issued, () => fixture.reply({ seed: 3, pieces: 11 })));
    const ours = await harness.client().embedding(embedCall(server, { task_type: 'RETRIEVAL_DOCUMENT', dimensions: 5 }));
    const authClient = sdkAuthClient(tokens.issued[0]);
    const sdk = new GoogleGenAI({ vertexai: true, project: saProject, location: 'us-central1', googleAuthOptions: { authClient }, httpOptions: { baseUrl: server.url, apiVersion: 'v1' } });
    const theirs = await sdk.models.embedContent({ model: 'text-embedding-005', contents: texts, config: { taskType: 'RETRIEVAL_DOCUMENT', outputDimensionality: 5 } });
    assert.equal(server.requests[1]?.url, server.requests[0]?.url);
    assert.deepStrictEqual(server.requests[0]?.json, server.requests[1]?.json);
    assert.deepStrictEqual(
      ours.data.map((item) => item.embedding),
      (theirs.embeddings ?? []).map((embedding) => embedding.values),
    );
    assert.equal(ours.usage?.prompt_tokens, (theirs.embeddings ?? []).reduce((sum, embedding) => sum + (embedding.statistics?.tokenCount ?? 0), 0));
  });
});
