/**
 * The network settings on the wire, through the shell's client as the extension builds it: VS
 * Code's `http.proxy` sends the chat's requests through a real tinyproxy (its log says so), a
 * changed setting takes the next request elsewhere, a custom endpoint's self-signed certificate
 * fails with the extension's hint until the endpoint's `caCertificates` trusts it, and Test
 * Connection sees the same route and trust.
 */

import assert from 'node:assert/strict';
import type { CompletionStream } from '../../src/core';
import { readConfig } from '../../src/shell/config';
import { generateCertificates, type TestCertificates } from '../core/network/certificates';
import { startTinyproxy, type Tinyproxy } from '../core/network/tinyproxy';
import { chunksOf, jsonHeaders, rejection, sseBody, sseHeaders } from '../helpers/llmHarness';
import { useShellHarness, type ShellClient } from '../helpers/shellHarness';
import type { RecordedRequest, Reply, WireServer } from '../helpers/wireServer';
import { settingsSource } from './shellFakes';

const key = 'sk-user-stored-key-0123456789';
const hi = [{ role: 'user' as const, content: 'Hi' }];

/** Chat streams for POSTs, a model list for GET /models. */
function openAiServer(request: RecordedRequest): Reply {
  if (request.method === 'GET') {
    return { headers: jsonHeaders, body: JSON.stringify({ data: [{ id: 'qwen' }] }) };
  }
  return { headers: sseHeaders, body: sseBody(chunksOf(['Hello', ' there'])) };
}

async function text(stream: Promise<CompletionStream>): Promise<string> {
  let answer = '';
  for await (const chunk of await stream) {
    answer += chunk.choices[0]?.delta.content ?? '';
  }
  return answer;
}

describe('network settings on the wire (configured client)', () => {
  let certificates: TestCertificates;
  let proxy: Tinyproxy;
  const shells = useShellHarness();

  before(async () => {
    certificates = generateCertificates();
    proxy = await startTinyproxy();
  });

  after(async () => {
    await proxy.stop();
    certificates.remove();
  });

  function server(tls?: { key: string; cert: string }): Promise<WireServer> {
    return shells.server(openAiServer, tls === undefined ? {} : { tls });
  }

  /** The shell's client over mutable `switchboard.*` and `http.*` settings, with an empty environment. */
  async function shell(switchboard: Record<string, unknown>, http: Record<string, unknown>): Promise<ShellClient> {
    const setup = shells.client({ settings: switchboard, http });
    await setup.keys.set('openai', key);
    return setup;
  }

  it("VS Code's http.proxy carries the chat's requests (loopback too, with <-loopback>); a provider's proxy '' takes the next request direct", async () => {
    const target = await server();
    const switchboard: Record<string, unknown> = { providers: { openai: { baseUrl: `${target.url}/v1` } } };
    const http = { proxy: proxy.url, noProxy: ['<-loopback>'] };
    const setup = await shell(switchboard, http);
    const port = new URL(target.url).port;
    const before = proxy.connects().length;

    const first = await text(setup.client.stream({ model: 'openai/gpt-4o-mini', messages: hi, signal: new AbortController().signal }));
    const throughProxy = proxy.connects().slice(before);
    switchboard['providers'] = { openai: { baseUrl: `${target.url}/v1`, proxy: '' } };
    const second = await text(setup.client.stream({ model: 'openai/gpt-4o-mini', messages: hi, signal: new AbortController().signal }));

    assert.deepStrictEqual(
      { first, second, throughProxy, afterChange: proxy.connects().slice(before).length, requests: target.requests.map((request) => [request.url, request.headers['authorization']]) },
      {
        first: 'Hello there',
        second: 'Hello there',
        throughProxy: [`127.0.0.1:${port}`],
        afterChange: 1,
        requests: [
          ['/v1/chat/completions', `Bearer ${key}`],
          ['/v1/chat/completions', `Bearer ${key}`],
        ],
      },
    );
  });

  it("a custom endpoint's self-signed certificate: refused with the extension's hint, then trusted once its caCertificates names it", async () => {
    const target = await server(certificates.selfSigned);
    const endpoint: Record<string, unknown> = { name: 'lab', baseUrl: `${target.url}/v1`, models: ['qwen'] };
    const setup = await shell({ customEndpoints: [endpoint] }, {});
    const request = (): Promise<CompletionStream> => setup.client.stream({ model: 'lab/qwen', messages: hi, signal: new AbortController().signal });

    const refused = (await rejection(request())) as { name?: string; message?: string };
    endpoint['caCertificates'] = [certificates.selfSigned.file];
    const trusted = await text(request());

    assert.deepStrictEqual(
      { refused: [refused.name, refused.message], trusted, sent: target.requests.length },
      {
        refused: [
          'APIConnectionError',
          `The certificate of https://127.0.0.1:${new URL(target.url).port} is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT). If your company uses its own certificate authority, add it in 'switchboard.http.caCertificates'.`,
        ],
        trusted: 'Hello there',
        sent: 1,
      },
    );
  });

  it('Test Connection sees what a request sees: an endpoint through the proxy with its own CA, named by the endpoint', async () => {
    const target = await server(certificates.selfSigned);
    const endpoint = { name: 'lab', baseUrl: `${target.url}/v1`, caCertificates: [certificates.selfSigned.file] };
    const setup = await shell({ customEndpoints: [endpoint], 'http.proxy': proxy.url }, { noProxy: ['<-loopback>'] });
    const config = readConfig(settingsSource({ customEndpoints: [endpoint] })).config;
    const before = proxy.connects().length;
    const report = await setup.client.testConnection({ kind: 'endpoint', endpoint: config.customEndpoints[0]! }, new AbortController().signal);
    assert.deepStrictEqual(
      { provider: report.provider, name: report.providerName, ok: report.ok, outcomes: report.steps.map((step) => `${step.name}:${step.outcome}`), tunnels: proxy.connects().length - before },
      { provider: 'lab', name: 'lab', ok: true, outcomes: ['settings:passed', 'proxy:passed', 'dns:skipped', 'tcp:skipped', 'tls:passed', 'http:passed', 'auth:passed'], tunnels: 2 },
    );
  });
});
