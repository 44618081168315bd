/**
 * Requests through a real tinyproxy on 127.0.0.1: a per-call proxy, the environment's proxies
 * with NO_PROXY and the loopback rule, the settings' proxy (and '' for direct), settings changed
 * between requests, and a stream that arrives through the tunnel chunk by chunk.
 */

import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { ModelResponseChunk, ProviderSettings } from '../../../src/core';
import { chat, chunksOf, completionBody, eventually, jsonHeaders, sseHeaders, textOf, unusedPort, useHarness } from '../../helpers/llmHarness';
import type { Reply } from '../../helpers/wireServer';
import { hostPort, noRetries, recordingLogger, useTinyproxy } from './networkHarness';

/** A JSON answer that closes its connection, so every proxied request opens (and logs) a new CONNECT. */
function answer(text: string): Reply {
  return { headers: { ...jsonHeaders, connection: 'close' }, body: completionBody(text) };
}

describe('network: requests through an HTTP proxy (tinyproxy)', () => {
  const harness = useHarness();
  const proxy = useTinyproxy();

  /** Runs `work` and returns the CONNECT targets tinyproxy logged meanwhile. */
  async function connectsDuring(work: () => Promise<unknown>): Promise<string[]> {
    const before = proxy().connects().length;
    await work();
    return proxy().connects().slice(before);
  }

  it("a per-call 'proxy' carries a request to a loopback server (which NO_PROXY and the loopback rule do not stop)", async () => {
    const server = await harness.server(() => answer('via the proxy'));
    const client = harness.client({ retry: noRetries, env: { NO_PROXY: '127.0.0.1,localhost' } });
    let text: unknown;
    const connects = await connectsDuring(async () => {
      text = (await client.completion(chat(server, { proxy: proxy().url }))).choices[0]?.message.content;
    });
    assert.deepStrictEqual({ text, connects, requests: server.requests.length }, { text: 'via the proxy', connects: [hostPort(server.url)], requests: 1 });
  });

  it("a per-call 'proxy' carries a stream", async () => {
    const server = await harness.server(() => ({ headers: sseHeaders, body: `${chunksOf(['Hello', ' through', ' a', ' tunnel']).map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join('')}data: [DONE]\n\n` }));
    const client = harness.client({ retry: noRetries });
    const chunks: ModelResponseChunk[] = [];
    const connects = await connectsDuring(async () => {
      for await (const chunk of await client.completion(chat(server, { stream: true, proxy: proxy().url }))) {
        chunks.push(chunk);
      }
    });
    assert.deepStrictEqual({ text: textOf(chunks), connects }, { text: 'Hello through a tunnel', connects: [hostPort(server.url)] });
  });

  it("HTTP_PROXY from the client's env is skipped for loopback, and used when NO_PROXY has '<-loopback>'", async () => {
    const server = await harness.server(() => answer('ok'));
    const plain = harness.client({ retry: noRetries, env: { HTTP_PROXY: proxy().url } });
    const withLoopback = harness.client({ retry: noRetries, env: { http_proxy: proxy().url, no_proxy: '<-loopback>' } });
    const direct = await connectsDuring(() => plain.completion(chat(server)));
    const proxied = await connectsDuring(() => withLoopback.completion(chat(server)));
    assert.deepStrictEqual({ direct, proxied, requests: server.requests.length }, { direct: [], proxied: [hostPort(server.url)], requests: 2 });
  });

  it('NO_PROXY entries (host:port, IP, CIDR) and the settings’ noProxy bypass the proxy; the server is reached directly', async () => {
    const server = await harness.server(() => answer('direct'));
    const port = new URL(server.url).port;
    const env = { HTTP_PROXY: proxy().url };
    const routes: Record<string, string[]> = {};
    for (const noProxy of [`<-loopback>,127.0.0.1:${port}`, '<-loopback> 127.0.0.1', '<-loopback>,127.0.0.0/8', '<-loopback>,127.0.0.1:1']) {
      const client = harness.client({ retry: noRetries, env: { ...env, NO_PROXY: noProxy } });
      routes[noProxy] = await connectsDuring(() => client.completion(chat(server)));
    }
    const settings: ProviderSettings = { network: { noProxy: ['<-loopback>', '127.0.0.1'] } };
    const fromSettings = harness.client({ retry: noRetries, env: { ...env, NO_PROXY: '<-loopback>' }, providerSettings: () => settings });
    routes['settings noProxy'] = await connectsDuring(() => fromSettings.completion(chat(server)));
    assert.deepStrictEqual(routes, {
      [`<-loopback>,127.0.0.1:${port}`]: [],
      '<-loopback> 127.0.0.1': [],
      '<-loopback>,127.0.0.0/8': [],
      // Another port: no match, so the proxy is used.
      '<-loopback>,127.0.0.1:1': [hostPort(server.url)],
      'settings noProxy': [],
    });
    assert.equal(server.requests.length, 5);
  });

  it("settings.proxy '' goes direct whatever the environment says; settings.proxy is used over the environment's", async () => {
    const server = await harness.server(() => answer('ok'));
    const env = { HTTP_PROXY: 'http://127.0.0.1:1', NO_PROXY: '<-loopback>' };
    const direct = harness.client({ retry: noRetries, env: { ...env, HTTP_PROXY: proxy().url }, providerSettings: () => ({ network: { proxy: '' } }) });
    const fromSettings = harness.client({ retry: noRetries, env, providerSettings: () => ({ network: { proxy: proxy().url, noProxy: ['<-loopback>'] } }) });
    const routes = {
      direct: await connectsDuring(() => direct.completion(chat(server))),
      settings: await connectsDuring(() => fromSettings.completion(chat(server))),
    };
    assert.deepStrictEqual(routes, { direct: [], settings: [hostPort(server.url)] });
  });

  it('a setting changed between two requests changes the route of the next one', async () => {
    const server = await harness.server(() => answer('ok'));
    const network: { proxy?: string; noProxy?: string[] } = { proxy: proxy().url, noProxy: ['<-loopback>'] };
    const client = harness.client({ retry: noRetries, providerSettings: () => ({ network: { ...network } }) });
    const steps: string[][] = [];
    steps.push(await connectsDuring(() => client.completion(chat(server))));
    network.proxy = '';
    steps.push(await connectsDuring(() => client.completion(chat(server))));
    network.proxy = proxy().url;
    steps.push(await connectsDuring(() => client.completion(chat(server))));
    network.noProxy = ['<-loopback>', '127.0.0.1'];
    steps.push(await connectsDuring(() => client.completion(chat(server))));
    const target = hostPort(server.url);
    assert.deepStrictEqual(steps, [[target], [], [target], []]);
  });

  it('a stream through the proxy arrives chunk by chunk: the server sends the next event only after the caller got the last', async () => {
    const words = ['One', ' two', ' three'];
    const events = chunksOf(words).map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`);
    const received: ((how: string) => void)[] = [];
    const releases: string[] = [];
    /** Resolves when the caller has the chunk, or after 5 s (then the stream was held back somewhere). */
    const callerHas = (): Promise<void> =>
      new Promise((resolve) => {
        const timer = setTimeout(() => {
          releases.push('timed out');
          resolve();
        }, 5000);
        received.push((how) => {
          clearTimeout(timer);
          releases.push(how);
          resolve();
        });
      });
    async function* paced(): AsyncGenerator<string> {
      for (const event of events.slice(0, words.length)) {
        const gate = callerHas();
        yield event;
        await gate;
      }
      yield `${events.slice(words.length).join('')}data: [DONE]\n\n`;
    }
    const server = await harness.server(() => ({ headers: sseHeaders, parts: paced() }));
    const logger = recordingLogger();
    const client = harness.client({ retry: noRetries, logger });
    const chunks: ModelResponseChunk[] = [];
    const connects = await connectsDuring(async () => {
      for await (const chunk of await client.completion(chat(server, { stream: true, proxy: proxy().url }))) {
        chunks.push(chunk);
        if (chunk.choices[0]?.delta.content !== undefined) {
          received.shift()?.('received');
        }
      }
    });
    assert.deepStrictEqual({ text: textOf(chunks), releases, connects }, { text: 'One two three', releases: ['received', 'received', 'received'], connects: [hostPort(server.url)] });
  });

  it("a fallback to another provider does not inherit the call's proxy; one to the same provider does", async () => {
    const server = await harness.server(() => answer('fallback answered'));
    // tinyproxy cannot reach this port and answers the CONNECT with 500: the first model fails.
    const nobody = `http://127.0.0.1:${await unusedPort()}/v1`;
    const client = harness.client({ retry: noRetries });
    const attempt = async (fallback: string): Promise<{ text: unknown; connects: string[] }> => {
      let text: unknown;
      const connects = await connectsDuring(async () => {
        const response = await client.completion(chat(nobody, { proxy: proxy().url, fallbacks: [{ model: fallback, api_base: `${server.url}/v1`, api_key: 'sk-fallback-key-000000' }] }));
        text = response.choices[0]?.message.content;
      });
      return { text, connects };
    };
    const nobodyHost = new URL(nobody).host;
    assert.deepStrictEqual(
      { otherProvider: await attempt('openai-compatible/m'), sameProvider: await attempt('openai/gpt-4o') },
      {
        otherProvider: { text: 'fallback answered', connects: [nobodyHost] },
        sameProvider: { text: 'fallback answered', connects: [nobodyHost, hostPort(server.url)] },
      },
    );
  });

  it('the dispatcher cache is bounded: beyond the limit the least recently used route is closed, and works again when needed', async () => {
    const server = await harness.server(() => ({ headers: jsonHeaders, body: completionBody('ok') }));
    const client = harness.client({ retry: noRetries, transport: { maxDispatchers: 1 } });
    await client.completion(chat(server));
    const idleDirect = server.closedConnections();
    await client.completion(chat(server, { proxy: proxy().url }));
    // The direct route's dispatcher was closed: its idle keep-alive connection ends.
    await eventually(() => server.closedConnections() > idleDirect, 'the evicted direct connection to close', 5000);
    const again = await client.completion(chat(server));
    assert.deepStrictEqual({ idleDirect, text: again.choices[0]?.message.content, requests: server.requests.length }, { idleDirect: 0, text: 'ok', requests: 3 });
  });
});
