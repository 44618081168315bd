/**
 * The `vscode-lm` provider: models other extensions give VS Code, used from Switchboard's chat.
 * The real extension's client and model service, with a fake `vscode.lm` (a LanguageModelChat-like
 * object per model): listing (never Switchboard's own vendor), message mapping out (system → User,
 * tool results), text and tool calls streamed back as OpenAI chunks, cancellation, errors, and the
 * listing that must not wait on itself.
 */

import assert from 'node:assert/strict';
import type { Message, ModelResponseChunk } from '../../src/core';
import type { LmMessage, LmPart } from '../../src/shell/lm/lmParts';
import { decodeDataUrl, toLmMessages } from '../../src/shell/lm/lmMessages';
import { isOfferedToVsCode } from '../../src/shell/lm/modelIds';
import { readModelAddress, splitVscodeLmModelId } from '../../src/shell/modelAddress';
import { createVscodeLmProvider, type LmChatModel, type LmHost, type LmRequestOptions } from '../../src/shell/lm/vscodeLmProvider';
import { useShellHarness, type ShellClient } from '../helpers/shellHarness';
import { closedPort, RecordingLog } from './shellFakes';

type Script = (signal: AbortSignal) => AsyncIterable<LmPart>;

interface SentRequest {
  model: string;
  messages: LmMessage[];
  options: LmRequestOptions;
}

/** `vscode.lm` with scripted models; records what was selected and sent. */
class FakeLm implements LmHost {
  readonly selections: ({ vendor?: string; id?: string } | undefined)[] = [];
  readonly sent: SentRequest[] = [];
  /** While set, `selectChatModels` waits for it (a vendor that is slow to answer). */
  gate: Promise<void> | undefined;
  models: LmChatModel[] = [];

  add(vendor: string, id: string, script: Script | Error, extra: Partial<LmChatModel> = {}): void {
    this.models.push({
      id,
      vendor,
      name: id.toUpperCase(),
      family: id,
      version: '1',
      maxInputTokens: 64_000,
      ...extra,
      sendRequest: async (messages, options, signal) => {
        this.sent.push({ model: `${vendor}/${id}`, messages, options });
        if (script instanceof Error) {
          throw script;
        }
        return script(signal);
      },
    });
  }

  async selectChatModels(selector?: { vendor?: string; id?: string }): Promise<readonly LmChatModel[]> {
    this.selections.push(selector);
    await this.gate;
    return this.models.filter((model) => (selector?.vendor === undefined || model.vendor === selector.vendor) && (selector?.id === undefined || model.id === selector.id));
  }
}

function languageModelError(code: string, message: string): Error {
  const error = new Error(message) as Error & { code: string };
  error.name = 'LanguageModelError';
  error.code = code;
  return error;
}

async function* parts(...items: LmPart[]): AsyncGenerator<LmPart> {
  yield* items;
}

async function drain(stream: AsyncIterable<ModelResponseChunk>): Promise<ModelResponseChunk[]> {
  const chunks: ModelResponseChunk[] = [];
  for await (const chunk of stream) {
    chunks.push(chunk);
  }
  return chunks;
}

describe('model ids across the VS Code border', () => {
  it('tells VS Code models, splits their ids, and offers VS Code neither those nor the mock', () => {
    assert.deepStrictEqual(
      {
        vscodeLm: ['vscode-lm/copilot/gpt-4o', ' VSCODE-LM/x/y', 'openai/gpt-4o', 'vscode-lmx/a'].map((model) => readModelAddress(model, []).kind === 'vscode-lm'),
        split: ['copilot/gpt-4o', 'copilot/a/b', 'copilot', '/x', 'copilot/'].map(splitVscodeLmModelId),
        offered: ['openai/gpt-4o', 'my-server/llama3', 'mock/echo', 'vscode-lm/copilot/gpt-4o', 'no-slash'].map(isOfferedToVsCode),
      },
      {
        vscodeLm: [true, true, false, false],
        split: [{ vendor: 'copilot', id: 'gpt-4o' }, { vendor: 'copilot', id: 'a/b' }, undefined, undefined, undefined],
        offered: [true, true, false, false, false],
      },
    );
  });
});

describe('OpenAI messages → vscode.lm messages', () => {
  it('maps system to a leading User message, tool calls parsed (arguments that are no JSON object sent as {}), tool results gathered, data-URL images', () => {
    const log = new RecordingLog();
    const messages: Message[] = [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw==' } }, { type: 'image_url', image_url: { url: 'https://example.com/a.png' } }], name: 'ada' },
      { role: 'assistant', content: null, tool_calls: [{ id: 'c1', type: 'function', function: { name: 'look', arguments: '{"at":"a.png"}' } }, { id: 'c2', type: 'function', function: { name: 'size', arguments: 'not json' } }, { id: 'c3', type: 'function', function: { name: 'list', arguments: '[1, 2]' } }] },
      { role: 'tool', tool_call_id: 'c1', content: 'a cat' },
      { role: 'tool', tool_call_id: 'c2', content: [{ type: 'text', text: '2 ' }, { type: 'text', text: 'kB' }] },
      { role: 'assistant', content: 'A cat.', reasoning_content: 'hidden' },
    ];
    assert.deepStrictEqual(
      { mapped: toLmMessages(messages, log), log: log.at('debug') },
      {
        mapped: [
          { role: 'user', parts: [{ kind: 'text', text: 'Be brief.' }] },
          { role: 'user', name: 'ada', parts: [{ kind: 'text', text: 'What is this?' }, { kind: 'data', mimeType: 'image/png', data: new Uint8Array([0x89, 0x50, 0x4e, 0x47]) }] },
          { role: 'assistant', parts: [{ kind: 'toolCall', callId: 'c1', name: 'look', input: { at: 'a.png' } }, { kind: 'toolCall', callId: 'c2', name: 'size', input: {} }, { kind: 'toolCall', callId: 'c3', name: 'list', input: {} }] },
          { role: 'user', parts: [{ kind: 'toolResult', callId: 'c1', content: [{ kind: 'text', text: 'a cat' }] }, { kind: 'toolResult', callId: 'c2', content: [{ kind: 'text', text: '2 kB' }] }] },
          { role: 'assistant', parts: [{ kind: 'text', text: 'A cat.' }] },
        ],
        log: [
          'vscode.lm: dropped an image given by URL; only data: URLs can be handed to VS Code.',
          'vscode.lm: the arguments of tool call c2 are not valid JSON; sent as {}.',
          'vscode.lm: the arguments of tool call c3 are not a JSON object; sent as {}.',
        ],
      },
    );
  });

  it('decodes base64 data URLs only', () => {
    assert.deepStrictEqual(
      ['data:image/jpeg;base64,/9j/', 'data:text/plain,hello', 'data:image/png;name=a.png;base64,AAE='].map(decodeDataUrl),
      [{ mimeType: 'image/jpeg', data: new Uint8Array([0xff, 0xd8, 0xff]) }, undefined, { mimeType: 'image/png', data: new Uint8Array([0, 1]) }],
    );
  });
});

describe('the vscode-lm provider through the configured client', () => {
  const shells = useShellHarness();

  /** The client with VS Code's models as its own provider; retries come a millisecond apart. */
  function setup(lm: FakeLm): ShellClient {
    const log = new RecordingLog();
    const provider = createVscodeLmProvider({ host: lm, log, justification: 'Switchboard asks', newId: () => 'fixed', now: () => 1_700_000_000_000 });
    return shells.client({ log, retry: { maxRetries: 2, initialDelaySeconds: 0.001, maxDelaySeconds: 0.001 }, providers: [provider] });
  }

  it("lists VS Code's models as vscode-lm/<vendor>/<id>, never Switchboard's own vendor", async () => {
    const lm = new FakeLm();
    lm.add('copilot', 'gpt-4o', () => parts(), { supportsImages: true, supportsTools: true });
    lm.add('switchboard', 'openai/gpt-4o', () => parts());
    lm.add('ollama-bridge', 'llama/3', () => parts(), { maxInputTokens: 0 });
    const { client } = setup(lm);
    const listed = await client.listModels('vscode-lm');
    assert.deepStrictEqual(
      listed.map((model) => ({ id: model.id, name: model.display_name, owner: model.owned_by, window: model.info.max_input_tokens, vision: model.info.supports_vision, tools: model.info.supports_function_calling, mode: model.info.mode })),
      [
        { id: 'vscode-lm/copilot/gpt-4o', name: 'GPT-4O (copilot)', owner: 'copilot', window: 64_000, vision: true, tools: true, mode: 'chat' },
        { id: 'vscode-lm/ollama-bridge/llama/3', name: 'LLAMA/3 (ollama-bridge)', owner: 'ollama-bridge', window: undefined, vision: undefined, tools: undefined, mode: 'chat' },
      ],
    );
  });

  it('streams text and whole tool calls as OpenAI chunks, sending the mapped messages, tools and the justification', async () => {
    const lm = new FakeLm();
    lm.add('copilot', 'gpt-4o', () => parts({ kind: 'text', text: 'Let me ' }, { kind: 'other', description: 'thinking part' }, { kind: 'text', text: 'check.' }, { kind: 'toolCall', callId: 't1', name: 'weather', input: { city: 'Oslo' } }, { kind: 'toolCall', callId: 't2', name: 'time', input: {} }));
    const harness = setup(lm);
    const client = harness.client;
    const stream = await client.stream({
      model: 'vscode-lm/copilot/gpt-4o',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Weather in Oslo?' },
      ],
      signal: new AbortController().signal,
    });
    const chunks = await drain(stream);
    assert.deepStrictEqual(
      {
        deltas: chunks.map((chunk) => [chunk.choices[0]?.delta, chunk.choices[0]?.finish_reason]),
        ids: [...new Set(chunks.map((chunk) => `${chunk.id} ${chunk.model} ${chunk.created}`))],
        usage: chunks.some((chunk) => chunk.usage !== undefined),
        sent: lm.sent,
        provider: stream._hidden_params.custom_llm_provider,
        log: harness.log.at('debug'),
      },
      {
        deltas: [
          [{ role: 'assistant', content: 'Let me ' }, null],
          [{ content: 'check.' }, null],
          [{ tool_calls: [{ index: 0, id: 't1', type: 'function', function: { name: 'weather', arguments: '{"city":"Oslo"}' } }] }, null],
          [{ tool_calls: [{ index: 1, id: 't2', type: 'function', function: { name: 'time', arguments: '{}' } }] }, null],
          [{}, 'tool_calls'],
        ],
        ids: ['chatcmpl-vscode-lm-fixed copilot/gpt-4o 1700000000'],
        usage: false,
        sent: [
          {
            model: 'copilot/gpt-4o',
            messages: [
              { role: 'user', parts: [{ kind: 'text', text: 'Be brief.' }] },
              { role: 'user', parts: [{ kind: 'text', text: 'Weather in Oslo?' }] },
            ],
            options: { justification: 'Switchboard asks', tools: [], toolMode: 'auto' },
          },
        ],
        provider: 'vscode-lm',
        log: ['vscode.lm: vscode-lm/copilot/gpt-4o sent a thinking part; not shown.'],
      },
    );
  });

  it('answers without streaming too, and passes tools with the tool mode', async () => {
    const lm = new FakeLm();
    lm.add('copilot', 'gpt-4o', () => parts({ kind: 'text', text: 'Sunny.' }));
    const { client } = setup(lm);
    const tools = [
      { type: 'function' as const, function: { name: 'weather', description: 'Weather', parameters: { type: 'object' } } },
      { type: 'function' as const, function: { name: 'time' } },
    ];
    const whole = await client.completion({ model: 'vscode-lm/copilot/gpt-4o', messages: [{ role: 'user', content: 'Hi' }], tools, tool_choice: { type: 'function', function: { name: 'time' } } });
    await client.completion({ model: 'vscode-lm/copilot/gpt-4o', messages: [{ role: 'user', content: 'Hi' }], tools, tool_choice: 'none' });
    assert.deepStrictEqual(
      { message: whole.choices[0]?.message, finish: whole.choices[0]?.finish_reason, usage: whole.usage, options: lm.sent.map((sent) => sent.options) },
      {
        message: { role: 'assistant', content: 'Sunny.' },
        finish: 'stop',
        usage: undefined,
        options: [
          { justification: 'Switchboard asks', tools: [{ name: 'time', description: '' }], toolMode: 'required' },
          { justification: 'Switchboard asks', tools: [], toolMode: 'auto' },
        ],
      },
    );
  });

  it('cancels: the abort reaches the model, the stream ends at once, quietly, with the text so far', async () => {
    const lm = new FakeLm();
    const events: string[] = [];
    let modelSignal: AbortSignal | undefined;
    lm.add('copilot', 'gpt-4o', async function* (signal) {
      modelSignal = signal;
      try {
        yield { kind: 'text', text: 'One ' };
        // A slow model: it notices the cancel 50 ms late, and the read must not wait for it.
        await new Promise<void>((resolve) => signal.addEventListener('abort', () => setTimeout(resolve, 50), { once: true }));
      } finally {
        events.push('model closed');
      }
    });
    const { client } = setup(lm);
    const controller = new AbortController();
    const stream = await client.stream({ model: 'vscode-lm/copilot/gpt-4o', messages: [{ role: 'user', content: 'Count' }], signal: controller.signal });
    const texts: string[] = [];
    for await (const chunk of stream) {
      texts.push(chunk.choices[0]?.delta.content ?? '');
      setTimeout(() => controller.abort(), 10);
    }
    events.push('stream ended');
    await new Promise((resolve) => setTimeout(resolve, 80));
    assert.deepStrictEqual(
      { texts, modelAborted: modelSignal?.aborted, events, partial: stream.response().choices[0]?.message.content },
      { texts: ['One '], modelAborted: true, events: ['stream ended', 'model closed'], partial: 'One ' },
    );
  });

  it("turns VS Code's errors into the core's, retrying none of them, and refuses its own vendor and unknown models", async () => {
    const lm = new FakeLm();
    lm.add('copilot', 'denied', languageModelError('NoPermissions', 'The user declined.'));
    lm.add('copilot', 'gone', languageModelError('NotFound', 'Unknown model.'));
    lm.add('copilot', 'quota', languageModelError('Blocked', 'Quota exceeded.'));
    lm.add('copilot', 'broken', new Error('socket hang up'));
    lm.add('copilot', 'midway', async function* () {
      yield { kind: 'text', text: 'Half' };
      throw languageModelError('', 'Stream broke.');
    });
    const { client } = setup(lm);
    const failures: Record<string, unknown>[] = [];
    for (const model of ['denied', 'gone', 'quota', 'broken', 'midway', 'absent'].map((id) => `vscode-lm/copilot/${id}`).concat('vscode-lm/switchboard/openai/gpt-4o', 'vscode-lm/copilot')) {
      try {
        await drain(await client.stream({ model, messages: [{ role: 'user', content: 'Hi' }], signal: new AbortController().signal }));
        failures.push({ model, error: 'none' });
      } catch (error) {
        const typed = error as { name: string; status_code: number; llm_provider: string; message: string; retryable: boolean; partial_response?: { choices: { message: { content: string } }[] } };
        failures.push({ model, name: typed.name, status: typed.status_code, provider: typed.llm_provider, retryable: typed.retryable, message: typed.message, partial: typed.partial_response?.choices[0]?.message.content });
      }
    }
    assert.deepStrictEqual(
      { failures, attempts: lm.sent.map((sent) => sent.model) },
      {
        failures: [
          { model: 'vscode-lm/copilot/denied', name: 'PermissionDeniedError', status: 403, provider: 'vscode-lm', retryable: false, message: 'VS Code did not allow Switchboard to use vscode-lm/copilot/denied (The user declined.). Allow it when VS Code asks, or pick another model.', partial: undefined },
          { model: 'vscode-lm/copilot/gone', name: 'NotFoundError', status: 404, provider: 'vscode-lm', retryable: false, message: 'VS Code no longer offers vscode-lm/copilot/gone (Unknown model.). Pick another model.', partial: undefined },
          { model: 'vscode-lm/copilot/quota', name: 'RateLimitError', status: 429, provider: 'vscode-lm', retryable: false, message: 'VS Code blocked the request to vscode-lm/copilot/quota (Quota exceeded.).', partial: undefined },
          { model: 'vscode-lm/copilot/broken', name: 'APIError', status: 500, provider: 'vscode-lm', retryable: false, message: 'vscode-lm/copilot/broken failed: socket hang up', partial: undefined },
          { model: 'vscode-lm/copilot/midway', name: 'APIError', status: 500, provider: 'vscode-lm', retryable: false, message: 'vscode-lm/copilot/midway failed: Stream broke.', partial: 'Half' },
          { model: 'vscode-lm/copilot/absent', name: 'NotFoundError', status: 404, provider: 'vscode-lm', retryable: false, message: "VS Code offers no model 'absent' from 'copilot' now. Pick another model.", partial: undefined },
          { model: 'vscode-lm/switchboard/openai/gpt-4o', name: 'BadRequestError', status: 400, provider: 'vscode-lm', retryable: false, message: "'vscode-lm/switchboard/openai/gpt-4o' is Switchboard's own model offered to VS Code; use 'openai/gpt-4o' directly.", partial: undefined },
          { model: 'vscode-lm/copilot', name: 'BadRequestError', status: 400, provider: 'vscode-lm', retryable: false, message: "A VS Code model is written 'vscode-lm/<vendor>/<model id>'; got 'vscode-lm/copilot'.", partial: undefined },
        ],
        attempts: ['copilot/denied', 'copilot/gone', 'copilot/quota', 'copilot/broken', 'copilot/midway'],
      },
    );
  });
});

describe("the chat's model list with VS Code's models", () => {
  const shells = useShellHarness();

  it("lists them after the configured ones, without the configured list ever waiting for VS Code's", async () => {
    const nowhere = await closedPort();
    const settings = { providers: { ollama: { baseUrl: nowhere }, lmstudio: { baseUrl: `${nowhere}/v1` } } };
    const log = new RecordingLog();
    const lm = new FakeLm();
    lm.add('copilot', 'gpt-4o', () => parts(), { supportsImages: true });
    lm.add('switchboard', 'mock/echo', () => parts());
    let release: () => void = () => undefined;
    lm.gate = new Promise<void>((resolve) => (release = resolve));
    const provider = createVscodeLmProvider({ host: lm, log, justification: 'Switchboard asks' });
    const { models } = shells.models({ settings, log, providers: [provider] });
    // VS Code, asked for its models, asks Switchboard's vendor, which waits for the configured list only.
    const configured = (await models.configuredGroups()).map((group) => group.prefix);
    const whileWaiting = models.options().map((option) => option.id);
    release();
    await models.whenListed();
    const listed = models.options().map((option) => `${option.provider}: ${option.id}`);
    lm.add('copilot', 'o3', () => parts());
    models.ownProvidersChanged();
    await models.whenListed();
    assert.deepStrictEqual(
      { configured, whileWaiting, listed, after: models.options().map((option) => option.id), vision: models.supportsVision('vscode-lm/copilot/gpt-4o') },
      {
        configured: ['mock'],
        whileWaiting: ['mock/echo', 'mock/typewriter'],
        listed: ['Mock: mock/echo', 'Mock: mock/typewriter', 'VS Code: vscode-lm/copilot/gpt-4o'],
        after: ['mock/echo', 'mock/typewriter', 'vscode-lm/copilot/gpt-4o', 'vscode-lm/copilot/o3'],
        vision: true,
      },
    );
  });
});
