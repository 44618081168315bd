/**
 * `listModels(provider)`: what the provider offers, merged with the catalogue. Bodies here are
 * hand-made in each vendor's documented `GET /models` format (no recording exists in the shared
 * fixtures): OpenAI's `{object: 'list', data: [{id, object, created, owned_by}]}`, Together's bare
 * array, OpenRouter's `name` and `context_length`, Mistral's `max_context_length` and `capabilities`.
 */

import assert from 'node:assert/strict';
import { AuthenticationError, BadRequestError, type ListedModel } from '../../src/core';
import { useHarness } from '../helpers/llmHarness';

function json(body: unknown): { headers: Record<string, string>; body: string } {
  return { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}

function summary(models: ListedModel[]): { id: string; source: string; mode: string | undefined; context: number | undefined; display: string | undefined }[] {
  return models.map((model) => ({ id: model.id, source: model.source, mode: model.info.mode, context: model.info.max_input_tokens, display: model.display_name }));
}

describe('listModels', () => {
  const harness = useHarness({ retry: { maxRetries: 0 } });

  it('OpenAI: GET {api_base}/models with the key, merged with the catalogue', async () => {
    const listening = await harness.server(() =>
      json({
        object: 'list',
        data: [
          { id: 'gpt-4o-mini', object: 'model', created: 1721172741, owned_by: 'system' },
          { id: 'text-embedding-3-small', object: 'model', created: 1705948997, owned_by: 'system' },
          { id: 'whisper-1', object: 'model', created: 1677532384, owned_by: 'openai-internal' },
          { id: 'ft:gpt-4o-mini:acme::abc123', object: 'model', created: 1730000000, owned_by: 'acme' },
        ],
      }),
    );
    const models = await harness.client().listModels('openai', { api_base: `${listening.url}/v1`, api_key: 'sk-list-123456789' });
    assert.equal(listening.requests[0]?.method, 'GET');
    assert.equal(listening.requests[0]?.url, '/v1/models');
    assert.equal(listening.requests[0]?.headers['authorization'], 'Bearer sk-list-123456789');
    assert.deepStrictEqual(summary(models), [
      { id: 'openai/ft:gpt-4o-mini:acme::abc123', source: 'provider', mode: undefined, context: undefined, display: undefined },
      { id: 'openai/gpt-4o-mini', source: 'provider', mode: 'chat', context: 128000, display: undefined },
      { id: 'openai/text-embedding-3-small', source: 'provider', mode: 'embedding', context: 8191, display: undefined },
      { id: 'openai/whisper-1', source: 'provider', mode: 'audio_transcription', context: undefined, display: undefined },
    ]);
    const mini = models.find((model) => model.model === 'gpt-4o-mini');
    assert.ok((mini?.info.input_cost_per_token ?? 0) > 0, 'catalogue prices are merged in');
    assert.equal(mini?.created, 1721172741);
    assert.equal(mini?.owned_by, 'system');
  });

  it('OpenRouter, Mistral and Together: vendor facts fill what the catalogue does not know', async () => {
    const replies: Record<string, unknown> = {
      '/or/models': { data: [{ id: 'acme/new-model', name: 'Acme: New Model', context_length: 65536, created: 1760000000 }] },
      '/mistral/models': { object: 'list', data: [{ id: 'ministral-lab', object: 'model', max_context_length: 32768, capabilities: { completion_chat: true, function_calling: true, vision: false } }] },
      '/together/models': [{ id: 'acme/embedder', object: 'model', type: 'embedding', display_name: 'Acme Embedder', context_length: 8192 }],
    };
    const listening = await harness.server((request) => json(replies[request.url]));
    const client = harness.client();
    const [openrouter, mistral, together] = await Promise.all([
      client.listModels('openrouter', { api_base: `${listening.url}/or`, api_key: 'sk-or-123456789' }),
      client.listModels('mistral', { api_base: `${listening.url}/mistral`, api_key: 'mistral-123456789' }),
      client.listModels('together', { api_base: `${listening.url}/together`, api_key: 'together-123456789' }),
    ]);
    assert.deepStrictEqual(summary([...openrouter, ...mistral, ...together]), [
      { id: 'openrouter/acme/new-model', source: 'provider', mode: undefined, context: 65536, display: 'Acme: New Model' },
      { id: 'mistral/ministral-lab', source: 'provider', mode: 'chat', context: 32768, display: undefined },
      { id: 'together/acme/embedder', source: 'provider', mode: 'embedding', context: 8192, display: 'Acme Embedder' },
    ]);
    assert.equal(mistral[0]?.info.supports_function_calling, true);
    assert.equal(mistral[0]?.info.supports_vision, false);
  });

  it('Azure has no deployment list: the configured deployments are the list, nothing is sent', async () => {
    const listening = await harness.server(() => json({}));
    const configured = harness.client({ providerSettings: (provider) => (provider === 'azure' ? { models: ['prod-gpt-4o', 'gpt-4o-mini'] } : undefined) });
    const models = await configured.listModels('azure', { api_base: listening.url, api_key: 'azure-key-1234567890' });
    assert.deepStrictEqual(
      models.map((model) => [model.id, model.source]),
      [
        ['azure/gpt-4o-mini', 'configuration'],
        ['azure/prod-gpt-4o', 'configuration'],
        ...models.filter((model) => model.source === 'catalogue').map((model) => [model.id, 'catalogue']),
      ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    assert.ok(models.some((model) => model.source === 'catalogue'), 'the catalogue fills a provider without a list');
    assert.equal(listening.requests.length, 0);
  });

  it('configured models a provider did not list are added, marked as configuration', async () => {
    const listening = await harness.server(() => json({ object: 'list', data: [{ id: 'served-model', object: 'model' }] }));
    const configured = harness.client({ providerSettings: () => ({ models: ['served-model', 'alias-only'] }) });
    const models = await configured.listModels('openai-compatible', { api_base: listening.url });
    assert.deepStrictEqual(
      models.map((model) => [model.id, model.source]),
      [
        ['openai-compatible/alias-only', 'configuration'],
        ['openai-compatible/served-model', 'provider'],
      ],
    );
  });

  it('the mock provider lists its models offline', async () => {
    const models = await harness.client().listModels('mock');
    assert.deepStrictEqual(
      models.map((model) => [model.id, model.info.mode]),
      [
        ['mock/echo', 'chat'],
        ['mock/typewriter', 'chat'],
      ],
    );
  });

  it('errors are typed: unknown provider, a missing key, a rejected key', async () => {
    const client = harness.client();
    await assert.rejects(client.listModels('nope'), BadRequestError);
    await assert.rejects(client.listModels('groq'), AuthenticationError);
    const listening = await harness.server(() => ({ status: 401, ...json({ error: { message: 'Invalid API Key', type: 'invalid_request_error', code: 'invalid_api_key' } }) }));
    await assert.rejects(client.listModels('groq', { api_base: listening.url, api_key: 'gsk-wrong-123456789' }), (error: unknown) => {
      assert.ok(error instanceof AuthenticationError);
      assert.ok(error.message.includes('Invalid API Key'));
      return true;
    });
  });
});
