/**
 * The first-run decision against a fake Ollama on 127.0.0.1, reached through the real shell
 * client (so `switchboard.providers.ollama.baseUrl` is honoured): a server that answers
 * gives its newest chat model; one that refuses, hangs past the probe's deadline, fails, or has
 * only embedding models leaves the offline mock, with its banner.
 */

import assert from 'node:assert/strict';
import { formatMessage } from '../../src/shell/chat/localize';
import { bannerFor, chooseStartModel, type StartModel } from '../../src/shell/firstRun';
import { useShellHarness } from '../helpers/shellHarness';
import type { Reply } from '../helpers/wireServer';
import { closedPort } from './shellFakes';

function tag(name: string, modifiedAt: string, family: string): Record<string, unknown> {
  return { name, model: name, modified_at: modifiedAt, size: 1, digest: 'sha256:0', details: { family, families: [family], parameter_size: '3B', quantization_level: 'Q4_K_M' } };
}

function tags(models: Record<string, unknown>[]): Reply {
  return { headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify({ models }) };
}

describe('shell first run', () => {
  const shells = useShellHarness();

  async function decide(ollamaBaseUrl: string, timeoutMs = 1500): Promise<{ start: StartModel; elapsedMs: number }> {
    // The client's own retries, as at the extension's first run.
    const shell = shells.client({ settings: { providers: { ollama: { baseUrl: ollamaBaseUrl } } }, retry: undefined }).client;
    const started = performance.now();
    const start = await chooseStartModel((options) => shell.listModels('ollama', options), timeoutMs);
    return { start, elapsedMs: performance.now() - started };
  }

  it('Ollama answers: its most recently pulled chat model, never an embedding model', async () => {
    const listening = await shells.server(() =>
      tags([
        tag('llama3.2:latest', '2025-01-10T10:00:00Z', 'llama'),
        tag('nomic-embed-text:latest', '2025-03-01T10:00:00Z', 'nomic-bert'),
        tag('qwen2.5-coder:7b', '2025-02-20T10:00:00Z', 'qwen2'),
      ]),
    );
    const { start } = await decide(listening.url);
    assert.deepStrictEqual({ start, path: listening.requests.map((request) => `${request.method} ${request.url}`) }, { start: { model: 'ollama/qwen2.5-coder:7b', source: 'ollama' }, path: ['GET /api/tags'] });
  });

  it('Ollama refuses the connection: the offline mock', async () => {
    const { start } = await decide(await closedPort());
    assert.deepStrictEqual(start, { model: 'mock/typewriter', source: 'offline' });
  });

  it('Ollama hangs past the probe deadline: the offline mock, on time', async () => {
    const listening = await shells.server(() => ({ delayHeadersMs: 10_000, body: '{}' }));
    const { start, elapsedMs } = await decide(listening.url, 300);
    assert.deepStrictEqual({ start, onTime: elapsedMs < 2000 }, { start: { model: 'mock/typewriter', source: 'offline' }, onTime: true });
  });

  it('Ollama answers with an error or with only embedding models: the offline mock', async () => {
    const failing = await shells.server(() => ({ status: 500, body: '{"error":"boom"}' }));
    const afterError = (await decide(failing.url)).start;
    const embeddingsOnly = await shells.server(() => tags([tag('mxbai-embed-large:latest', '2025-01-01T00:00:00Z', 'bert')]));
    const afterEmbeddings = (await decide(embeddingsOnly.url)).start;
    assert.deepStrictEqual([afterError, afterEmbeddings], [
      { model: 'mock/typewriter', source: 'offline' },
      { model: 'mock/typewriter', source: 'offline' },
    ]);
  });

  it('the offline banner shows with the mock only, offering Set API Key', () => {
    assert.deepStrictEqual(
      ['mock/typewriter', 'mock/echo', 'ollama/llama3.2', 'openai/gpt-4o-mini'].map((model) => bannerFor(model, formatMessage)),
      [
        {
          kind: 'offline',
          message: 'Offline mock model: answers are made up on this machine. Add a provider or select a model to use a real one.',
          actions: ['addProvider', 'selectModel'],
        },
        {
          kind: 'offline',
          message: 'Offline mock model: answers are made up on this machine. Add a provider or select a model to use a real one.',
          actions: ['addProvider', 'selectModel'],
        },
        undefined,
        undefined,
      ],
    );
  });
});
