/**
 * Each OpenAI-wire vendor is configuration. These tests check what that configuration puts on the
 * wire — URL, auth header, body fields — and where keys and base URLs come from (per call, the
 * client's settings, the environment), against a real loopback server.
 */

import assert from 'node:assert/strict';
import { AuthenticationError, BadRequestError, type Client, type CompletionParams } from '../../src/core';
import { loadFixture } from '../helpers/fixtures';
import { useHarness } from '../helpers/llmHarness';
import type { RecordedRequest, WireServer } from '../helpers/wireServer';

const answer = loadFixture('openai/chat_nonstream_text');
const messages: CompletionParams['messages'] = [{ role: 'user', content: 'Hello' }];

describe('OpenAI-wire vendors', () => {
  const harness = useHarness({ retry: { maxRetries: 0 } });
  let server: WireServer;
  let client: Client;

  beforeEach(async () => {
    server = await harness.server(() => answer.reply());
    client = harness.client();
  });

  function sent(): RecordedRequest {
    const request = server.requests.at(-1);
    assert.ok(request !== undefined, 'no request reached the server');
    return request;
  }

  function body(): Record<string, unknown> {
    return sent().json as Record<string, unknown>;
  }

  describe('vendors on the OpenAI wire', () => {
    const bearerVendors = ['openai', 'xai', 'mistral', 'openrouter', 'groq', 'deepseek', 'together', 'fireworks', 'nvidia', 'huggingface', 'lmstudio', 'openai-compatible'];
    for (const provider of bearerVendors) {
      it(`${provider}: POST {api_base}/chat/completions with a bearer key and the model id`, async () => {
        await client.completion({ model: `${provider}/org/some-model`, api_base: `${server.url}/v1/`, api_key: 'sk-vendor-key-123456', messages });
        assert.equal(sent().url, '/v1/chat/completions');
        assert.equal(sent().headers['authorization'], 'Bearer sk-vendor-key-123456');
        assert.equal(body()['model'], 'org/some-model');
        assert.deepEqual(body()['messages'], messages);
      });
    }

    it('azure: deployment URL with api-version, api-key header', async () => {
      await client.completion({ model: 'azure/prod-gpt4o', api_base: server.url, api_key: 'azure-key-1234567890', api_version: '2025-04-01-preview', messages });
      assert.equal(sent().url, '/openai/deployments/prod-gpt4o/chat/completions?api-version=2025-04-01-preview');
      assert.equal(sent().headers['api-key'], 'azure-key-1234567890');
      assert.equal(sent().headers['authorization'], undefined);
    });

    it('azure: the /openai/v1 surface takes plain paths and the deployment as model', async () => {
      await client.completion({ model: 'azure/prod-gpt4o', api_base: `${server.url}/openai/v1`, api_key: 'azure-key-1234567890', messages });
      assert.equal(sent().url, '/openai/v1/chat/completions');
      assert.equal(body()['model'], 'prod-gpt4o');
    });

    it('azure: max_tokens becomes max_completion_tokens only for reasoning models', async () => {
      await client.completion({ model: 'azure/gpt-4o', api_base: server.url, api_key: 'azure-key-1234567890', messages, max_tokens: 50 });
      assert.deepEqual([body()['max_tokens'], body()['max_completion_tokens']], [50, undefined]);
      await client.completion({ model: 'azure/o3-mini', api_base: server.url, api_key: 'azure-key-1234567890', messages, max_tokens: 50 });
      assert.deepEqual([body()['max_tokens'], body()['max_completion_tokens']], [undefined, 50]);
    });

    it('openai: max_tokens is sent as max_completion_tokens (reasoning models reject max_tokens)', async () => {
      await client.completion({ model: 'openai/o3-mini', api_base: server.url, api_key: 'sk-a-123456789', messages, max_tokens: 100 });
      assert.deepEqual([body()['max_tokens'], body()['max_completion_tokens']], [undefined, 100]);
    });

    it('mistral: tool_choice "required" is "any"', async () => {
      const tools = [{ type: 'function' as const, function: { name: 'get_weather', parameters: { type: 'object', properties: {} } } }];
      await client.completion({ model: 'mistral/mistral-large-latest', api_base: server.url, api_key: 'mistral-key-12345678', messages, tools, tool_choice: 'required' });
      assert.equal(body()['tool_choice'], 'any');
      assert.deepEqual(body()['tools'], tools);
    });

    it('openrouter: reasoning_effort as a reasoning object; cache_control kept for Anthropic models', async () => {
      await client.completion({
        model: 'openrouter/anthropic/claude-sonnet-4.5',
        api_base: server.url,
        api_key: 'sk-or-123456789',
        reasoning_effort: 'high',
        messages: [{ role: 'user', content: [{ type: 'text', text: 'Long document', cache_control: { type: 'ephemeral' } }] }],
      });
      assert.deepEqual(body()['reasoning'], { effort: 'high' });
      assert.equal(body()['reasoning_effort'], undefined);
      assert.deepEqual(body()['messages'], [{ role: 'user', content: [{ type: 'text', text: 'Long document', cache_control: { type: 'ephemeral' } }] }]);
    });

    it('openai: everything a user of the API relies on reaches the wire; reasoning of earlier answers does not', async () => {
      const params: CompletionParams = {
        model: 'openai/gpt-4o',
        api_base: server.url,
        api_key: 'sk-a-123456789',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: [{ type: 'text', text: 'What is this?', cache_control: { type: 'ephemeral' } }, { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } }] },
          { role: 'assistant', content: null, reasoning_content: 'hidden', tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'look', arguments: '{}' } }] },
          { role: 'tool', tool_call_id: 'call_1', content: 'a cat' },
        ],
        temperature: 0.2,
        top_p: 0.9,
        stop: ['END'],
        seed: 7,
        user: 'u-1',
        parallel_tool_calls: false,
        tool_choice: { type: 'function', function: { name: 'look' } },
        tools: [{ type: 'function', function: { name: 'look', description: 'Looks', parameters: { type: 'object', properties: {} }, strict: true } }],
        response_format: { type: 'json_schema', json_schema: { name: 'Answer', schema: { type: 'object' }, strict: true } },
        reasoning_effort: 'low',
        extra_body: { service_tier: 'flex' },
        extra_headers: { 'x-trace': 'abc' },
      };
      await client.completion(params);
      assert.deepStrictEqual(body(), {
        model: 'gpt-4o',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } }] },
          { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'look', arguments: '{}' } }] },
          { role: 'tool', tool_call_id: 'call_1', content: 'a cat' },
        ],
        temperature: 0.2,
        top_p: 0.9,
        stop: ['END'],
        seed: 7,
        user: 'u-1',
        parallel_tool_calls: false,
        response_format: { type: 'json_schema', json_schema: { name: 'Answer', schema: { type: 'object' }, strict: true } },
        tools: [{ type: 'function', function: { name: 'look', description: 'Looks', parameters: { type: 'object', properties: {} }, strict: true } }],
        tool_choice: { type: 'function', function: { name: 'look' } },
        reasoning_effort: 'low',
        service_tier: 'flex',
      });
      assert.equal(sent().headers['x-trace'], 'abc');
      assert.equal(sent().headers['content-type'], 'application/json');
    });
  });

  describe('where keys and base URLs come from', () => {
    it('the conventional environment variables, when no api_key is passed', async () => {
      const fromEnv = harness.client({ env: { MISTRAL_API_KEY: 'env-mistral-key-123', MISTRAL_API_BASE: `${server.url}/v1` } });
      await fromEnv.completion({ model: 'mistral/mistral-small-latest', messages });
      assert.equal(sent().url, '/v1/chat/completions');
      assert.equal(sent().headers['authorization'], 'Bearer env-mistral-key-123');
    });

    it('a per-call api_key and api_base win over the environment and the client settings', async () => {
      const layered = harness.client({
        env: { OPENAI_API_KEY: 'env-key-1234567', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' },
        getApiKey: () => 'stored-key-1234567',
        providerSettings: () => ({ apiBase: 'http://127.0.0.1:9/v1', headers: { 'x-from-settings': 'yes' } }),
      });
      await layered.completion({ model: 'openai/gpt-4o', api_key: 'call-key-1234567', api_base: server.url, messages });
      assert.equal(sent().headers['authorization'], 'Bearer call-key-1234567');
      // The settings' headers (secrets, in practice) stay with the settings' own base URL.
      assert.equal(sent().headers['x-from-settings'], undefined);
    });

    it("the settings' headers go to the settings' own base URL, also when a call names that same base", async () => {
      const configured = harness.client({
        getApiKey: () => 'stored-key-1234567',
        providerSettings: () => ({ apiBase: `${server.url}/v1/`, headers: { 'CF-Access-Client-Secret': 'gateway-secret' } }),
      });
      await configured.completion({ model: 'openai/gpt-4o', messages });
      assert.equal(sent().headers['cf-access-client-secret'], 'gateway-secret');
      await configured.completion({ model: 'openai/gpt-4o', api_base: `${server.url}/v1`, messages });
      assert.equal(sent().headers['cf-access-client-secret'], 'gateway-secret');
    });

    it('the stored key and the configured base URL win over the environment', async () => {
      const layered = harness.client({
        env: { OPENAI_API_KEY: 'env-key-1234567', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' },
        getApiKey: async (provider) => (provider === 'openai' ? 'stored-key-1234567' : undefined),
        providerSettings: () => ({ apiBase: `${server.url}/custom` }),
      });
      await layered.completion({ model: 'openai/gpt-4o', messages });
      assert.equal(sent().url, '/custom/chat/completions');
      assert.equal(sent().headers['authorization'], 'Bearer stored-key-1234567');
    });

    it('no key for a provider that needs one → AuthenticationError naming the variable, nothing sent', async () => {
      await assert.rejects(client.completion({ model: 'groq/llama-3.1-8b-instant', api_base: server.url, messages }), (error: unknown) => {
        assert.ok(error instanceof AuthenticationError);
        assert.ok(error.message.includes('GROQ_API_KEY'), error.message);
        return true;
      });
      assert.equal(server.requests.length, 0);
    });

    it('local servers need no key: no Authorization header is sent', async () => {
      await client.completion({ model: 'lmstudio/qwen2.5-7b-instruct', api_base: `${server.url}/v1`, messages });
      assert.equal(sent().headers['authorization'], undefined);
    });

    it('openai-compatible without a base URL → BadRequestError naming api_base', async () => {
      await assert.rejects(client.completion({ model: 'openai-compatible/my-model', messages }), (error: unknown) => {
        assert.ok(error instanceof BadRequestError);
        assert.equal(error.param, 'api_base');
        return true;
      });
    });

    it('jina is embeddings only: a chat call is refused before anything is sent', async () => {
      await assert.rejects(client.completion({ model: 'jina/jina-embeddings-v3', api_base: server.url, api_key: 'jina-key-12345678', messages }), BadRequestError);
      assert.equal(server.requests.length, 0);
    });

    it('LiteLLM aliases route to the same provider (together_ai, fireworks_ai, nvidia_nim)', async () => {
      for (const alias of ['together_ai', 'fireworks_ai', 'nvidia_nim']) {
        const response = await client.completion({ model: `${alias}/m`, api_base: server.url, api_key: 'alias-key-1234567', messages });
        assert.equal(response._hidden_params?.custom_llm_provider, alias.split('_')[0]);
      }
    });

    it('a bare model name the catalogue knows is routed to its provider', async () => {
      const response = await client.completion({ model: 'gpt-4o-mini', api_base: server.url, api_key: 'sk-bare-12345678', messages });
      assert.equal(response._hidden_params?.custom_llm_provider, 'openai');
      assert.equal(body()['model'], 'gpt-4o-mini');
    });
  });
});
