/**
 * `client.testConnection()` over plain HTTP on 127.0.0.1: a server that checks the key, a port
 * nobody listens on, a host that cannot resolve, a proxy that never answers, and what needs no
 * network at all. Each report is compared whole, with ports and milliseconds normalised.
 */

import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { AbortError } from '../../src/core';
import { apiKey, unusedPort, useHarness } from '../helpers/llmHarness';
import { modelList, notChecked, portOf, shape } from './diagnoseHelpers';

describe('testConnection over plain HTTP', () => {
  const harness = useHarness();

  it('every step passes against a server that lists models for the stored key', async () => {
    const server = await harness.server(modelList);
    const client = harness.client({ getApiKey: () => apiKey, providerSettings: () => ({ apiBase: `${server.url}/v1` }) });
    const port = portOf(server.url);
    const report = await client.testConnection('openai/gpt-4o-mini');
    assert.deepStrictEqual(shape(report, { [port]: 'PORT' }), {
      url: 'http://127.0.0.1:PORT/v1',
      ok: true,
      steps: [
        ['settings', 'passed', 'Requests for OpenAI go to http://127.0.0.1:PORT/v1 directly (no proxy configured).', 'Plain HTTP: no certificates involved. Key: the stored one.'],
        ['proxy', 'skipped', 'No proxy: no proxy configured.'],
        ['dns', 'passed', '127.0.0.1 is an IP address: there is no name to look up.'],
        ['tcp', 'passed', 'Connected to 127.0.0.1:PORT in N ms.'],
        ['tls', 'skipped', 'Plain HTTP: no TLS.'],
        ['http', 'passed', 'OpenAI answered the model list request in N ms (1 model).'],
        ['auth', 'passed', 'OpenAI accepted the key.'],
      ],
    });
    assert.deepStrictEqual([report.provider, report.providerName], ['openai', 'OpenAI']);
    assert.deepStrictEqual(server.requests.map((request) => [request.method, request.url]), [['GET', '/v1/models']]);
    assert.ok(!JSON.stringify(report).includes(apiKey), 'the report never holds the key');
  });

  it('a rejected key fails the auth step after the server answered 401', async () => {
    const server = await harness.server(modelList);
    const client = harness.client({ getApiKey: () => 'sk-wrong-key-0000000000', providerSettings: () => ({ apiBase: `${server.url}/v1` }) });
    const report = await client.testConnection('openai');
    const { steps } = shape(report);
    assert.deepStrictEqual(
      { ok: report.ok, last: steps.slice(-2).map((step) => step.slice(0, 3)), advice: /Set a valid key, then test again\.$/.test(steps[6]?.[3] ?? '') },
      {
        ok: false,
        last: [
          ['http', 'passed', 'OpenAI answered 401 to the model list request.'],
          ['auth', 'failed', 'OpenAI rejected the key (401).'],
        ],
        advice: true,
      },
    );
    assert.ok(!JSON.stringify(report).includes('sk-wrong-key-0000000000'), 'not even a wrong key appears');
  });

  it('no key for a provider that needs one: nothing is sent, and the auth step says what to do', async () => {
    const server = await harness.server(modelList);
    const client = harness.client({ providerSettings: () => ({ apiBase: `${server.url}/v1` }) });
    const report = await client.testConnection('openai');
    assert.deepStrictEqual(
      { ok: report.ok, settings: report.steps[0]?.detail, last: shape(report).steps.slice(-2), sent: server.requests.length },
      {
        ok: false,
        settings: 'Plain HTTP: no certificates involved. Key: none, and OpenAI needs one.',
        last: [
          ['http', 'skipped', 'Not sent: without a key, OpenAI refuses every request.'],
          ['auth', 'failed', 'No API key is set for OpenAI.', 'Set one, or set OPENAI_API_KEY, then test again.'],
        ],
        sent: 0,
      },
    );
  });

  it('a key from the environment is named by its variable; a local server without a key passes', async () => {
    const server = await harness.server(modelList);
    const fromEnvironment = harness.client({ env: { OPENAI_API_KEY: apiKey, OPENAI_BASE_URL: `${server.url}/v1` } });
    const keyless = await harness.server(() => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify({ data: [{ id: 'local' }, { id: 'other' }] }) }));
    const lmStudio = harness.client({ providerSettings: () => ({ apiBase: `${keyless.url}/v1` }) });
    const reports = [await fromEnvironment.testConnection('openai'), await lmStudio.testConnection('lmstudio')];
    assert.deepStrictEqual(
      reports.map((report) => [report.ok, report.steps[0]?.detail, shape(report).steps.slice(-2)]),
      [
        [true, 'Plain HTTP: no certificates involved. Key: from OPENAI_API_KEY.', [['http', 'passed', 'OpenAI answered the model list request in N ms (1 model).'], ['auth', 'passed', 'OpenAI accepted the key.']]],
        [true, 'Plain HTTP: no certificates involved. Key: none (none needed).', [['http', 'passed', 'LM Studio answered the model list request in N ms (2 models).'], ['auth', 'passed', 'LM Studio answered without a key (none needed).']]],
      ],
    );
  });

  it('a host name: the dns step lists its addresses, the tcp step names the one that answered', async () => {
    const server = await harness.server(modelList);
    const port = portOf(server.url);
    const client = harness.client({ getApiKey: () => apiKey });
    const report = await client.testConnection('openai', { api_base: `http://localhost:${port}/v1` });
    const [, , dns, tcp] = report.steps;
    assert.deepStrictEqual(
      { ok: report.ok, dns: [dns?.outcome, /^localhost resolves to \S+/.test(dns?.summary ?? ''), dns?.detail?.includes('127.0.0.1')], tcp: [tcp?.outcome, tcp?.summary.replace(port, 'PORT').replace(/\d+ ms/, 'N ms')] },
      // The server listens on 127.0.0.1 only: whatever the resolver's order, that is where the connection lands.
      { ok: true, dns: ['passed', true, true], tcp: ['passed', 'Connected to 127.0.0.1:PORT in N ms.'] },
    );
  });

  it('a port nobody listens on fails the tcp step; the later steps are skipped', async () => {
    const port = String(await unusedPort());
    const client = harness.client({ getApiKey: () => apiKey });
    const report = await client.testConnection('openai', { api_base: `http://127.0.0.1:${port}/v1` });
    assert.deepStrictEqual(shape(report, { [port]: 'PORT' }).steps.slice(3), [
      ['tcp', 'failed', 'Could not connect to 127.0.0.1:PORT: connection refused (ECONNREFUSED).', 'OpenAI: connection refused by http://127.0.0.1:PORT. Is the server running, and is the URL right?'],
      ['tls', 'skipped', notChecked],
      ['http', 'skipped', notChecked],
      ['auth', 'skipped', notChecked],
    ]);
    assert.equal(report.ok, false);
  });

  it('a host that cannot resolve (.invalid, RFC 2606) fails the dns step', async () => {
    const client = harness.client({ getApiKey: () => apiKey });
    const report = await client.testConnection('openai', { api_base: 'https://api.switchboard.invalid/v1', timeout: 5 });
    const dns = report.steps[2];
    assert.deepStrictEqual(
      { ok: report.ok, outcomes: report.steps.map((step) => [step.name, step.outcome]), summary: /^Could not resolve api\.switchboard\.invalid: /.test(dns?.summary ?? ''), advice: dns?.detail?.includes("set 'http.proxy' or HTTPS_PROXY") },
      {
        ok: false,
        outcomes: [
          ['settings', 'passed'],
          ['proxy', 'skipped'],
          ['dns', 'failed'],
          ['tcp', 'skipped'],
          ['tls', 'skipped'],
          ['http', 'skipped'],
          ['auth', 'skipped'],
        ],
        summary: true,
        advice: true,
      },
    );
  });

  describe('a proxy that accepts connections but never answers', () => {
    let silent: Server;
    const held: Socket[] = [];

    before(async () => {
      silent = createServer((socket) => held.push(socket));
      await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    });

    after(async () => {
      held.forEach((socket) => socket.destroy());
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    });

    it('fails the proxy step when its deadline passes, naming the proxy', async () => {
      const address = silent.address();
      assert.ok(address !== null && typeof address === 'object');
      const client = harness.client({ getApiKey: () => apiKey });
      const started = performance.now();
      const report = await client.testConnection('openai', { api_base: 'http://127.0.0.1:9/v1', proxy: `http://someone:hunter2hunter2@127.0.0.1:${address.port}`, timeout: 0.3 });
      assert.deepStrictEqual(shape(report, { [String(address.port)]: 'PROXY' }).steps.slice(0, 3), [
        ['settings', 'passed', "Requests for OpenAI go to http://127.0.0.1:9/v1 through the proxy http://***@127.0.0.1:PROXY (from the call).", 'Plain HTTP: no certificates involved. Key: the stored one.'],
        ['proxy', 'failed', 'Could not reach the proxy http://***@127.0.0.1:PROXY: no answer within 0.3 s.', "Check the call's proxy."],
        ['dns', 'skipped', notChecked],
      ]);
      assert.ok(performance.now() - started < 5000, 'the deadline ended the step');
      assert.ok(!JSON.stringify(report).includes('hunter2'), 'the proxy password never appears');
    });
  });

  it('needs no network for the offline mock; an unknown provider fails the settings step', async () => {
    const client = harness.client();
    const reports = [await client.testConnection('mock'), await client.testConnection('nosuch/model')];
    assert.deepStrictEqual(
      reports.map((report) => [report.provider, report.ok, report.steps[0]?.outcome, report.steps[0]?.summary, report.steps[1]]),
      [
        ['mock', true, 'passed', 'Mock answers without a network: there is no connection to test.', { name: 'proxy', outcome: 'skipped', summary: 'Not needed: nothing goes over the network.' }],
        ['nosuch', false, 'failed', "There is no provider 'nosuch'.", { name: 'proxy', outcome: 'skipped', summary: notChecked }],
      ],
    );
  });

  it('a cancel ends the test with an AbortError, not a report', async () => {
    const server = await harness.server(modelList);
    const client = harness.client({ getApiKey: () => apiKey, providerSettings: () => ({ apiBase: `${server.url}/v1` }) });
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(client.testConnection('openai', { signal: controller.signal }), (error: unknown) => error instanceof AbortError);
    assert.equal(server.requests.length, 0);
  });
});
