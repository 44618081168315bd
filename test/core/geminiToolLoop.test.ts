/**
 * A whole tool-use round trip on Gemini's wire: the first answer calls a tool (with a thought
 * signature), the caller appends the assistant message as streamChunkBuilder rebuilt it and the
 * tool's result, and the second request must carry the function call with its signature and id,
 * and the function response under the same name and id.
 */

import assert from 'node:assert/strict';
import { streamChunkBuilder, type CompletionParams, type Message, type ModelResponseChunk } from '../../src/core';
import { loadFixture } from '../helpers/fixtures';
import { useHarness } from '../helpers/llmHarness';
import type { RecordedRequest } from '../helpers/wireServer';
import { assertKeyOnlyInHeader, geminiKey } from './geminiHelpers';

describe('Gemini wire: a tool-use round trip keeps the thought signature and the call id', () => {
  const harness = useHarness({ retry: { maxRetries: 0 } });

  it('request 2 carries the functionCall with its signature and id, and the matching functionResponse', async () => {
    const call = loadFixture('gemini/stream_generate_content_function_call');
    const after = loadFixture('gemini/stream_generate_content_text_after_tool_result');
    const server = await harness.server((_request, index) => (index === 0 ? call.reply({ seed: 5 }) : after.reply({ seed: 9 })));
    const client = harness.client();
    const tools: CompletionParams['tools'] = [{ type: 'function', function: { name: 'get_country', description: 'The user\'s country', parameters: { type: 'object', properties: {} } } }];
    const messages: Message[] = [{ role: 'user', content: 'What is the capital of my country?' }];
    const params = { model: 'gemini/gemini-3-pro-preview', api_base: server.url, api_key: geminiKey, tools, stream: true as const };

    const first: ModelResponseChunk[] = [];
    for await (const chunk of await client.completion({ ...params, messages })) {
      first.push(chunk);
    }
    const assistant = streamChunkBuilder(first).choices[0]?.message;
    assert.ok(assistant?.tool_calls?.[0] !== undefined, 'the first answer calls a tool');
    const toolCallId = assistant.tool_calls[0].id;
    messages.push(assistant, { role: 'tool', tool_call_id: toolCallId, content: '{"country": "Mexico"}' });

    const second: ModelResponseChunk[] = [];
    for await (const chunk of await client.completion({ ...params, messages })) {
      second.push(chunk);
    }
    assert.equal(streamChunkBuilder(second).choices[0]?.message.content, 'The capital of Mexico is Mexico City.');

    const signature = /"thoughtSignature":\s*"([^"]+)"/.exec(call.body.toString('utf8'))?.[1];
    const [callId, carried] = toolCallId.split('__thought__');
    assert.equal(carried, signature, 'the signature rode in the tool call id');
    const request = server.requests[1] as RecordedRequest;
    assert.equal(request.url, '/v1beta/models/gemini-3-pro-preview:streamGenerateContent?alt=sse');
    assertKeyOnlyInHeader(request);
    assert.deepStrictEqual(request.json, {
      contents: [
        { role: 'user', parts: [{ text: 'What is the capital of my country?' }] },
        { role: 'model', parts: [{ functionCall: { name: 'get_country', args: {}, id: callId }, thoughtSignature: signature }] },
        { role: 'user', parts: [{ functionResponse: { name: 'get_country', response: { country: 'Mexico' }, id: callId } }] },
      ],
      tools: [{ functionDeclarations: [{ name: 'get_country', description: 'The user\'s country' }] }],
    });
  });
});
