/**
 * HTTPS providers with certificates made by openssl at test time: an unknown CA fails with the
 * actionable message; a CA from 'ssl_verify', a bundle, the settings or NODE_EXTRA_CA_CERTS
 * passes; verification turned off passes with one warning per connection; a bad CA file fails
 * naming it, and a fixed one works on the next request; HTTPS through tinyproxy's CONNECT.
 */

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'mocha';
import { APIConnectionError, type ClientOptions } from '../../../src/core';
import { chat, completionBody, jsonHeaders, quickRetries, rejection, useHarness } from '../../helpers/llmHarness';
import type { WireServer } from '../../helpers/wireServer';
import { generateCertificates, type TestCertificates } from './certificates';
import { connectionReleased, hostPort, noRetries, recordingLogger, useTinyproxy } from './networkHarness';

const defaultHint = "If your company uses its own certificate authority, pass its PEM file as 'ssl_verify' or start the program with NODE_EXTRA_CA_CERTS set to it; 'ssl_verify: false' turns the check off (unsafe).";
const shellHint = "If your company uses its own certificate authority, add it in 'switchboard.http.caCertificates'.";

describe('network: HTTPS providers and their certificates', () => {
  const harness = useHarness();
  let certificates: TestCertificates;

  before(() => {
    certificates = generateCertificates();
  });
  after(() => {
    certificates.remove();
  });

  /** An HTTPS provider; by default with a company-style chain (leaf + intermediate, root unknown to Node). */
  function httpsServer(tls: { key: string; cert: string } = certificates.chained): Promise<WireServer> {
    return harness.server(() => ({ headers: jsonHeaders, body: completionBody('trusted') }), { tls });
  }

  /** The answer's text, or the error's class, code and message. */
  async function outcome(options: ClientOptions, server: WireServer, extra: Parameters<typeof chat>[1] = {}): Promise<string> {
    try {
      const response = await harness.client({ retry: noRetries, ...options }).completion(chat(server, { ...extra, stream: false }));
      return `ok: ${response.choices[0]?.message.content ?? ''}`;
    } catch (error) {
      assert.ok(error instanceof APIConnectionError, `expected an APIConnectionError, got ${String(error)}`);
      return `${error.code ?? '(no code)'}: ${error.message}`;
    }
  }

  it('an unknown CA, a self-signed certificate and a wrong host name fail with what to do; not retried', async () => {
    const company = await httpsServer();
    const leafOnly = await httpsServer(certificates.server);
    const selfSigned = await httpsServer(certificates.selfSigned);
    const wrongName = await httpsServer(certificates.wrongName);
    const client = harness.client({ retry: quickRetries });
    const error = await rejection(client.completion(chat(company)));
    assert.ok(error instanceof APIConnectionError, `got ${String(error)}`);
    const results = {
      attempts: error.attempts,
      company: await outcome({}, company),
      companyInTheShell: await outcome({ transport: { hints: { untrustedCertificate: shellHint } } }, company),
      leafOnly: await outcome({}, leafOnly),
      selfSigned: await outcome({}, selfSigned),
      wrongName: await outcome({}, wrongName, { ssl_verify: certificates.caFile }),
    };
    assert.deepStrictEqual(results, {
      attempts: 1,
      company: `UNABLE_TO_GET_ISSUER_CERT_LOCALLY: The certificate of ${company.url} is not trusted (UNABLE_TO_GET_ISSUER_CERT_LOCALLY). ${defaultHint}`,
      companyInTheShell: `UNABLE_TO_GET_ISSUER_CERT_LOCALLY: The certificate of ${company.url} is not trusted (UNABLE_TO_GET_ISSUER_CERT_LOCALLY). ${shellHint}`,
      leafOnly: `UNABLE_TO_VERIFY_LEAF_SIGNATURE: The certificate of ${leafOnly.url} is not trusted (UNABLE_TO_VERIFY_LEAF_SIGNATURE). ${defaultHint}`,
      selfSigned: `DEPTH_ZERO_SELF_SIGNED_CERT: The certificate of ${selfSigned.url} is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT). ${defaultHint}`,
      wrongName: `ERR_TLS_CERT_ALTNAME_INVALID: The certificate of ${wrongName.url} is not trusted (ERR_TLS_CERT_ALTNAME_INVALID): it was issued for other host names. Use a host name the certificate names in the URL.`,
    });
    assert.deepStrictEqual([company.requests.length, leafOnly.requests.length, selfSigned.requests.length, wrongName.requests.length], [0, 0, 0, 0]);
  });

  it("the CA from 'ssl_verify', from a bundle (another CA first), or from the settings is trusted on top of Node's roots", async () => {
    const server = await httpsServer();
    const leafOnly = await httpsServer(certificates.server);
    const selfSigned = await httpsServer(certificates.selfSigned);
    const bundle = join(certificates.dir, 'bundle.pem');
    writeFileSync(bundle, `${certificates.otherCaPem}\n${certificates.caPem}`);
    const results = {
      sslVerifyPath: await outcome({}, server, { ssl_verify: certificates.caFile }),
      bundle: await outcome({}, server, { ssl_verify: bundle }),
      leafSignedByTheRoot: await outcome({}, leafOnly, { ssl_verify: bundle }),
      selfSignedAsItsOwnCa: await outcome({}, selfSigned, { ssl_verify: certificates.selfSigned.file }),
      settingsCaCertificates: await outcome({ providerSettings: () => ({ network: { caCertificates: [certificates.otherCaFile, certificates.caFile] } }) }, server),
      // The call's CA replaces the settings' (it wins), so the right CA in the settings does not help.
      callWinsOverSettings: await outcome({ providerSettings: () => ({ network: { caCertificates: [certificates.caFile] } }) }, server, { ssl_verify: certificates.otherCaFile }),
    };
    assert.deepStrictEqual(results, {
      sslVerifyPath: 'ok: trusted',
      bundle: 'ok: trusted',
      leafSignedByTheRoot: 'ok: trusted',
      selfSignedAsItsOwnCa: 'ok: trusted',
      settingsCaCertificates: 'ok: trusted',
      callWinsOverSettings: `UNABLE_TO_GET_ISSUER_CERT_LOCALLY: The certificate of ${server.url} is not trusted (UNABLE_TO_GET_ISSUER_CERT_LOCALLY). ${defaultHint}`,
    });
  });

  it("ssl_verify: false passes, warning once per new connection (two requests on one kept-alive connection → one warning)", async () => {
    const server = await httpsServer();
    const logger = recordingLogger();
    const client = harness.client({ retry: noRetries, logger });
    await client.completion(chat(server, { ssl_verify: false }));
    await connectionReleased();
    await client.completion(chat(server, { ssl_verify: false }));
    const closing = await harness.server(() => ({ headers: { ...jsonHeaders, connection: 'close' }, body: completionBody('closing') }), { tls: certificates.chained });
    await client.completion(chat(closing, { ssl_verify: false }));
    await client.completion(chat(closing, { ssl_verify: false }));
    const warning = (url: string): string =>
      `Certificate verification is off for ${url}: the call's ssl_verify is false, so anyone on the network path could read or change this connection.`;
    assert.deepStrictEqual(
      { warnings: logger.warnings(), connections: [server.openedConnections(), closing.openedConnections()] },
      { warnings: [warning(server.url), warning(closing.url), warning(closing.url)], connections: [1, 2] },
    );
  });

  it("the settings' strictSSL: false passes with a warning; the call's ssl_verify: true overrides it", async () => {
    const server = await httpsServer();
    const logger = recordingLogger();
    const settings = { providerSettings: () => ({ network: { strictSSL: false } }), logger };
    const results = {
      settings: await outcome(settings, server),
      callSaysVerify: await outcome(settings, server, { ssl_verify: true }),
    };
    assert.deepStrictEqual(
      { ...results, warnings: logger.warnings() },
      {
        settings: 'ok: trusted',
        callSaysVerify: `UNABLE_TO_GET_ISSUER_CERT_LOCALLY: The certificate of ${server.url} is not trusted (UNABLE_TO_GET_ISSUER_CERT_LOCALLY). ${defaultHint}`,
        warnings: [`Certificate verification is off for ${server.url}: strictSSL is off in the settings, so anyone on the network path could read or change this connection.`],
      },
    );
  });

  it('a missing, empty or damaged CA file fails naming the path and where it was set; a fixed file works on the next request', async () => {
    const server = await httpsServer();
    const missing = join(certificates.dir, 'later.pem');
    const empty = join(certificates.dir, 'empty.pem');
    const damaged = join(certificates.dir, 'damaged.pem');
    writeFileSync(empty, 'no certificate here\n');
    writeFileSync(damaged, '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n');
    const settingsClient = harness.client({ retry: noRetries, providerSettings: () => ({ network: { caCertificates: [missing] } }) });
    const settingsOutcome = async (): Promise<string> => {
      try {
        return `ok: ${(await settingsClient.completion(chat(server))).choices[0]?.message.content ?? ''}`;
      } catch (error) {
        return error instanceof APIConnectionError ? `${error.code ?? ''}: ${error.message}` : String(error);
      }
    };
    const results = {
      missingInCall: await outcome({}, server, { ssl_verify: missing }),
      empty: await outcome({}, server, { ssl_verify: empty }),
      damaged: (await outcome({}, server, { ssl_verify: damaged })).replace(/damaged \(.*\)\./, 'damaged (…).'),
      missingInSettings: await settingsOutcome(),
      extraCaMissing: await outcome({ env: { NODE_EXTRA_CA_CERTS: missing } }, server, { ssl_verify: certificates.caFile }),
      fixedNextRequest: '',
    };
    writeFileSync(missing, certificates.caPem);
    results.fixedNextRequest = await settingsOutcome();
    rmSync(missing);
    assert.deepStrictEqual(results, {
      missingInCall: `CA_FILE_UNUSABLE: The CA certificate file ${missing} (from 'ssl_verify') cannot be used: it does not exist. Fix the path or the file.`,
      empty: `CA_FILE_UNUSABLE: The CA certificate file ${empty} (from 'ssl_verify') cannot be used: it holds no PEM certificate (-----BEGIN CERTIFICATE-----). Fix the path or the file.`,
      damaged: `CA_FILE_UNUSABLE: The CA certificate file ${damaged} (from 'ssl_verify') cannot be used: certificate 1 in it is damaged (…). Fix the path or the file.`,
      missingInSettings: `CA_FILE_UNUSABLE: The CA certificate file ${missing} (from the caCertificates setting) cannot be used: it does not exist. Fix the path or the file.`,
      extraCaMissing: `CA_FILE_UNUSABLE: The CA certificate file ${missing} (from NODE_EXTRA_CA_CERTS) cannot be used: it does not exist. Fix the path or the file.`,
      fixedNextRequest: 'ok: trusted',
    });
    assert.equal(server.requests.length, 1);
  });

  it('NODE_EXTRA_CA_CERTS is trusted, with and without CA files in the settings (a fresh process: Node reads it at start-up)', async () => {
    const server = await httpsServer();
    const { stdout } = await promisify(execFile)(process.execPath, ['out/test/core/network/extraCa.entry.js', server.url, certificates.otherCaFile], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: certificates.caFile, HTTPS_PROXY: '', https_proxy: '', HTTP_PROXY: '', http_proxy: '' },
      timeout: 20_000,
    });
    assert.deepStrictEqual(JSON.parse(stdout), { defaultTrust: 'ok: trusted', withCaFileSetting: 'ok: trusted' });
  });

  describe('through a CONNECT proxy (tinyproxy)', () => {
    const proxy = useTinyproxy();

    it("HTTPS tunnels through the proxy (its log shows the CONNECT) with the CA trusted; HTTPS_PROXY from the client's env too", async () => {
      const server = await httpsServer();
      const before = proxy().connects().length;
      const results = {
        callProxy: await outcome({}, server, { proxy: proxy().url, ssl_verify: certificates.caFile }),
        environment: await outcome({ env: { HTTPS_PROXY: proxy().url, NO_PROXY: '<-loopback>' }, providerSettings: () => ({ network: { caCertificates: [certificates.caFile] } }) }, server),
        untrustedThroughProxy: await outcome({}, server, { proxy: proxy().url }),
      };
      assert.deepStrictEqual(
        { ...results, connects: proxy().connects().slice(before) },
        {
          callProxy: 'ok: trusted',
          environment: 'ok: trusted',
          untrustedThroughProxy: `UNABLE_TO_GET_ISSUER_CERT_LOCALLY: The certificate of ${server.url} is not trusted (UNABLE_TO_GET_ISSUER_CERT_LOCALLY). ${defaultHint}`,
          connects: [hostPort(server.url), hostPort(server.url), hostPort(server.url)],
        },
      );
    });

    it('with ssl_verify: false through the proxy, the warning names the target, once per connection', async () => {
      const server = await httpsServer();
      const logger = recordingLogger();
      const client = harness.client({ retry: noRetries, logger });
      await client.completion(chat(server, { proxy: proxy().url, ssl_verify: false }));
      await connectionReleased();
      await client.completion(chat(server, { proxy: proxy().url, ssl_verify: false }));
      assert.deepStrictEqual({ warnings: logger.warnings(), connections: server.openedConnections() }, { connections: 1, warnings: [
        `Certificate verification is off for ${server.url}: the call's ssl_verify is false, so anyone on the network path could read or change this connection.`,
      ] });
    });
  });
});
