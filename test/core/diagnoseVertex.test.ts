/**
 * `client.testConnection('vertex_ai/…')` against a loopback OAuth token endpoint that verifies a
 * service account's signed assertion and a Vertex stand-in that takes only the tokens it issued:
 * the settings step names the credentials' source, account, project and location (never the
 * key), then a token is obtained, then a 1-token generateContent proves access; each failure is
 * reported at its own step.
 */

import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unusedPort, useHarness } from '../helpers/llmHarness';
import type { RecordedRequest } from '../helpers/wireServer';
import { portOf, shape } from './diagnoseHelpers';
import { makeServiceAccount, saEmail, saProject, startTokenEndpoint, vertexResponder, type ServiceAccount } from './vertexHelpers';

const generated = JSON.stringify({
  candidates: [{ content: { role: 'model', parts: [{ text: 'Hi' }] }, finishReason: 'MAX_TOKENS', index: 0 }],
  usageMetadata: { promptTokenCount: 1, candidatesTokenCount: 1, totalTokenCount: 2 },
  modelVersion: 'gemini-2.5-flash',
});

const permissionDenied = JSON.stringify({
  error: { code: 403, message: `Permission 'aiplatform.endpoints.predict' denied on resource '//aiplatform.googleapis.com/projects/${saProject}/locations/us-central1/publishers/google/models/gemini-2.5-flash' (or it may not exist).`, status: 'PERMISSION_DENIED' },
});

describe('testConnection for Vertex AI', () => {
  const harness = useHarness({ retry: { maxRetries: 0 } });
  let account: ServiceAccount;

  it('a service account: its source and email, the project and location; a token obtained; a 1-token generateContent answered', async () => {
    const tokens = await startTokenEndpoint(harness, () => account.publicKey, 3600);
    account = makeServiceAccount(`${tokens.server.url}/token`);
    const server = await harness.server(vertexResponder(() => tokens.issued, () => ({ headers: { 'content-type': 'application/json' }, body: generated })));
    const report = await harness.client().testConnection('vertex_ai/gemini-2.5-flash', { api_base: server.url, vertex_credentials: JSON.stringify(account.json) });
    const port = portOf(server.url);
    assert.deepStrictEqual(shape(report, { [port]: 'PORT' }), {
      url: 'http://127.0.0.1:PORT/v1',
      ok: true,
      steps: [
        ['settings', 'passed', 'Requests for Vertex AI go to http://127.0.0.1:PORT/v1 directly (no proxy configured).', `Plain HTTP: no certificates involved. Credentials: vertex_credentials (service account ${saEmail}); project the credentials' own; location us-central1.`],
        ['proxy', 'skipped', 'No proxy: no proxy configured.'],
        ['dns', 'passed', '127.0.0.1 is an IP address: there is no name to look up.'],
        ['tcp', 'passed', 'Connected to 127.0.0.1:PORT in N ms.'],
        ['tls', 'skipped', 'Plain HTTP: no TLS.'],
        ['http', 'passed', 'Vertex AI answered a 1-token request to gemini-2.5-flash in N ms.'],
        ['auth', 'passed', 'Google Cloud gave an access token in N ms, and Vertex AI accepted it.'],
      ],
    });
    const request = server.requests[0] as RecordedRequest;
    assert.deepStrictEqual(
      { path: request.url, maxOutputTokens: (JSON.parse(request.body) as { generationConfig?: { maxOutputTokens?: number } }).generationConfig?.maxOutputTokens, sent: server.requests.length },
      { path: `/v1/projects/${saProject}/locations/us-central1/publishers/google/models/gemini-2.5-flash:generateContent`, maxOutputTokens: 1, sent: 1 },
    );
    assert.ok(!JSON.stringify(report).includes('PRIVATE KEY') && !JSON.stringify(report).includes('ya29.'), 'neither the key nor a token appears');
  });

  it('the token endpoint refuses the assertion: the auth step fails and nothing is sent to Vertex', async () => {
    const tokens = await startTokenEndpoint(harness, () => generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey, 3600);
    account = makeServiceAccount(`${tokens.server.url}/token`);
    const server = await harness.server(() => ({ headers: { 'content-type': 'application/json' }, body: generated }));
    const report = await harness.client().testConnection('vertex_ai', { api_base: server.url, vertex_credentials: JSON.stringify(account.json) });
    const [http, auth] = shape(report).steps.slice(-2);
    assert.deepStrictEqual({ ok: report.ok, http, auth: auth?.slice(0, 3), sent: server.requests.length }, {
      ok: false,
      http: ['http', 'skipped', 'Not sent: there is no access token to send.'],
      auth: ['auth', 'failed', 'Could not get a Google Cloud access token.'],
      sent: 0,
    });
    assert.match(auth?.[3] ?? '', /invalid_grant.*Check the credentials the settings step names, then test again\.$/s);
  });

  it('Vertex refuses the token (403): the auth step fails with Google\'s message', async () => {
    const tokens = await startTokenEndpoint(harness, () => account.publicKey, 3600);
    account = makeServiceAccount(`${tokens.server.url}/token`);
    const server = await harness.server(() => ({ status: 403, headers: { 'content-type': 'application/json; charset=UTF-8' }, body: permissionDenied }));
    const report = await harness.client().testConnection('vertex_ai/gemini-2.5-flash', { api_base: server.url, vertex_credentials: JSON.stringify(account.json) });
    const [http, auth] = shape(report).steps.slice(-2);
    assert.deepStrictEqual({ ok: report.ok, http, auth: auth?.slice(0, 3) }, {
      ok: false,
      http: ['http', 'passed', 'Vertex AI answered 403 to a 1-token request to gemini-2.5-flash.'],
      auth: ['auth', 'failed', 'Vertex AI rejected the credentials (403).'],
    });
    assert.match(auth?.[3] ?? '', /Permission 'aiplatform\.endpoints\.predict' denied/);
  });

  it('the other sources: GOOGLE_APPLICATION_CREDENTIALS, application default credentials, an express-mode key; the location picks the host', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'switchboard-vertex-diag-'));
    // google-auth-library reads process.env itself: no metadata-server probe (169.254.169.254) and
    // no gcloud configuration of this machine's, so nothing leaves the machine.
    const saved = { METADATA_SERVER_DETECTION: process.env['METADATA_SERVER_DETECTION'], CLOUDSDK_CONFIG: process.env['CLOUDSDK_CONFIG'] };
    process.env['METADATA_SERVER_DETECTION'] = 'none';
    process.env['CLOUDSDK_CONFIG'] = folder;
    try {
      const file = join(folder, 'key.json');
      writeFileSync(file, JSON.stringify(makeServiceAccount('https://oauth2.googleapis.com/token').json));
      const deadPort = await unusedPort();
      const detail = async (env: Record<string, string>, options: Record<string, string>, apiKey?: string): Promise<[string, string | undefined]> => {
        // Through a proxy nobody listens on: only the settings step matters, and nothing leaves the machine.
        const client = harness.client({ env, ...(apiKey === undefined ? {} : { getApiKey: () => apiKey }) });
        const report = await client.testConnection('vertex_ai', { timeout: 2, proxy: `http://127.0.0.1:${deadPort}`, ...options });
        return [report.url, report.steps[0]?.detail?.replace(file, 'FILE')];
      };
      assert.deepStrictEqual(
        [
          await detail({ GOOGLE_APPLICATION_CREDENTIALS: file, VERTEXAI_PROJECT: 'my-project' }, { vertex_location: 'europe-west4' }),
          await detail({ GOOGLE_CLOUD_LOCATION: 'global' }, {}),
          await detail({}, {}, 'express-mode-key-secret'),
        ],
        [
          ['https://europe-west4-aiplatform.googleapis.com/v1', `Certificates are checked against Node's roots. Credentials: GOOGLE_APPLICATION_CREDENTIALS (service account ${saEmail}); project my-project; location europe-west4.`],
          ['https://aiplatform.googleapis.com/v1', "Certificates are checked against Node's roots. Credentials: application default credentials (gcloud's ADC file or the metadata server); project the credentials' own; location global."],
          ['https://us-central1-aiplatform.googleapis.com/v1', "Certificates are checked against Node's roots. Credentials: an API key (express mode) from the key store; location us-central1."],
        ],
      );
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) {
          delete process.env[name];
        } else {
          process.env[name] = value;
        }
      }
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
