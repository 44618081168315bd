/**
 * `client.testConnection()` against real TLS and a real proxy, all on 127.0.0.1: an HTTPS server
 * whose CA (generated with openssl at test time) is unknown, given per call, given in the
 * provider's settings, or not checked; and Debian's tinyproxy, open and behind basic auth, whose
 * log proves the test went through it.
 */

import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import type { ProviderSettings } from '../../src/core';
import { apiKey, useHarness } from '../helpers/llmHarness';
import type { WireServer } from '../helpers/wireServer';
import { generateCertificates, type TestCertificates } from './network/certificates';
import { startTinyproxy, type Tinyproxy } from './network/tinyproxy';
import { modelList, notChecked, portOf, shape } from './diagnoseHelpers';

const companyHint = "If your company uses its own certificate authority, add it in 'switchboard.http.caCertificates'.";

/** The report's varying parts: the port, the temp dir, the certificate's expiry date, the TLS version. */
function normalised(server: WireServer, certificates: TestCertificates, extra: Record<string, string> = {}): Record<string, string> {
  return { [portOf(server.url)]: 'PORT', [certificates.dir]: 'CERTS', TLSv1_3: 'TLS', 'TLSv1.3': 'TLS', 'TLSv1.2': 'TLS', ...extra };
}

describe('testConnection with TLS and a proxy', () => {
  const harness = useHarness();
  let certificates: TestCertificates;

  /** What the tls step reports about the test server's certificate (its issuer as openssl wrote it). */
  let certificateFacts: string;

  before(() => {
    certificates = generateCertificates();
    const issuer = new X509Certificate(certificates.server.cert).issuer.replace(/\n/g, ', ');
    certificateFacts = `Certificate: subject CN=127.0.0.1; issuer ${issuer}; valid until DATE; names IP Address:127.0.0.1, DNS:localhost.`;
  });

  after(() => certificates.remove());

  async function httpsServer(): Promise<WireServer> {
    return harness.server(modelList, { tls: certificates.server });
  }

  function clientFor(server: WireServer, network?: ProviderSettings['network'], env: Record<string, string> = {}): ReturnType<typeof harness.client> {
    const settings: ProviderSettings = { apiBase: `${server.url}/v1` };
    if (network !== undefined) {
      settings.network = network;
    }
    return harness.client({ env, getApiKey: () => apiKey, providerSettings: () => settings, transport: { hints: { untrustedCertificate: companyHint } } });
  }

  it('an unknown CA fails the tls step with the code, the hint and the certificate it saw', async () => {
    const server = await httpsServer();
    const report = await clientFor(server).testConnection('openai');
    const steps = shape(report, normalised(server, certificates)).steps;
    assert.deepStrictEqual(steps.slice(4), [
      ['tls', 'failed', 'The certificate of https://127.0.0.1:PORT is not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE).', `${companyHint} ${certificateFacts}`],
      ['http', 'skipped', notChecked],
      ['auth', 'skipped', notChecked],
    ]);
    assert.deepStrictEqual(server.requests.length, 0, 'no request was sent over an untrusted connection');
  });

  it('the CA per call (ssl_verify), in the settings, or in a bundle behind another CA: every step passes', async () => {
    const server = await httpsServer();
    const bundle = join(certificates.dir, 'bundle.pem');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(bundle, `${certificates.otherCaPem}\n${certificates.caPem}`);
    const reports = [
      await clientFor(server).testConnection('openai', { ssl_verify: certificates.caFile }),
      await clientFor(server, { caCertificates: [bundle] }).testConnection('openai'),
    ];
    const replace = normalised(server, certificates);
    assert.deepStrictEqual(
      reports.map((report) => {
        const steps = shape(report, replace).steps;
        return [report.ok, steps[0]?.[3], steps[4], steps[6]];
      }),
      [
        [true, "Certificates are checked against Node's roots, plus CERTS/ca.pem (from the call). Key: the stored one.", ['tls', 'passed', 'The certificate of https://127.0.0.1:PORT is trusted (TLS).', certificateFacts], ['auth', 'passed', 'OpenAI accepted the key.']],
        [true, "Certificates are checked against Node's roots, plus CERTS/bundle.pem (from the settings). Key: the stored one.", ['tls', 'passed', 'The certificate of https://127.0.0.1:PORT is trusted (TLS).', certificateFacts], ['auth', 'passed', 'OpenAI accepted the key.']],
      ],
    );
  });

  it('verification off (strictSSL false): the handshake passes and says it would not be trusted', async () => {
    const server = await httpsServer();
    const report = await clientFor(server, { strictSSL: false }).testConnection('openai');
    const steps = shape(report, normalised(server, certificates)).steps;
    assert.deepStrictEqual([report.ok, steps[0]?.[3], steps[4]], [
      true,
      'Certificates are NOT checked (turned off in the settings). Key: the stored one.',
      ['tls', 'passed', 'Connected with TLS; the certificate was not checked (verification is off).', `${certificateFacts} It would not be trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE).`],
    ]);
  });

  it('a CA file that does not exist fails the settings step naming the path', async () => {
    const server = await httpsServer();
    const missing = join(certificates.dir, 'missing.pem');
    const report = await clientFor(server, { caCertificates: [missing] }).testConnection('openai');
    assert.deepStrictEqual(shape(report, normalised(server, certificates)).steps.slice(0, 2), [
      ['settings', 'failed', 'The CA certificate file CERTS/missing.pem (from the caCertificates setting) cannot be used: it does not exist. Fix the path or the file.', 'Fix the setting it names, then test again.'],
      ['proxy', 'skipped', notChecked],
    ]);
  });

  describe('through tinyproxy', () => {
    let open: Tinyproxy;
    let guarded: Tinyproxy;

    before(async () => {
      open = await startTinyproxy();
      guarded = await startTinyproxy({ basicAuth: { user: 'alice', password: 'wonder-land-42' } });
    });

    after(async () => {
      await open.stop();
      await guarded.stop();
    });

    it('HTTPS through the CONNECT proxy from the settings (loopback included by <-loopback>): every step passes, and the proxy saw both connections', async () => {
      const server = await httpsServer();
      const before = open.connects().length;
      const client = clientFor(server, { proxy: open.url, noProxy: ['<-loopback>'], caCertificates: [certificates.caFile] });
      const report = await client.testConnection('openai');
      const replace = normalised(server, certificates, { [String(open.port)]: 'PROXY' });
      const steps = shape(report, replace).steps;
      assert.deepStrictEqual({ ok: report.ok, steps }, {
        ok: true,
        steps: [
          ['settings', 'passed', 'Requests for OpenAI go to https://127.0.0.1:PORT/v1 through the proxy http://127.0.0.1:PROXY (from the settings).', "Certificates are checked against Node's roots, plus CERTS/ca.pem (from the settings). Key: the stored one."],
          ['proxy', 'passed', 'The proxy http://127.0.0.1:PROXY opened a tunnel to 127.0.0.1:PORT.', 'The proxy is at 127.0.0.1:PROXY (connected in N ms); CONNECT 127.0.0.1:PORT answered 200 Connection established.'],
          ['dns', 'skipped', 'The proxy looks up 127.0.0.1.'],
          ['tcp', 'skipped', 'The proxy connects to 127.0.0.1:PORT.'],
          ['tls', 'passed', 'The certificate of https://127.0.0.1:PORT is trusted (TLS).', certificateFacts],
          ['http', 'passed', 'OpenAI answered the model list request in N ms (1 model).'],
          ['auth', 'passed', 'OpenAI accepted the key.'],
        ],
      });
      const port = portOf(server.url);
      assert.deepStrictEqual(open.connects().slice(before), [`127.0.0.1:${port}`, `127.0.0.1:${port}`]);
    });

    it('a proxy behind basic auth: no credentials → 407, wrong ones → refused and said so, right ones (URL or proxyAuthorization) → passed', async () => {
      const server = await httpsServer();
      const withoutCredentials = await clientFor(server).testConnection('openai', { proxy: guarded.url, ssl_verify: certificates.caFile });
      const wrong = await clientFor(server).testConnection('openai', { proxy: `http://alice:not-the-password@127.0.0.1:${guarded.port}`, ssl_verify: certificates.caFile });
      const right = await clientFor(server).testConnection('openai', { proxy: `http://alice:wonder-land-42@127.0.0.1:${guarded.port}`, ssl_verify: certificates.caFile });
      const header = `Basic ${Buffer.from('alice:wonder-land-42').toString('base64')}`;
      const fromSettings = await clientFor(server, { proxy: guarded.url, noProxy: ['<-loopback>'], proxyAuthorization: header, caCertificates: [certificates.caFile] }).testConnection('openai');
      const replace = normalised(server, certificates, { [String(guarded.port)]: 'PROXY' });
      const proxyStep = (report: typeof right): (string | undefined)[] => (shape(report, replace).steps[1] ?? []).slice(0, 3);
      assert.deepStrictEqual(
        [withoutCredentials, wrong, right, fromSettings].map((report) => [report.ok, proxyStep(report)]),
        [
          [false, ['proxy', 'failed', 'The proxy http://127.0.0.1:PROXY wants credentials (407 Proxy Authentication Required).']],
          // tinyproxy answers wrong credentials with 401 rather than 407.
          [false, ['proxy', 'failed', 'The proxy http://***@127.0.0.1:PROXY did not accept the credentials sent (401 Unauthorized).']],
          [true, ['proxy', 'passed', 'The proxy http://***@127.0.0.1:PROXY opened a tunnel to 127.0.0.1:PORT.']],
          [true, ['proxy', 'passed', 'The proxy http://127.0.0.1:PROXY opened a tunnel to 127.0.0.1:PORT.']],
        ],
      );
      assert.deepStrictEqual(
        [withoutCredentials, wrong].map((report) => shape(report, replace).steps[1]?.[3]),
        [
          "Check the user and password in the call's proxy (http://user:pass@host:port) or the proxy authorization setting. The proxy is at 127.0.0.1:PROXY (connected in N ms); CONNECT 127.0.0.1:PORT answered 407 Proxy Authentication Required.",
          "Check the user and password in the call's proxy (http://user:pass@host:port) or the proxy authorization setting. The proxy is at 127.0.0.1:PROXY (connected in N ms); CONNECT 127.0.0.1:PORT answered 401 Unauthorized.",
        ],
      );
      const everything = JSON.stringify([withoutCredentials, wrong, right, fromSettings]);
      assert.ok(!everything.includes('wonder-land-42') && !everything.includes('not-the-password') && !everything.includes(header), 'no password or header in any report');
    });
  });
});
