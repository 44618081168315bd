/**
 * Chat messages → the Responses API's `instructions` and `input` items. The leading system
 * messages become `instructions`; everything else keeps its order as typed input items
 * (messages, `function_call`, `function_call_output`, and the encrypted reasoning of earlier
 * answers, which is what lets a stateless conversation (`store: false`) keep its reasoning).
 */

import type { AssistantMessage, ContentPart, Message, TextContentPart } from '../../../types';
import { reasoningItemsOf } from './reasoningCarry';

export interface ResponsesInput {
  instructions: string | undefined;
  input: unknown[];
}

function textOf(content: string | readonly TextContentPart[] | null | undefined): string {
  if (content === undefined || content === null) {
    return '';
  }
  return typeof content === 'string' ? content : content.map((part) => part.text).join('');
}

function inputPart(part: ContentPart): unknown {
  switch (part.type) {
    case 'text':
      return { type: 'input_text', text: part.text };
    case 'image_url':
      return { type: 'input_image', image_url: part.image_url.url, detail: part.image_url.detail ?? 'auto' };
    case 'file': {
      const { file_id, file_data, filename } = part.file;
      return { type: 'input_file', ...(file_id === undefined ? {} : { file_id }), ...(file_data === undefined ? {} : { file_data }), ...(filename === undefined ? {} : { filename }) };
    }
  }
}

function assistantItems(message: AssistantMessage): unknown[] {
  // Reasoning first: the API wants an answer's reasoning before the message or call it led to.
  const items: unknown[] = reasoningItemsOf(message.thinking_blocks);
  const text = textOf(message.content);
  if (text.length > 0) {
    items.push({ type: 'message', role: 'assistant', content: [{ type: 'output_text', text }] });
  }
  for (const call of message.tool_calls ?? []) {
    items.push({ type: 'function_call', call_id: call.id, name: call.function.name, arguments: call.function.arguments });
  }
  return items;
}

export function responsesInput(messages: readonly Message[]): ResponsesInput {
  const leading: string[] = [];
  let position = 0;
  for (; position < messages.length; position++) {
    const message = messages[position] as Message;
    if (message.role !== 'system' && message.role !== 'developer') {
      break;
    }
    leading.push(textOf(message.content));
  }
  const input: unknown[] = [];
  for (const message of messages.slice(position)) {
    switch (message.role) {
      case 'system':
      case 'developer':
        // A system message in mid-conversation stays where it was, as the API's developer role.
        input.push({ type: 'message', role: 'developer', content: textOf(message.content) });
        break;
      case 'user':
        input.push({
          type: 'message',
          role: 'user',
          content: typeof message.content === 'string' ? message.content : message.content.map(inputPart),
        });
        break;
      case 'assistant':
        input.push(...assistantItems(message));
        break;
      case 'tool':
        input.push({ type: 'function_call_output', call_id: message.tool_call_id, output: textOf(message.content) });
        break;
    }
  }
  return { instructions: leading.length > 0 ? leading.join('\n\n') : undefined, input };
}
