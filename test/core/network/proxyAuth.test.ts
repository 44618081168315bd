/**
 * A proxy that asks for credentials (tinyproxy's BasicAuth): user:pass in the URL (percent-encoded),
 * the settings' Proxy-Authorization header, and the 407 error for wrong or missing credentials —
 * which names the proxy, is not retried, and never shows the password. Plus a proxy that is down.
 */

import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { APIConnectionError } from '../../../src/core';
import { assertKeyAbsent, chat, completionBody, jsonHeaders, quickRetries, rejection, unusedPort, useHarness } from '../../helpers/llmHarness';
import { hostPort, noRetries, recordingLogger, useTinyproxy } from './networkHarness';

const user = 'alice';
// tinyproxy accepts only [-a-z0-9._] in passwords; written percent-encoded in the URL, the
// password reaches the proxy only if it is decoded first.
const password = 'pr0xy-pass.word';
const wrongPassword = 'not-the-pr0xy-password';

/** The proxy URL with user:pass, every '-' and '.' of the password percent-encoded. */
function withCredentials(proxyUrl: string, secret: string): string {
  const url = new URL(proxyUrl);
  url.username = user;
  url.password = encoded(secret);
  return url.href;
}

function encoded(secret: string): string {
  return secret.replace(/-/g, '%2D').replace(/\./g, '%2E');
}

describe('network: a proxy that requires basic auth (tinyproxy BasicAuth)', () => {
  const harness = useHarness();
  const proxy = useTinyproxy({ basicAuth: { user, password } });

  it("user:pass in the call's proxy URL (percent-encoded) gets through", async () => {
    const server = await harness.server(() => ({ headers: jsonHeaders, body: completionBody('authorised') }));
    const logger = recordingLogger();
    const client = harness.client({ retry: noRetries, logger });
    const before = proxy().connects().length;
    const response = await client.completion(chat(server, { proxy: withCredentials(proxy().url, password) }));
    assert.deepStrictEqual(
      { text: response.choices[0]?.message.content, connects: proxy().connects().slice(before), passwordInLogs: logger.lines.some((line) => line.message.includes(password)) },
      { text: 'authorised', connects: [hostPort(server.url)], passwordInLogs: false },
    );
  });

  it("the settings' proxyAuthorization is sent when the proxy URL has no user:pass", async () => {
    const server = await harness.server(() => ({ headers: jsonHeaders, body: completionBody('authorised by header') }));
    const proxyAuthorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
    const logger = recordingLogger();
    const client = harness.client({ retry: noRetries, logger, providerSettings: () => ({ network: { proxy: proxy().url, noProxy: ['<-loopback>'], proxyAuthorization } }) });
    const response = await client.completion(chat(server));
    assert.deepStrictEqual(
      { text: response.choices[0]?.message.content, headerInLogs: logger.lines.some((line) => line.message.includes(proxyAuthorization.slice(6))) },
      { text: 'authorised by header', headerInLogs: false },
    );
  });

  // tinyproxy answers a CONNECT with wrong credentials 401, with none 407 (the next test).
  it('wrong credentials → APIConnectionError naming the proxy, not retried, the password nowhere', async () => {
    const server = await harness.server(() => ({ headers: jsonHeaders, body: completionBody('unreachable') }));
    const logger = recordingLogger();
    const client = harness.client({ retry: quickRetries, logger });
    const before = proxy().connects().length;
    const error = await rejection(client.completion(chat(server, { proxy: withCredentials(proxy().url, wrongPassword), num_retries: 3 })));
    assert.ok(error instanceof APIConnectionError, `got ${String(error)}`);
    assert.deepStrictEqual(
      { message: error.message, code: error.code, status: error.status_code, retryable: error.retryable, attempts: error.attempts, connects: proxy().connects().length - before, served: server.requests.length },
      {
        message: `The proxy http://***@127.0.0.1:${proxy().port} rejected the credentials (401 Unauthorized). Check the user and password in the call's 'proxy' (http://user:pass@host:port) or the proxy authorization setting.`,
        code: 'PROXY_AUTHENTICATION_REQUIRED',
        status: 401,
        retryable: false,
        attempts: 1,
        connects: 1,
        served: 0,
      },
    );
    assertKeyAbsent(error, wrongPassword);
    assertKeyAbsent(error, encoded(wrongPassword));
    assert.equal(logger.lines.filter((line) => line.message.includes(wrongPassword) || line.message.includes(encoded(wrongPassword))).length, 0);
  });

  it('no credentials for a settings proxy → 407 APIConnectionError pointing at the proxy setting, not retried', async () => {
    const server = await harness.server(() => ({ headers: jsonHeaders, body: completionBody('unreachable') }));
    const client = harness.client({ retry: quickRetries, providerSettings: () => ({ network: { proxy: proxy().url, noProxy: ['<-loopback>'] } }) });
    const error = await rejection(client.completion(chat(server)));
    assert.ok(error instanceof APIConnectionError, `got ${String(error)}`);
    assert.deepStrictEqual(
      { message: error.message, code: error.code, status: error.status_code, attempts: error.attempts },
      {
        message: `The proxy http://127.0.0.1:${proxy().port} asked for credentials (407 Proxy Authentication Required). Check the user and password in the proxy setting (http://user:pass@host:port) or the proxy authorization setting.`,
        code: 'PROXY_AUTHENTICATION_REQUIRED',
        status: 407,
        attempts: 1,
      },
    );
  });
});

describe('network: a proxy that is not there', () => {
  const harness = useHarness();

  it('a refused connection to the proxy names the proxy and where it was configured, not the target', async () => {
    const port = await unusedPort();
    const server = await harness.server(() => ({ headers: jsonHeaders, body: completionBody('unreachable') }));
    const client = harness.client({ retry: noRetries, env: { HTTP_PROXY: `http://${user}:${encoded(password)}@127.0.0.1:${port}`, NO_PROXY: '<-loopback>' } });
    const error = await rejection(client.completion(chat(server)));
    assert.ok(error instanceof APIConnectionError, `got ${String(error)}`);
    assert.deepStrictEqual(
      { message: error.message, code: error.code, served: server.requests.length },
      { message: `The proxy http://***@127.0.0.1:${port} refused the connection. Is the proxy running, and is HTTPS_PROXY / HTTP_PROXY right?`, code: 'ECONNREFUSED', served: 0 },
    );
    assertKeyAbsent(error, password);
    assertKeyAbsent(error, encoded(password));
  });
});
