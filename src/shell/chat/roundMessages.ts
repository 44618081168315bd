/**
 * One round of an answer that used tools, as the model reads it: the assistant's message with its
 * text, its calls (as the model wrote them) and its signed reasoning (Anthropic's thinking blocks,
 * Gemini's thoughts — required on the next round by thinking models), then one `tool` message per
 * call with its result. Every call gets a result, also one that never ran (the answer was stopped,
 * the window closed): providers refuse a call left unanswered. Images a tool returned follow as a
 * user message, to models that take images; the others are told they were left out.
 */

import type { AssistantMessage, ContentPart, Message } from '../../core';
import type { AnswerRoundView, ToolCallView } from '../../protocol/messages';

/** What the model is told of a call that has no result. */
function missingResult(call: ToolCallView): string {
  switch (call.state) {
    case 'denied':
      return 'The user denied this call.';
    case 'cancelled':
      return 'The call was cancelled: the user stopped the answer.';
    default:
      return 'The call did not run: the answer ended before it did.';
  }
}

function resultText(call: ToolCallView, vision: boolean): string {
  const text = call.result?.text ?? missingResult(call);
  const images = call.result?.images?.length ?? 0;
  if (images > 0 && !vision) {
    return `${text}\n[${images} image(s) the tool returned were left out: this model does not take images.]`;
  }
  return text;
}

type RoundInput = Pick<AnswerRoundView, 'content' | 'toolCalls' | 'thinkingBlocks'>;

export function roundMessages(round: RoundInput, vision: boolean): Message[] {
  const assistant: AssistantMessage = {
    role: 'assistant',
    content: round.content.length > 0 ? round.content : null,
    tool_calls: round.toolCalls.map((call) => ({ id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } })),
  };
  if (round.thinkingBlocks !== undefined && round.thinkingBlocks.length > 0) {
    assistant.thinking_blocks = round.thinkingBlocks.map((block) => ({ ...block }));
  }
  const messages: Message[] = [assistant];
  const images: ContentPart[] = [];
  for (const call of round.toolCalls) {
    messages.push({ role: 'tool', tool_call_id: call.id, content: resultText(call, vision) });
    if (vision) {
      for (const url of call.result?.images ?? []) {
        images.push({ type: 'image_url', image_url: { url } });
      }
    }
  }
  if (images.length > 0) {
    messages.push({ role: 'user', content: [{ type: 'text', text: 'The images the tool calls above returned:' }, ...images] });
  }
  return messages;
}
