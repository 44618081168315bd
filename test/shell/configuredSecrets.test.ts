/**
 * Configured headers are credentials too (`CF-Access-Client-Secret`, `X-Gateway-Token`, …): on the
 * wire, with two loopback servers — `home`, where the user's settings point, and `foreign`, an
 * address a caller names — they go only to their own configured base URL; a provider or endpoint
 * configured with one counts as holding a key in the key rule; the headers of
 * `providers.openai-compatible` never reach a custom endpoint (the chat's requests included); and
 * one endpoint's headers never reach another's server. Routing headers from a caller are refused
 * at the API's door.
 */

import assert from 'node:assert/strict';
import type { CompletionParams } from '../../src/core';
import { completionBody, jsonHeaders } from '../helpers/llmHarness';
import { useShellHarness } from '../helpers/shellHarness';
import { startWireServer, type WireServer } from '../helpers/wireServer';
import { apiHarness, consumerId, errorShape, type ApiHarness } from './apiHarness';

const callerKey = 'sk-caller-own-key-0123456789';
const hi = [{ role: 'user' as const, content: 'Hi' }];
const gatewaySecret = 'configured-gateway-secret-0123';
const labSecret = 'configured-lab-token-0123';
const otherSecret = 'configured-other-endpoint-secret-0123';

describe('configured headers are credentials: they go only to their own base URL', () => {
  let home: WireServer;
  let other: WireServer;
  let foreign: WireServer;
  let setup: ApiHarness | undefined;
  const shell = useShellHarness();

  beforeEach(async () => {
    home = await startWireServer(() => ({ headers: jsonHeaders, body: completionBody('from home') }));
    other = await startWireServer(() => ({ headers: jsonHeaders, body: completionBody('from the other endpoint') }));
    foreign = await startWireServer(() => ({ headers: jsonHeaders, body: completionBody('from foreign') }));
  });

  afterEach(async () => {
    setup?.dispose();
    setup = undefined;
    await Promise.all([home.close(), other.close(), foreign.close()]);
  });

  /** Settings with secrets in headers and no stored key anywhere. */
  function settings(): Record<string, unknown> {
    return {
      providers: {
        openai: { baseUrl: `${home.url}/v1`, headers: { 'CF-Access-Client-Secret': gatewaySecret } },
        'openai-compatible': { baseUrl: `${home.url}/v1`, headers: { 'X-Gateway-Token': gatewaySecret } },
      },
      customEndpoints: [
        { name: 'lab', baseUrl: `${other.url}/v1`, models: ['qwen'], headers: { 'X-Lab-Token': labSecret } },
        { name: 'plain', baseUrl: 'http://127.0.0.1:9/v1', models: ['m'], headers: { 'X-Plain-Token': otherSecret } },
      ],
    };
  }

  async function call(params: CompletionParams & { stream?: false }): Promise<unknown> {
    setup ??= apiHarness({ settings: settings() });
    try {
      return (await setup.api.completion(params)).choices[0]?.message.content;
    } catch (error) {
      const { name, param } = errorShape(error);
      return [name, param];
    }
  }

  function sentTo(server: WireServer): string {
    return JSON.stringify(server.requests.map((request) => request.headers));
  }

  it("a provider or endpoint with a secret header and no stored key counts as holding a key: a caller's api_base is refused", async () => {
    assert.deepStrictEqual(
      [
        await call({ model: 'openai/gpt-4o-mini', messages: hi, api_base: `${foreign.url}/v1` }),
        await call({ model: 'lab/qwen', messages: hi, api_base: `${foreign.url}/v1` }),
        await call({ model: 'openai-compatible/any', messages: hi, api_base: `${foreign.url}/v1` }),
        await call({ model: 'openai/gpt-4o-mini', messages: hi, proxy: `${foreign.url}` }),
      ],
      [
        ['PermissionDeniedError', 'api_base'],
        ['PermissionDeniedError', 'api_base'],
        ['PermissionDeniedError', 'api_base'],
        ['PermissionDeniedError', 'proxy'],
      ],
    );
    assert.equal(foreign.requests.length, 0);
  });

  it("a caller's own key and base URL go out alone: no configured header reaches the caller's server", async () => {
    assert.deepStrictEqual(
      [
        await call({ model: 'openai/gpt-4o-mini', messages: hi, api_base: `${foreign.url}/v1`, api_key: callerKey }),
        await call({ model: 'lab/qwen', messages: hi, api_base: `${foreign.url}/v1`, api_key: callerKey }),
        await call({ model: 'openai-compatible/any', messages: hi, api_base: `${foreign.url}/v1`, api_key: callerKey }),
      ],
      ['from foreign', 'from foreign', 'from foreign'],
    );
    const leaked = [gatewaySecret, labSecret, otherSecret].filter((secret) => sentTo(foreign).includes(secret));
    assert.deepStrictEqual(leaked, []);
    assert.equal(foreign.requests[0]?.headers['authorization'], `Bearer ${callerKey}`);
  });

  it('at its own base URL each one sends its own headers, and only its own', async () => {
    setup = apiHarness({ settings: settings() });
    await setup.keys.set('openai', 'sk-stored-user-key-0123456789');
    assert.deepStrictEqual(
      [await call({ model: 'openai/gpt-4o-mini', messages: hi }), await call({ model: 'lab/qwen', messages: hi }), await call({ model: 'openai-compatible/any', messages: hi })],
      ['from home', 'from the other endpoint', 'from home'],
    );
    assert.equal(home.requests[0]?.headers['cf-access-client-secret'], gatewaySecret);
    assert.equal(home.requests[1]?.headers['x-gateway-token'], gatewaySecret);
    assert.equal(other.requests[0]?.headers['x-lab-token'], labSecret);
    // providers.openai-compatible's header is not added to the custom endpoint's request, nor openai's.
    assert.equal(other.requests[0]?.headers['x-gateway-token'], undefined);
    assert.equal(other.requests[0]?.headers['cf-access-client-secret'], undefined);
    assert.equal(other.requests[0]?.headers['x-plain-token'], undefined);
  });

  it("the chat's requests to a custom endpoint carry that endpoint's headers, never openai-compatible's", async () => {
    const { client } = shell.client({ settings: settings() });
    // The loopback answers a whole completion, not a stream, so the chat's call fails; what was sent is what matters.
    await client.stream({ model: 'lab/qwen', messages: hi, signal: new AbortController().signal }).catch(() => undefined);
    const sent = other.requests[0]?.headers ?? {};
    assert.equal(sent['x-lab-token'], labSecret);
    assert.equal(sent['x-gateway-token'], undefined);
  });

  it('a caller header that routes the request (Host, X-Forwarded-Host, Connection) is refused at the door, naming it; nothing sent', async () => {
    const results = [];
    for (const name of ['Host', 'X-Forwarded-Host', 'Connection', ':authority']) {
      results.push(await call({ model: 'openai/gpt-4o-mini', messages: hi, extra_headers: { [name]: 'evil.example' }, api_key: callerKey }));
    }
    assert.deepStrictEqual(results, [
      ['BadRequestError', 'extra_headers.Host'],
      ['BadRequestError', 'extra_headers.X-Forwarded-Host'],
      ['BadRequestError', 'extra_headers.Connection'],
      ['BadRequestError', 'extra_headers.:authority'],
    ]);
    assert.equal(home.requests.length + foreign.requests.length, 0);
  });

  it("extra_body cannot replace the model a call is priced and counted as", async () => {
    assert.deepStrictEqual(await call({ model: 'openai/gpt-4o-mini', messages: hi, extra_body: { model: 'o1-pro' } }), ['BadRequestError', 'extra_body.model']);
    assert.equal(home.requests.length, 0);
    assert.equal(setup?.ledger.get(consumerId), undefined);
  });
});
