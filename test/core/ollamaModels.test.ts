/**
 * `listModels('ollama')` from `GET /api/tags`: Ollama's own names, a display name with size and
 * quantisation, embedding models told apart, the catalogue's facts merged, and a context length
 * the client learnt from /api/show filled in where the catalogue has none.
 */

import assert from 'node:assert/strict';
import { loadFixture } from '../helpers/fixtures';
import { useHarness } from '../helpers/llmHarness';
import { jsonHeaders, ollamaServer, requestsTo, showReply } from './ollamaHelpers';

/**
 * The two entries of docs/api.md's "List Local Models" example, verbatim, and three hand-made
 * entries in the current shape (with `model`): BERT-family and name-only embedding models.
 */
const tags = {
  models: [
    {
      name: 'codellama:13b',
      modified_at: '2023-11-04T14:56:49.277302595-07:00',
      size: 7365960935,
      digest: '9f438cb9cd581fc025612d27f7c1a6669ff83a8bb0ed86c94fcf4c5440555697',
      details: { format: 'gguf', family: 'llama', families: null, parameter_size: '13B', quantization_level: 'Q4_0' },
    },
    {
      name: 'llama3:latest',
      modified_at: '2023-12-07T09:32:18.757212583-08:00',
      size: 3825819519,
      digest: 'fe938a131f40e6f6d40083c9f0f430a515233eb2edaa6d72eb85c50d64f2300e',
      details: { format: 'gguf', family: 'llama', families: null, parameter_size: '7B', quantization_level: 'Q4_0' },
    },
    {
      name: 'nomic-embed-text:latest',
      model: 'nomic-embed-text:latest',
      modified_at: '2025-01-10T09:00:00Z',
      size: 274302450,
      digest: '0a109f422b47e3a30ba2b10eca18548e944e8a23073ee3f3e947efcf3c45e59f',
      details: { parent_model: '', format: 'gguf', family: 'nomic-bert', families: ['nomic-bert'], parameter_size: '137M', quantization_level: 'F16' },
    },
    {
      name: 'all-minilm:latest',
      model: 'all-minilm:latest',
      modified_at: '2025-01-10T09:00:00Z',
      size: 45960996,
      digest: '1b226e2802dbb772b5fc32a58f103ca1804ef7501331012de126ab22f67475ef',
      details: { parent_model: '', format: 'gguf', family: 'bert', families: ['bert'], parameter_size: '23M', quantization_level: 'F16' },
    },
    {
      name: 'qwen3-embedding:0.6b',
      model: 'qwen3-embedding:0.6b',
      modified_at: '2025-06-10T09:00:00Z',
      size: 639150592,
      digest: 'ac6da0dfba84bc7b6fa1f9a5a4ae1b1d4e0a0b4c1e2c3d4e5f6a7b8c9d0e1f2a',
      details: { parent_model: '', format: 'gguf', family: 'qwen3', families: ['qwen3'], parameter_size: '595.78M', quantization_level: 'Q8_0' },
    },
  ],
};

describe('Ollama models', () => {
  const harness = useHarness();

  it('lists the pulled models under their own names, embedding models as such', async () => {
    const server = await ollamaServer(
      harness,
      (request) => (request.url === '/api/tags' ? { status: 200, headers: jsonHeaders, body: JSON.stringify(tags) } : { status: 200, headers: jsonHeaders, body: loadFixture('ollama/chat_nonstream').body }),
      showReply({ architecture: 'llama', contextLength: 16384 }),
    );
    const client = harness.client();
    // A chat first: the client learns codellama's context length from /api/show.
    await client.completion({ model: 'ollama/codellama:13b', api_base: server.url, messages: [{ role: 'user', content: 'Hi' }] });
    const listed = await client.listModels('ollama', { api_base: server.url });
    const seconds = (date: string): number => Math.floor(Date.parse(date) / 1000);
    assert.deepStrictEqual(
      listed.map((model) => [model.id, model.model, model.display_name, model.created, model.source, model.info.mode, model.info.known, model.info.max_input_tokens]),
      [
        ['ollama/all-minilm:latest', 'all-minilm:latest', 'all-minilm:latest (23M, F16)', seconds('2025-01-10T09:00:00Z'), 'provider', 'embedding', false, undefined],
        ['ollama/codellama:13b', 'codellama:13b', 'codellama:13b (13B, Q4_0)', seconds('2023-11-04T14:56:49.277302595-07:00'), 'provider', 'chat', false, 16384],
        ['ollama/llama3:latest', 'llama3:latest', 'llama3:latest (7B, Q4_0)', seconds('2023-12-07T09:32:18.757212583-08:00'), 'provider', 'chat', false, undefined],
        ['ollama/nomic-embed-text:latest', 'nomic-embed-text:latest', 'nomic-embed-text:latest (137M, F16)', seconds('2025-01-10T09:00:00Z'), 'provider', 'embedding', true, 8192],
        ['ollama/qwen3-embedding:0.6b', 'qwen3-embedding:0.6b', 'qwen3-embedding:0.6b (595.78M, Q8_0)', seconds('2025-06-10T09:00:00Z'), 'provider', 'embedding', false, undefined],
      ],
    );
    assert.equal(requestsTo(server, '/api/tags')[0]?.method, 'GET');
  });

  it('an empty server lists nothing', async () => {
    const server = await ollamaServer(harness, () => ({ status: 200, headers: jsonHeaders, body: '{"models":[]}' }));
    assert.deepStrictEqual(await harness.client().listModels('ollama', { api_base: server.url }), []);
  });
});
