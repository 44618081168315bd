/**
 * A whole Anthropic `message` → an OpenAI `chat.completion`: text blocks joined into `content`,
 * thinking into `reasoning_content` and `thinking_blocks` (signatures kept, so the caller can send
 * them back), `tool_use` blocks into `tool_calls`.
 */

import type { Choice, ModelResponse, ResponseMessage, ThinkingBlock, ToolCall } from '../../types';
import { assistantMessage } from '../assistantMessage';
import { mapStopReason } from './finishReason';
import { jsonToolName } from './jsonMode';
import { mapUsage } from './usage';
import type { RawContentBlock, RawMessage } from './wire';

function thinkingBlock(block: RawContentBlock): ThinkingBlock {
  const thinking: ThinkingBlock = { type: 'thinking', thinking: block.thinking ?? '' };
  if (typeof block.signature === 'string' && block.signature.length > 0) {
    thinking.signature = block.signature;
  }
  return thinking;
}

function toolCall(block: RawContentBlock): ToolCall {
  return { id: block.id ?? '', type: 'function', function: { name: block.name ?? '', arguments: JSON.stringify(block.input ?? {}) } };
}

/** The message the content blocks make; blocks of kinds we do not know (server tools) are left out. */
function messageOf(blocks: readonly RawContentBlock[]): ResponseMessage {
  let text = '';
  let sawText = false;
  let reasoning: string | undefined;
  const thinkingBlocks: ThinkingBlock[] = [];
  const toolCalls: ToolCall[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'text':
        text += block.text ?? '';
        sawText = true;
        break;
      case 'thinking':
        reasoning = (reasoning ?? '') + (block.thinking ?? '');
        thinkingBlocks.push(thinkingBlock(block));
        break;
      case 'redacted_thinking':
        thinkingBlocks.push({ type: 'redacted_thinking', data: block.data ?? '' });
        break;
      case 'tool_use':
        toolCalls.push(toolCall(block));
        break;
    }
  }
  return assistantMessage({ text: sawText ? text : undefined, toolCalls, reasoning, thinkingBlocks });
}

/** The public response for a whole message; `jsonMode` turns the forced JSON tool's input into the text. */
export function mapMessageResponse(body: RawMessage, jsonMode: boolean, fallbackModel: string): ModelResponse {
  const message = messageOf(Array.isArray(body.content) ? body.content : []);
  const stopReason = typeof body.stop_reason === 'string' ? body.stop_reason : undefined;
  const choice: Choice = { index: 0, message, finish_reason: stopReason === undefined ? null : mapStopReason(stopReason) };
  if (stopReason !== undefined) {
    choice.native_finish_reason = stopReason;
  }
  const calls = message.tool_calls;
  if (jsonMode && calls !== undefined && calls.length === 1 && calls[0]?.function.name === jsonToolName) {
    message.content = calls[0].function.arguments;
    delete message.tool_calls;
    choice.finish_reason = 'stop';
  }
  const response: ModelResponse = {
    id: body.id ?? '',
    object: 'chat.completion',
    // Anthropic sends no timestamp; LiteLLM stamps the time the answer arrived.
    created: Math.floor(Date.now() / 1000),
    model: body.model ?? fallbackModel,
    choices: [choice],
  };
  const usage = mapUsage(body.usage);
  if (usage !== undefined) {
    response.usage = usage;
  }
  return response;
}
