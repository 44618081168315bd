/**
 * The bench server's answer on the OpenAI Responses wire, shaped like the recorded
 * test/fixtures/openai-responses/stream_text.body: response.created and response.in_progress
 * (the response, still empty), the message item and its output_text part opened, one
 * output_text.delta per content chunk, then the closing events, each carrying the whole text as
 * OpenAI's do, and response.completed with the usage. Every event has its sequence_number.
 */

import { namedEvent } from './sseEvents';
import { answerText, promptTokens, word } from './words';

const responseId = 'resp_bench_streaming';
const itemId = 'msg_bench_streaming';

/** The response object as the opening and closing events carry it (the fixture's fields). */
function responseObject(status: 'in_progress' | 'completed', output: unknown[], usage: unknown): Record<string, unknown> {
  return {
    id: responseId,
    object: 'response',
    created_at: 1_788_205_738,
    status,
    background: false,
    completed_at: status === 'completed' ? 1_788_205_738 : null,
    error: null,
    incomplete_details: null,
    instructions: null,
    max_output_tokens: null,
    model: 'gpt-4o-mini-2024-07-18',
    output,
    parallel_tool_calls: true,
    previous_response_id: null,
    reasoning: { effort: null, summary: null },
    service_tier: 'default',
    store: true,
    temperature: 1,
    text: { format: { type: 'text' }, verbosity: 'medium' },
    tool_choice: 'auto',
    tools: [],
    top_p: 1,
    truncation: 'disabled',
    usage,
    user: null,
    metadata: {},
  };
}

export function renderResponsesAnswer(contentChunks: number): string {
  const parts: string[] = [];
  let sequence = 0;
  const event = (payload: { type: string; [field: string]: unknown }): void => {
    parts.push(namedEvent({ ...payload, sequence_number: sequence++ }));
  };
  const text = answerText(contentChunks);
  const emptyPart = { type: 'output_text', annotations: [], logprobs: [], text: '' };
  const fullPart = { ...emptyPart, text };
  const item = (status: 'in_progress' | 'completed', content: unknown[]): unknown => ({ id: itemId, type: 'message', status, content, role: 'assistant' });
  const at = { item_id: itemId, output_index: 0, content_index: 0 };

  event({ type: 'response.created', response: responseObject('in_progress', [], null) });
  event({ type: 'response.in_progress', response: responseObject('in_progress', [], null) });
  event({ type: 'response.output_item.added', output_index: 0, item: item('in_progress', []) });
  event({ type: 'response.content_part.added', ...at, part: emptyPart });
  for (let index = 0; index < contentChunks; index++) {
    event({ type: 'response.output_text.delta', ...at, delta: word(index), logprobs: [] });
  }
  event({ type: 'response.output_text.done', ...at, text, logprobs: [] });
  event({ type: 'response.content_part.done', ...at, part: fullPart });
  event({ type: 'response.output_item.done', output_index: 0, item: item('completed', [fullPart]) });
  const usage = {
    input_tokens: promptTokens,
    input_tokens_details: { cached_tokens: 0 },
    output_tokens: contentChunks,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: promptTokens + contentChunks,
  };
  event({ type: 'response.completed', response: responseObject('completed', [item('completed', [fullPart])], usage) });
  return parts.join('');
}
