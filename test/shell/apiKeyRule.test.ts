/**
 * The key rule on the wire: two servers on 127.0.0.1 — `home`, where the user's settings send
 * requests, and `foreign`, an address a caller names — and a table of calls. The user's key
 * (stored, or from the environment) never reaches `foreign`; a caller's own key with its own base
 * URL goes out alone; credential headers are refused; fallbacks neither dodge the rule nor
 * inherit another provider's key; nor may a caller route the user's key through a proxy of its
 * choosing or weaken its certificate checks.
 */

import assert from 'node:assert/strict';
import type { CompletionParams } from '../../src/core';
import { completionBody, jsonHeaders, unusedPort } from '../helpers/llmHarness';
import { startWireServer, type RecordedRequest, type WireServer } from '../helpers/wireServer';
import { apiHarness, errorShape, type ApiHarness, type ApiHarnessOptions } from './apiHarness';

const storedKey = 'sk-stored-user-key-0123456789';
const endpointKey = 'sk-endpoint-user-key-0123456789';
const environmentKey = 'sk-environment-user-key-0123456789';
const callerKey = 'sk-caller-own-key-0123456789';
const hi = [{ role: 'user' as const, content: 'Hi' }];

/** Where a request went and what it carried. */
function wire(request: RecordedRequest): [string, unknown, unknown] {
  return [request.url, request.headers['authorization'], (request.json as { model?: string } | undefined)?.model];
}

describe('the key rule: the user key never goes to an address the caller chose', () => {
  let home: WireServer;
  let foreign: WireServer;
  let setup: ApiHarness | undefined;
  /** The home server fails this many requests with a 500 before answering. */
  let homeFailures = 0;

  beforeEach(async () => {
    homeFailures = 0;
    home = await startWireServer(() => (homeFailures-- > 0 ? { status: 500, headers: jsonHeaders, body: '{"error":{"message":"down"}}' } : { headers: jsonHeaders, body: completionBody('from home') }));
    foreign = await startWireServer(() => ({ headers: jsonHeaders, body: completionBody('from foreign') }));
  });

  afterEach(async () => {
    setup?.dispose();
    setup = undefined;
    await home.close();
    await foreign.close();
  });

  async function harness(options: ApiHarnessOptions = {}): Promise<ApiHarness> {
    setup = apiHarness({
      settings: {
        providers: { openai: { baseUrl: `${home.url}/v1` }, lmstudio: { baseUrl: `${home.url}/v1` } },
        customEndpoints: [{ name: 'lab', baseUrl: `${home.url}/v1`, models: ['qwen'] }],
      },
      ...options,
    });
    await setup.keys.set('openai', storedKey);
    await setup.keys.set('endpoint:lab', endpointKey);
    return setup;
  }

  /** The answer's text, or the refusal's name and param. */
  async function call(api: ApiHarness['api'], params: CompletionParams & { stream?: false }): Promise<unknown> {
    try {
      return (await api.completion(params)).choices[0]?.message.content;
    } catch (error) {
      const { name, param } = errorShape(error);
      return [name, param];
    }
  }

  function everythingSent(): string {
    return JSON.stringify([...home.requests, ...foreign.requests].map((request) => [request.headers, request.body]));
  }

  it('a stored key and a foreign api_base: PermissionDeniedError naming api_base (completion, endpoint, fallback, empty key, embedding), and nothing sent', async () => {
    const { api } = await harness();
    const results = [
      await call(api, { model: 'openai/gpt-4o-mini', messages: hi, api_base: `${foreign.url}/v1` }),
      await call(api, { model: 'lab/qwen', messages: hi, api_base: `${foreign.url}/v1` }),
      await call(api, { model: 'openai/gpt-4o-mini', messages: hi, fallbacks: [{ model: 'openai/gpt-4o', api_base: `${foreign.url}/v1` }] }),
      await call(api, { model: 'openai/gpt-4o-mini', messages: hi, api_base: `${foreign.url}/v1`, api_key: '' }),
      await api.embedding({ model: 'openai/text-embedding-3-small', input: 'a', api_base: `${foreign.url}/v1` }).then(
        () => 'sent',
        (error: unknown) => [errorShape(error)['name'], errorShape(error)['param']],
      ),
    ];
    assert.deepStrictEqual(
      { results, home: home.requests.length, foreign: foreign.requests.length },
      {
        results: [
          ['PermissionDeniedError', 'api_base'],
          ['PermissionDeniedError', 'api_base'],
          ['PermissionDeniedError', 'fallbacks[0].api_base'],
          ['PermissionDeniedError', 'api_base'],
          ['PermissionDeniedError', 'api_base'],
        ],
        home: 0,
        foreign: 0,
      },
    );
  });

  it('Vertex AI always holds the user\'s Google credentials: a caller\'s api_base or proxy without its own key is refused, and nothing sent', async () => {
    const { api } = await harness();
    const proxy = `http://127.0.0.1:${await unusedPort()}`;
    const results = [
      await call(api, { model: 'vertex_ai/gemini-2.5-flash', messages: hi, api_base: foreign.url }),
      await call(api, { model: 'vertex_ai/claude-sonnet-4-5@20250929', messages: hi, proxy }),
      await call(api, { model: 'openai/gpt-4o-mini', messages: hi, num_retries: 0, fallbacks: [{ model: 'vertex_ai/gemini-2.5-flash', api_base: foreign.url }] }),
    ];
    assert.deepStrictEqual(
      { results, home: home.requests.length, foreign: foreign.requests.length },
      { results: [['PermissionDeniedError', 'api_base'], ['PermissionDeniedError', 'proxy'], ['PermissionDeniedError', 'fallbacks[0].api_base']], home: 0, foreign: 0 },
    );
  });

  it("Bedrock holds the user's AWS identity: a caller's runtime endpoint or api_base is refused (a Bedrock API key would go along as a bearer token); its own keys go out alone; a profile is not a caller's to pick", async () => {
    const { api, keys } = await harness();
    await keys.set('bedrock', 'bedrock-api-key-of-the-user-0123456789');
    const bedrock = 'bedrock/anthropic.claude-3-haiku-20240307-v1:0';
    const results = [
      await call(api, { model: bedrock, messages: hi, aws_bedrock_runtime_endpoint: foreign.url }),
      await call(api, { model: bedrock, messages: hi, api_base: foreign.url }),
      await call(api, { model: 'openai/gpt-4o-mini', messages: hi, num_retries: 0, fallbacks: [{ model: bedrock, aws_bedrock_runtime_endpoint: foreign.url }] }),
      await call(api, { model: bedrock, messages: hi, aws_profile_name: 'production' }),
    ];
    const refusedSentNothing = [home.requests.length, foreign.requests.length];
    // The caller's own keys: signed with them, to the caller's endpoint; the user's bearer token stays home.
    await call(api, { model: bedrock, messages: hi, num_retries: 0, aws_bedrock_runtime_endpoint: foreign.url, aws_access_key_id: 'AKIACALLEROWN0000001', aws_secret_access_key: 'caller-secret', aws_region_name: 'us-east-1' });
    assert.deepStrictEqual(
      { results, refusedSentNothing },
      {
        results: [
          ['PermissionDeniedError', 'aws_bedrock_runtime_endpoint'],
          ['PermissionDeniedError', 'api_base'],
          ['PermissionDeniedError', 'fallbacks[0].aws_bedrock_runtime_endpoint'],
          ['BadRequestError', 'aws_profile_name'],
        ],
        refusedSentNothing: [0, 0],
      },
    );
    assert.match(String(foreign.requests[0]?.headers['authorization']), /^AWS4-HMAC-SHA256 Credential=AKIACALLEROWN0000001\/\d{8}\/us-east-1\/bedrock\/aws4_request/);
    assert.ok(!everythingSent().includes('bedrock-api-key-of-the-user'), 'the user\'s Bedrock API key left home');
  });

  it('a proxy, ssl_verify false or a CA bundle of the caller’s: PermissionDeniedError naming the field when the user’s key would ride along; allowed with the caller’s own key or without a held key', async () => {
    const { api } = await harness();
    const proxy = `http://127.0.0.1:${await unusedPort()}`;
    const results = [
      await call(api, { model: 'openai/gpt-4o-mini', messages: hi, proxy }),
      await call(api, { model: 'openai/gpt-4o-mini', messages: hi, ssl_verify: false }),
      await call(api, { model: 'lab/qwen', messages: hi, ssl_verify: '/tmp/caller-ca.pem' }),
      await call(api, { model: 'openai/gpt-4o-mini', messages: hi, fallbacks: [{ model: 'openai/gpt-4o', proxy }] }),
      await call(api, { model: 'lmstudio/local-model', messages: hi, num_retries: 0, fallbacks: [{ model: 'openai/gpt-4o', ssl_verify: false }] }),
      await api.embedding({ model: 'openai/text-embedding-3-small', input: 'a', proxy }).then(
        () => 'sent',
        (error: unknown) => [errorShape(error)['name'], errorShape(error)['param']],
      ),
      // Allowed: the default, the caller's own key, a provider whose key Switchboard does not hold.
      await call(api, { model: 'openai/gpt-4o-mini', messages: hi, ssl_verify: true }),
      await call(api, { model: 'openai/gpt-4o-mini', messages: hi, api_key: callerKey, ssl_verify: false }),
      await call(api, { model: 'openai/gpt-4o-mini', messages: hi, api_key: callerKey, proxy, num_retries: 0 }),
      await call(api, { model: 'lmstudio/local-model', messages: hi, proxy, num_retries: 0 }),
    ];
    assert.deepStrictEqual(
      { results, home: home.requests.map(wire), foreign: foreign.requests.length },
      {
        results: [
          ['PermissionDeniedError', 'proxy'],
          ['PermissionDeniedError', 'ssl_verify'],
          ['PermissionDeniedError', 'ssl_verify'],
          ['PermissionDeniedError', 'fallbacks[0].proxy'],
          ['PermissionDeniedError', 'fallbacks[0].ssl_verify'],
          ['PermissionDeniedError', 'proxy'],
          'from home',
          'from home',
          // Refused by the (absent) proxy, not by the rule: the caller's key may take its own route.
          ['APIConnectionError', undefined],
          ['APIConnectionError', undefined],
        ],
        home: [
          ['/v1/chat/completions', `Bearer ${storedKey}`, 'gpt-4o-mini'],
          ['/v1/chat/completions', `Bearer ${callerKey}`, 'gpt-4o-mini'],
        ],
        foreign: 0,
      },
    );
  });

  it('a key from the environment counts as held', async () => {
    const { api } = await harness({ env: { ANTHROPIC_API_KEY: environmentKey } });
    const result = await call(api, { model: 'anthropic/claude-sonnet-4-5', messages: hi, api_base: foreign.url });
    assert.deepStrictEqual({ result, foreign: foreign.requests.length }, { result: ['PermissionDeniedError', 'api_base'], foreign: 0 });
  });

  it('the caller’s own key with its own base goes out alone, for a provider and for an endpoint', async () => {
    const { api } = await harness();
    const results = [
      await call(api, { model: 'openai/gpt-4o-mini', messages: hi, api_base: `${foreign.url}/v1`, api_key: callerKey }),
      await call(api, { model: 'lab/qwen', messages: hi, api_base: `${foreign.url}/v1`, api_key: callerKey }),
    ];
    assert.deepStrictEqual(
      { results, foreign: foreign.requests.map(wire), home: home.requests.length },
      {
        results: ['from foreign', 'from foreign'],
        foreign: [
          ['/v1/chat/completions', `Bearer ${callerKey}`, 'gpt-4o-mini'],
          ['/v1/chat/completions', `Bearer ${callerKey}`, 'qwen'],
        ],
        home: 0,
      },
    );
    assert.ok(!everythingSent().includes(storedKey) && !everythingSent().includes(endpointKey), 'no user key went anywhere');
  });

  it('no key held: the caller may name its own base; without api_base the user’s settings and key apply', async () => {
    const { api } = await harness();
    const results = [
      await call(api, { model: 'lmstudio/local-model', messages: hi, api_base: `${foreign.url}/v1` }),
      await call(api, { model: 'openai/gpt-4o-mini', messages: hi }),
      await call(api, { model: 'lab/qwen', messages: hi }),
    ];
    assert.deepStrictEqual(
      { results, foreign: foreign.requests.map(wire), home: home.requests.map(wire) },
      {
        results: ['from foreign', 'from home', 'from home'],
        foreign: [['/v1/chat/completions', undefined, 'local-model']],
        home: [
          ['/v1/chat/completions', `Bearer ${storedKey}`, 'gpt-4o-mini'],
          ['/v1/chat/completions', `Bearer ${endpointKey}`, 'qwen'],
        ],
      },
    );
  });

  it('credential headers are refused, whatever the key and wherever they hide', async () => {
    const { api } = await harness();
    const results = [
      await call(api, { model: 'openai/gpt-4o-mini', messages: hi, extra_headers: { Authorization: 'Bearer sk-smuggled' } }),
      await call(api, { model: 'lmstudio/local-model', messages: hi, api_base: `${foreign.url}/v1`, api_key: callerKey, extra_headers: { 'X-Api-Key': 'sk-smuggled' } }),
      await call(api, { model: 'openai/gpt-4o-mini', messages: hi, fallbacks: [{ model: 'openai/gpt-4o', extra_headers: { 'api-key': 'sk-smuggled' } }] }),
      await call(api, { model: 'openai/gpt-4o-mini', messages: hi, extra_headers: { 'X-Trace': 'fine' } }),
    ];
    assert.deepStrictEqual(
      { results, sent: home.requests.map((request) => request.headers['x-trace']), foreign: foreign.requests.length },
      {
        results: [['BadRequestError', 'extra_headers'], ['BadRequestError', 'extra_headers'], ['BadRequestError', 'fallbacks[0].extra_headers'], 'from home'],
        sent: ['fine'],
        foreign: 0,
      },
    );
  });

  it('a fallback inherits credentials only from its own provider, never an endpoint’s stored key', async () => {
    const { api } = await harness();
    homeFailures = 1;
    // The endpoint fails; the fallback names the same core provider (openai-compatible) at a foreign address.
    const crossed = await call(api, { model: 'lab/qwen', messages: hi, num_retries: 0, fallbacks: [{ model: 'openai-compatible/qwen', api_base: `${foreign.url}/v1` }] });
    homeFailures = 1;
    // The caller's own key and base carry over to a fallback of the same provider, as in LiteLLM.
    const inherited = await call(api, { model: 'openai/gpt-4o-mini', messages: hi, num_retries: 0, api_base: `${home.url}/v1`, api_key: callerKey, fallbacks: ['openai/gpt-4o'] });
    assert.deepStrictEqual(
      { crossed, inherited, home: home.requests.map(wire), foreign: foreign.requests.map(wire) },
      {
        crossed: 'from foreign',
        inherited: 'from home',
        home: [
          ['/v1/chat/completions', `Bearer ${endpointKey}`, 'qwen'],
          ['/v1/chat/completions', `Bearer ${callerKey}`, 'gpt-4o-mini'],
          ['/v1/chat/completions', `Bearer ${callerKey}`, 'gpt-4o'],
        ],
        foreign: [['/v1/chat/completions', undefined, 'qwen']],
      },
    );
  });
});
