/**
 * Bedrock's Converse and ConverseStream through the public client against a loopback server that
 * checks every request's SigV4 signature: the recorded streams (framed with the official codec)
 * served whole, byte by byte and at random splits; the request that reached the wire; AWS's 403
 * for a wrong secret; the keys from a profile of temporary AWS config files; and the official
 * `@aws-sdk/client-bedrock-runtime` reading the same bytes as the oracle.
 */

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BedrockRuntimeClient, ConverseStreamCommand } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { APIError, AuthenticationError, RateLimitError, streamChunkBuilder } from '../../src/core';
import { deliveries } from '../helpers/fixtures';
import { drain, rejection, useHarness } from '../helpers/llmHarness';
import type { RecordedRequest } from '../helpers/wireServer';
import {
  accessKeyId,
  bedrockCall,
  eventFrame,
  eventStreamHeaders,
  exceptionFrame,
  loadChunkFixture,
  loadJsonFixture,
  modelId,
  observed,
  region,
  secretAccessKey,
  signed,
  streamed,
  type ChunkFixture,
} from './bedrockSupport';

describe('Bedrock wire: Converse and ConverseStream with SigV4', () => {
  const harness = useHarness({ retry: { maxRetries: 0 } });

  for (const name of ['converse_stream_text', 'converse_stream_tool_use']) {
    const fixture: ChunkFixture = loadChunkFixture(name);
    for (const { label, delivery } of deliveries) {
      it(`${name} (${label})`, async () => {
        const server = await harness.server(signed({ status: 200, headers: eventStreamHeaders, body: fixture.body, delivery }));
        const tools = name.includes('tool') ? [{ type: 'function' as const, function: { name: 'test-tool', parameters: { type: 'object', properties: { value: { type: 'string' } } } } }] : undefined;
        const chunks = await streamed(bedrockCall(server, { tools, max_tokens: 300, temperature: 0.2 }), harness.client());
        const expected = { ...fixture.meta.expected };
        assert.deepStrictEqual(observed(streamChunkBuilder(chunks)), expected);
        const request = server.requests[0] as RecordedRequest;
        assert.equal(request.url, `/model/${encodeURIComponent(modelId)}/converse-stream`);
        assert.equal(request.headers['accept'], 'application/vnd.amazon.eventstream');
        assert.match(String(request.headers['authorization']), new RegExp(`^AWS4-HMAC-SHA256 Credential=${accessKeyId}/\\d{8}/${region}/bedrock/aws4_request, SignedHeaders=`));
        const body: Record<string, unknown> = {
          messages: [{ role: 'user', content: [{ text: 'How many r are in strawberry?' }] }],
          system: [{ text: 'Be brief.' }],
          inferenceConfig: { maxTokens: 300, temperature: 0.2 },
        };
        if (tools !== undefined) {
          body['toolConfig'] = { tools: [{ toolSpec: { name: 'test-tool', inputSchema: { json: tools[0]?.function.parameters } } }] };
        }
        assert.deepStrictEqual(request.json, body);
      });
    }

    it(`${name}: @aws-sdk/client-bedrock-runtime reads the same bytes as the recorded events`, async () => {
      const server = await harness.server(signed({ status: 200, headers: eventStreamHeaders, body: fixture.body, delivery: { seed: 3, pieces: 11 } }));
      // The SDK streams over HTTP/2 by default; the loopback server speaks HTTP/1.1.
      const sdk = new BedrockRuntimeClient({ region, endpoint: server.url, credentials: { accessKeyId, secretAccessKey }, maxAttempts: 1, requestHandler: new NodeHttpHandler() });
      try {
        const answer = await sdk.send(new ConverseStreamCommand({ modelId, messages: [{ role: 'user', content: [{ text: 'Hi' }] }] }));
        const events: Record<string, unknown>[] = [];
        for await (const event of answer.stream ?? []) {
          events.push(JSON.parse(JSON.stringify(event)) as Record<string, unknown>);
        }
        // The SDK keeps only the fields its model knows: its TokenUsage has no `serverToolUsage`.
        const known = JSON.parse(JSON.stringify(fixture.events, (key, value: unknown) => (key === 'serverToolUsage' ? undefined : value))) as unknown;
        assert.deepStrictEqual(events, known);
      } finally {
        sdk.destroy();
      }
    });
  }

  it('Converse (not streamed): a toolUse answer, the request signed and sent to /converse', async () => {
    const fixture = loadJsonFixture('converse_tool_use');
    const server = await harness.server(signed({ status: 200, headers: { 'content-type': 'application/json', 'x-amzn-requestid': 'req-1' }, body: fixture.body }));
    const response = await harness.client().completion({ ...bedrockCall(server), stream: false });
    assert.deepStrictEqual(observed(response), fixture.meta.expected);
    assert.equal(response.id, 'req-1');
    assert.equal((server.requests[0] as RecordedRequest).url, `/model/${encodeURIComponent(modelId)}/converse`);
  });

  it('a wrong secret: AWS answers 403 InvalidSignatureException, the client raises AuthenticationError', async () => {
    const server = await harness.server(signed({ status: 200, body: '{}' }));
    const error = await rejection(harness.client().completion(bedrockCall(server, { aws_secret_access_key: 'not-the-secret-at-all-0000' })));
    assert.ok(error instanceof AuthenticationError, String(error));
    assert.equal(error.status_code, 403);
    assert.match(error.message, /InvalidSignatureException: The request signature we calculated does not match/);
  });

  it('keys from a profile of temporary AWS config and credentials files (aws_profile_name)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'switchboard-aws-'));
    const profileKeys = { accessKeyId: 'AKIDPROFILEKEYTEST01', secretAccessKey: 'profile-SECRET-8e1f2a3b4c5d6e7f' };
    writeFileSync(join(folder, 'config'), '[profile switchboard-test]\nregion = us-east-1\n');
    writeFileSync(join(folder, 'credentials'), `[switchboard-test]\naws_access_key_id = ${profileKeys.accessKeyId}\naws_secret_access_key = ${profileKeys.secretAccessKey}\n`);
    const saved = { config: process.env['AWS_CONFIG_FILE'], credentials: process.env['AWS_SHARED_CREDENTIALS_FILE'] };
    process.env['AWS_CONFIG_FILE'] = join(folder, 'config');
    process.env['AWS_SHARED_CREDENTIALS_FILE'] = join(folder, 'credentials');
    try {
      const fixture = loadJsonFixture('converse_tool_use');
      const server = await harness.server(signed({ status: 200, headers: { 'content-type': 'application/json' }, body: fixture.body }, profileKeys));
      const params = bedrockCall(server, { aws_profile_name: 'switchboard-test' });
      delete params.aws_access_key_id;
      delete params.aws_secret_access_key;
      const response = await harness.client().completion({ ...params, stream: false });
      assert.equal(response.choices[0]?.finish_reason, 'tool_calls');
      assert.match(String((server.requests[0] as RecordedRequest).headers['authorization']), new RegExp(`Credential=${profileKeys.accessKeyId}/`));
    } finally {
      for (const [name, value] of [['AWS_CONFIG_FILE', saved.config], ['AWS_SHARED_CREDENTIALS_FILE', saved.credentials]] as const) {
        if (value === undefined) {
          delete process.env[name];
        } else {
          process.env[name] = value;
        }
      }
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('an application inference profile ARN: URL-encoded as one path segment, signed as sent', async () => {
    const arn = 'arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123def456';
    const fixture = loadJsonFixture('converse_tool_use');
    const server = await harness.server(signed({ status: 200, headers: { 'content-type': 'application/json' }, body: fixture.body }));
    await harness.client().completion(bedrockCall(server, { model: `bedrock/${arn}` }));
    assert.equal((server.requests[0] as RecordedRequest).url, '/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Aapplication-inference-profile%2Fabc123def456/converse');
  });

  it('a Bedrock API key (api_key) goes as a bearer token, unsigned', async () => {
    const fixture = loadJsonFixture('converse_tool_use');
    const server = await harness.server(() => ({ status: 200, headers: { 'content-type': 'application/json' }, body: fixture.body }));
    const params = bedrockCall(server, { api_key: 'bedrock-api-key-SECRET-123456' });
    delete params.aws_access_key_id;
    delete params.aws_secret_access_key;
    await harness.client().completion(params);
    assert.equal((server.requests[0] as RecordedRequest).headers['authorization'], 'Bearer bedrock-api-key-SECRET-123456');
  });

  it('loads the AWS libraries on the first Bedrock call, not on import or for other providers', () => {
    const output = execFileSync(process.execPath, ['out/test/core/entries/lazyAws.entry.js'], { encoding: 'utf8', timeout: 20_000 });
    assert.deepStrictEqual(JSON.parse(output), { afterImport: false, afterOtherCall: false, afterBedrockCall: true });
  });

  it('a corrupted message (its CRC wrong) after some text: the text, then an APIError naming the checksum', async () => {
    const good = Buffer.concat([eventFrame('messageStart', { role: 'assistant' }), eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Hello' } })]);
    const bad = Buffer.from(eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: ' world' } }));
    // A payload byte flipped: the prelude still holds, the message's CRC no longer does.
    bad[bad.length - 8] = (bad[bad.length - 8] ?? 0) ^ 0xff;
    const server = await harness.server(signed({ status: 200, headers: eventStreamHeaders, body: Buffer.concat([good, bad]), delivery: 'bytes' }));
    const { chunks, error } = await drain(await harness.client().completion({ ...bedrockCall(server), stream: true }));
    assert.equal(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), 'Hello');
    assert.ok(error instanceof APIError, String(error));
    assert.match(error.message, /AWS Bedrock sent a corrupted event-stream message \(.*checksum/i);
  });

  it('a corrupted prelude in the first message: the call fails with an APIError', async () => {
    const bad = Buffer.from(eventFrame('messageStart', { role: 'assistant' }));
    bad[9] = (bad[9] ?? 0) ^ 0xff; // the prelude's CRC (bytes 8–11)
    const server = await harness.server(signed({ status: 200, headers: eventStreamHeaders, body: bad }));
    const error = await rejection(harness.client().completion({ ...bedrockCall(server), stream: true }));
    assert.ok(error instanceof APIError, String(error));
    assert.match(error.message, /corrupted event-stream message \(.*prelude/i);
  });

  it("tool_choice 'none' with toolUse and toolResult in the history: a toolConfig is still sent, without toolChoice", async () => {
    const fixture = loadJsonFixture('converse_tool_use');
    const server = await harness.server(signed({ status: 200, headers: { 'content-type': 'application/json' }, body: fixture.body }));
    const weather = { type: 'function' as const, function: { name: 'weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } } };
    await harness.client().completion(
      bedrockCall(server, {
        tool_choice: 'none',
        tools: [weather],
        messages: [
          { role: 'user', content: 'Weather in Paris and the time?' },
          {
            role: 'assistant',
            content: null,
            tool_calls: [
              { id: 'tooluse_1', type: 'function', function: { name: 'weather', arguments: '{"city":"Paris"}' } },
              { id: 'tooluse_2', type: 'function', function: { name: 'clock', arguments: '{}' } },
            ],
          },
          { role: 'tool', tool_call_id: 'tooluse_1', content: 'Sunny' },
          { role: 'tool', tool_call_id: 'tooluse_2', content: '12:00' },
        ],
      }),
    );
    const body = (server.requests[0] as RecordedRequest).json as Record<string, unknown>;
    assert.deepStrictEqual(body['toolConfig'], {
      tools: [{ toolSpec: { name: 'weather', inputSchema: { json: weather.function.parameters } } }, { toolSpec: { name: 'clock', inputSchema: { json: { type: 'object', properties: {} } } } }],
    });
  });

  it('_hidden_params.api_base is the endpoint called, its {region} filled in', async () => {
    const fixture = loadJsonFixture('converse_tool_use');
    const streamFixture = loadChunkFixture('converse_stream_text');
    const answerJson = signed({ status: 200, headers: { 'content-type': 'application/json' }, body: fixture.body });
    const answerStream = signed({ status: 200, headers: eventStreamHeaders, body: streamFixture.body });
    const server = await harness.server((request, index) => (index === 0 ? answerJson : answerStream)(request));
    const params = bedrockCall(server, { api_base: `${server.url}/{region}/` });
    delete params.aws_bedrock_runtime_endpoint;
    const response = await harness.client().completion({ ...params, stream: false });
    assert.equal(response._hidden_params?.api_base, `${server.url}/${region}`);
    assert.equal((server.requests[0] as RecordedRequest).url, `/${region}/model/${encodeURIComponent(modelId)}/converse`);
    const stream = await harness.client().completion({ ...params, stream: true });
    assert.equal(stream._hidden_params.api_base, `${server.url}/${region}`);
    await drain(stream);
  });

  it('a throttlingException frame mid-stream: the text before it, then RateLimitError', async () => {
    const body = Buffer.concat([
      eventFrame('messageStart', { role: 'assistant' }),
      eventFrame('contentBlockDelta', { contentBlockIndex: 0, delta: { text: 'Hello' } }),
      exceptionFrame('throttlingException', { message: 'Too many requests, please wait before trying again.' }),
    ]);
    const server = await harness.server(signed({ status: 200, headers: eventStreamHeaders, body, delivery: 'bytes' }));
    const { chunks, error } = await drain(await harness.client().completion({ ...bedrockCall(server), stream: true }));
    assert.equal(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join(''), 'Hello');
    assert.ok(error instanceof RateLimitError, String(error));
    assert.match(error.message, /throttlingException: Too many requests/);
  });
});
