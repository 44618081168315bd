/**
 * The configured client (ConfiguredClient) against a real server on 127.0.0.1: what reached the wire (URL,
 * the auth header from the stored key, the configured headers) for a provider configured through
 * `switchboard.providers` and for a custom endpoint, and the cost it reports.
 */

import assert from 'node:assert/strict';
import { getModelInfo } from '../../src/core';
import type { ConfiguredClient } from '../../src/shell/configuredClient';
import { readConfig } from '../../src/shell/config';
import { endpointKeyOwner } from '../../src/shell/secrets';
import { loadFixture } from '../helpers/fixtures';
import { useShellHarness } from '../helpers/shellHarness';
import type { RecordedRequest } from '../helpers/wireServer';
import { settingsSource } from './shellFakes';

const streamFixture = loadFixture('openai/chat_stream_text_usage');
const answer = streamFixture.meta.expected.text;

async function answerText(client: ConfiguredClient, model: string): Promise<string> {
  const stream = await client.stream({ model, messages: [{ role: 'user', content: 'Weather in SF?' }], signal: new AbortController().signal });
  let text = '';
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta.content ?? '';
  }
  return text;
}

/** The parts of a request that show where it went and with what credentials. */
function wire(request: RecordedRequest | undefined): Record<string, unknown> {
  const body = request?.json as { model?: string } | undefined;
  return {
    method: request?.method,
    url: request?.url,
    authorization: request?.headers['authorization'],
    apiKey: request?.headers['api-key'],
    team: request?.headers['x-team'],
    model: body?.model,
  };
}

describe('the configured client on the wire', () => {
  const shells = useShellHarness();

  it('a provider configured in switchboard.providers: its base URL, its headers, the stored key', async () => {
    const listening = await shells.server(() => streamFixture.reply());
    const setup = shells.client({ settings: { providers: { openai: { baseUrl: `${listening.url}/v1/`, headers: { 'X-Team': 'compilers' } } } } });
    await setup.keys.set('openai', 'sk-stored-0123456789abcdef');

    const text = await answerText(setup.client, 'openai/gpt-4o-mini');

    assert.equal(text, answer);
    assert.deepStrictEqual(wire(listening.requests[0]), {
      method: 'POST',
      url: '/v1/chat/completions',
      authorization: 'Bearer sk-stored-0123456789abcdef',
      apiKey: undefined,
      team: 'compilers',
      model: 'gpt-4o-mini',
    });
  });

  it('reads the key per request: a key set after the first answer is used for the next one', async () => {
    const listening = await shells.server(() => streamFixture.reply());
    const setup = shells.client({ settings: { providers: { openai: { baseUrl: `${listening.url}/v1` } } }, env: { OPENAI_API_KEY: 'sk-from-environment-000000' } });

    await answerText(setup.client, 'openai/gpt-4o-mini');
    await setup.keys.set('openai', 'sk-set-later-1111111111111');
    await answerText(setup.client, 'openai/gpt-4o-mini');

    assert.deepStrictEqual(
      listening.requests.map((request) => request.headers['authorization']),
      ['Bearer sk-from-environment-000000', 'Bearer sk-set-later-1111111111111'],
    );
  });

  it('Azure through settings: deployment URL, api-version from the setting, the key in api-key', async () => {
    const listening = await shells.server(() => streamFixture.reply());
    const setup = shells.client({ settings: { providers: { azure_openai: { baseUrl: listening.url, apiVersion: '2025-01-01-preview', models: ['team-gpt4o'] } } } });
    await setup.keys.set('azure', 'azure-key-0123456789abcdef');

    await answerText(setup.client, 'azure/team-gpt4o');

    assert.deepStrictEqual(wire(listening.requests[0]), {
      method: 'POST',
      url: '/openai/deployments/team-gpt4o/chat/completions?api-version=2025-01-01-preview',
      authorization: undefined,
      apiKey: 'azure-key-0123456789abcdef',
      team: undefined,
      model: 'team-gpt4o',
    });
  });

  it('a custom endpoint: <name>/<model> goes to its base URL with its headers and its own key', async () => {
    const listening = await shells.server(() => streamFixture.reply());
    const setup = shells.client({
      settings: { customEndpoints: [{ name: 'lab-vllm', baseUrl: `${listening.url}/v1`, models: ['Qwen/Qwen2.5-Coder-32B-Instruct'], headers: { 'X-Team': 'ml' } }] },
      env: { OPENAI_API_KEY: 'sk-openai-must-not-travel-000', OPENAI_COMPATIBLE_API_KEY: 'generic-must-not-travel-000' },
    });
    await setup.keys.set(endpointKeyOwner('lab-vllm'), 'lab-token-0123456789');

    const text = await answerText(setup.client, 'lab-vllm/Qwen/Qwen2.5-Coder-32B-Instruct');

    assert.equal(text, answer);
    assert.deepStrictEqual(wire(listening.requests[0]), {
      method: 'POST',
      url: '/v1/chat/completions',
      authorization: 'Bearer lab-token-0123456789',
      apiKey: undefined,
      team: 'ml',
      model: 'Qwen/Qwen2.5-Coder-32B-Instruct',
    });
  });

  it('a custom endpoint without a key sends no Authorization, not even the environment\'s generic key', async () => {
    const listening = await shells.server(() => streamFixture.reply());
    const setup = shells.client({ settings: { customEndpoints: [{ name: 'local', baseUrl: `${listening.url}/v1` }] }, env: { OPENAI_COMPATIBLE_API_KEY: 'generic-must-not-travel-000' } });

    await answerText(setup.client, 'local/llama');

    assert.deepStrictEqual(wire(listening.requests[0]), { method: 'POST', url: '/v1/chat/completions', authorization: undefined, apiKey: undefined, team: undefined, model: 'llama' });
  });

  it('lists a custom endpoint\'s models from its server, named <endpoint>/<model>', async () => {
    const listening = await shells.server(() => ({
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ object: 'list', data: [{ id: 'qwen2.5-coder', object: 'model', created: 1, owned_by: 'vllm' }] }),
    }));
    const setup = shells.client({ settings: { customEndpoints: [{ name: 'lab', baseUrl: `${listening.url}/v1` }] } });
    await setup.keys.set(endpointKeyOwner('lab'), 'lab-token-0123456789');
    const endpoint = readConfig(settingsSource({ customEndpoints: [{ name: 'lab', baseUrl: `${listening.url}/v1` }] })).config.customEndpoints[0]!;

    const models = await setup.client.listEndpointModels(endpoint);

    assert.deepStrictEqual(
      { ids: models.map((model) => [model.id, model.provider, model.model]), url: listening.requests[0]?.url, authorization: listening.requests[0]?.headers['authorization'] },
      { ids: [['lab/qwen2.5-coder', 'lab', 'qwen2.5-coder']], url: '/v1/models', authorization: 'Bearer lab-token-0123456789' },
    );
  });

  it("costs come with the stream's response: priced from the catalogue, by the answering model for Azure deployments, absent for endpoints and unpriced models", async () => {
    // One streamed answer of a million tokens each way, from a model that names itself gpt-4o-mini.
    const chunk = (fields: Record<string, unknown>): string => `data: ${JSON.stringify({ id: 'c', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', ...fields })}\n\n`;
    const body =
      chunk({ choices: [{ index: 0, delta: { role: 'assistant', content: 'Hi' }, finish_reason: 'stop' }] }) +
      chunk({ choices: [], usage: { prompt_tokens: 1_000_000, completion_tokens: 1_000_000, total_tokens: 2_000_000 } }) +
      'data: [DONE]\n\n';
    const listening = await shells.server(() => ({ headers: { 'content-type': 'text/event-stream' }, body }));
    const setup = shells.client({
      settings: {
        providers: { openai: { baseUrl: `${listening.url}/v1` }, azure: { baseUrl: listening.url, apiVersion: '2024-10-21' }, lmstudio: { baseUrl: `${listening.url}/v1` } },
        customEndpoints: [{ name: 'lab', baseUrl: `${listening.url}/v1` }],
      },
    });
    await setup.keys.set('openai', 'sk-openai-0123456789');
    await setup.keys.set('azure', 'azure-key-0123456789');
    const costOf = async (model: string): Promise<number | undefined> => {
      const stream = await setup.client.stream({ model, messages: [{ role: 'user', content: 'Hi' }], signal: new AbortController().signal });
      for await (const _chunk of stream) {
        // read to the end: the usage comes last
      }
      return stream.response()._hidden_params?.response_cost;
    };
    const costs = {
      openai: await costOf('openai/gpt-4o-mini'),
      azureDeployment: await costOf('azure/team-deployment'),
      endpoint: await costOf('lab/gpt-4o-mini'),
      lmstudio: await costOf('lmstudio/llama3.2'),
    };
    const perMillion = (model: string): number => (getModelInfo(model).input_cost_per_token! + getModelInfo(model).output_cost_per_token!) * 1_000_000;
    assert.deepStrictEqual(costs, { openai: perMillion('openai/gpt-4o-mini'), azureDeployment: perMillion('azure/gpt-4o-mini'), endpoint: undefined, lmstudio: undefined });
    assert.deepStrictEqual(
      listening.requests.map((request) => request.url),
      ['/v1/chat/completions', '/openai/deployments/team-deployment/chat/completions?api-version=2024-10-21', '/v1/chat/completions', '/v1/chat/completions'],
    );
  });
});
