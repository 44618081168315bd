/**
 * What reaches Gemini's wire for a call: contents and roles, system instructions, merged turns,
 * images, tools with their schemas cut to Gemini's subset, tool choice, generation and thinking
 * settings, `extra_body`. (The tool-use round trip is in geminiToolLoop.test.ts.)
 */

import assert from 'node:assert/strict';
import type { Client, CompletionParams, Message } from '../../src/core';
import { loadFixture } from '../helpers/fixtures';
import { useHarness } from '../helpers/llmHarness';
import type { RecordedRequest, WireServer } from '../helpers/wireServer';
import { assertKeyOnlyInHeader, geminiCall, geminiKey } from './geminiHelpers';

const answer = loadFixture('gemini/generate_content_text_safety_ratings');

type Body = Record<string, unknown>;

describe('Gemini wire: the request', () => {
  const harness = useHarness({ retry: { maxRetries: 0 } });
  let client: Client;
  let server: WireServer;
  beforeEach(async () => {
    client = harness.client();
    server = await harness.server(() => answer.reply());
  });

  /** The body Gemini received for a call with `extra`. */
  async function sent(extra: Partial<CompletionParams> & { stream?: false }): Promise<Body> {
    await client.completion(geminiCall(server, extra));
    const request = server.requests[server.requests.length - 1] as RecordedRequest;
    assertKeyOnlyInHeader(request);
    return request.json as Body;
  }

  it('maps roles, lifts system and developer messages, merges turns and sends images', async () => {
    const messages: Message[] = [
      { role: 'system', content: 'You are terse.' },
      { role: 'developer', content: [{ type: 'text', text: 'Answer in French.' }] },
      {
        role: 'user',
        content: [
          { type: 'text', text: 'What is in these pictures?' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
          { type: 'image_url', image_url: { url: 'https://example.com/photos/cat.JPG?size=large' } },
          { type: 'image_url', image_url: { url: 'https://generativelanguage.googleapis.com/v1beta/files/abc123' } },
        ],
      },
      { role: 'user', content: 'Be brief.' },
      { role: 'assistant', content: 'Un chat.' },
      { role: 'assistant', content: [{ type: 'text', text: ' Et un chien.' }] },
      { role: 'user', content: 'Merci' },
    ];
    assert.deepStrictEqual(await sent({ messages }), {
      systemInstruction: { parts: [{ text: 'You are terse.' }, { text: 'Answer in French.' }] },
      contents: [
        {
          role: 'user',
          parts: [
            { text: 'What is in these pictures?' },
            { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
            { fileData: { fileUri: 'https://example.com/photos/cat.JPG?size=large', mimeType: 'image/jpeg' } },
            { fileData: { fileUri: 'https://generativelanguage.googleapis.com/v1beta/files/abc123' } },
            { text: 'Be brief.' },
          ],
        },
        { role: 'model', parts: [{ text: 'Un chat.' }, { text: ' Et un chien.' }] },
        { role: 'user', parts: [{ text: 'Merci' }] },
      ],
    });
  });

  it('a conversation of instructions only becomes the user turn', async () => {
    assert.deepStrictEqual(await sent({ messages: [{ role: 'system', content: 'Say hi.' }] }), { contents: [{ role: 'user', parts: [{ text: 'Say hi.' }] }] });
  });

  it('maps generation settings to generationConfig', async () => {
    const body = await sent({
      temperature: 0.3,
      top_p: 0.9,
      max_tokens: 100,
      max_completion_tokens: 200,
      stop: 'END',
      n: 1,
      seed: 42,
      presence_penalty: 0.5,
      frequency_penalty: 0.25,
      response_format: { type: 'json_schema', json_schema: { name: 'city', schema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'], additionalProperties: false } } },
      user: 'someone',
      parallel_tool_calls: true,
    });
    assert.deepStrictEqual(body['generationConfig'], {
      temperature: 0.3,
      topP: 0.9,
      maxOutputTokens: 200,
      stopSequences: ['END'],
      candidateCount: 1,
      seed: 42,
      presencePenalty: 0.5,
      frequencyPenalty: 0.25,
      responseMimeType: 'application/json',
      responseJsonSchema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'], additionalProperties: false },
    });
    assert.deepStrictEqual(Object.keys(body).sort(), ['contents', 'generationConfig']);
    assert.deepStrictEqual((await sent({ response_format: { type: 'json_object' }, stop: ['a', 'b'] }))['generationConfig'], { responseMimeType: 'application/json', stopSequences: ['a', 'b'] });
  });

  it('maps reasoning_effort and thinking to thinkingConfig (budgets for 2.x, levels for 3)', async () => {
    const cases: [string, Partial<CompletionParams> & { stream?: false }, unknown][] = [
      ['gemini-2.5-flash', { reasoning_effort: 'low' }, { thinkingBudget: 1024, includeThoughts: true }],
      ['gemini-2.5-flash', { reasoning_effort: 'medium' }, { thinkingBudget: 2048, includeThoughts: true }],
      ['gemini-2.5-pro', { reasoning_effort: 'high' }, { thinkingBudget: 4096, includeThoughts: true }],
      ['gemini-2.5-flash', { reasoning_effort: 'none' }, { thinkingBudget: 0 }],
      ['gemini-2.5-pro', { reasoning_effort: 'minimal' }, { thinkingBudget: 128, includeThoughts: true }],
      ['gemini-2.5-flash-lite', { reasoning_effort: 'minimal' }, { thinkingBudget: 512, includeThoughts: true }],
      ['gemini-2.5-flash', { thinking: { type: 'enabled', budget_tokens: 3000 } }, { thinkingBudget: 3000, includeThoughts: true }],
      ['gemini-2.5-flash', { thinking: { type: 'disabled' } }, { thinkingBudget: 0 }],
      ['gemini-3-pro-preview', { reasoning_effort: 'low' }, { thinkingLevel: 'low', includeThoughts: true }],
      ['gemini-3-pro-preview', { reasoning_effort: 'medium' }, { thinkingLevel: 'high', includeThoughts: true }],
      ['gemini-3-flash-preview', { reasoning_effort: 'minimal' }, { thinkingLevel: 'minimal', includeThoughts: true }],
      ['gemini-3-flash-preview', { reasoning_effort: 'none' }, { thinkingLevel: 'minimal', includeThoughts: false }],
    ];
    const seen: unknown[] = [];
    for (const [model, extra] of cases) {
      const body = await sent({ model: `gemini/${model}`, ...extra });
      seen.push((body['generationConfig'] as Body | undefined)?.['thinkingConfig']);
      assert.equal(server.requests[server.requests.length - 1]?.url, `/v1beta/models/${model}:generateContent`);
    }
    assert.deepStrictEqual(seen, cases.map(([, , expected]) => expected));
  });

  it('Gemini 3 gets no penalties (it rejects them)', async () => {
    const body = await sent({ model: 'gemini/gemini-3-pro-preview', presence_penalty: 0.5, frequency_penalty: 0.5, temperature: 1 });
    assert.deepStrictEqual(body['generationConfig'], { temperature: 1 });
  });

  it('sends tools as functionDeclarations with the schema cut to what Gemini accepts', async () => {
    const parameters = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      title: 'Args',
      type: 'object',
      additionalProperties: false,
      $defs: {
        Unit: { type: 'string', enum: ['celsius', 'fahrenheit'], description: 'Temperature unit' },
        Place: { type: 'object', properties: { city: { type: 'string', minLength: 1 }, near: { $ref: '#/$defs/Place' } }, required: ['city'] },
      },
      properties: {
        place: { $ref: '#/$defs/Place' },
        unit: { $ref: '#/$defs/Unit', default: 'celsius' },
        when: { type: 'string', format: 'date-time', examples: ['2025-01-01T00:00:00Z'] },
        email: { type: 'string', format: 'email' },
        days: { type: ['integer', 'null'], minimum: 1, maximum: 10, format: 'int32' },
        note: { anyOf: [{ type: 'string' }, { type: 'null' }], description: 'A note' },
        shape: { oneOf: [{ type: 'string' }, { type: 'number' }] },
        kind: { const: 'forecast' },
        level: { type: 'integer', enum: [1, 2, 3] },
        tags: { type: 'array', items: { type: 'string', pattern: '^[a-z]+$' }, uniqueItems: true, maxItems: 5 },
        extra: { allOf: [{ type: 'object', properties: { a: { type: 'string' } }, required: ['a'] }, { properties: { b: { type: 'number' } } }] },
      },
      required: ['place', 'missing'],
    };
    const body = await sent({
      tools: [
        { type: 'function', function: { name: 'get_weather', description: 'Weather for a place', parameters, strict: true } },
        { type: 'function', function: { name: 'get_time', parameters: { type: 'object', properties: {} } } },
      ],
      tool_choice: 'auto',
    });
    const place = { type: 'object', properties: { city: { type: 'string', minLength: 1 }, near: { type: 'object' } }, required: ['city'] };
    assert.deepStrictEqual(body['tools'], [
      {
        functionDeclarations: [
          {
            name: 'get_weather',
            description: 'Weather for a place',
            parameters: {
              type: 'object',
              properties: {
                place,
                unit: { type: 'string', enum: ['celsius', 'fahrenheit'], description: 'Temperature unit' },
                when: { type: 'string', format: 'date-time' },
                email: { type: 'string' },
                days: { type: 'integer', format: 'int32', minimum: 1, maximum: 10, nullable: true },
                note: { type: 'string', description: 'A note', nullable: true },
                shape: { anyOf: [{ type: 'string' }, { type: 'number' }] },
                kind: { enum: ['forecast'] },
                level: { type: 'integer' },
                tags: { type: 'array', items: { type: 'string', pattern: '^[a-z]+$' }, maxItems: 5 },
                extra: { type: 'object', properties: { a: { type: 'string' }, b: { type: 'number' } }, required: ['a'] },
              },
              required: ['place'],
            },
          },
          // No arguments: Gemini rejects an object without properties, so no parameters at all.
          { name: 'get_time' },
        ],
      },
    ]);
    assert.deepStrictEqual(body['toolConfig'], { functionCallingConfig: { mode: 'AUTO' } });
  });

  it('maps tool_choice to functionCallingConfig', async () => {
    const tools: CompletionParams['tools'] = [{ type: 'function', function: { name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } } }];
    const seen: unknown[] = [];
    for (const choice of ['auto', 'required', 'none', { type: 'function', function: { name: 'lookup' } }] as const) {
      seen.push((await sent({ tools, tool_choice: choice }))['toolConfig']);
    }
    assert.deepStrictEqual(seen, [
      { functionCallingConfig: { mode: 'AUTO' } },
      { functionCallingConfig: { mode: 'ANY' } },
      { functionCallingConfig: { mode: 'NONE' } },
      { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['lookup'] } },
    ]);
    assert.equal((await sent({ tools }))['toolConfig'], undefined);
  });

  it('sends tool calls and results back: functionCall with args and id, functionResponse by name', async () => {
    const messages: Message[] = [
      { role: 'user', content: 'Weather in Paris and Rome?' },
      {
        role: 'assistant',
        content: 'Let me look.',
        tool_calls: [
          { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          { id: 'call_2', type: 'function', function: { name: 'get_weather', arguments: 'not json' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '{"temperature": 21, "sky": "clear"}' },
      { role: 'tool', tool_call_id: 'call_2', content: 'It is raining.' },
      { role: 'tool', tool_call_id: 'call_9', name: 'other_tool', content: '[1, 2]' },
      { role: 'user', content: 'Thanks!' },
    ];
    assert.deepStrictEqual((await sent({ messages }))['contents'], [
      { role: 'user', parts: [{ text: 'Weather in Paris and Rome?' }] },
      {
        role: 'model',
        parts: [
          { text: 'Let me look.' },
          { functionCall: { name: 'get_weather', args: { city: 'Paris' }, id: 'call_1' } },
          { functionCall: { name: 'get_weather', args: {}, id: 'call_2' } },
        ],
      },
      {
        role: 'user',
        parts: [
          { functionResponse: { name: 'get_weather', response: { temperature: 21, sky: 'clear' }, id: 'call_1' } },
          { functionResponse: { name: 'get_weather', response: { content: 'It is raining.' }, id: 'call_2' } },
          { functionResponse: { name: 'other_tool', response: { content: '[1, 2]' }, id: 'call_9' } },
          { text: 'Thanks!' },
        ],
      },
    ]);
  });

  it('sends thinking blocks back as thought parts with their signatures', async () => {
    const messages: Message[] = [
      { role: 'user', content: 'Hi' },
      {
        role: 'assistant',
        content: 'Hello!',
        reasoning_content: 'Greeting.',
        thinking_blocks: [
          { type: 'thinking', thinking: 'Greeting.', signature: 'SIG-A' },
          { type: 'redacted_thinking', data: 'anthropic-only' },
        ],
      },
      { role: 'user', content: 'And now?' },
      // A signature that came on the answer text itself (Gemini 3 without thought summaries).
      { role: 'assistant', content: 'Still here.', thinking_blocks: [{ type: 'thinking', thinking: '', signature: 'SIG-B' }] },
      { role: 'user', content: 'Bye' },
    ];
    assert.deepStrictEqual((await sent({ messages }))['contents'], [
      { role: 'user', parts: [{ text: 'Hi' }] },
      { role: 'model', parts: [{ text: 'Greeting.', thought: true, thoughtSignature: 'SIG-A' }, { text: 'Hello!' }] },
      { role: 'user', parts: [{ text: 'And now?' }] },
      { role: 'model', parts: [{ text: 'Still here.', thoughtSignature: 'SIG-B' }] },
      { role: 'user', parts: [{ text: 'Bye' }] },
    ]);
  });

  it('Gemini 3: a function call without a signature gets Google\'s placeholder, the first one only', async () => {
    const messages: Message[] = [
      { role: 'user', content: 'Two lookups' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'call_a', type: 'function', function: { name: 'f', arguments: '{}' } },
          { id: 'call_b', type: 'function', function: { name: 'f', arguments: '{}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_a', content: '{}' },
      { role: 'tool', tool_call_id: 'call_b', content: '{}' },
    ];
    const contents = (await sent({ model: 'gemini/gemini-3-pro-preview', messages }))['contents'] as { parts: unknown[] }[];
    assert.deepStrictEqual(contents[1]?.parts, [
      { functionCall: { name: 'f', args: {}, id: 'call_a' }, thoughtSignature: 'skip_thought_signature_validator' },
      { functionCall: { name: 'f', args: {}, id: 'call_b' } },
    ]);
    const older = (await sent({ model: 'gemini/gemini-2.5-flash', messages }))['contents'] as { parts: unknown[] }[];
    assert.deepStrictEqual(older[1]?.parts, [{ functionCall: { name: 'f', args: {}, id: 'call_a' } }, { functionCall: { name: 'f', args: {}, id: 'call_b' } }]);
  });

  it('merges extra_body last, object by object', async () => {
    const body = await sent({
      temperature: 0.5,
      extra_body: { generationConfig: { topK: 40 }, safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }], cachedContent: 'cachedContents/abc' },
    });
    assert.deepStrictEqual(body, {
      contents: [{ role: 'user', parts: [{ text: 'Hello' }] }],
      generationConfig: { temperature: 0.5, topK: 40 },
      safetySettings: [{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }],
      cachedContent: 'cachedContents/abc',
    });
  });

  it('honours api_version, a base URL that already has the version, and extra headers', async () => {
    await client.completion(geminiCall(server, { api_version: 'v1', extra_headers: { 'x-trace': 'abc' } }));
    await client.completion(geminiCall(server, { api_base: `${server.url}/v1beta/` }));
    await client.completion(geminiCall(server, { model: 'gemini/models/gemini-2.0-flash' }));
    assert.deepStrictEqual(
      server.requests.map((request) => request.url),
      ['/v1/models/gemini-2.5-flash:generateContent', '/v1beta/models/gemini-2.5-flash:generateContent', '/v1beta/models/gemini-2.0-flash:generateContent'],
    );
    assert.equal(server.requests[0]?.headers['x-trace'], 'abc');
    for (const request of server.requests) {
      assertKeyOnlyInHeader(request);
    }
  });

  it('takes the key from GEMINI_API_KEY when the call gives none, still only as a header', async () => {
    const fromEnvironment = harness.client({ env: { GEMINI_API_KEY: geminiKey, GEMINI_API_BASE: server.url } });
    await fromEnvironment.completion({ model: 'gemini/gemini-2.5-flash', messages: [{ role: 'user', content: 'Hello' }] });
    assertKeyOnlyInHeader(server.requests[0] as RecordedRequest);
  });
});
