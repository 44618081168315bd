/**
 * The model choice: which providers' models appear with and without keys (stored or from the
 * environment), what a failing list falls back to, custom endpoints, vision, and which model is
 * current (selection, setting, first run). Real extension's client against servers on 127.0.0.1.
 */

import assert from 'node:assert/strict';
import type { ModelService } from '../../src/shell/models';
import { useShellHarness, type ShellModels } from '../helpers/shellHarness';
import { closedPort } from './shellFakes';

/** Provider → model ids, in the order the picker shows them. */
function byProvider(models: ModelService): Record<string, string[]> {
  const groups: Record<string, string[]> = {};
  for (const option of models.options()) {
    (groups[option.provider] ??= []).push(option.id);
  }
  return groups;
}

function openaiModelList(): { headers: Record<string, string>; body: string } {
  return {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      object: 'list',
      data: [
        { id: 'gpt-4o-mini', object: 'model', created: 1721172741, owned_by: 'system' },
        { id: 'text-embedding-3-small', object: 'model', created: 1705948997, owned_by: 'system' },
        { id: 'ft:gpt-4o-mini:acme::abc123', object: 'model', created: 1730000000, owned_by: 'acme' },
      ],
    }),
  };
}

describe('shell model choice', () => {
  const shells = useShellHarness();

  async function harness(settings: Record<string, unknown>, env: Record<string, string> = {}): Promise<ShellModels> {
    // Local servers (Ollama, LM Studio) need no key and are always tried: point them nowhere,
    // unless the test gives them a server.
    const nowhere = await closedPort();
    const providers = { ollama: { baseUrl: nowhere }, lmstudio: { baseUrl: `${nowhere}/v1` }, ...(settings['providers'] as object | undefined) };
    return shells.models({ settings: { ...settings, providers }, env });
  }

  it('nothing configured: only the offline mock, and it is the current model', async () => {
    const setup = await harness({});
    await setup.models.whenListed();
    assert.deepStrictEqual({ current: setup.models.current(), chosen: setup.models.isChosen(), groups: byProvider(setup.models) }, {
      current: 'mock/typewriter',
      chosen: false,
      groups: { Mock: ['mock/echo', 'mock/typewriter'] },
    });
  });

  it('a stored key: that provider\'s own list, chat models only (an unknown fine-tune included), with descriptions', async () => {
    const listening = await shells.server(() => openaiModelList());
    const setup = await harness({ providers: { openai: { baseUrl: `${listening.url}/v1` } } });
    await setup.keys.set('openai', 'sk-listing-0123456789abcdef');
    await setup.models.whenListed();
    const openai = setup.models.options().filter((option) => option.provider === 'OpenAI');
    assert.deepStrictEqual(
      { openai, authorization: listening.requests[0]?.headers['authorization'], groups: Object.keys(byProvider(setup.models)) },
      {
        openai: [
          { id: 'openai/ft:gpt-4o-mini:acme::abc123', label: 'ft:gpt-4o-mini:acme::abc123', provider: 'OpenAI' },
          { id: 'openai/gpt-4o-mini', label: 'gpt-4o-mini', provider: 'OpenAI', description: '128k context · $0.15 / $0.60 per 1M tokens', supportsVision: true },
        ],
        authorization: 'Bearer sk-listing-0123456789abcdef',
        groups: ['OpenAI', 'Mock'],
      },
    );
  });

  it('a key whose list fails: the catalogue\'s chat models, and a warning in the log; a key in the environment counts too', async () => {
    const nowhere = await closedPort();
    const setup = await harness({ providers: { anthropic: { baseUrl: nowhere }, groq: { baseUrl: `${nowhere}/openai/v1` } } }, { GROQ_API_KEY: 'gsk-environment-0123456789' });
    await setup.keys.set('anthropic', 'sk-ant-0123456789abcdef');
    await setup.models.whenListed();
    const groups = byProvider(setup.models);
    assert.deepStrictEqual(
      {
        providers: Object.keys(groups),
        anthropicHasSonnet: groups['Anthropic']?.includes('anthropic/claude-sonnet-4-5') ?? false,
        onlyChat: [...(groups['Anthropic'] ?? []), ...(groups['Groq'] ?? [])].every((id) => !id.includes('embed')),
        warned: setup.log.at('warn').map((line) => line.split(' (')[0]),
      },
      {
        providers: ['Groq', 'Anthropic', 'Mock'],
        anthropicHasSonnet: true,
        onlyChat: true,
        warned: ['Groq did not list its models', 'Anthropic did not list its models'],
      },
    );
  });

  it('keyless local servers appear when they answer; custom endpoints with their configured models, unpriced', async () => {
    const ollama = await shells.server(() => ({
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ models: [{ name: 'llama3.2:latest', model: 'llama3.2:latest', modified_at: '2025-01-10T10:00:00Z', details: { family: 'llama', parameter_size: '3.2B', quantization_level: 'Q4_K_M' } }] }),
    }));
    const setup = await harness({
      providers: { ollama: { baseUrl: ollama.url } },
      customEndpoints: [{ name: 'lab', baseUrl: 'http://127.0.0.1:9/v1', models: ['gpt-4o', 'qwen-vl'], supportsVision: true, contextWindow: 32768 }],
    });
    await setup.models.whenListed();
    assert.deepStrictEqual(setup.models.options().filter((option) => option.provider !== 'Mock'), [
      { id: 'ollama/llama3.2:latest', label: 'llama3.2:latest (3.2B, Q4_K_M)', provider: 'Ollama', description: '128k context' },
      { id: 'lab/gpt-4o', label: 'gpt-4o', provider: 'lab', description: '32k context', supportsVision: true },
      { id: 'lab/qwen-vl', label: 'qwen-vl', provider: 'lab', description: '32k context', supportsVision: true },
    ]);
  });

  it('a new key lists again and tells listeners', async () => {
    const listening = await shells.server(() => openaiModelList());
    const harnessed = await harness({ providers: { openai: { baseUrl: `${listening.url}/v1` } } });
    await harnessed.models.whenListed();
    const before = Object.keys(byProvider(harnessed.models));
    let changes = 0;
    harnessed.models.onDidChange(() => changes++);
    harnessed.keys.onDidChange(() => harnessed.models.invalidate());
    await harnessed.keys.set('openai', 'sk-new-0123456789abcdef');
    await harnessed.models.whenListed();
    assert.deepStrictEqual({ before, after: Object.keys(byProvider(harnessed.models)), changes }, { before: ['Mock'], after: ['OpenAI', 'Mock'], changes: 1 });
  });

  it('current: a selection beats the setting, which beats the first run; changing the setting drops the selection', async () => {
    const settings: Record<string, unknown> = { defaultModel: 'anthropic/claude-opus-4-1' };
    const models = shells.models({ settings }).models;
    const seen: string[] = [models.current()];
    models.setFallback('ollama/llama3.2:latest');
    seen.push(models.current());
    await models.select('openai/gpt-4o-mini');
    seen.push(models.current());
    settings['defaultModel'] = 'anthropic/claude-sonnet-4-5';
    await models.defaultModelChanged();
    seen.push(models.current());
    const options = models.options();
    assert.deepStrictEqual(
      { seen, chosen: models.isChosen(), first: options[0], rejects: await models.select('no-slash').then(() => 'accepted', () => 'rejected') },
      {
        seen: ['anthropic/claude-opus-4-1', 'anthropic/claude-opus-4-1', 'openai/gpt-4o-mini', 'anthropic/claude-sonnet-4-5'],
        chosen: true,
        first: { id: 'anthropic/claude-sonnet-4-5', label: 'claude-sonnet-4-5', provider: 'anthropic' },
        rejects: 'rejected',
      },
    );
  });

  it("an event about the setting that leaves the user's value as it was (a workspace's value, which does not apply) keeps the selection", async () => {
    const settings: Record<string, unknown> = { defaultModel: 'openai/gpt-4o-mini' };
    const models = shells.models({ settings }).models;
    await models.select('anthropic/claude-sonnet-4-5');
    let changes = 0;
    models.onDidChange(() => changes++);
    // What a `git pull` bringing `.vscode/settings.json` with switchboard.defaultModel makes VS Code report.
    await models.defaultModelChanged();
    assert.deepStrictEqual({ current: models.current(), changes }, { current: 'anthropic/claude-sonnet-4-5', changes: 0 });
  });

  it('the first run\'s model is current only while nothing is chosen', async () => {
    const setup = await harness({});
    const models = setup.models;
    models.setFallback('ollama/llama3.2:latest');
    const whileUnchosen = models.current();
    await models.select('mock/echo');
    assert.deepStrictEqual([whileUnchosen, models.current(), models.isChosen()], ['ollama/llama3.2:latest', 'mock/echo', true]);
  });

  it('vision: settings beat the catalogue; endpoints say so themselves; unknown models have none', async () => {
    const setup = await harness({
      providers: { openai: { supportsVision: false } },
      customEndpoints: [{ name: 'lab', baseUrl: 'http://127.0.0.1:9/v1', models: ['m'], supportsVision: true }],
    });
    const vision = ['openai/gpt-4o', 'anthropic/claude-sonnet-4-5', 'lab/anything', 'ollama/unknown-model', 'mock/echo'].map((model) => setup.models.supportsVision(model));
    assert.deepStrictEqual(vision, [false, true, true, false, false]);
  });
});
