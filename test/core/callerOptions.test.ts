/**
 * What a caller's per-call options may not do, on the wire: headers that route or frame the
 * request (`Host`, hop-by-hop, forwarding, pseudo names) are refused for every provider before
 * anything is sent; `extra_body` cannot replace what is asked (model, stream, messages, input);
 * the settings' headers stay with the settings' base URL; and a call is priced by the model the
 * server says answered.
 */

import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import { BadRequestError, completionCost, getModelInfo, type CompletionParams } from '../../src/core';
import { chat, chunksOf, completionBody, drain, jsonHeaders, rejection, sseBody, sseHeaders, useHarness } from '../helpers/llmHarness';

const routingHeaders = ['Host', 'host', 'Connection', 'TE', 'Upgrade', 'Keep-Alive', 'Transfer-Encoding', 'Content-Length', 'Forwarded', 'X-Forwarded-For', 'X-Forwarded-Host', 'X-Real-IP', ':authority', 'Proxy-Connection'];

/** One call per provider wire, each at the loopback server's base in its own form. */
function callsFor(base: string): CompletionParams[] {
  const messages = [{ role: 'user' as const, content: 'Hi' }];
  return [
    { model: 'openai/gpt-4o-mini', api_base: `${base}/v1`, api_key: 'k-openai-12345', messages },
    { model: 'anthropic/claude-3-5-haiku-latest', api_base: base, api_key: 'k-anthropic-12345', messages },
    { model: 'gemini/gemini-2.0-flash', api_base: base, api_key: 'k-gemini-12345', messages },
    { model: 'ollama/llama3.2', api_base: base, messages },
    { model: 'openai-compatible/any', api_base: `${base}/v1`, messages },
  ];
}

describe('caller options that would change where a request goes or what it asks', () => {
  const harness = useHarness({ retry: { maxRetries: 0 } });

  it('a routing or hop-by-hop header in extra_headers is refused for every provider, naming it; nothing is sent', async () => {
    const server = await harness.server(() => ({ headers: jsonHeaders, body: completionBody('never') }));
    const client = harness.client();
    const refused: string[] = [];
    for (const call of callsFor(server.url)) {
      for (const name of routingHeaders) {
        const error = await rejection(client.completion({ ...call, extra_headers: { [name]: 'evil.example' } }));
        assert.ok(error instanceof BadRequestError, `${call.model} with ${name}: got ${String(error)}`);
        assert.equal(error.param, `extra_headers.${name}`);
        refused.push(`${call.model} ${name}`);
      }
    }
    assert.equal(refused.length, callsFor(server.url).length * routingHeaders.length);
    assert.equal(server.requests.length, 0);
  });

  it("a fallback's routing header is refused too, and so is one in an embedding call", async () => {
    const server = await harness.server(() => ({ headers: jsonHeaders, body: completionBody('never') }));
    const client = harness.client();
    const fallback = await rejection(client.completion(chat(server, { fallbacks: [{ model: 'openai/gpt-4o', extra_headers: { host: 'evil.example' } }] })));
    assert.ok(fallback instanceof BadRequestError);
    assert.equal(fallback.param, 'fallbacks[0].extra_headers.host');
    const embedding = await rejection(client.embedding({ model: 'openai/text-embedding-3-small', input: 'x', api_base: `${server.url}/v1`, api_key: 'k-12345', extra_headers: { 'X-Forwarded-Host': 'evil.example' } }));
    assert.ok(embedding instanceof BadRequestError);
    assert.equal(embedding.param, 'extra_headers.X-Forwarded-Host');
    assert.equal(server.requests.length, 0);
  });

  it('ordinary caller headers still reach the wire', async () => {
    const server = await harness.server(() => ({ headers: jsonHeaders, body: completionBody('ok') }));
    await harness.client().completion(chat(server, { extra_headers: { 'anthropic-beta': 'x', 'X-Title': 'My tool' } }));
    assert.equal(server.requests[0]?.headers['x-title'], 'My tool');
    assert.equal(server.requests[0]?.headers['host'], new URL(server.url).host);
  });

  it('extra_body cannot replace the model, the stream switch, the messages or the input: a typed error naming the field', async () => {
    const server = await harness.server(() => ({ headers: jsonHeaders, body: completionBody('never') }));
    const client = harness.client();
    for (const field of ['model', 'stream', 'messages', 'input']) {
      const error = await rejection(client.completion(chat(server, { extra_body: { [field]: field === 'model' ? 'o1-pro' : true } })));
      assert.ok(error instanceof BadRequestError, `${field}: got ${String(error)}`);
      assert.equal(error.param, `extra_body.${field}`);
      assert.match(error.message, new RegExp(`extra_body\\.${field}`));
    }
    const embedding = await rejection(client.embedding({ model: 'openai/text-embedding-3-small', input: 'x', api_base: `${server.url}/v1`, api_key: 'k-12345', extra_body: { input: ['other'] } }));
    assert.ok(embedding instanceof BadRequestError);
    assert.equal(embedding.param, 'extra_body.input');
    assert.equal(server.requests.length, 0);
    // Other body fields still pass through.
    await client.completion(chat(server, { extra_body: { service_tier: 'flex' } }));
    assert.deepEqual((server.requests[0]?.json as { service_tier?: string }).service_tier, 'flex');
  });

  it("the settings' headers never go to a base URL the call names, for any provider", async () => {
    const server = await harness.server(() => ({ headers: jsonHeaders, body: completionBody('ok') }));
    const client = harness.client({
      providerSettings: () => ({ apiBase: 'https://gateway.example.invalid/v1', headers: { 'CF-Access-Client-Secret': 'configured-secret', 'X-Gateway-Token': 'configured-token' } }),
    });
    await client.completion(chat(server));
    const sent = server.requests[0]?.headers ?? {};
    assert.equal(sent['cf-access-client-secret'], undefined);
    assert.equal(sent['x-gateway-token'], undefined);
  });

  it('a call is priced by the model the server says answered, when that model has prices', async () => {
    const expensive = 'gpt-4o';
    const whole = await harness.server(() => ({ headers: jsonHeaders, body: completionBody('ok', expensive) }));
    const response = await harness.client().completion(chat(whole, { model: 'openai/gpt-4o-mini' }));
    const info = getModelInfo(`openai/${expensive}`);
    const expected = 3 * (info.input_cost_per_token ?? 0) + 2 * (info.output_cost_per_token ?? 0);
    assert.ok(expected > 0);
    assert.equal(response._hidden_params?.response_cost, expected);

    const chunks = chunksOf(['a', 'b']).map((chunk) => ({ ...chunk, model: expensive }));
    const usage = { id: 'chatcmpl-test', object: 'chat.completion.chunk', created: 1, model: expensive, choices: [], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } };
    const streamed = await harness.server(() => ({ headers: sseHeaders, body: sseBody([...chunks, usage]) }));
    const stream = await harness.client().completion(chat(streamed, { model: 'openai/gpt-4o-mini', stream: true }));
    await drain(stream);
    assert.equal(stream.response()._hidden_params?.response_cost, expected);
    // LiteLLM's completion_cost agrees, from the response alone.
    assert.equal(completionCost(stream.response(), { model: `openai/${expensive}` }), expected);
  });

  it('an answered model without prices leaves the price of the model asked for', async () => {
    const server = await harness.server(() => ({ headers: jsonHeaders, body: completionBody('ok', 'my-finetune-xyz') }));
    const response = await harness.client().completion(chat(server, { model: 'openai/gpt-4o-mini' }));
    const info = getModelInfo('openai/gpt-4o-mini');
    assert.equal(response._hidden_params?.response_cost, 3 * (info.input_cost_per_token ?? 0) + 2 * (info.output_cost_per_token ?? 0));
  });
});
