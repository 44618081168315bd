/**
 * The Responses request on the wire for a whole conversation: instructions, typed input items,
 * function tools, `text.format`, `reasoning`, `max_output_tokens`, and the encrypted reasoning of
 * an earlier answer sent back (while an Anthropic signature is not).
 */

import assert from 'node:assert/strict';
import { streamChunkBuilder, type CompletionParams, type ModelResponseChunk } from '../../src/core';
import { loadFixture } from '../helpers/fixtures';
import { useHarness } from '../helpers/llmHarness';
import type { RecordedRequest } from '../helpers/wireServer';

const apiKey = 'sk-test-responses-0123456789abcdef';
/** The shape of OpenAI's encrypted reasoning (a Fernet token); not a real one. */
const encrypted = 'gAAAAABfake-encrypted-reasoning';

const conversation: CompletionParams['messages'] = [
  { role: 'system', content: 'Be brief.' },
  { role: 'user', content: [{ type: 'text', text: 'Weather here?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }] },
  {
    role: 'assistant',
    content: null,
    thinking_blocks: [
      { type: 'thinking', thinking: 'Look it up.', signature: encrypted },
      { type: 'thinking', thinking: 'From Claude.', signature: 'EqQBCkgIARABGAIiQL' },
    ],
    tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Berlin"}' } }],
  },
  { role: 'tool', tool_call_id: 'call_1', content: '12°C' },
  { role: 'assistant', content: 'It is 12°C.' },
  { role: 'user', content: 'Thanks' },
];

describe('Responses API: the request on the wire', () => {
  const harness = useHarness({ retry: { maxRetries: 0 } });

  it('maps a conversation with tools, reasoning, a schema and a token limit', async () => {
    const fixture = loadFixture('openai-responses/stream_text');
    const server = await harness.server(() => fixture.reply());
    const chunks: ModelResponseChunk[] = [];
    const stream = await harness.client().completion({
      model: 'openai/responses/gpt-5',
      api_base: `${server.url}/v1`,
      api_key: apiKey,
      stream: true,
      messages: conversation,
      tools: [{ type: 'function', function: { name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: true } }],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
      response_format: { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object' }, strict: true } },
      reasoning_effort: 'high',
      max_tokens: 500,
      temperature: 1,
    });
    for await (const chunk of stream) {
      chunks.push(chunk);
    }
    assert.equal(streamChunkBuilder(chunks).choices[0]?.message.content, 'OK');
    const request = server.requests[0] as RecordedRequest;
    assert.deepStrictEqual(request.json, {
      model: 'gpt-5',
      instructions: 'Be brief.',
      input: [
        { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Weather here?' }, { type: 'input_image', image_url: 'data:image/png;base64,AAAA', detail: 'auto' }] },
        { type: 'reasoning', summary: [{ type: 'summary_text', text: 'Look it up.' }], encrypted_content: encrypted },
        { type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Berlin"}' },
        { type: 'function_call_output', call_id: 'call_1', output: '12°C' },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'It is 12°C.' }] },
        { type: 'message', role: 'user', content: 'Thanks' },
      ],
      temperature: 1,
      max_output_tokens: 500,
      tools: [{ type: 'function', name: 'get_weather', description: 'Weather', parameters: { type: 'object', properties: { city: { type: 'string' } } }, strict: true }],
      tool_choice: { type: 'function', name: 'get_weather' },
      text: { format: { type: 'json_schema', name: 'answer', schema: { type: 'object' }, strict: true } },
      reasoning: { effort: 'high', summary: 'auto' },
      store: false,
      include: ['reasoning.encrypted_content'],
      stream: true,
    });
  });
});
