/**
 * What the `switchboard` vendor tells VS Code: its models (the configured ones only, with the
 * catalogue's facts and the settings' overrides — never the mock, never VS Code's own), its token
 * counts (a real tokenizer, OpenAI's per-message overhead), and its errors.
 */

import assert from 'node:assert/strict';
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  catalogueModels,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  type ListedModel,
} from '../../src/core';
import { formatMessage } from '../../src/shell/chat/localize';
import { vendorErrorOf } from '../../src/shell/lm/errorMapping';
import type { LmMessage } from '../../src/shell/lm/lmParts';
import { tokensPerImage } from '../../src/protocol/messages';
import { countMessageTokens, TokenCounter, type TextCounter } from '../../src/shell/lm/tokenCount';
import { vendorModels } from '../../src/shell/lm/vendorModels';
import type { ModelGroup } from '../../src/shell/modelOptions';

function catalogued(provider: string, model: string): ListedModel {
  const found = catalogueModels(provider).find((entry) => entry.model === model);
  assert.ok(found !== undefined, `${provider}/${model} is in the catalogue`);
  return found;
}

function unknown(provider: string, model: string, display_name?: string): ListedModel {
  const listed: ListedModel = { id: `${provider}/${model}`, provider, model, source: 'configuration', info: { key: `${provider}/${model}`, litellm_provider: provider, known: false } };
  if (display_name !== undefined) {
    listed.display_name = display_name;
  }
  return listed;
}

describe("the switchboard vendor's models", () => {
  it('offers the configured chat models with the catalogue facts and settings, never mock or vscode-lm ones', () => {
    const groups: ModelGroup[] = [
      { prefix: 'openai', label: 'OpenAI', models: [catalogued('openai', 'gpt-4o-mini'), catalogued('openai', 'text-embedding-3-small')] },
      { prefix: 'anthropic', label: 'Anthropic', models: [catalogued('anthropic', 'claude-sonnet-4-5')] },
      { prefix: 'ollama', label: 'Ollama', models: [catalogued('ollama', 'llama3.2')] },
      { prefix: 'my-server', label: 'my-server', contextWindow: 32_768, supportsVision: true, models: [unknown('my-server', 'qwen2.5-coder', 'Qwen Coder')] },
      { prefix: 'lmstudio', label: 'LM Studio', models: [unknown('lmstudio', 'mystery')] },
      { prefix: 'mock', label: 'Mock', models: [unknown('mock', 'echo')] },
      { prefix: 'vscode-lm', label: 'VS Code', models: [unknown('vscode-lm', 'copilot/gpt-4o')] },
      { prefix: 'openai', label: 'OpenAI', models: [catalogued('openai', 'gpt-4o-mini')] },
    ];
    assert.deepStrictEqual(vendorModels(groups, formatMessage), [
      {
        id: 'openai/gpt-4o-mini',
        name: 'gpt-4o-mini',
        family: 'gpt-4o-mini',
        version: 'gpt-4o-mini',
        detail: 'OpenAI',
        tooltip: 'openai/gpt-4o-mini · 128k context · $0.15 / $0.60 per 1M tokens',
        maxInputTokens: 128_000,
        maxOutputTokens: 16_384,
        capabilities: { imageInput: true, toolCalling: true },
      },
      {
        id: 'anthropic/claude-sonnet-4-5',
        name: 'claude-sonnet-4-5',
        family: 'claude-sonnet-4-5',
        version: 'claude-sonnet-4-5',
        detail: 'Anthropic',
        tooltip: 'anthropic/claude-sonnet-4-5 · 200k context · $3.00 / $15.00 per 1M tokens',
        maxInputTokens: 200_000,
        maxOutputTokens: 64_000,
        capabilities: { imageInput: true, toolCalling: true },
      },
      {
        id: 'ollama/llama3.2',
        name: 'llama3.2',
        family: 'llama3.2',
        version: 'llama3.2',
        detail: 'Ollama',
        tooltip: 'ollama/llama3.2 · 128k context',
        maxInputTokens: 131_072,
        maxOutputTokens: 4_096,
        capabilities: { imageInput: false, toolCalling: true },
      },
      {
        id: 'my-server/qwen2.5-coder',
        name: 'Qwen Coder',
        family: 'qwen2.5-coder',
        version: 'qwen2.5-coder',
        detail: 'my-server',
        tooltip: 'my-server/qwen2.5-coder · 32k context',
        maxInputTokens: 32_768,
        maxOutputTokens: 4_096,
        capabilities: { imageInput: true, toolCalling: true },
      },
      {
        id: 'lmstudio/mystery',
        name: 'mystery',
        family: 'mystery',
        version: 'mystery',
        detail: 'LM Studio',
        tooltip: 'lmstudio/mystery',
        maxInputTokens: 8_192,
        maxOutputTokens: 4_096,
        capabilities: { imageInput: false, toolCalling: true },
      },
    ]);
  });
});

describe("the switchboard vendor's token counts", () => {
  const counter = new TokenCounter();

  it("counts texts with o200k_base as gpt-tokenizer's own tests do, special-token text as plain text", async () => {
    const texts = ['This is some text', 'hello 👋 world 🌍', 'hello, I am a text, and I have commas. a,b,c', '<|endoftext|> hi', ''];
    assert.deepStrictEqual(await Promise.all(texts.map((text) => counter.count(text))), [4, 6, 15, 8, 0]);
  });

  it("counts messages as OpenAI does: OpenAI's cookbook example comes to its 124 prompt tokens with the reply's 3", async () => {
    // "How to count tokens with tiktoken" (OpenAI Cookbook): gpt-4o counts 124 prompt tokens.
    const cookbook: LmMessage[] = [
      { role: 'system', parts: [{ kind: 'text', text: 'You are a helpful, pattern-following assistant that translates corporate jargon into plain English.' }] },
      { role: 'system', name: 'example_user', parts: [{ kind: 'text', text: 'New synergies will help drive top-line growth.' }] },
      { role: 'system', name: 'example_assistant', parts: [{ kind: 'text', text: 'Things working well together will increase revenue.' }] },
      { role: 'system', name: 'example_user', parts: [{ kind: 'text', text: "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage." }] },
      { role: 'system', name: 'example_assistant', parts: [{ kind: 'text', text: "Let's talk later when we're less busy about how to do better." }] },
      { role: 'user', parts: [{ kind: 'text', text: "This late pivot means we don't have time to boil the ocean for the client deliverable." }] },
    ];
    const perMessage = await Promise.all(cookbook.map((message) => counter.count(message)));
    assert.deepStrictEqual(perMessage.reduce((sum, count) => sum + count, 0) + 3, 124);
  });

  it('counts tool calls, tool results, textual data and images; other parts cost nothing', () => {
    // Words as tokens: the arithmetic is visible.
    const words: TextCounter = (text) => text.split(/\s+/).filter((word) => word.length > 0).length;
    const message: LmMessage = {
      role: 'assistant',
      parts: [
        { kind: 'text', text: 'one two' },
        { kind: 'toolCall', callId: 'c', name: 'look up', input: { a: 'b c' } },
        { kind: 'toolResult', callId: 'c', content: [{ kind: 'text', text: 'three' }, { kind: 'data', mimeType: 'text/plain', data: new TextEncoder().encode('four five') }] },
        { kind: 'data', mimeType: 'image/png', data: new Uint8Array(4) },
        { kind: 'data', mimeType: 'cache_control', data: new TextEncoder().encode('ephemeral') },
        { kind: 'other', description: 'thinking part' },
      ],
    };
    // 3 overhead + 1 role + 2 text + (2 name + 2 arguments) + 3 result + one image.
    assert.deepStrictEqual(countMessageTokens(message, words), 3 + 1 + 2 + 4 + 3 + tokensPerImage);
  });

  it('loads the tokenizer on the first count only, and again after a failed load', async () => {
    const loads: string[] = [];
    let fail = true;
    const lazy = new TokenCounter(async () => {
      loads.push(fail ? 'failed' : 'loaded');
      if (fail) {
        fail = false;
        throw new Error('no table');
      }
      return (text) => text.length;
    });
    const before = lazy.loadStarted;
    const first = await lazy.count('abc').catch((error: Error) => error.message);
    const counts = [await lazy.count('abcd'), await lazy.count('ab')];
    assert.deepStrictEqual({ before, first, counts, loads }, { before: false, first: 'no table', counts: [4, 2], loads: ['failed', 'loaded'] });
  });
});

describe("the switchboard vendor's errors", () => {
  it("maps the core's errors to VS Code's kinds where one means the same, else keeps name and message", () => {
    const init = { message: 'detail', llm_provider: 'openai' };
    assert.deepStrictEqual(
      [
        new AuthenticationError(init),
        new PermissionDeniedError(init),
        new NotFoundError(init),
        new RateLimitError(init),
        new BadRequestError(init),
        new APIError(init),
        new Error("The model's arguments for the tool 'x' are not valid JSON."),
        'text',
      ].map(vendorErrorOf),
      [
        { kind: 'NoPermissions', name: 'AuthenticationError', message: 'detail' },
        { kind: 'NoPermissions', name: 'PermissionDeniedError', message: 'detail' },
        { kind: 'NotFound', name: 'NotFoundError', message: 'detail' },
        { kind: 'Blocked', name: 'RateLimitError', message: 'detail' },
        { kind: undefined, name: 'BadRequestError', message: 'detail' },
        { kind: undefined, name: 'APIError', message: 'detail' },
        { kind: undefined, name: 'Error', message: "The model's arguments for the tool 'x' are not valid JSON." },
        { kind: undefined, name: 'Error', message: 'text' },
      ],
    );
  });
});
