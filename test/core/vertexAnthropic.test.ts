/**
 * Claude on Vertex AI: the recorded Anthropic answers (Vertex's `rawPredict` speaks the Messages
 * wire) served on Vertex's path to a bearer token a loopback OAuth endpoint issued for a service
 * account made here; the body carries `anthropic_version` and no `model`. @anthropic-ai/vertex-sdk
 * parses the same streams as oracle.
 */

import assert from 'node:assert/strict';
import { AnthropicVertex } from '@anthropic-ai/vertex-sdk';
import { AuthenticationError, RateLimitError, streamChunkBuilder, type Client, type CompletionParams, type ModelResponse } from '../../src/core';
import { deliveries, loadFixture, type Fixture } from '../helpers/fixtures';
import { useHarness } from '../helpers/llmHarness';
import type { WireServer } from '../helpers/wireServer';
import { expectedAnthropic, observeAnthropic } from './anthropicSupport';
import { bearerOf, makeServiceAccount, saProject, sdkAuthClient, signedInAccount, startTokenEndpoint, vertexResponder, type ServiceAccount, type TokenEndpoint } from './vertexHelpers';

const successCases = [
  'anthropic/messages_nonstream_cache_read',
  'anthropic/messages_stream_text_with_ping',
  'anthropic/messages_stream_extended_thinking',
  'anthropic/messages_stream_tool_use',
];

const model = 'claude-sonnet-4-5@20250929';
const modelPath = `/v1/projects/${saProject}/locations/us-east5/publishers/anthropic/models/${model}`;

function isStream(fixture: Fixture): boolean {
  return fixture.meta.request_hint['stream'] === true;
}

function vertexCall(server: WireServer, account: ServiceAccount, extra: Partial<CompletionParams> = {}): CompletionParams {
  return {
    model: `vertex_ai/${model}`,
    messages: [{ role: 'user', content: 'Hello' }],
    max_tokens: 1024,
    api_base: server.url,
    vertex_credentials: JSON.stringify(account.json),
    vertex_location: 'us-east5',
    ...extra,
  };
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

describe('Vertex AI, Claude: recorded answers through rawPredict with service-account auth', () => {
  const harness = useHarness({ retry: { maxRetries: 0 } });
  const keys: ServiceAccount[] = [];

  async function signIn(): Promise<{ tokens: TokenEndpoint; account: ServiceAccount }> {
    const tokens = await startTokenEndpoint(harness, () => (keys.at(-1) as ServiceAccount).publicKey, 3600);
    const account = makeServiceAccount(`${tokens.server.url}/token`);
    keys.push(account);
    return { tokens, account };
  }

  for (const name of successCases) {
    const fixture = loadFixture(name);
    const stream = isStream(fixture);
    for (const { label, delivery } of deliveries) {
      it(`${name} on the Vertex path (${label})`, async () => {
        const { tokens, account } = await signIn();
        const server = await harness.server(vertexResponder(() => tokens.issued, () => fixture.reply(delivery)));
        const response = await run(harness.client(), vertexCall(server, account), stream);
        assert.deepStrictEqual(observeAnthropic(response), expectedAnthropic(fixture.meta));
        const [request] = server.requests;
        assert.equal(request?.url, `${modelPath}:${stream ? 'streamRawPredict' : 'rawPredict'}`);
        assert.equal(bearerOf(request), tokens.issued[0]);
        assert.equal(request.headers['x-api-key'], undefined);
        assert.deepStrictEqual(request.json, {
          anthropic_version: 'vertex-2023-10-16',
          max_tokens: 1024,
          messages: [{ role: 'user', content: 'Hello' }],
          ...(stream ? { stream: true } : {}),
        });
      });
    }
  }

  it('the platform\'s refusal in Google\'s envelope is an AuthenticationError', async () => {
    const { account } = await signIn();
    const server = await harness.server(vertexResponder(() => [], () => ({ status: 500 })));
    const error = await harness.client().completion(vertexCall(server, account)).then(() => undefined, (caught: unknown) => caught);
    assert.ok(error instanceof AuthenticationError, String(error));
    assert.equal(error.type, 'UNAUTHENTICATED');
  });

  it('Claude\'s own error in Anthropic\'s envelope keeps its type', async () => {
    const { tokens, account } = await signIn();
    const fixture = loadFixture('anthropic/error_429_rate_limit');
    const server = await harness.server(vertexResponder(() => tokens.issued, () => fixture.reply()));
    const error = await harness.client().completion(vertexCall(server, account)).then(() => undefined, (caught: unknown) => caught);
    assert.ok(error instanceof RateLimitError, String(error));
    assert.equal(error.type, 'rate_limit_error');
  });

  it('an API key alone does not reach Claude: rawPredict needs Google Cloud credentials', async () => {
    const { tokens, account } = await signIn();
    const fixture = loadFixture('anthropic/messages_nonstream_cache_read');
    const server = await harness.server(vertexResponder(() => tokens.issued, () => fixture.reply()));
    await harness.client().completion(vertexCall(server, account, { api_key: 'AIzaSyTEST-vertex-express-0123456789' }));
    assert.equal(bearerOf(server.requests[0]), tokens.issued[0]);
  });
});

describe('Vertex AI, Claude: @anthropic-ai/vertex-sdk as oracle', () => {
  const harness = useHarness({ retry: { maxRetries: 0 } });

  for (const name of ['anthropic/messages_stream_text_with_ping', 'anthropic/messages_stream_tool_use', 'anthropic/messages_stream_extended_thinking']) {
    it(`agrees with the SDK on ${name}`, async () => {
      const fixture = loadFixture(name);
      const { tokens, account } = await signedInAccount(harness);
      const server = await harness.server(vertexResponder(() => tokens.issued, () => fixture.reply({ seed: 11, pieces: 29 })));
      const ours = await run(harness.client(), vertexCall(server, account), true);
      // The SDK signs in with a client that holds the token ours was issued.
      const authClient = sdkAuthClient(tokens.issued[0]);
      const sdk = new AnthropicVertex({ region: 'us-east5', projectId: saProject, authClient, baseURL: `${server.url}/v1`, maxRetries: 0 });
      const theirs = await sdk.messages.stream({ model, max_tokens: 1024, messages: [{ role: 'user', content: 'Hello' }] }).finalMessage();
      assert.equal(server.requests[1]?.url, server.requests[0]?.url);
      const sdkBody = server.requests[1]?.json as Record<string, unknown>;
      // The SDK (1.x) copies its own `anthropic-version` header into the body; ours sends Vertex's documented `vertex-2023-10-16`.
      assert.equal(typeof sdkBody['anthropic_version'], 'string');
      assert.equal(sdkBody['model'], undefined);
      const message = ours.choices[0]?.message;
      const text = theirs.content.flatMap((block) => (block.type === 'text' ? [block.text] : [])).join('');
      assert.equal(message?.content ?? '', text);
      const thinking = theirs.content.flatMap((block) => (block.type === 'thinking' ? [block.thinking] : [])).join('');
      assert.equal(message?.reasoning_content ?? '', thinking);
      const calls = theirs.content.flatMap((block) => (block.type === 'tool_use' ? [{ id: block.id, name: block.name, input: block.input }] : []));
      assert.deepStrictEqual((message?.tool_calls ?? []).map((call) => ({ id: call.id, name: call.function.name, input: JSON.parse(call.function.arguments) as unknown })), calls);
      assert.equal(ours.choices[0]?.native_finish_reason, theirs.stop_reason);
      assert.equal(ours.usage?.completion_tokens, theirs.usage.output_tokens);
      assert.equal(ours.usage?.prompt_tokens, theirs.usage.input_tokens + (theirs.usage.cache_read_input_tokens ?? 0) + (theirs.usage.cache_creation_input_tokens ?? 0));
    });
  }
});
