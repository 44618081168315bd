/**
 * The team gateway (`litellm_proxy/…`) against a loopback server serving LiteLLM's recorded and
 * documented shapes: chat on the OpenAI wire with the member's key, `/v1/model/info` → listed
 * models with the admin's facts, and the `x-litellm-response-cost` header preferred to any price
 * of ours (the key's spend and LiteLLM's errors: litellmProxyKeys.test.ts).
 */

import assert from 'node:assert/strict';
import { completionCost, type ListedModel } from '../../src/core';
import { gatewayFacts } from '../../src/core/providers/litellmProxy/modelInfo';
import { deliveries, loadFixture } from '../helpers/fixtures';
import { answer, memberKey, messages, modelInfo, useGateway } from './litellmProxySupport';
import type { Reply } from '../helpers/wireServer';

const documentedModelInfo = loadFixture('litellm_proxy/model_info_documented');
const streamed = loadFixture('openai/chat_stream_text_usage');

/** gpt-4o at the gateway's prices (2.5e-6 in, 1e-5 out) for the answers' usage. */
const nonStreamCostAtGatewayPrices = 14 * 2.5e-6 + 37 * 1e-5;
const streamCostAtGatewayPrices = 14 * 2.5e-6 + 30 * 1e-5;

function withHeaders(reply: Reply, headers: Record<string, string>): Reply {
  return { ...reply, headers: { ...reply.headers, ...headers } };
}

describe('LiteLLM proxy (the team gateway)', () => {
  const gateway = useGateway();

  describe('chat on the OpenAI wire', () => {
    it('sends the model group name with the member key from LITELLM_PROXY_API_KEY to LITELLM_PROXY_API_BASE', async () => {
      const response = await gateway.client.completion({ model: 'litellm_proxy/team-claude', messages, max_tokens: 50 });
      const [request] = gateway.chatRequests();
      assert.equal(request?.method, 'POST');
      assert.equal(request?.url, '/chat/completions');
      assert.equal(request?.headers['authorization'], `Bearer ${memberKey}`);
      assert.deepEqual(request?.json, { model: 'team-claude', messages, max_tokens: 50 });
      assert.equal(response.choices[0]?.message.content, (answer.meta.expected as { text: string }).text);
      assert.equal(response._hidden_params?.custom_llm_provider, 'litellm_proxy');
    });

    it('api_base and api_key per call win over the environment; a base ending in /v1 works', async () => {
      await gateway.client.completion({ model: 'litellm_proxy/gpt-4o', messages, api_base: `${gateway.server.url}/v1`, api_key: 'sk-per-call-key-123456' });
      assert.equal(gateway.chatRequests()[0]?.url, '/v1/chat/completions');
      assert.equal(gateway.chatRequests()[0]?.headers['authorization'], 'Bearer sk-per-call-key-123456');
      await gateway.client.listModels('litellm_proxy', { api_base: `${gateway.server.url}/v1` });
      assert.equal(gateway.server.requests.at(-1)?.url, '/v1/model/info');
    });

    for (const { label, delivery } of deliveries) {
      it(`streams the relayed chunks (${label}) and asks for usage`, async () => {
        gateway.chatReply = () => streamed.reply(delivery);
        const stream = await gateway.client.completion({ model: 'litellm_proxy/gpt-4o', messages, stream: true });
        for await (const chunk of stream) {
          assert.equal(chunk.object, 'chat.completion.chunk');
        }
        const response = stream.response();
        assert.equal(response.choices[0]?.message.content, (streamed.meta.expected as { text: string }).text);
        assert.equal(response.usage?.completion_tokens, 30);
        const request = gateway.chatRequests()[0]?.json as Record<string, unknown>;
        assert.equal(request['stream'], true);
        assert.deepEqual(request['stream_options'], { include_usage: true });
      });
    }
  });

  describe('models from /v1/model/info', () => {
    let listed: ListedModel[];

    beforeEach(async () => {
      listed = await gateway.client.listModels('litellm_proxy');
    });

    function model(id: string): ListedModel {
      const found = listed.find((entry) => entry.id === id);
      assert.ok(found !== undefined, `${id} not listed`);
      return found;
    }

    it('asks the gateway with the member key and lists each model group once', () => {
      const request = gateway.server.requests.find((entry) => entry.url === '/v1/model/info');
      assert.equal(request?.method, 'GET');
      assert.equal(request?.headers['authorization'], `Bearer ${memberKey}`);
      assert.deepEqual(listed.map((entry) => entry.id), (modelInfo.meta.expected['models'] as string[]).map((name) => `litellm_proxy/${name}`));
      assert.ok(listed.every((entry) => entry.source === 'provider'));
    });

    it("carries the admin's window, prices and capabilities (the first deployment of a group)", () => {
      const { info } = model('litellm_proxy/gpt-4o');
      assert.equal(info.max_input_tokens, 128000);
      assert.equal(info.max_output_tokens, 16384);
      assert.equal(info.input_cost_per_token, 2.5e-6);
      assert.equal(info.output_cost_per_token, 1e-5);
      assert.equal(info.cache_read_input_token_cost, 1.25e-6);
      assert.equal(info.supports_vision, true);
      assert.equal(info.supports_function_calling, true);
      assert.equal(info.supports_reasoning, false);
      assert.equal(info.mode, 'chat');
      assert.equal(model('litellm_proxy/gpt-4o').owned_by, 'openai/gpt-4o-2024-08-06');
      assert.equal(model('litellm_proxy/team-claude').info.cache_creation_input_token_cost, 3.75e-6);
      assert.equal(model('litellm_proxy/team-embed').info.mode, 'embedding');
      assert.equal(model('litellm_proxy/team-embed').info.output_vector_size, 1536);
    });

    it("keeps the modes LiteLLM names, Responses-only included; drops one it does not", () => {
      assert.deepStrictEqual(
        ['responses', 'chat', 'rerank', 'teleport'].map((mode) => gatewayFacts({ mode }).mode),
        ['responses', 'chat', 'rerank', undefined],
      );
    });

    it('a price of 0 (LiteLLM does not know the model) and a null mode say nothing', () => {
      const { info } = model('litellm_proxy/fake-openai-endpoint');
      assert.equal(info.input_cost_per_token, undefined);
      assert.equal(info.output_cost_per_token, undefined);
      assert.equal(info.mode, undefined);
      assert.equal(info.max_tokens, undefined);
    });

    it("prices answers with the gateway's prices once listed (no cost header)", async () => {
      const response = await gateway.client.completion({ model: 'litellm_proxy/gpt-4o', messages });
      assert.ok(Math.abs((response._hidden_params?.response_cost ?? 0) - nonStreamCostAtGatewayPrices) < 1e-12);
      gateway.chatReply = () => streamed.reply();
      const stream = await gateway.client.completion({ model: 'litellm_proxy/gpt-4o', messages, stream: true });
      for await (const chunk of stream) {
        assert.ok(chunk);
      }
      assert.ok(Math.abs((stream.response()._hidden_params?.response_cost ?? 0) - streamCostAtGatewayPrices) < 1e-12);
    });

    it('a model the gateway gives no prices for has no cost, not $0', async () => {
      const response = await gateway.client.completion({ model: 'litellm_proxy/fake-openai-endpoint', messages });
      assert.equal(response._hidden_params?.response_cost, undefined);
    });

    for (const { label, delivery } of deliveries) {
      it(`reads LiteLLM's documented answer (${label}): custom keys beside the cost map's, null prices say nothing`, async () => {
        const documented = await gateway.harness.server((request) => (request.url === '/v1/model/info' ? documentedModelInfo.reply(delivery) : { status: 404, headers: {}, body: '' }));
        const models = await gateway.client.listModels('litellm_proxy', { api_base: `${documented.url}/v1` });
        assert.deepEqual(models.map((entry) => entry.id), (documentedModelInfo.meta.expected['models'] as string[]).map((name) => `litellm_proxy/${name}`));
        const [gpt4] = models;
        assert.equal(gpt4?.owned_by, undefined, 'litellm_params.model equals the group name');
        assert.deepEqual(
          [gpt4?.info.max_tokens, gpt4?.info.max_input_tokens, gpt4?.info.max_output_tokens, gpt4?.info.input_cost_per_token, gpt4?.info.output_cost_per_token, gpt4?.info.mode],
          [4096, 8192, 4096, 3e-5, 6e-5, 'chat'],
        );
        assert.equal(gpt4?.info.output_vector_size, undefined);
      });
    }
  });

  describe('prices before any listing', () => {
    it('the first call without a charge lists the gateway once; its prices price every later call', async () => {
      const first = await gateway.client.completion({ model: 'litellm_proxy/gpt-4o', messages });
      assert.ok(Math.abs((first._hidden_params?.response_cost ?? 0) - nonStreamCostAtGatewayPrices) < 1e-12);
      gateway.chatReply = () => streamed.reply();
      const stream = await gateway.client.completion({ model: 'litellm_proxy/gpt-4o', messages, stream: true });
      for await (const chunk of stream) {
        assert.ok(chunk);
      }
      assert.ok(Math.abs((stream.response()._hidden_params?.response_cost ?? 0) - streamCostAtGatewayPrices) < 1e-12);
      assert.equal(gateway.server.requests.filter((request) => request.url === '/v1/model/info').length, 1);
    });

    it('a call the gateway charged does not list; a refused listing leaves the call answered', async () => {
      gateway.chatReply = () => withHeaders(answer.reply(), { 'x-litellm-response-cost': '0.00123' });
      await gateway.client.completion({ model: 'litellm_proxy/gpt-4o', messages });
      assert.equal(gateway.server.requests.filter((request) => request.url === '/v1/model/info').length, 0);
      const refusing = await gateway.harness.server((request) =>
        request.url === '/v1/model/info' ? loadFixture('litellm_proxy/error_auth').reply() : answer.reply(),
      );
      const response = await gateway.client.completion({ model: 'litellm_proxy/gpt-4o', messages, api_base: refusing.url });
      assert.equal(response.choices.length, 1);
    });

    it('completionCost(response) answers what the call was charged, as LiteLLM reads the header', async () => {
      gateway.chatReply = () => withHeaders(answer.reply(), { 'x-litellm-response-cost': '0.00123' });
      const response = await gateway.client.completion({ model: 'litellm_proxy/gpt-4o', messages });
      assert.equal(completionCost(response), 0.00123);
    });

    it('embeddings carry the charge of x-litellm-response-cost', async () => {
      gateway.chatReply = () => ({
        status: 200,
        headers: { 'content-type': 'application/json', 'x-litellm-response-cost': '2e-07' },
        body: JSON.stringify({ object: 'list', data: [{ object: 'embedding', index: 0, embedding: [0.1, 0.2] }], model: 'text-embedding-3-small', usage: { prompt_tokens: 10, total_tokens: 10 } }),
      });
      const response = await gateway.client.embedding({ model: 'litellm_proxy/team-embed', input: 'Hello' });
      assert.equal(response._hidden_params?.response_cost, 2e-7);
      assert.equal(completionCost(response), 2e-7);
    });
  });

  describe('x-litellm-response-cost', () => {
    it('the gateway’s charge wins over its listed prices (non-streaming)', async () => {
      await gateway.client.listModels('litellm_proxy');
      gateway.chatReply = () => withHeaders(answer.reply(), { 'x-litellm-response-cost': '0.00123' });
      const response = await gateway.client.completion({ model: 'litellm_proxy/gpt-4o', messages });
      assert.equal(response._hidden_params?.response_cost, 0.00123);
    });

    it('the gateway’s charge wins when nothing was listed, and a charge of 0 is kept', async () => {
      gateway.chatReply = () => withHeaders(answer.reply(), { 'x-litellm-response-cost': '0.0' });
      const response = await gateway.client.completion({ model: 'litellm_proxy/gpt-4o', messages });
      assert.equal(response._hidden_params?.response_cost, 0);
    });

    it('on a stream, the header sent with the stream prices the whole response', async () => {
      await gateway.client.listModels('litellm_proxy');
      gateway.chatReply = () => withHeaders(streamed.reply({ seed: 7, pieces: 17 }), { 'x-litellm-response-cost': '4.2e-05' });
      const stream = await gateway.client.completion({ model: 'litellm_proxy/gpt-4o', messages, stream: true });
      for await (const chunk of stream) {
        assert.ok(chunk);
      }
      assert.equal(stream.response()._hidden_params?.response_cost, 4.2e-5);
    });

    for (const malformed of ['None', '', 'abc', '-1', 'NaN', 'Infinity']) {
      it(`a malformed header (${JSON.stringify(malformed)}) is ignored: our price stands`, async () => {
        await gateway.client.listModels('litellm_proxy');
        gateway.chatReply = () => withHeaders(answer.reply(), { 'x-litellm-response-cost': malformed });
        const response = await gateway.client.completion({ model: 'litellm_proxy/gpt-4o', messages });
        assert.ok(Math.abs((response._hidden_params?.response_cost ?? 0) - nonStreamCostAtGatewayPrices) < 1e-12);
      });
    }
  });
});
