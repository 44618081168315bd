/**
 * The client's `cloudOptions`: what a program configured for Bedrock and Vertex AI (region,
 * profile or keys; project, location, credentials JSON) reaches the wire when a call names none,
 * and never mixes with credentials a call brings. Checked by the loopback servers that verify
 * SigV4 signatures and service-account assertions, and by the connection test's words.
 */

import assert from 'node:assert/strict';
import { withCloudOptions, type CloudCallOptions } from '../../src/core/cloudOptions';
import type { CompletionParams } from '../../src/core';
import { loadFixture } from '../helpers/fixtures';
import { useHarness } from '../helpers/llmHarness';
import type { RecordedRequest } from '../helpers/wireServer';
import { accessKeyId, loadJsonFixture, modelId, region, secretAccessKey, signed } from './bedrockSupport';
import { bearerOf, signedInAccount, vertexResponder } from './vertexHelpers';

const storedKeys: CloudCallOptions = { aws_access_key_id: accessKeyId, aws_secret_access_key: secretAccessKey, aws_region_name: region };

describe('cloud options a program configured', () => {
  describe('withCloudOptions', () => {
    it('fills places one by one and leaves what the call names', () => {
      const filled = withCloudOptions({ aws_region_name: 'eu-west-1' }, { aws_region_name: 'us-east-1', aws_bedrock_runtime_endpoint: 'https://vpce.example', vertex_project: 'p', vertex_location: 'global' });
      assert.deepStrictEqual(filled, { aws_region_name: 'eu-west-1', aws_bedrock_runtime_endpoint: 'https://vpce.example', vertex_project: 'p', vertex_location: 'global' });
    });

    it('adds credentials only to a call that brings none: a profile, a key or a JSON of its own keeps the stored ones out', () => {
      const configured: CloudCallOptions = { aws_access_key_id: 'AKID', aws_secret_access_key: 'secret', aws_session_token: 'token', vertex_credentials: '{"type":"service_account"}' };
      assert.deepStrictEqual(withCloudOptions({}, configured), configured);
      assert.deepStrictEqual(withCloudOptions({ aws_profile_name: 'dev' }, configured), { aws_profile_name: 'dev' });
      assert.deepStrictEqual(withCloudOptions({ api_key: 'bearer' }, configured), { api_key: 'bearer' });
      assert.deepStrictEqual(withCloudOptions({ vertex_credentials: '/tmp/own.json' }, configured), { vertex_credentials: '/tmp/own.json' });
      // An empty option is no option: the stored value fills it.
      assert.deepStrictEqual(withCloudOptions({ aws_region_name: ' ' }, { aws_region_name: 'us-east-1' }), { aws_region_name: 'us-east-1' });
    });

    it('returns the same call when nothing is configured', () => {
      const params = { aws_region_name: 'x' };
      assert.equal(withCloudOptions(params, undefined), params);
    });
  });

  describe('on the wire', () => {
    const harness = useHarness({ retry: { maxRetries: 0 } });
    const answer = loadJsonFixture('converse_tool_use');

    function bedrockCall(endpoint: string, extra: Partial<CompletionParams> = {}): CompletionParams & { stream?: false } {
      return { model: `bedrock/${modelId}`, messages: [{ role: 'user', content: 'Hi' }], aws_bedrock_runtime_endpoint: endpoint, ...extra, stream: false };
    }

    it('Bedrock: a call naming nothing is signed with the stored keys for the stored region; the provider is asked for each call', async () => {
      const server = await harness.server(signed({ status: 200, headers: { 'content-type': 'application/json' }, body: answer.body }));
      const asked: string[] = [];
      const client = harness.client({
        cloudOptions: (provider) => {
          asked.push(provider);
          return provider === 'bedrock' ? storedKeys : undefined;
        },
      });
      const response = await client.completion(bedrockCall(server.url));
      assert.equal(response.choices[0]?.finish_reason, 'tool_calls');
      const request = server.requests[0] as RecordedRequest;
      assert.match(String(request.headers['authorization']), new RegExp(`Credential=${accessKeyId}/\\d{8}/${region}/bedrock/aws4_request`));
      assert.deepStrictEqual(asked, ['bedrock']);
    });

    it('Bedrock: a call with its own (wrong) keys is signed with those alone and refused as AWS refuses', async () => {
      const server = await harness.server(signed({ status: 200, headers: { 'content-type': 'application/json' }, body: answer.body }));
      const client = harness.client({ cloudOptions: () => storedKeys });
      const failure = await client.completion(bedrockCall(server.url, { aws_access_key_id: 'AKIDOTHER', aws_secret_access_key: 'wrong' })).catch((error: unknown) => error);
      assert.equal((failure as Error).name, 'AuthenticationError');
      assert.match(String(server.requests[0]?.headers['authorization']), /Credential=AKIDOTHER\//);
    });

    it('Bedrock: the connection test says the keys came from the key store, and the region from the configuration', async () => {
      const server = await harness.server(signed({ status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ modelSummaries: [] }) }));
      const client = harness.client({ cloudOptions: () => ({ ...storedKeys, aws_bedrock_runtime_endpoint: server.url }) });
      const report = await client.testConnection('bedrock');
      const settings = report.steps.find((step) => step.name === 'settings');
      assert.match(String(settings?.detail), /AWS keys from the key store, signed with SigV4; region us-east-1/);
    });

    it('Vertex AI: the stored service-account JSON, project and location; a call\'s own JSON replaces it', async () => {
      const { tokens, account: stored } = await signedInAccount(harness);
      const fixture = loadFixture('gemini/generate_content_text_safety_ratings');
      const server = await harness.server(vertexResponder(() => tokens.issued, () => fixture.reply()));
      const client = harness.client({ cloudOptions: (provider) => (provider === 'vertex_ai' ? { vertex_credentials: JSON.stringify(stored.json), vertex_project: 'stored-project', vertex_location: 'europe-west4' } : undefined) });
      await client.completion({ model: 'vertex_ai/gemini-2.5-flash', messages: [{ role: 'user', content: 'Hi' }], api_base: server.url });
      assert.equal(server.requests[0]?.url, '/v1/projects/stored-project/locations/europe-west4/publishers/google/models/gemini-2.5-flash:generateContent');
      assert.equal(bearerOf(server.requests[0]), tokens.issued[0]);
      const report = await client.testConnection('vertex_ai', { api_base: server.url });
      assert.match(String(report.steps.find((step) => step.name === 'settings')?.detail), /the credentials JSON in the key store \(service account [^)]+\); project stored-project; location europe-west4/);
      const own = await client.completion({ model: 'vertex_ai/gemini-2.5-flash', messages: [{ role: 'user', content: 'Hi' }], api_base: server.url, vertex_credentials: '/nonexistent/own.json' }).catch((error: unknown) => error);
      assert.match((own as Error).message, /cannot read the credentials file \/nonexistent\/own\.json/);
    });
  });
});
