/**
 * Gemini on Vertex AI: the recorded Gemini answers (Vertex speaks the same generateContent wire)
 * served on Vertex's path by a loopback stand-in that takes only a bearer token a loopback OAuth
 * endpoint issued for a service account made here — the assertion really signed and verified, the
 * token really cached and refreshed. @google/genai in Vertex mode parses the same streams as oracle.
 */

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GoogleGenAI } from '@google/genai';
import { AuthenticationError, streamChunkBuilder, type Client, type CompletionParams, type ModelResponse } from '../../src/core';
import { vertexVersionedBase } from '../../src/core/providers/vertex/location';
import { deliveries, loadFixture, type Fixture } from '../helpers/fixtures';
import { useHarness } from '../helpers/llmHarness';
import type { WireServer } from '../helpers/wireServer';
import { geminiExpected, geminiObserved } from './geminiHelpers';
import { bearerOf, makeServiceAccount, saEmail, saProject, sdkAuthClient, signedInAccount, startTokenEndpoint, unauthenticatedBody, vertexResponder, type ServiceAccount, type TokenEndpoint } from './vertexHelpers';

const successCases = [
  'gemini/generate_content_text_safety_ratings',
  'gemini/generate_content_function_call',
  'gemini/generate_content_thought_parts',
  'gemini/generate_content_cached_content_tokens',
  'gemini/stream_generate_content_text',
  'gemini/stream_generate_content_function_call',
  'gemini/stream_generate_content_thinking',
];

const modelPath = `/v1/projects/${saProject}/locations/us-central1/publishers/google/models/gemini-2.5-flash`;

function isStream(fixture: Fixture): boolean {
  return fixture.meta.endpoint.path.includes(':streamGenerateContent');
}

function vertexCall(server: WireServer, account: ServiceAccount, extra: Partial<CompletionParams> = {}): CompletionParams {
  return { model: 'vertex_ai/gemini-2.5-flash', messages: [{ role: 'user', content: 'Hello' }], api_base: server.url, vertex_credentials: JSON.stringify(account.json), ...extra };
}

async function run(client: Client, params: CompletionParams, stream: boolean): Promise<ModelResponse> {
  if (!stream) {
    return client.completion({ ...params, stream: false });
  }
  const chunks = [];
  for await (const chunk of await client.completion({ ...params, stream: true })) {
    chunks.push(chunk);
  }
  return streamChunkBuilder(chunks);
}

describe('Vertex AI, Gemini: recorded answers with service-account auth', () => {
  const harness = useHarness({ retry: { maxRetries: 0 } });
  let account: ServiceAccount;

  /** A token endpoint and a service account whose key file points at it. */
  async function signIn(expiresIn: number): Promise<TokenEndpoint> {
    const tokens = await startTokenEndpoint(harness, () => account.publicKey, expiresIn);
    account = makeServiceAccount(`${tokens.server.url}/token`);
    return tokens;
  }

  for (const name of successCases) {
    const fixture = loadFixture(name);
    const stream = isStream(fixture);
    for (const { label, delivery } of deliveries) {
      it(`${name} on the Vertex path (${label})`, async () => {
        const tokens = await signIn(3600);
        const server = await harness.server(vertexResponder(() => tokens.issued, () => fixture.reply(delivery)));
        const response = await run(harness.client(), vertexCall(server, account), stream);
        assert.deepStrictEqual(geminiObserved(response), geminiExpected(fixture.meta));
        if (!stream) {
          assert.equal(response._hidden_params?.custom_llm_provider, 'vertex_ai');
          // Where the request went: the versioned base, not the configured host root.
          assert.equal(response._hidden_params?.api_base, `${server.url}/v1`);
        }
        const [request] = server.requests;
        assert.equal(request?.url, stream ? `${modelPath}:streamGenerateContent?alt=sse` : `${modelPath}:generateContent`);
        assert.equal(bearerOf(request), tokens.issued[0]);
        assert.deepStrictEqual(request.json, { contents: [{ role: 'user', parts: [{ text: 'Hello' }] }] });
      });
    }
  }

  it('signs the assertion with the account key and keeps the token while it is fresh', async () => {
    const tokens = await signIn(3600);
    const fixture = loadFixture('gemini/generate_content_text_safety_ratings');
    const server = await harness.server(vertexResponder(() => tokens.issued, () => fixture.reply()));
    const client = harness.client();
    await client.completion(vertexCall(server, account));
    await client.completion(vertexCall(server, account));
    assert.equal(tokens.issued.length, 1);
    assert.equal(tokens.claims[0]?.['iss'], saEmail);
    assert.deepStrictEqual(server.requests.map(bearerOf), [tokens.issued[0], tokens.issued[0]]);
  });

  it('refreshes a token about to expire before the next call', async () => {
    // Sixty seconds is inside google-auth-library's five-minute margin: each call gets a new token.
    const tokens = await signIn(60);
    const fixture = loadFixture('gemini/stream_generate_content_text');
    const server = await harness.server(vertexResponder(() => tokens.issued.slice(-1), () => fixture.reply()));
    const client = harness.client();
    await run(client, vertexCall(server, account), true);
    await run(client, vertexCall(server, account), true);
    assert.equal(tokens.issued.length, 2);
    assert.deepStrictEqual(server.requests.map(bearerOf), tokens.issued);
  });

  it('a token Vertex refuses is an AuthenticationError with Google\'s message, the token nowhere in it', async () => {
    const tokens = await signIn(3600);
    const server = await harness.server(vertexResponder(() => [], () => ({ status: 500 })));
    const error = await harness.client().completion(vertexCall(server, account)).then(() => undefined, (caught: unknown) => caught);
    assert.ok(error instanceof AuthenticationError, String(error));
    assert.equal(error.status_code, 401);
    assert.deepStrictEqual(error.body, JSON.parse(unauthenticatedBody) as unknown);
    assert.match(error.message, /invalid authentication credentials/);
    assert.ok(!JSON.stringify({ message: error.message, body: error.body }).includes(tokens.issued[0] ?? 'none'));
  });

  it('a proxy that echoes the request in its error: the bearer token is scrubbed from the error', async () => {
    const tokens = await signIn(3600);
    const server = await harness.server((request) => ({
      status: 403,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ error: { code: 403, status: 'PERMISSION_DENIED', message: `denied for ${String(request.headers['authorization'])}` } }),
    }));
    const error = await harness.client().completion(vertexCall(server, account)).then(() => undefined, (caught: unknown) => caught);
    assert.ok(error instanceof Error);
    const token = tokens.issued[0] ?? 'none';
    assert.ok(String(server.requests[0]?.headers['authorization']).includes(token));
    assert.ok(!JSON.stringify({ message: error.message, body: (error as { body?: unknown }).body }).includes(token), error.message);
  });

  it('a key the token endpoint does not know is an AuthenticationError before Vertex is called', async () => {
    const tokens = await signIn(3600);
    const stranger = makeServiceAccount(`${tokens.server.url}/token`);
    const server = await harness.server(() => ({ status: 500 }));
    const error = await harness.client().completion(vertexCall(server, stranger)).then(() => undefined, (caught: unknown) => caught);
    assert.ok(error instanceof AuthenticationError, String(error));
    assert.match(error.message, /access token/);
    assert.equal(server.requests.length, 0);
    assert.ok(!error.message.includes('PRIVATE KEY'));
  });

  it('reads vertex_credentials from a file, and takes project and location from the call', async () => {
    const tokens = await signIn(3600);
    const folder = mkdtempSync(join(tmpdir(), 'vertex-'));
    try {
      const file = join(folder, 'key.json');
      writeFileSync(file, JSON.stringify(account.json));
      const fixture = loadFixture('gemini/generate_content_text_safety_ratings');
      const server = await harness.server(vertexResponder(() => tokens.issued, () => fixture.reply()));
      await harness.client().completion(vertexCall(server, account, { vertex_credentials: file, vertex_project: 'other-project', vertex_location: 'europe-west4' }));
      assert.equal(server.requests[0]?.url, '/v1/projects/other-project/locations/europe-west4/publishers/google/models/gemini-2.5-flash:generateContent');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('express mode: an API key goes in x-goog-api-key to the project-less path', async () => {
    const key = 'AIzaSyTEST-vertex-express-0123456789';
    const fixture = loadFixture('gemini/generate_content_text_safety_ratings');
    const server = await harness.server(() => fixture.reply());
    const response = await harness.client().completion({ model: 'vertex_ai/gemini-2.5-flash', messages: [{ role: 'user', content: 'Hello' }], api_base: server.url, api_key: key });
    assert.deepStrictEqual(geminiObserved(response), geminiExpected(fixture.meta));
    const [request] = server.requests;
    assert.equal(request?.url, '/v1/publishers/google/models/gemini-2.5-flash:generateContent');
    assert.equal(request.headers['x-goog-api-key'], key);
    assert.equal(request.headers['authorization'], undefined);
    assert.ok(!request.url.includes(key));
  });

  it('the default base becomes the location\'s host; global stays on aiplatform.googleapis.com', () => {
    assert.equal(vertexVersionedBase('https://aiplatform.googleapis.com', 'global'), 'https://aiplatform.googleapis.com/v1');
    assert.equal(vertexVersionedBase('https://aiplatform.googleapis.com', 'us-east5'), 'https://us-east5-aiplatform.googleapis.com/v1');
    assert.equal(vertexVersionedBase('https://proxy.example/vertex/v1', 'us-east5'), 'https://proxy.example/vertex/v1');
  });
});

describe('Vertex AI, Gemini: @google/genai (Vertex mode) as oracle', () => {
  const harness = useHarness({ retry: { maxRetries: 0 } });

  for (const name of ['gemini/stream_generate_content_text', 'gemini/stream_generate_content_function_call', 'gemini/stream_generate_content_thinking']) {
    it(`agrees with the SDK on ${name}`, async () => {
      const fixture = loadFixture(name);
      const { tokens, account } = await signedInAccount(harness);
      const server = await harness.server(vertexResponder(() => tokens.issued, () => fixture.reply({ seed: 5, pieces: 23 })));
      const ours = await run(harness.client(), vertexCall(server, account), true);
      // The SDK signs in with a client that holds the token ours was issued.
      const authClient = sdkAuthClient(tokens.issued[0]);
      const sdk = new GoogleGenAI({ vertexai: true, project: saProject, location: 'us-central1', googleAuthOptions: { authClient }, httpOptions: { baseUrl: server.url, apiVersion: 'v1' } });
      let text = '';
      const calls: { name: string | undefined; args: unknown }[] = [];
      let finish: string | undefined;
      let usage: { promptTokenCount?: number; candidatesTokenCount?: number; thoughtsTokenCount?: number; totalTokenCount?: number } | undefined;
      for await (const chunk of await sdk.models.generateContentStream({ model: 'gemini-2.5-flash', contents: 'Hello' })) {
        for (const part of chunk.candidates?.[0]?.content?.parts ?? []) {
          if (part.text !== undefined && part.thought !== true) {
            text += part.text;
          }
          if (part.functionCall !== undefined) {
            calls.push({ name: part.functionCall.name, args: part.functionCall.args });
          }
        }
        finish = chunk.candidates?.[0]?.finishReason ?? finish;
        usage = chunk.usageMetadata ?? usage;
      }
      assert.equal(server.requests[1]?.url, server.requests[0]?.url);
      const message = ours.choices[0]?.message;
      assert.equal(message?.content ?? '', text);
      assert.deepStrictEqual((message?.tool_calls ?? []).map((call) => ({ name: call.function.name, args: JSON.parse(call.function.arguments) as unknown })), calls);
      assert.equal(ours.choices[0]?.native_finish_reason, finish);
      assert.equal(ours.usage?.prompt_tokens, usage?.promptTokenCount);
      assert.equal(ours.usage?.completion_tokens, (usage?.candidatesTokenCount ?? 0) + (usage?.thoughtsTokenCount ?? 0));
      assert.equal(ours.usage?.total_tokens, usage?.totalTokenCount);
    });
  }
});
