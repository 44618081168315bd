/**
 * The `switchboard` vendor's request mapping: VS Code's messages and parts → OpenAI messages,
 * tools and tool mode → `tools`/`tool_choice`, model options → parameters, and the model's target
 * laid over them. Plain data in, plain data out (the vscode classes are built in a thin file).
 */

import assert from 'node:assert/strict';
import type { LmMessage } from '../../src/shell/lm/lmParts';
import { toOpenAiMessages } from '../../src/shell/lm/requestMessages';
import { requestOptionParams } from '../../src/shell/lm/requestOptions';
import { vendorCompletionParams } from '../../src/shell/lm/vendorRequest';
import { RecordingLog } from './shellFakes';

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** A tool loop as VS Code hands it over: instructions, a question with a screenshot, a call, its result. */
const toolLoop: LmMessage[] = [
  { role: 'system', parts: [{ kind: 'text', text: 'Be brief.' }] },
  {
    role: 'user',
    parts: [
      { kind: 'text', text: 'What is the ' },
      { kind: 'text', text: 'weather?' },
      { kind: 'data', mimeType: 'image/png', data: png },
    ],
    name: 'ada',
  },
  {
    role: 'assistant',
    parts: [
      { kind: 'text', text: 'Let me look.' },
      { kind: 'toolCall', callId: 'call_1', name: 'get_weather', input: { city: 'Edinburgh' } },
      { kind: 'toolCall', callId: 'call_2', name: 'get_time', input: {} },
    ],
  },
  {
    role: 'user',
    parts: [
      { kind: 'toolResult', callId: 'call_1', content: [{ kind: 'text', text: '12' }, { kind: 'text', text: ' °C' }] },
      { kind: 'toolResult', callId: 'call_2', content: [{ kind: 'data', mimeType: 'application/json', data: utf8('{"time":"09:00"}') }, { kind: 'other', description: 'prompt-tsx part' }] },
      { kind: 'text', text: 'And tomorrow?' },
    ],
  },
];

describe('vscode.lm requests → OpenAI messages', () => {
  it('maps a tool loop: system, text joined, images as data URLs, tool calls, tool results first', () => {
    const log = new RecordingLog();
    assert.deepStrictEqual(toOpenAiMessages(toolLoop, { vision: true, log }), [
      { role: 'system', content: 'Be brief.' },
      {
        role: 'user',
        name: 'ada',
        content: [
          { type: 'text', text: 'What is the weather?' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw==' } },
        ],
      },
      {
        role: 'assistant',
        content: 'Let me look.',
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Edinburgh"}' } },
          { id: 'call_2', type: 'function', function: { name: 'get_time', arguments: '{}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '12 °C' },
      { role: 'tool', tool_call_id: 'call_2', content: '{"time":"09:00"}' },
      { role: 'user', content: 'And tomorrow?' },
    ]);
    assert.deepStrictEqual(log.at('debug'), ['vscode.lm: dropped a prompt-tsx part in a tool result.']);
  });

  it('drops images for a model without vision, and data it cannot read, saying so; a turn left empty is skipped', () => {
    const log = new RecordingLog();
    const messages: LmMessage[] = [
      { role: 'user', parts: [{ kind: 'data', mimeType: 'image/jpeg', data: png }, { kind: 'text', text: 'Describe it.' }] },
      { role: 'user', parts: [{ kind: 'data', mimeType: 'cache_control', data: utf8('ephemeral') }] },
      { role: 'assistant', parts: [{ kind: 'other', description: 'thinking part' }] },
      { role: 'assistant', parts: [{ kind: 'toolCall', callId: 'c', name: 'noop', input: {} }] },
    ];
    assert.deepStrictEqual(
      { messages: toOpenAiMessages(messages, { vision: false, log }), log: log.at('debug') },
      {
        messages: [
          { role: 'user', content: 'Describe it.' },
          { role: 'assistant', content: null, tool_calls: [{ id: 'c', type: 'function', function: { name: 'noop', arguments: '{}' } }] },
        ],
        log: [
          'vscode.lm: dropped an image (image/jpeg): the model does not take images.',
          'vscode.lm: dropped a data part (cache_control) in a user message.',
          'vscode.lm: dropped a thinking part in an assistant message.',
        ],
      },
    );
  });
});

describe('vscode.lm request options → OpenAI parameters', () => {
  const tools = [
    { name: 'get_weather', description: 'Weather for a city', inputSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } },
    { name: 'now', description: 'The time', inputSchema: {} },
    { name: 'ping', description: 'No schema' },
  ];

  it('maps tools, Required mode and the model options that have an OpenAI meaning', () => {
    const log = new RecordingLog();
    const params = requestOptionParams(
      { tools, toolMode: 'required', modelOptions: { temperature: 0.2, max_tokens: 300, stop: ['END'], reasoning_effort: 'low', seed: 7, top_k: 40, temperature_bad: 'x', max_completion_tokens: 'many' } },
      log,
    );
    assert.deepStrictEqual(
      { params, log: log.at('debug') },
      {
        params: {
          tools: [
            { type: 'function', function: { name: 'get_weather', description: 'Weather for a city', parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] } } },
            { type: 'function', function: { name: 'now', description: 'The time' } },
            { type: 'function', function: { name: 'ping', description: 'No schema' } },
          ],
          tool_choice: 'required',
          temperature: 0.2,
          max_tokens: 300,
          stop: ['END'],
          reasoning_effort: 'low',
          seed: 7,
        },
        log: [
          "vscode.lm: model option 'top_k' has no OpenAI meaning here; dropped.",
          "vscode.lm: model option 'temperature_bad' has no OpenAI meaning here; dropped.",
          "vscode.lm: model option 'max_completion_tokens' has no OpenAI meaning here; dropped.",
        ],
      },
    );
  });

  it('leaves tool_choice to the provider in Auto mode, and sends no tools when there are none', () => {
    const log = new RecordingLog();
    assert.deepStrictEqual(
      [requestOptionParams({ tools: tools.slice(2), toolMode: 'auto' }, log), requestOptionParams({ tools: [], toolMode: 'required' }, log), requestOptionParams({ toolMode: 'auto' }, log)],
      [{ tools: [{ type: 'function', function: { name: 'ping', description: 'No schema' } }] }, {}, {}],
    );
  });

  it("lays the model's target over the request, so a custom endpoint's base URL and key win", () => {
    const signal = new AbortController().signal;
    const params = vendorCompletionParams(
      {
        vision: false,
        messages: [{ role: 'user', parts: [{ kind: 'text', text: 'hi' }] }],
        toolMode: 'auto',
        modelOptions: { temperature: 1 },
        target: { model: 'openai-compatible/llama3', options: { api_base: 'http://127.0.0.1:9/v1', api_key: '', extra_headers: { 'x-team': 'a' } } },
        signal,
      },
      new RecordingLog(),
    );
    assert.deepStrictEqual(params, {
      temperature: 1,
      messages: [{ role: 'user', content: 'hi' }],
      api_base: 'http://127.0.0.1:9/v1',
      api_key: '',
      extra_headers: { 'x-team': 'a' },
      model: 'openai-compatible/llama3',
      signal,
      stream: true,
    });
  });
});
