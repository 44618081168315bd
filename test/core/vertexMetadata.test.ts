/**
 * Application default credentials from the metadata server (a GCE VM, Cloud Run, GKE): a Vertex AI
 * call that names no credentials gets its bearer token, and its project when none is configured,
 * from a loopback stand-in for the metadata server. google-auth-library (through gcp-metadata)
 * reads process.env itself, so the suite sets the variables it reads there and restores them after:
 * GCE_METADATA_HOST points it at loopback; METADATA_SERVER_DETECTION=assume-present is gcp-metadata's
 * documented switch that skips its "am I on GCE" ping, whose answer it caches for the whole process
 * (another suite's ADC lookup off GCE may already have cached "no"); one case clears that cache and
 * lets the ping itself find the stand-in. HOME and CLOUDSDK_CONFIG are an empty folder, so no gcloud
 * ADC file or gcloud project (the library runs `gcloud config config-helper`) stands in front of the
 * metadata server.
 */

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gcpMetadata } from 'google-auth-library';
import type { CompletionParams } from '../../src/core';
import { loadFixture } from '../helpers/fixtures';
import { useHarness } from '../helpers/llmHarness';
import type { RecordedRequest, Reply, WireServer } from '../helpers/wireServer';
import { bearerOf, vertexResponder } from './vertexHelpers';

const metadataProject = 'metadata-project-123';
const tokenPath = '/computeMetadata/v1/instance/service-accounts/default/token';
const projectPath = '/computeMetadata/v1/project/project-id';
/** What gcp-metadata's availability ping asks for. */
const instancePath = '/computeMetadata/v1/instance';

/** Every variable google-auth-library or gcp-metadata reads that could send it elsewhere. */
const isolatedVariables = [
  'GOOGLE_APPLICATION_CREDENTIALS', 'google_application_credentials',
  'GCLOUD_PROJECT', 'GOOGLE_CLOUD_PROJECT', 'gcloud_project', 'google_cloud_project', 'GOOGLE_CLOUD_QUOTA_PROJECT',
  'GCE_METADATA_IP', 'GCE_METADATA_HOST', 'METADATA_SERVER_DETECTION', 'DETECT_GCP_RETRIES',
  'HOME', 'CLOUDSDK_CONFIG',
  'HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'NO_PROXY', 'no_proxy',
];

interface MetadataServer {
  server: WireServer;
  issued: string[];
}

function flavoured(status: number, contentType: string, body: string): Reply {
  return { status, headers: { 'metadata-flavor': 'Google', 'content-type': contentType }, body };
}

/** GCE's metadata server: answers only a request that says `Metadata-Flavor: Google`, and says it back. */
function metadataReply(request: RecordedRequest, issued: string[], expiresIn: number): Reply {
  if (request.headers['metadata-flavor'] !== 'Google') {
    return { status: 403, headers: { 'content-type': 'text/html; charset=UTF-8' }, body: `Your client does not have permission to get URL \`${request.url}\` from this server. Missing Metadata-Flavor:Google header.` };
  }
  const path = request.url.split('?')[0];
  if (path === tokenPath) {
    const token = `ya29.metadata-token-${issued.length + 1}`;
    issued.push(token);
    return flavoured(200, 'application/json', JSON.stringify({ access_token: token, expires_in: expiresIn, token_type: 'Bearer' }));
  }
  if (path === instancePath) {
    return flavoured(200, 'application/json', JSON.stringify({ id: 1234567890, zone: 'projects/123/zones/us-central1-a' }));
  }
  if (path === projectPath) {
    return flavoured(200, 'application/text', metadataProject);
  }
  return flavoured(404, 'text/html; charset=UTF-8', 'Not Found');
}

describe('Vertex AI application default credentials from the metadata server', () => {
  const harness = useHarness({ retry: { maxRetries: 0 } });
  const saved = new Map<string, string | undefined>();
  let folder: string;

  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'vertex-metadata-'));
    for (const name of isolatedVariables) {
      saved.set(name, process.env[name]);
      delete process.env[name];
    }
    process.env['HOME'] = folder;
    process.env['CLOUDSDK_CONFIG'] = folder;
    process.env['METADATA_SERVER_DETECTION'] = 'assume-present';
  });

  afterEach(() => {
    for (const [name, value] of saved) {
      if (value === undefined) {
        delete process.env[name];
      } else {
        process.env[name] = value;
      }
    }
    saved.clear();
    rmSync(folder, { recursive: true, force: true });
  });

  /** `expiresIn` under google-auth-library's five-minute eager-refresh margin makes each call fetch a new token. */
  async function startMetadataServer(expiresIn = 3600): Promise<MetadataServer> {
    const issued: string[] = [];
    const server = await harness.server((request) => metadataReply(request, issued, expiresIn));
    process.env['GCE_METADATA_HOST'] = new URL(server.url).host;
    return { server, issued };
  }

  async function startVertex(metadata: MetadataServer): Promise<WireServer> {
    const fixture = loadFixture('gemini/generate_content_text_safety_ratings');
    return harness.server(vertexResponder(() => metadata.issued, () => fixture.reply()));
  }

  function call(vertex: WireServer, extra: Partial<CompletionParams> = {}): CompletionParams & { stream?: false } {
    return { model: 'vertex_ai/gemini-2.5-flash', messages: [{ role: 'user', content: 'Hello' }], api_base: vertex.url, ...extra, stream: false };
  }

  it('a call that names no credentials carries the metadata server\'s token and uses its project; every metadata request says Metadata-Flavor: Google', async () => {
    const metadata = await startMetadataServer();
    const vertex = await startVertex(metadata);
    const response = await harness.client().completion(call(vertex));
    assert.ok(response.choices.length > 0);
    assert.equal(vertex.requests[0]?.url, `/v1/projects/${metadataProject}/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent`);
    assert.equal(bearerOf(vertex.requests[0]), metadata.issued[0]);
    assert.deepStrictEqual(metadata.issued, ['ya29.metadata-token-1']);
    const paths = metadata.server.requests.map((request) => request.url.split('?')[0]);
    assert.ok(paths.includes(tokenPath) && paths.includes(projectPath), `metadata requests: ${paths.join(', ')}`);
    assert.ok(metadata.server.requests.every((request) => request.headers['metadata-flavor'] === 'Google'));
    // The token is asked for Vertex's scope, as the metadata server allows for a GCE service account.
    const tokenRequest = metadata.server.requests.find((request) => request.url.startsWith(tokenPath));
    assert.equal(new URL(String(tokenRequest?.url), 'http://metadata').searchParams.get('scopes'), 'https://www.googleapis.com/auth/cloud-platform');
  });

  it('without METADATA_SERVER_DETECTION the library pings the metadata server (GET /computeMetadata/v1/instance, Metadata-Flavor: Google) and uses it when it answers as GCE does', async () => {
    delete process.env['METADATA_SERVER_DETECTION'];
    const metadata = await startMetadataServer();
    const vertex = await startVertex(metadata);
    // gcp-metadata keeps one ping's answer for the whole process; this case needs a ping of its own.
    gcpMetadata.resetIsAvailableCache();
    try {
      await harness.client().completion(call(vertex));
    } finally {
      gcpMetadata.resetIsAvailableCache();
    }
    assert.equal(metadata.server.requests[0]?.url, '/computeMetadata/v1/instance');
    assert.equal(metadata.server.requests[0]?.headers['metadata-flavor'], 'Google');
    assert.equal(bearerOf(vertex.requests[0]), metadata.issued[0]);
    assert.equal(vertex.requests[0]?.url, `/v1/projects/${metadataProject}/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent`);
  });

  it('a configured project wins over the metadata server\'s; the token still comes from it', async () => {
    const metadata = await startMetadataServer();
    const vertex = await startVertex(metadata);
    await harness.client({ env: { VERTEXAI_PROJECT: 'configured-project' } }).completion(call(vertex, { vertex_location: 'europe-west4' }));
    assert.equal(vertex.requests[0]?.url, '/v1/projects/configured-project/locations/europe-west4/publishers/google/models/gemini-2.5-flash:generateContent');
    assert.equal(bearerOf(vertex.requests[0]), metadata.issued[0]);
  });

  it('one client keeps the library\'s token while it is fresh and asks the metadata server again when it is about to expire', async () => {
    const lasting = await startMetadataServer(3600);
    const vertex = await startVertex(lasting);
    const client = harness.client();
    await client.completion(call(vertex));
    await client.completion(call(vertex));
    assert.deepStrictEqual(lasting.issued, ['ya29.metadata-token-1']);
    assert.deepStrictEqual(vertex.requests.map(bearerOf), ['ya29.metadata-token-1', 'ya29.metadata-token-1']);

    const shortLived = await startMetadataServer(60);
    const second = await startVertex(shortLived);
    const other = harness.client();
    await other.completion(call(second));
    await other.completion(call(second));
    assert.deepStrictEqual(second.requests.map(bearerOf), ['ya29.metadata-token-1', 'ya29.metadata-token-2']);
  });

  it('the connection test names application default credentials, gets a token from the metadata server, and Vertex accepts it', async () => {
    const metadata = await startMetadataServer();
    const vertex = await startVertex(metadata);
    const report = await harness.client().testConnection('vertex_ai', { api_base: vertex.url });
    const step = (name: string) => report.steps.find((each) => each.name === name);
    assert.match(String(step('settings')?.detail), /Credentials: application default credentials \(gcloud's ADC file or the metadata server\); project the credentials' own; location us-central1\./);
    assert.equal(step('auth')?.outcome, 'passed');
    assert.match(String(step('auth')?.summary), /^Google Cloud gave an access token in \d+ ms, and Vertex AI accepted it\.$/);
    assert.equal(report.ok, true);
    assert.ok(metadata.issued.length >= 1);
    assert.ok(vertex.requests.every((request) => metadata.issued.includes(bearerOf(request))));
    assert.equal(vertex.requests.at(-1)?.url, `/v1/projects/${metadataProject}/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent`);
  });

  it('a metadata server that does not say Metadata-Flavor: Google back is not trusted: the call fails as an authentication error and nothing reaches Vertex', async () => {
    const issued: string[] = [];
    const impostor = await harness.server((request) => {
      const reply = metadataReply(request, issued, 3600);
      return { ...reply, headers: { 'content-type': 'application/json' } };
    });
    process.env['GCE_METADATA_HOST'] = new URL(impostor.url).host;
    const vertex = await harness.server(vertexResponder(() => issued, () => ({ status: 200, body: '{}' })));
    const failure = await harness.client().completion(call(vertex, { vertex_project: 'p' })).catch((error: unknown) => error);
    assert.equal((failure as Error).name, 'AuthenticationError');
    assert.match((failure as Error).message, /Metadata-Flavor/);
    assert.ok(!(failure as Error).message.includes('ya29.'));
    assert.equal(vertex.requests.length, 0);
  });
});
