import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import catalogueData from '../../src/core/models/catalogue.json';
import {
  findCatalogueEntry,
  listCatalogueEntries,
  providerForBareModel,
} from '../../src/core/models/catalogue';
import { getModelInfo, lookupModelInfo } from '../../src/core/models/modelInfo';

/** The catalogue key each lookup lands on, so one assertion shows every routing decision. */
function keysOf(models: readonly string[]): Record<string, string> {
  return Object.fromEntries(models.map((model) => [model, getModelInfo(model).key]));
}

describe('model catalogue', () => {
  it('answers an exact provider/model with every fact the catalogue holds', () => {
    assert.deepStrictEqual(getModelInfo('openai/gpt-4o-mini'), {
      key: 'openai/gpt-4o-mini',
      litellm_provider: 'openai',
      known: true,
      mode: 'chat',
      max_input_tokens: 128000,
      max_output_tokens: 16384,
      max_tokens: 16384,
      input_cost_per_token: 1.5e-7,
      output_cost_per_token: 6e-7,
      cache_read_input_token_cost: 7.5e-8,
      supports_function_calling: true,
      supports_parallel_function_calling: true,
      supports_vision: true,
      supports_response_schema: true,
      supports_prompt_caching: true,
    });
  });

  it('answers an embedding model with its vector size and no output price', () => {
    assert.deepStrictEqual(getModelInfo('openai/text-embedding-3-small'), {
      key: 'openai/text-embedding-3-small',
      litellm_provider: 'openai',
      known: true,
      mode: 'embedding',
      max_input_tokens: 8191,
      max_tokens: 8191,
      input_cost_per_token: 2e-8,
      output_vector_size: 1536,
    });
  });

  it('finds dated names exactly, or without the date stamp, and keeps real -latest ids', () => {
    assert.deepStrictEqual(
      keysOf([
        'anthropic/claude-sonnet-4-5-20250929',
        'anthropic/claude-sonnet-4-5-20991231',
        'openai/gpt-4o-2024-08-06',
        'openai/gpt-4o-2099-01-01',
        'azure/gpt-4o-2099-01-01',
        'mistral/mistral-large-latest',
        'xai/grok-4-1-fast-reasoning-latest',
        'ollama/llama3.2:3b',
        'ollama/qwen2.5-coder:7b-instruct',
      ]),
      {
        'anthropic/claude-sonnet-4-5-20250929': 'anthropic/claude-sonnet-4-5-20250929',
        'anthropic/claude-sonnet-4-5-20991231': 'anthropic/claude-sonnet-4-5',
        'openai/gpt-4o-2024-08-06': 'openai/gpt-4o-2024-08-06',
        'openai/gpt-4o-2099-01-01': 'openai/gpt-4o',
        'azure/gpt-4o-2099-01-01': 'azure/gpt-4o',
        'mistral/mistral-large-latest': 'mistral/mistral-large-latest',
        'xai/grok-4-1-fast-reasoning-latest': 'xai/grok-4-1-fast-reasoning',
        'ollama/llama3.2:3b': 'ollama/llama3.2',
        'ollama/qwen2.5-coder:7b-instruct': 'ollama/qwen2.5-coder',
      },
    );
  });

  it('prices a dated snapshot by its own row when it differs from the alias', () => {
    const prices = (model: string): [number | undefined, number | undefined] => {
      const info = getModelInfo(model);
      return [info.input_cost_per_token, info.output_cost_per_token];
    };
    assert.deepStrictEqual(
      { alias: prices('openai/gpt-4o'), may2024: prices('openai/gpt-4o-2024-05-13') },
      { alias: [2.5e-6, 1e-5], may2024: [5e-6, 1.5e-5] },
    );
  });

  it('ignores case and gives back the canonical key', () => {
    assert.deepStrictEqual(
      keysOf(['OpenAI/GPT-4o-Mini', 'together/META-LLAMA/llama-3.3-70b-instruct-turbo', 'GPT-4O']),
      {
        'OpenAI/GPT-4o-Mini': 'openai/gpt-4o-mini',
        'together/META-LLAMA/llama-3.3-70b-instruct-turbo': 'together/meta-llama/Llama-3.3-70B-Instruct-Turbo',
        'GPT-4O': 'openai/gpt-4o',
      },
    );
  });

  it('finds bare names and response model fields with a stable provider priority', () => {
    const found = (model: string): [string, string] => {
      const info = getModelInfo(model);
      return [info.key, info.litellm_provider];
    };
    assert.deepStrictEqual(
      {
        mini: found('gpt-4o-mini'),
        dated: found('gpt-4o-mini-2024-07-18'),
        claude: found('claude-sonnet-4-5-20250929'),
        gemini: found('gemini-2.5-flash'),
        openRouterResponse: found('x-ai/grok-4'),
        groqId: found('llama-3.3-70b-versatile'),
      },
      {
        mini: ['openai/gpt-4o-mini', 'openai'],
        dated: ['openai/gpt-4o-mini-2024-07-18', 'openai'],
        claude: ['anthropic/claude-sonnet-4-5-20250929', 'anthropic'],
        gemini: ['gemini/gemini-2.5-flash', 'gemini'],
        openRouterResponse: ['openrouter/x-ai/grok-4', 'openrouter'],
        groqId: ['groq/llama-3.3-70b-versatile', 'groq'],
      },
    );
  });

  it('routes bare names only to first-party providers', () => {
    const names = ['gpt-4o-mini', 'claude-haiku-4-5', 'gemini-2.5-pro', 'deepseek-chat', 'grok-3', 'llama3.2', 'x-ai/grok-4', 'no-such-model'];
    assert.deepStrictEqual(Object.fromEntries(names.map((name) => [name, providerForBareModel(name) ?? null])), {
      'gpt-4o-mini': 'openai',
      'claude-haiku-4-5': 'anthropic',
      'gemini-2.5-pro': 'gemini',
      'deepseek-chat': 'deepseek',
      'grok-3': 'xai',
      'llama3.2': null,
      'x-ai/grok-4': null,
      'no-such-model': null,
    });
  });

  it('falls back to the upstream row for Azure, OpenRouter and Vertex AI, keeping the requested provider', () => {
    const found = (model: string): [string, string, boolean] => {
      const info = getModelInfo(model);
      return [info.key, info.litellm_provider, info.known];
    };
    assert.deepStrictEqual(
      {
        azure: found('azure/gpt-5.2'),
        claude: found('openrouter/anthropic/claude-opus-4.5'),
        gemini: found('openrouter/google/gemini-2.5-flash-lite'),
        deployment: found('azure/my-prod-deployment'),
        unknownVendor: found('openrouter/meta-llama/llama-3.1-405b-instruct'),
        vertexOwn: found('vertex_ai/gemini-2.5-pro'),
        vertexGemini: found('vertex_ai/gemini-2.0-flash'),
        vertexClaude: found('vertex_ai/claude-opus-4-7@20260416'),
        vertexClaudeOwn: found('vertex_ai/claude-sonnet-4-5@20250929'),
      },
      {
        azure: ['openai/gpt-5.2', 'azure', true],
        claude: ['anthropic/claude-opus-4-5', 'openrouter', true],
        gemini: ['gemini/gemini-2.5-flash-lite', 'openrouter', true],
        deployment: ['azure/my-prod-deployment', 'azure', false],
        unknownVendor: ['openrouter/meta-llama/llama-3.1-405b-instruct', 'openrouter', false],
        vertexOwn: ['vertex_ai/gemini-2.5-pro', 'vertex_ai', true],
        vertexGemini: ['gemini/gemini-2.0-flash', 'vertex_ai', true],
        vertexClaude: ['anthropic/claude-opus-4-7-20260416', 'vertex_ai', true],
        vertexClaudeOwn: ['vertex_ai/claude-sonnet-4-5@20250929', 'vertex_ai', true],
      },
    );
  });

  it('answers unknown models with what routing knows, and never throws', () => {
    assert.deepStrictEqual(
      ['openai/gpt-99', 'lmstudio/qwen2.5-7b-instruct', 'mystery-model', 'acme/thing', '', 'openai/'].map(getModelInfo),
      [
        { key: 'openai/gpt-99', litellm_provider: 'openai', known: false },
        { key: 'lmstudio/qwen2.5-7b-instruct', litellm_provider: 'lmstudio', known: false },
        { key: 'mystery-model', litellm_provider: '', known: false },
        { key: 'acme/thing', litellm_provider: 'acme', known: false },
        { key: '', litellm_provider: '', known: false },
        { key: 'openai/', litellm_provider: 'openai', known: false },
      ],
    );
  });

  it('looks up a provider and model id already split by the router', () => {
    const info = lookupModelInfo('groq', 'openai/gpt-oss-120b');
    assert.deepStrictEqual([info.key, info.litellm_provider, info.max_input_tokens], ['groq/openai/gpt-oss-120b', 'groq', 131072]);
  });

  it('finds every catalogue row by its own key, with sane facts', () => {
    const rows = Object.keys(catalogueData);
    const problems: string[] = [];
    for (const row of listCatalogueEntries()) {
      const slash = row.key.indexOf('/');
      const found = findCatalogueEntry(row.provider, row.key.slice(slash + 1));
      if (found?.key !== row.key) {
        problems.push(`${row.key}: looked up as ${found?.key ?? 'nothing'}`);
      }
      const { entry } = row;
      if (entry.max_input_tokens === undefined) {
        problems.push(`${row.key}: no context window`);
      }
      if (entry.mode === 'chat' && entry.input_cost_per_token !== undefined && entry.output_cost_per_token === undefined) {
        problems.push(`${row.key}: an input price without an output price`);
      }
      if (entry.mode === 'embedding' && entry.output_vector_size === undefined && row.provider !== 'azure') {
        problems.push(`${row.key}: an embedding model without a vector size`);
      }
    }
    assert.deepStrictEqual(problems, []);
    assert.equal(listCatalogueEntries().length, rows.length);
    assert.deepStrictEqual(
      listCatalogueEntries('deepseek').map((row) => row.key),
      ['deepseek/deepseek-chat', 'deepseek/deepseek-reasoner'],
    );
  });
});
