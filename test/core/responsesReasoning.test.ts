/**
 * OpenAI's Responses API with reasoning: a recorded stream whose reasoning item carries a summary
 * and encrypted content (store: false), served whole, byte by byte and at random splits; a recorded
 * whole Response read without streaming; and the two-turn round trip, where turn 1's encrypted
 * reasoning must come back in turn 2's request as a `reasoning` input item. The official `openai`
 * SDK parses the same bytes as the oracle for the summaries and the encrypted content.
 */

import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { streamChunkBuilder, type AssistantMessage, type Client, type CompletionParams, type ModelResponse, type ModelResponseChunk, type ThinkingBlock } from '../../src/core';
import { deliveries, loadFixture } from '../helpers/fixtures';
import { useHarness } from '../helpers/llmHarness';
import { expectedOf, observe } from '../helpers/observe';
import type { RecordedRequest, WireServer } from '../helpers/wireServer';

const apiKey = 'sk-test-responses-reasoning-0123456789';

async function streamed(client: Client, params: CompletionParams): Promise<ModelResponse> {
  const chunks: ModelResponseChunk[] = [];
  for await (const chunk of await client.completion({ ...params, stream: true })) {
    chunks.push(chunk);
  }
  return streamChunkBuilder(chunks);
}

function expectedBlocks(name: string): ThinkingBlock[] {
  return loadFixture(name).meta.expected['thinking_blocks'] as ThinkingBlock[];
}

/** The reasoning the SDK reads from a stream: summary deltas joined per item, and each finished item's encrypted content. */
async function sdkStreamedReasoning(server: WireServer): Promise<{ summary: string; encrypted: string[]; completed: OpenAI.Responses.Response }> {
  const sdk = new OpenAI({ apiKey, baseURL: `${server.url}/v1`, maxRetries: 0 });
  const stream = await sdk.responses.create({ model: 'gpt-5.1-codex-max', input: 'Hello', stream: true });
  let summary = '';
  const encrypted: string[] = [];
  let completed: OpenAI.Responses.Response | undefined;
  for await (const event of stream) {
    if (event.type === 'response.reasoning_summary_text.delta') {
      summary += event.delta;
    } else if (event.type === 'response.output_item.done' && event.item.type === 'reasoning') {
      encrypted.push(event.item.encrypted_content ?? '');
    } else if (event.type === 'response.completed') {
      completed = event.response;
    }
  }
  assert.ok(completed !== undefined, 'the SDK saw response.completed');
  return { summary, encrypted, completed };
}

describe('Responses API: reasoning with encrypted content', () => {
  const harness = useHarness({ retry: { maxRetries: 0 } });
  const streamName = 'openai-responses/stream_reasoning_encrypted';
  const wholeName = 'openai-responses/response_reasoning_encrypted';

  for (const { label, delivery } of deliveries) {
    it(`${streamName} (${label}): the summary streams as reasoning, the encrypted content becomes a thinking block; the openai SDK agrees`, async () => {
      const fixture = loadFixture(streamName);
      const server = await harness.server(() => fixture.reply(delivery));
      const response = await streamed(harness.client(), {
        model: 'openai/responses/gpt-5.1-codex-max',
        api_base: `${server.url}/v1`,
        api_key: apiKey,
        messages: [{ role: 'user', content: 'Hello' }],
      });
      assert.deepStrictEqual(observe(response), expectedOf(fixture.meta));
      const message = response.choices[0]?.message;
      assert.deepStrictEqual(message?.thinking_blocks, expectedBlocks(streamName));
      assert.equal(response.id, fixture.meta.expected['response_id']);

      const sdk = await sdkStreamedReasoning(server);
      assert.equal(sdk.summary, message?.reasoning_content);
      // The item's own done event is where we take the encrypted content from, as the SDK's event does.
      assert.deepStrictEqual(sdk.encrypted, message?.thinking_blocks?.map((block) => (block.type === 'thinking' ? block.signature : block.data)));
      const completedReasoning = sdk.completed.output.filter((item): item is OpenAI.Responses.ResponseReasoningItem => item.type === 'reasoning');
      assert.deepStrictEqual(
        completedReasoning.map((item) => item.summary.map((part) => part.text).join('')),
        [message?.reasoning_content],
      );
    });
  }

  it('turn 1’s encrypted reasoning comes back in turn 2’s request as a reasoning item, before the call it led to', async () => {
    const turn1 = loadFixture(streamName);
    const turn2 = loadFixture('openai-responses/stream_text');
    const server = await harness.server((_request, index) => (index === 0 ? turn1.reply('bytes') : turn2.reply()));
    const client = harness.client();
    const base = { model: 'openai/responses/gpt-5.1-codex-max', api_base: `${server.url}/v1`, api_key: apiKey };
    const question = { role: 'user' as const, content: 'What is (12 + 7) * 3 * 10?' };
    const first = await streamed(client, { ...base, messages: [question] });
    const answer = first.choices[0]?.message;
    assert.ok(answer?.tool_calls !== undefined && answer.thinking_blocks !== undefined);
    const assistant: AssistantMessage = { role: 'assistant', content: answer.content, tool_calls: answer.tool_calls, thinking_blocks: answer.thinking_blocks };
    const call = answer.tool_calls[0];
    assert.ok(call !== undefined);
    await streamed(client, { ...base, messages: [question, assistant, { role: 'tool', tool_call_id: call.id, content: '19' }] });

    const [block] = expectedBlocks(streamName);
    assert.ok(block?.type === 'thinking');
    const input = ((server.requests[1] as RecordedRequest).json as { input: unknown[] }).input;
    assert.deepStrictEqual(input, [
      { type: 'message', role: 'user', content: question.content },
      { type: 'reasoning', summary: [{ type: 'summary_text', text: block.thinking }], encrypted_content: block.signature },
      { type: 'function_call', call_id: 'call_AB6AaRZ1FYZB2RwS6A5vbdqn', name: 'calculator', arguments: '{"a":12,"b":7,"op":"add"}' },
      { type: 'function_call_output', call_id: 'call_AB6AaRZ1FYZB2RwS6A5vbdqn', output: '19' },
    ]);
  });

  it(`${wholeName}: a whole Response without streaming gives the answer, the reasoning summary and its thinking block; the openai SDK agrees`, async () => {
    const fixture = loadFixture(wholeName);
    const server = await harness.server(() => fixture.reply());
    const response = await harness.client().completion({
      model: 'openai/responses/gpt-5-mini',
      api_base: `${server.url}/v1`,
      api_key: apiKey,
      messages: [{ role: 'user', content: 'What is (12 + 7) * 3 * 10?' }],
    });
    assert.deepStrictEqual(observe(response), expectedOf(fixture.meta));
    assert.deepStrictEqual(response.choices[0]?.message.thinking_blocks, expectedBlocks(wholeName));
    assert.equal(response.model, fixture.meta.expected['model']);
    const request = (server.requests[0] as RecordedRequest).json as Record<string, unknown>;
    assert.equal(request['stream'], undefined);
    assert.deepStrictEqual(request['include'], ['reasoning.encrypted_content']);

    const sdk = new OpenAI({ apiKey, baseURL: `${server.url}/v1`, maxRetries: 0 });
    const whole = await sdk.responses.create({ model: 'gpt-5-mini', input: 'What is (12 + 7) * 3 * 10?' });
    assert.equal(whole.output_text, response.choices[0]?.message.content);
    const reasoning = whole.output.filter((item): item is OpenAI.Responses.ResponseReasoningItem => item.type === 'reasoning');
    assert.deepStrictEqual(
      reasoning.map((item) => ({ type: 'thinking', thinking: item.summary.map((part) => part.text).join(''), signature: item.encrypted_content })),
      response.choices[0]?.message.thinking_blocks,
    );
  });
});
