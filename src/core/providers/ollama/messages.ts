/**
 * OpenAI messages → Ollama's. Differences: content is one string; images travel beside it as
 * bare base64 (Ollama cannot fetch URLs); tool-call arguments are objects; a tool result names
 * its function (`tool_name`) instead of a call id; an answer's reasoning goes back as `thinking`.
 */

import { BadRequestError } from '../../errors';
import { parseToolArguments } from '../../jsonValues';
import type { AssistantMessage, ContentPart, Message, TextContentPart, ToolMessage } from '../../types';
import type { CallContext } from '../types';
import type { OllamaMessage, OllamaToolCall } from './wire';

function badRequest(call: CallContext, param: string, message: string): BadRequestError {
  return new BadRequestError({ message: `${call.provider.displayName}: ${message}`, param, llm_provider: call.provider.id, model: call.requestedModel });
}

/** The text of string or part content; parts are joined as LiteLLM joins them (no separator). */
function textOf(content: string | readonly (ContentPart | TextContentPart)[] | null | undefined): string {
  if (typeof content === 'string') {
    return content;
  }
  let text = '';
  for (const part of content ?? []) {
    if (part.type === 'text') {
      text += part.text;
    }
  }
  return text;
}

/** The base64 payload of a `data:` URL (percent-encoded payloads are encoded), or undefined. */
function dataUrlBase64(url: string): string | undefined {
  if (!url.startsWith('data:')) {
    return undefined;
  }
  const comma = url.indexOf(',');
  if (comma === -1) {
    return undefined;
  }
  const payload = url.slice(comma + 1);
  if (url.slice(0, comma).endsWith(';base64')) {
    return payload;
  }
  try {
    return Buffer.from(decodeURIComponent(payload), 'utf8').toString('base64');
  } catch {
    // Malformed percent-encoding: unreadable, reported as such.
    return undefined;
  }
}

function describeUrl(url: string): string {
  if (/^https?:/i.test(url)) {
    return 'a web address, and Ollama cannot fetch images';
  }
  return url.startsWith('data:') ? 'a data: URL that could not be read' : 'not a data: URL';
}

function imagesOf(content: string | readonly ContentPart[], path: string, call: CallContext): string[] | undefined {
  if (typeof content === 'string') {
    return undefined;
  }
  const images: string[] = [];
  content.forEach((part, index) => {
    const partPath = `${path}.content[${index}]`;
    if (part.type === 'image_url') {
      const url = part.image_url.url;
      const data = dataUrlBase64(url);
      if (data === undefined) {
        throw badRequest(
          call,
          `${partPath}.image_url.url`,
          `${partPath}.image_url.url is ${describeUrl(url)}. Send the image inline as a data: URL (data:image/png;base64,…).`,
        );
      }
      images.push(data);
    } else if (part.type === 'file') {
      const data = part.file.file_data?.startsWith('data:image/') === true ? dataUrlBase64(part.file.file_data) : undefined;
      if (data === undefined) {
        throw badRequest(call, `${partPath}.file`, `${partPath} is a file part; Ollama takes text and images only.`);
      }
      images.push(data);
    }
  });
  return images.length > 0 ? images : undefined;
}

/** Parses one tool call's JSON arguments into the object Ollama expects. */
function argumentsObject(text: string, path: string, call: CallContext): Record<string, unknown> {
  const parsed = parseToolArguments(text);
  if (!parsed.ok) {
    throw badRequest(call, path, `${path} must be a JSON object for Ollama, got ${JSON.stringify(text.slice(0, 80))}.`);
  }
  return parsed.value;
}

function assistantMessage(message: AssistantMessage, path: string, call: CallContext): OllamaMessage {
  const wire: OllamaMessage = { role: 'assistant', content: textOf(message.content) };
  if (typeof message.reasoning_content === 'string' && message.reasoning_content.length > 0) {
    wire.thinking = message.reasoning_content;
  }
  if (message.tool_calls !== undefined && message.tool_calls.length > 0) {
    wire.tool_calls = message.tool_calls.map(
      (toolCall, index): OllamaToolCall => ({
        function: { name: toolCall.function.name, arguments: argumentsObject(toolCall.function.arguments, `${path}.tool_calls[${index}].function.arguments`, call) },
      }),
    );
  }
  return wire;
}

/** The function a tool result answers: its `name`, else the nearest earlier call with its id. */
function toolNameOf(messages: readonly Message[], position: number, message: ToolMessage): string | undefined {
  if (message.name !== undefined && message.name.length > 0) {
    return message.name;
  }
  // Searching backwards finds the right call even when ids repeat across answers (`call_0`).
  for (let index = position - 1; index >= 0; index--) {
    const earlier = messages[index];
    if (earlier?.role === 'assistant') {
      const match = earlier.tool_calls?.find((toolCall) => toolCall.id === message.tool_call_id);
      if (match !== undefined) {
        return match.function.name;
      }
    }
  }
  return undefined;
}

/** The conversation in Ollama's shape; throws BadRequestError for what Ollama cannot take. */
export function ollamaMessages(messages: readonly Message[], call: CallContext): OllamaMessage[] {
  return messages.map((message, position): OllamaMessage => {
    const path = `messages[${position}]`;
    switch (message.role) {
      case 'system':
      case 'developer':
        return { role: 'system', content: textOf(message.content) };
      case 'user': {
        const wire: OllamaMessage = { role: 'user', content: textOf(message.content) };
        const images = imagesOf(message.content, path, call);
        if (images !== undefined) {
          wire.images = images;
        }
        return wire;
      }
      case 'assistant':
        return assistantMessage(message, path, call);
      case 'tool': {
        const wire: OllamaMessage = { role: 'tool', content: textOf(message.content) };
        const name = toolNameOf(messages, position, message);
        if (name !== undefined) {
          wire.tool_name = name;
        }
        return wire;
      }
    }
  });
}
