/**
 * Configured headers hold secrets in practice (`X-Gateway-Token`, `CF-Access-Client-Secret`), so
 * they take only the settings' own route: a call that brings its own proxy (tinyproxy here) or
 * weakens certificate checks gets none of them, even at the settings' own base URL — a proxy of
 * the caller's choosing, or a server posing as the provider, would read them.
 */

import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { completionBody, jsonHeaders, useHarness } from '../../helpers/llmHarness';
import { noRetries, useTinyproxy } from './networkHarness';

describe("network: the settings' headers never take a route the call chose", () => {
  const harness = useHarness({ retry: noRetries });
  const proxy = useTinyproxy();

  it('sent by the settings’ own route; not with the call’s proxy, nor with ssl_verify: false', async () => {
    const server = await harness.server(() => ({ headers: jsonHeaders, body: completionBody('ok') }));
    const client = harness.client({ providerSettings: () => ({ apiBase: `${server.url}/v1`, headers: { 'X-Gateway-Token': 'configured-token' } }) });
    const call = { model: 'openai/gpt-4o-mini', api_key: 'k-caller-12345', messages: [{ role: 'user' as const, content: 'Hi' }] };
    await client.completion(call);
    await client.completion({ ...call, ssl_verify: false });
    await client.completion({ ...call, proxy: proxy().url });
    assert.deepStrictEqual(
      server.requests.map((request) => request.headers['x-gateway-token']),
      ['configured-token', undefined, undefined],
    );
  });
});
