/**
 * A whole Response (`object: "response"`) → a `chat.completion`: message items give the text and
 * refusal, function-call items the tool calls, reasoning items the reasoning summary and (with
 * encrypted content) the thinking blocks that carry reasoning to the next turn.
 */

import { asRecord, stringField } from '../../../jsonValues';
import type { ModelResponse, ResponseMessage, ThinkingBlock, ToolCall } from '../../../types';
import type { WireSource } from '../../../wireIndex';
import { wireArray, wireRecord } from '../../../wireShape';
import type { CallContext } from '../../types';
import { mapResponsesFailure } from './errors';
import { responsesFinish } from './finishReason';
import { reasoningBlock } from './reasoningCarry';
import { responsesUsage } from './usage';

interface Collected {
  text: string[];
  refusal: string[];
  reasoning: string[];
  thinking: ThinkingBlock[];
  toolCalls: ToolCall[];
}

function collectMessage(item: Record<string, unknown>, into: Collected, source: WireSource): void {
  for (const value of wireArray(item['content'] ?? [], 'output[].content', source)) {
    const part = asRecord(value);
    const type = stringField(part, 'type');
    if (type === 'output_text') {
      into.text.push(stringField(part, 'text') ?? '');
    } else if (type === 'refusal') {
      into.refusal.push(stringField(part, 'refusal') ?? '');
    }
  }
}

function collectReasoning(item: Record<string, unknown>, into: Collected, source: WireSource): void {
  // Parts and items join with no separator, exactly as the stream delivers them (streamMapper.ts).
  const summary = wireArray(item['summary'] ?? [], 'output[].summary', source)
    .map((part) => stringField(asRecord(part), 'text') ?? '')
    .join('');
  if (summary.length > 0) {
    into.reasoning.push(summary);
  }
  const encrypted = stringField(item, 'encrypted_content');
  if (encrypted !== undefined) {
    into.thinking.push(reasoningBlock(summary, encrypted));
  }
}

export function normalizeResponsesAnswer(raw: unknown, call: CallContext, source: WireSource): ModelResponse {
  const body = wireRecord(raw, 'the response', source);
  if (stringField(body, 'status') === 'failed') {
    throw mapResponsesFailure(body['error'] ?? body, call);
  }
  const collected: Collected = { text: [], refusal: [], reasoning: [], thinking: [], toolCalls: [] };
  for (const value of wireArray(body['output'] ?? [], 'output', source)) {
    const item = wireRecord(value, 'an output item', source);
    switch (stringField(item, 'type')) {
      case 'message':
        collectMessage(item, collected, source);
        break;
      case 'reasoning':
        collectReasoning(item, collected, source);
        break;
      case 'function_call':
        collected.toolCalls.push({
          id: stringField(item, 'call_id') ?? '',
          type: 'function',
          function: { name: stringField(item, 'name') ?? '', arguments: stringField(item, 'arguments') ?? '' },
        });
        break;
    }
  }
  const message: ResponseMessage = { role: 'assistant', content: collected.text.length > 0 ? collected.text.join('') : null };
  if (collected.reasoning.length > 0) {
    message.reasoning_content = collected.reasoning.join('');
  }
  if (collected.thinking.length > 0) {
    message.thinking_blocks = collected.thinking;
  }
  if (collected.refusal.length > 0) {
    message.refusal = collected.refusal.join('');
  }
  if (collected.toolCalls.length > 0) {
    message.tool_calls = collected.toolCalls;
  }
  const finish = responsesFinish(body, collected.toolCalls.length > 0);
  const created = body['created_at'];
  const response: ModelResponse = {
    id: stringField(body, 'id') ?? '',
    object: 'chat.completion',
    created: typeof created === 'number' ? created : 0,
    model: stringField(body, 'model') ?? call.modelId,
    choices: [{ index: 0, message, finish_reason: finish.finish_reason, native_finish_reason: finish.native_finish_reason }],
  };
  const usage = responsesUsage(body['usage']);
  if (usage !== undefined) {
    response.usage = usage;
  }
  return response;
}
