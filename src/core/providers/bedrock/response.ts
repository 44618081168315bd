/**
 * A whole Converse answer → an OpenAI `chat.completion`: text blocks joined into `content`,
 * `reasoningContent` into `reasoning_content` and `thinking_blocks` (signatures kept, so Claude's
 * thinking can be sent back), `toolUse` into `tool_calls`.
 */

import type { Choice, ModelResponse, ResponseMessage, ThinkingBlock, ToolCall } from '../../types';
import { assistantMessage } from '../assistantMessage';
import { mapStopReason } from './finishReason';
import { mapBedrockUsage } from './usage';
import type { RawContentBlock, RawConverseResponse } from './wire';

function messageOf(blocks: readonly RawContentBlock[]): ResponseMessage {
  let text = '';
  let sawText = false;
  let reasoning: string | undefined;
  const thinkingBlocks: ThinkingBlock[] = [];
  const toolCalls: ToolCall[] = [];
  for (const block of blocks) {
    if (typeof block.text === 'string') {
      text += block.text;
      sawText = true;
    } else if (block.toolUse !== undefined) {
      const use = block.toolUse;
      toolCalls.push({ id: use.toolUseId ?? '', type: 'function', function: { name: use.name ?? '', arguments: JSON.stringify(use.input ?? {}) } });
    } else if (block.reasoningContent !== undefined) {
      const content = block.reasoningContent;
      if (content.reasoningText !== undefined) {
        const thinking = content.reasoningText.text ?? '';
        reasoning = (reasoning ?? '') + thinking;
        const signature = content.reasoningText.signature;
        thinkingBlocks.push(signature === undefined ? { type: 'thinking', thinking } : { type: 'thinking', thinking, signature });
      } else if (content.redactedContent !== undefined) {
        thinkingBlocks.push({ type: 'redacted_thinking', data: content.redactedContent });
      }
    }
  }
  return assistantMessage({ text: sawText ? text : undefined, toolCalls, reasoning, thinkingBlocks });
}

export function mapConverseResponse(body: RawConverseResponse, model: string, requestId: string | undefined): ModelResponse {
  const content = body.output?.message?.content;
  const message = messageOf(Array.isArray(content) ? content : []);
  const stopReason = typeof body.stopReason === 'string' ? body.stopReason : undefined;
  const choice: Choice = { index: 0, message, finish_reason: stopReason === undefined ? null : mapStopReason(stopReason) };
  if (stopReason !== undefined) {
    choice.native_finish_reason = stopReason;
  }
  const response: ModelResponse = {
    // Converse names no answer id; the request id (x-amzn-RequestId) is the nearest, as LiteLLM has none either.
    id: requestId ?? '',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [choice],
  };
  const usage = mapBedrockUsage(body.usage);
  if (usage !== undefined) {
    response.usage = usage;
  }
  return response;
}
