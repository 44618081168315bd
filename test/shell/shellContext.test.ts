/**
 * The rules behind the commands and editor actions, without VS Code: which keys "Set API Key"
 * offers, how the model picker groups and describes models, what a selection or a file becomes in
 * the draft, a code fence's language for a new file, and an export's file name.
 */

import assert from 'node:assert/strict';
import type { ListedModel } from '../../src/core';
import { protocolLimits, type ModelOption } from '../../src/protocol/messages';
import { languageIdForFence } from '../../src/shell/chat/codeLanguage';
import { fileAttachment, selectionAttachment } from '../../src/shell/chat/contextAttachments';
import { exportFileName } from '../../src/shell/chat/exportFileName';
import { formatMessage } from '../../src/shell/chat/localize';
import { keyOwnerLabel, keyOwnerOfModel, keyTargets } from '../../src/shell/commands/keyTargets';
import { modelPicks } from '../../src/shell/commands/modelPicks';
import { readConfig } from '../../src/shell/config';
import { describeModel, formatPricePerMillion, formatTokenCount, toModelOptions } from '../../src/shell/modelOptions';
import { settingsSource } from './shellFakes';

const config = readConfig(settingsSource({ customEndpoints: [{ name: 'Lab', baseUrl: 'http://gpu-box:8000/v1' }] })).config;

describe('shell keys to set', () => {
  it('offers every provider that needs a key or has setup steps, then those that take one they do not need, then custom endpoints, marking stored ones', () => {
    const targets = keyTargets(config, new Set(['anthropic', 'endpoint:lab', 'ollama']), formatMessage);
    assert.deepStrictEqual(
      targets.map((target) => [target.owner, target.label, target.description, target.hasKey]),
      [
        ['openai', 'OpenAI', 'openai', false],
        ['azure', 'Azure OpenAI', 'azure', false],
        ['xai', 'xAI', 'xai', false],
        ['mistral', 'Mistral', 'mistral', false],
        ['openrouter', 'OpenRouter', 'openrouter', false],
        ['groq', 'Groq', 'groq', false],
        ['deepseek', 'DeepSeek', 'deepseek', false],
        ['together', 'Together AI', 'together', false],
        ['fireworks', 'Fireworks AI', 'fireworks', false],
        ['nvidia', 'NVIDIA NIM', 'nvidia', false],
        ['huggingface', 'Hugging Face', 'huggingface', false],
        ['jina', 'Jina AI', 'jina', false],
        ['anthropic', 'Anthropic', 'anthropic', true],
        ['gemini', 'Gemini', 'gemini', false],
        ['bedrock', 'AWS Bedrock', 'bedrock', false],
        ['vertex_ai', 'Vertex AI', 'vertex_ai', false],
        ['litellm_proxy', 'LiteLLM proxy', 'litellm_proxy', false],
        // A vLLM or gateway behind a token, Ollama or LM Studio behind an authenticating proxy.
        ['lmstudio', 'LM Studio', 'lmstudio · optional, for a server behind a token', false],
        ['openai-compatible', 'OpenAI-compatible server', 'openai-compatible · optional, for a server behind a token', false],
        ['ollama', 'Ollama', 'ollama · optional, for a server behind a token', true],
        ['endpoint:lab', 'Lab', 'custom endpoint · http://gpu-box:8000/v1', true],
      ],
    );
  });

  it('finds whose key a model uses, and names owners for messages', () => {
    assert.deepStrictEqual(
      {
        owners: ['openai/gpt-4o', 'claude/claude-sonnet-4-5', 'lab/qwen', 'LAB/qwen', 'nosuch/x', 'bare'].map((model) => keyOwnerOfModel(config, model)),
        labels: ['openai', 'endpoint:lab', 'endpoint:gone'].map((owner) => keyOwnerLabel(config, owner)),
      },
      { owners: ['openai', 'anthropic', 'endpoint:lab', 'endpoint:lab', undefined, undefined], labels: ['OpenAI', 'Lab', 'gone'] },
    );
  });
});

describe('shell model picker', () => {
  const options: ModelOption[] = [
    { id: 'openai/gpt-4o-mini', label: 'gpt-4o-mini', provider: 'OpenAI', description: '128k context · $0.15 / $0.60 per 1M tokens', supportsVision: true },
    { id: 'openai/o3-mini', label: 'o3-mini', provider: 'OpenAI' },
    { id: 'lab/qwen', label: 'qwen', provider: 'lab' },
    { id: 'mock/echo', label: 'Mock (instant)', provider: 'Mock' },
  ];

  it('groups by provider with separators, describes each model and marks the current one', () => {
    assert.deepStrictEqual(modelPicks(options, 'openai/o3-mini', formatMessage), [
      { kind: 'separator', label: 'OpenAI' },
      { kind: 'model', id: 'openai/gpt-4o-mini', label: 'gpt-4o-mini', description: 'openai/gpt-4o-mini · 128k context · $0.15 / $0.60 per 1M tokens · images', picked: false },
      { kind: 'model', id: 'openai/o3-mini', label: 'o3-mini', description: 'openai/o3-mini', picked: true, detail: 'current model' },
      { kind: 'separator', label: 'lab' },
      { kind: 'model', id: 'lab/qwen', label: 'qwen', description: 'lab/qwen', picked: false },
      { kind: 'separator', label: 'Mock' },
      { kind: 'model', id: 'mock/echo', label: 'Mock (instant)', description: 'mock/echo', picked: false },
    ]);
  });

  it('narrowed to one provider (after its key was set), the current model stays in view', () => {
    assert.deepStrictEqual(
      modelPicks(options, 'mock/echo', formatMessage, 'lab').map((pick) => (pick.kind === 'model' ? pick.id : `— ${pick.label}`)),
      ['— lab', 'lab/qwen', '— Mock', 'mock/echo'],
    );
  });

  it('describes context windows and prices the way model cards do', () => {
    const info = (facts: Partial<ListedModel['info']>): ListedModel['info'] => ({ key: 'k', litellm_provider: 'p', known: true, ...facts });
    assert.deepStrictEqual(
      {
        tokens: [500, 8192, 32768, 128000, 131072, 200000, 1048576, 2000000].map(formatTokenCount),
        prices: [0, 1.5e-7, 2.5e-6, 7.5e-8, 6e-5].map(formatPricePerMillion),
        full: describeModel(info({ max_input_tokens: 200000, input_cost_per_token: 3e-6, output_cost_per_token: 1.5e-5 }), undefined, formatMessage),
        overridden: describeModel(info({}), 32768, formatMessage),
        nothing: describeModel(info({}), undefined, formatMessage),
      },
      {
        tokens: ['500', '8k', '32k', '128k', '128k', '200k', '1M', '2M'],
        prices: ['$0', '$0.15', '$2.50', '$0.075', '$60.00'],
        full: '200k context · $3.00 / $15.00 per 1M tokens',
        overridden: '32k context',
        nothing: undefined,
      },
    );
  });

  it('keeps chat models once each, and puts the current model first when no list has it', () => {
    const listed = (id: string, mode?: 'chat' | 'embedding'): ListedModel => {
      const [provider = '', model = ''] = id.split('/');
      return { id, provider, model, source: 'provider', info: mode === undefined ? { key: id, litellm_provider: provider, known: false } : { key: id, litellm_provider: provider, known: true, mode } };
    };
    const options = toModelOptions(
      [
        { prefix: 'openai', label: 'OpenAI', models: [listed('openai/gpt-x', 'chat'), listed('openai/embed-x', 'embedding'), listed('openai/gpt-x', 'chat')] },
        { prefix: 'lab', label: 'lab', models: [listed('lab/tuned')], supportsVision: false },
      ],
      'groq/llama-3.1-8b-instant',
      formatMessage,
    );
    assert.deepStrictEqual(options, [
      { id: 'groq/llama-3.1-8b-instant', label: 'llama-3.1-8b-instant', provider: 'groq' },
      { id: 'openai/gpt-x', label: 'gpt-x', provider: 'OpenAI' },
      { id: 'lab/tuned', label: 'tuned', provider: 'lab', supportsVision: false },
    ]);
  });
});

describe('shell editor context', () => {
  it('a selection becomes an attachment with its file, language and 1-based line range', () => {
    const source = { name: 'src/app.ts', languageId: 'typescript', text: 'const a = 1;\nconst b = 2;\n' };
    assert.deepStrictEqual(
      [
        selectionAttachment({ ...source, start: { line: 11, character: 0 }, end: { line: 13, character: 0 } }),
        selectionAttachment({ ...source, start: { line: 4, character: 2 }, end: { line: 4, character: 9 } }),
        selectionAttachment({ ...source, start: { line: 0, character: 0 }, end: { line: 2, character: 5 } }),
        selectionAttachment({ ...source, text: ' \n\t', start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }),
      ],
      [
        { ok: true, attachment: { kind: 'selection', name: 'src/app.ts', languageId: 'typescript', text: source.text, lines: '12-13' } },
        { ok: true, attachment: { kind: 'selection', name: 'src/app.ts', languageId: 'typescript', text: source.text, lines: '5' } },
        { ok: true, attachment: { kind: 'selection', name: 'src/app.ts', languageId: 'typescript', text: source.text, lines: '1-3' } },
        { ok: false, reason: 'empty' },
      ],
    );
  });

  it('a file becomes an attachment unless it is empty or larger than the protocol allows', () => {
    assert.deepStrictEqual(
      [
        fileAttachment({ name: 'README.md', languageId: 'markdown', text: '# Hi' }),
        fileAttachment({ name: 'big.log', languageId: 'log', text: 'x'.repeat(protocolLimits.attachmentTextLength + 1) }),
        fileAttachment({ name: 'empty.txt', languageId: 'plaintext', text: '' }),
      ],
      [{ ok: true, attachment: { kind: 'file', name: 'README.md', languageId: 'markdown', text: '# Hi' } }, { ok: false, reason: 'tooLarge' }, { ok: false, reason: 'empty' }],
    );
  });

  it('a fence language becomes a VS Code language id', () => {
    assert.deepStrictEqual(
      ['ts', 'TSX', 'py', 'sh', 'bash', 'c++', 'C#', 'yml', 'rust', 'python {linenos}', '', undefined, 'text'].map(languageIdForFence),
      ['typescript', 'typescriptreact', 'python', 'shellscript', 'shellscript', 'cpp', 'csharp', 'yaml', 'rust', 'python', 'plaintext', 'plaintext', 'plaintext'],
    );
  });

  it('an export is named after the title, safely on every file system', () => {
    assert.deepStrictEqual(
      ['Fix the build', 'a/b\\c:d*e?"f"<g>|h', 'CON', '...', '  trailing dots...  ', 'x'.repeat(200), 'tab\there\nnewline'].map(exportFileName),
      ['Fix the build.md', 'a b c d e f g h.md', 'conversation.md', 'conversation.md', 'trailing dots.md', `${'x'.repeat(80)}.md`, 'tab here newline.md'],
    );
  });
});
