/**
 * Configured secrets, attacked as another extension would through the API: canaries in the
 * configured headers of a provider, of `providers.openai-compatible` and of a custom endpoint (no
 * stored key anywhere), then every caller option that could carry them elsewhere — its own base
 * URL (with and without its own key), a fallback's, a routing header, its own proxy (tinyproxy),
 * weakened certificate checks, embeddings. Places searched: everything the foreign server received,
 * and every request that took a route the caller chose. Figure: `keys` — attacks that carried a
 * canary out / attacks tried.
 */

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { CompletionParams, EmbeddingParams } from '../../../src/core';
import { completionBody, jsonHeaders } from '../../helpers/llmHarness';
import { startWireServer, type WireServer } from '../../helpers/wireServer';
import { startTinyproxy, type Tinyproxy } from '../../core/network/tinyproxy';
import { apiHarness, type ApiHarness } from '../../shell/apiHarness';
import { recordFigure } from '../figures';

const canaries = {
  provider: `canary-provider-${randomBytes(8).toString('hex')}`,
  compatible: `canary-compatible-${randomBytes(8).toString('hex')}`,
  endpoint: `canary-endpoint-${randomBytes(8).toString('hex')}`,
};
const callerKey = 'sk-caller-own-key-0123456789';
const hi = [{ role: 'user' as const, content: 'Hi' }];

interface Attack {
  name: string;
  /** True when the request, if made, takes a route the caller chose (its proxy, weaker TLS): it must carry no canary. */
  callerRoute?: boolean;
  run(api: ApiHarness['api'], foreign: string, proxy: string): Promise<unknown>;
}

const completion = (params: CompletionParams & { stream?: false }) => (api: ApiHarness['api']) => api.completion(params);

const attacks: Attack[] = [
  { name: 'provider, caller api_base', run: (api, foreign) => completion({ model: 'openai/gpt-4o-mini', messages: hi, api_base: foreign })(api) },
  { name: 'provider, caller api_base and key', run: (api, foreign) => completion({ model: 'openai/gpt-4o-mini', messages: hi, api_base: foreign, api_key: callerKey })(api) },
  { name: 'endpoint, caller api_base and key', run: (api, foreign) => completion({ model: 'lab/qwen', messages: hi, api_base: foreign, api_key: callerKey })(api) },
  { name: 'openai-compatible, caller api_base and key', run: (api, foreign) => completion({ model: 'openai-compatible/any', messages: hi, api_base: foreign, api_key: callerKey })(api) },
  { name: 'endpoint, caller api_base without key', run: (api, foreign) => completion({ model: 'lab/qwen', messages: hi, api_base: foreign })(api) },
  {
    name: "a fallback's api_base and key",
    run: (api, foreign) => completion({ model: 'openai/gpt-4o-mini', messages: hi, api_base: 'http://127.0.0.1:9/v1', api_key: callerKey, fallbacks: [{ model: 'openai/gpt-4o', api_base: foreign, api_key: callerKey }] })(api),
  },
  { name: 'endpoint falling back to openai-compatible at the caller base', run: (api, foreign) => completion({ model: 'lab/qwen', messages: hi, fallbacks: [{ model: 'openai-compatible/x', api_base: foreign, api_key: callerKey }] })(api) },
  { name: 'Host header naming the foreign server', run: (api, foreign) => completion({ model: 'openai/gpt-4o-mini', messages: hi, api_key: callerKey, extra_headers: { Host: new URL(foreign).host } })(api) },
  { name: 'X-Forwarded-Host header', run: (api, foreign) => completion({ model: 'openai/gpt-4o-mini', messages: hi, api_key: callerKey, extra_headers: { 'X-Forwarded-Host': new URL(foreign).host } })(api) },
  { name: "provider through the caller's proxy", callerRoute: true, run: (api, _foreign, proxy) => completion({ model: 'openai/gpt-4o-mini', messages: hi, api_key: callerKey, proxy })(api) },
  { name: "endpoint through the caller's proxy", callerRoute: true, run: (api, _foreign, proxy) => completion({ model: 'lab/qwen', messages: hi, api_key: callerKey, proxy })(api) },
  { name: 'provider with ssl_verify: false', callerRoute: true, run: (api) => completion({ model: 'openai/gpt-4o-mini', messages: hi, api_key: callerKey, ssl_verify: false })(api) },
  { name: 'openai-compatible with ssl_verify: false', callerRoute: true, run: (api) => completion({ model: 'openai-compatible/any', messages: hi, api_key: callerKey, ssl_verify: false })(api) },
  {
    name: 'embedding, caller api_base and key',
    run: (api, foreign) => api.embedding({ model: 'openai/text-embedding-3-small', input: 'x', api_base: foreign, api_key: callerKey } satisfies EmbeddingParams),
  },
];

describe('hardening: configured secret headers against a caller that wants them', function () {
  this.timeout(60_000);
  let home: WireServer;
  let endpointHome: WireServer;
  let foreign: WireServer;
  let proxy: Tinyproxy;
  let setup: ApiHarness;

  before(async () => {
    const answer = (): { headers: Record<string, string>; body: string } => ({ headers: jsonHeaders, body: completionBody('answered') });
    home = await startWireServer(answer);
    endpointHome = await startWireServer(answer);
    foreign = await startWireServer(answer);
    proxy = await startTinyproxy();
    setup = apiHarness({
      settings: {
        providers: {
          openai: { baseUrl: `${home.url}/v1`, headers: { 'X-Gateway-Token': canaries.provider } },
          'openai-compatible': { baseUrl: `${home.url}/v1`, headers: { 'CF-Access-Client-Secret': canaries.compatible } },
        },
        customEndpoints: [{ name: 'lab', baseUrl: `${endpointHome.url}/v1`, models: ['qwen'], headers: { 'Helicone-Auth': canaries.endpoint } }],
      },
    });
  });
  after(async () => {
    setup.dispose();
    await Promise.all([home.close(), endpointHome.close(), foreign.close(), proxy.stop()]);
  });

  it('no attack carries a configured secret to the foreign server or over a route the caller chose', async () => {
    const failures: string[] = [];
    const secrets = Object.values(canaries);
    const carries = (requests: WireServer['requests']): boolean => requests.some((request) => secrets.some((secret) => JSON.stringify([request.headers, request.body, request.url]).includes(secret)));
    for (const attack of attacks) {
      const seen = { home: home.requests.length, endpoint: endpointHome.requests.length, foreign: foreign.requests.length };
      await attack.run(setup.api, `${foreign.url}/v1`, proxy.url).catch(() => undefined);
      const toForeign = foreign.requests.slice(seen.foreign);
      const overCallerRoute = attack.callerRoute === true ? [...home.requests.slice(seen.home), ...endpointHome.requests.slice(seen.endpoint)] : [];
      if (carries(toForeign) || carries(overCallerRoute)) {
        failures.push(attack.name);
      }
      // A caller's route that never reached the server would prove nothing: it must have gone out.
      if (attack.callerRoute === true && overCallerRoute.length === 0) {
        failures.push(`${attack.name}: the request never arrived, so the check proves nothing`);
      }
    }
    recordFigure({ area: 'keys', part: 'configured secret headers (API, loopback)', bad: failures.length, tried: attacks.length, failures });
    // The settings' own route still carries them: the canaries are not simply dropped everywhere.
    await setup.api.completion({ model: 'openai-compatible/any', messages: hi });
    assert.ok(carries(home.requests.slice(-1)), "the settings' own route lost its configured header");
    assert.deepStrictEqual(failures, []);
  });
});
