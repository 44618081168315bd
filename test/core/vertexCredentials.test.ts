/**
 * Where Vertex AI's credentials, project and location come from when the call does not name them:
 * the client's environment (GOOGLE_APPLICATION_CREDENTIALS, VERTEXAI_*), and which of a key and
 * credentials wins. The token endpoint and the Vertex stand-in are the loopback ones of
 * vertexHelpers; nothing here reaches gcloud's files or the metadata server.
 */

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CompletionParams } from '../../src/core';
import { loadFixture } from '../helpers/fixtures';
import { useHarness } from '../helpers/llmHarness';
import type { WireServer } from '../helpers/wireServer';
import { bearerOf, saProject, signedInAccount, vertexResponder, type ServiceAccount } from './vertexHelpers';

const expressKey = 'AIzaSyTEST-vertex-express-0123456789';

function call(server: WireServer, extra: Partial<CompletionParams> = {}): CompletionParams {
  return { model: 'vertex_ai/gemini-2.5-flash', messages: [{ role: 'user', content: 'Hello' }], api_base: server.url, ...extra };
}

describe('Vertex AI credentials from the environment', () => {
  const harness = useHarness({ retry: { maxRetries: 0 } });
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'vertex-adc-'));
  });
  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  async function setUp(): Promise<{ server: WireServer; issued: string[]; keyFile: string; account: ServiceAccount }> {
    const { tokens, account } = await signedInAccount(harness);
    const keyFile = join(folder, 'application_default_credentials.json');
    writeFileSync(keyFile, JSON.stringify(account.json));
    const fixture = loadFixture('gemini/generate_content_text_safety_ratings');
    const server = await harness.server(vertexResponder(() => tokens.issued, () => fixture.reply()));
    return { server, issued: tokens.issued, keyFile, account };
  }

  it('GOOGLE_APPLICATION_CREDENTIALS, VERTEXAI_PROJECT and VERTEXAI_LOCATION of the client\'s environment', async () => {
    const { server, issued, keyFile } = await setUp();
    const client = harness.client({ env: { GOOGLE_APPLICATION_CREDENTIALS: keyFile, VERTEXAI_PROJECT: 'env-project', VERTEXAI_LOCATION: 'global' } });
    await client.completion(call(server));
    assert.equal(server.requests[0]?.url, '/v1/projects/env-project/locations/global/publishers/google/models/gemini-2.5-flash:generateContent');
    assert.equal(bearerOf(server.requests[0]), issued[0]);
  });

  it('the key file\'s project_id when no project is named; the call\'s options over the environment\'s', async () => {
    const { server, keyFile } = await setUp();
    const client = harness.client({ env: { GOOGLE_APPLICATION_CREDENTIALS: keyFile, GOOGLE_CLOUD_LOCATION: 'europe-west1' } });
    await client.completion(call(server));
    await client.completion(call(server, { vertex_location: 'asia-northeast1', vertex_project: 'call-project' }));
    assert.deepStrictEqual(
      server.requests.map((request) => request.url),
      [
        `/v1/projects/${saProject}/locations/europe-west1/publishers/google/models/gemini-2.5-flash:generateContent`,
        '/v1/projects/call-project/locations/asia-northeast1/publishers/google/models/gemini-2.5-flash:generateContent',
      ],
    );
  });

  it('a call\'s API key wins over the environment\'s credentials; the call\'s credentials win over its key', async () => {
    const { server, issued, keyFile, account } = await setUp();
    const client = harness.client({ env: { GOOGLE_APPLICATION_CREDENTIALS: keyFile } });
    await client.completion(call(server, { api_key: expressKey })).catch(() => undefined);
    await client.completion(call(server, { api_key: expressKey, vertex_credentials: JSON.stringify(account.json) }));
    const [byKey, byCredentials] = server.requests;
    assert.equal(byKey?.headers['x-goog-api-key'], expressKey);
    assert.equal(byKey.headers['authorization'], undefined);
    assert.equal(byKey.url, '/v1/publishers/google/models/gemini-2.5-flash:generateContent');
    assert.equal(bearerOf(byCredentials), issued[0]);
    assert.ok(byCredentials !== undefined && !byCredentials.url.includes(expressKey));
  });
});
