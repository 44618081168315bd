/**
 * The Responses stream mapper's rules for events the recorded streams in test/fixtures do not
 * hold: reasoning summaries (several parts) and their encrypted content, refusals, and the
 * incomplete reasons. Event shapes as openai-node 7.57 types them (`ResponseStreamEvent`).
 */

import { testCallContext } from '../helpers/callContext';
import assert from 'node:assert/strict';
import { streamChunkBuilder, type ModelResponse, type ModelResponseChunk } from '../../src/core';
import { ResponsesStreamMapper } from '../../src/core/providers/openai/responses/streamMapper';

const call = testCallContext({ providerId: 'openai', displayName: 'OpenAI', requestedModel: 'openai/o3-pro', apiKey: 'sk-test-mapper-0123456789' });

const created = { type: 'response.created', response: { id: 'resp_1', created_at: 1700000000, model: 'o3-pro-2025-06-10', status: 'in_progress', output: [] } };

function run(events: readonly Record<string, unknown>[]): ModelResponse {
  const mapper = new ResponsesStreamMapper(call);
  const out: ModelResponseChunk[] = [];
  for (const event of events) {
    mapper.map({ event: String(event['type']), data: JSON.stringify(event), id: undefined }, out);
  }
  mapper.end();
  return streamChunkBuilder(out);
}

function finished(status: string, incompleteReason?: string): Record<string, unknown> {
  return {
    type: status === 'completed' ? 'response.completed' : 'response.incomplete',
    response: {
      id: 'resp_1',
      status,
      incomplete_details: incompleteReason === undefined ? null : { reason: incompleteReason },
      usage: { input_tokens: 10, input_tokens_details: { cached_tokens: 4 }, output_tokens: 30, output_tokens_details: { reasoning_tokens: 20 }, total_tokens: 40 },
    },
  };
}

describe('Responses stream mapper', () => {
  it('turns reasoning summaries into reasoning_content and the encrypted reasoning into a thinking block', () => {
    const item = 'rs_1';
    const response = run([
      created,
      { type: 'response.output_item.added', output_index: 0, item: { id: item, type: 'reasoning', summary: [] } },
      { type: 'response.reasoning_summary_part.added', item_id: item, output_index: 0, summary_index: 0, part: { type: 'summary_text', text: '' } },
      { type: 'response.reasoning_summary_text.delta', item_id: item, output_index: 0, summary_index: 0, delta: 'First.' },
      { type: 'response.reasoning_summary_part.added', item_id: item, output_index: 0, summary_index: 1, part: { type: 'summary_text', text: '' } },
      { type: 'response.reasoning_summary_text.delta', item_id: item, output_index: 0, summary_index: 1, delta: 'Second.' },
      { type: 'response.output_item.done', output_index: 0, item: { id: item, type: 'reasoning', encrypted_content: 'gAAAAABenc', summary: [] } },
      { type: 'response.output_text.delta', item_id: 'msg_1', output_index: 1, content_index: 0, delta: 'Answer' },
      finished('completed'),
    ]);
    const message = response.choices[0]?.message;
    assert.equal(message?.content, 'Answer');
    assert.equal(message?.reasoning_content, 'First.Second.');
    assert.deepStrictEqual(message?.thinking_blocks, [{ type: 'thinking', thinking: 'First.Second.', signature: 'gAAAAABenc' }]);
    assert.equal(response.choices[0]?.finish_reason, 'stop');
    assert.equal(response.usage?.prompt_tokens_details?.cached_tokens, 4);
    assert.equal(response.usage?.completion_tokens_details?.reasoning_tokens, 20);
    assert.equal(response.id, 'resp_1');
    assert.equal(response.model, 'o3-pro-2025-06-10');
  });

  it('maps refusals, and the incomplete reasons to length and content_filter', () => {
    const refused = run([created, { type: 'response.refusal.delta', item_id: 'msg_1', output_index: 0, content_index: 0, delta: "I can't help." }, finished('completed')]);
    assert.equal(refused.choices[0]?.message.refusal, "I can't help.");
    const cut = run([created, { type: 'response.output_text.delta', item_id: 'msg_1', output_index: 0, content_index: 0, delta: 'Partial' }, finished('incomplete', 'max_output_tokens')]);
    assert.equal(cut.choices[0]?.finish_reason, 'length');
    assert.equal(cut.choices[0]?.native_finish_reason, 'max_output_tokens');
    const filtered = run([created, finished('incomplete', 'content_filter')]);
    assert.equal(filtered.choices[0]?.finish_reason, 'content_filter');
  });

  // Composed from the documented event shapes (openai-node's ResponseIncompleteEvent,
  // ResponseTextDeltaEvent): no recorded stream holds a content-filter stop mid-answer.
  it('keeps the partial text of a Response stopped by the content filter, with its finish reason and usage', () => {
    const response = run([
      created,
      { type: 'response.output_item.added', output_index: 0, item: { id: 'msg_1', type: 'message', role: 'assistant', status: 'in_progress', content: [] } },
      { type: 'response.content_part.added', item_id: 'msg_1', output_index: 0, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } },
      { type: 'response.output_text.delta', item_id: 'msg_1', output_index: 0, content_index: 0, delta: 'The first half ' },
      { type: 'response.output_text.delta', item_id: 'msg_1', output_index: 0, content_index: 0, delta: 'of an answer' },
      finished('incomplete', 'content_filter'),
    ]);
    const choice = response.choices[0];
    assert.equal(choice?.message.content, 'The first half of an answer');
    assert.equal(choice?.finish_reason, 'content_filter');
    assert.equal(choice?.native_finish_reason, 'content_filter');
    assert.equal(response.usage?.prompt_tokens, 10);
    assert.equal(response.usage?.completion_tokens, 30);
    assert.equal(response.usage?.total_tokens, 40);
    assert.equal(response.usage?.completion_tokens_details?.reasoning_tokens, 20);
  });

  // Composed from the documented event shapes (ResponseContentPartAddedEvent with a refusal part,
  // ResponseRefusalDeltaEvent): a message whose second content part is a refusal.
  it('keeps the text that came before a refusal, and the refusal beside it', () => {
    const response = run([
      created,
      { type: 'response.output_item.added', output_index: 0, item: { id: 'msg_1', type: 'message', role: 'assistant', status: 'in_progress', content: [] } },
      { type: 'response.content_part.added', item_id: 'msg_1', output_index: 0, content_index: 0, part: { type: 'output_text', text: '', annotations: [] } },
      { type: 'response.output_text.delta', item_id: 'msg_1', output_index: 0, content_index: 0, delta: 'Here is what I can say.' },
      { type: 'response.content_part.added', item_id: 'msg_1', output_index: 0, content_index: 1, part: { type: 'refusal', refusal: '' } },
      { type: 'response.refusal.delta', item_id: 'msg_1', output_index: 0, content_index: 1, delta: "I can't help " },
      { type: 'response.refusal.delta', item_id: 'msg_1', output_index: 0, content_index: 1, delta: 'with the rest.' },
      { type: 'response.refusal.done', item_id: 'msg_1', output_index: 0, content_index: 1, refusal: "I can't help with the rest." },
      finished('completed'),
    ]);
    const choice = response.choices[0];
    assert.equal(choice?.message.content, 'Here is what I can say.');
    assert.equal(choice?.message.refusal, "I can't help with the rest.");
    assert.equal(choice?.finish_reason, 'stop');
  });

  it('takes arguments a server sent only whole, in output_item.done', () => {
    const response = run([
      created,
      { type: 'response.output_item.added', output_index: 0, item: { id: 'fc_1', type: 'function_call', call_id: 'call_1', name: 'f', arguments: '' } },
      { type: 'response.output_item.done', output_index: 0, item: { id: 'fc_1', type: 'function_call', call_id: 'call_1', name: 'f', arguments: '{"a":1}' } },
      finished('completed'),
    ]);
    assert.deepStrictEqual(response.choices[0]?.message.tool_calls, [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"a":1}' } }]);
    assert.equal(response.choices[0]?.finish_reason, 'tool_calls');
  });
});
