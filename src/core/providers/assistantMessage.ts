/**
 * The assistant message of a whole answer made of content blocks (Anthropic's Messages, Bedrock's
 * Converse): what the blocks gave, with `content` null when no text block came (a tool call
 * alone) and the optional fields present only when something filled them.
 */

import type { ResponseMessage, ThinkingBlock, ToolCall } from '../types';

export interface AnswerParts {
  /** The text blocks joined; undefined when there was none. */
  text: string | undefined;
  toolCalls: ToolCall[];
  reasoning: string | undefined;
  thinkingBlocks: ThinkingBlock[];
}

export function assistantMessage(parts: AnswerParts): ResponseMessage {
  const message: ResponseMessage = { role: 'assistant', content: parts.text ?? null };
  if (parts.toolCalls.length > 0) {
    message.tool_calls = parts.toolCalls;
  }
  if (parts.reasoning !== undefined) {
    message.reasoning_content = parts.reasoning;
  }
  if (parts.thinkingBlocks.length > 0) {
    message.thinking_blocks = parts.thinkingBlocks;
  }
  return message;
}
