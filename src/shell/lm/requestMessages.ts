/**
 * The messages VS Code hands the `switchboard` vendor → OpenAI messages for the core.
 *
 * - User turns: text, images (as `data:` URLs, when the model takes images) and tool results. Tool
 *   results become `tool` messages placed first, right after the assistant turn that called the
 *   tools, as the OpenAI wire requires; the rest of the turn follows as one user message.
 * - Assistant turns: text and tool calls (`tool_calls`, arguments as JSON text).
 * - System turns (VS Code's proposed role) become system messages.
 * Textual data parts (text/*, JSON) are read as text; other data parts, and parts this version does
 * not know, are dropped with a debug line, never sent half-understood.
 */

import type { AssistantMessage, ContentPart, Message, ToolCall } from '../../core';
import type { LmLog, LmMessage, LmPart } from './lmParts';

export interface RequestMappingOptions {
  /** Whether the model takes images; without it images are dropped (and logged). */
  vision: boolean;
  log: LmLog;
}

/** text/plain, text/markdown, application/json, application/ld+json… */
export function isTextualMimeType(mimeType: string): boolean {
  const type = mimeType.toLowerCase().split(';')[0]?.trim() ?? '';
  return type.startsWith('text/') || type === 'application/json' || type.endsWith('+json');
}

function isImageMimeType(mimeType: string): boolean {
  return mimeType.toLowerCase().startsWith('image/');
}

function decodeText(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('utf8');
}

/** A `data:` URL, the form every OpenAI-wire provider (and the core's other adapters) takes images in. */
function dataUrl(mimeType: string, data: Uint8Array): string {
  return `data:${mimeType};base64,${Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64')}`;
}

/** The text of parts (text, textual data), joined as VS Code splits it: with nothing in between. */
function textOf(parts: readonly LmPart[], where: string, log: LmLog): string {
  let text = '';
  for (const part of parts) {
    if (part.kind === 'text') {
      text += part.text;
    } else if (part.kind === 'data' && isTextualMimeType(part.mimeType)) {
      text += decodeText(part.data);
    } else {
      log.debug(`vscode.lm: dropped a ${describe(part)} in ${where}.`);
    }
  }
  return text;
}

function describe(part: LmPart): string {
  switch (part.kind) {
    case 'data':
      return `data part (${part.mimeType})`;
    case 'other':
      return part.description;
    case 'toolCall':
      return 'tool call';
    case 'toolResult':
      return 'tool result';
    case 'text':
      return 'text part';
  }
}

function userTurn(message: LmMessage, options: RequestMappingOptions, out: Message[]): void {
  const content: ContentPart[] = [];
  const addText = (text: string): void => {
    const last = content[content.length - 1];
    if (last?.type === 'text') {
      last.text += text;
    } else if (text.length > 0) {
      content.push({ type: 'text', text });
    }
  };
  for (const part of message.parts) {
    if (part.kind === 'toolResult') {
      out.push({ role: 'tool', tool_call_id: part.callId, content: textOf(part.content, 'a tool result', options.log) });
    } else if (part.kind === 'text') {
      addText(part.text);
    } else if (part.kind === 'data' && isImageMimeType(part.mimeType) && options.vision) {
      content.push({ type: 'image_url', image_url: { url: dataUrl(part.mimeType, part.data) } });
    } else if (part.kind === 'data' && isImageMimeType(part.mimeType)) {
      options.log.debug(`vscode.lm: dropped an image (${part.mimeType}): the model does not take images.`);
    } else {
      addText(textOf([part], 'a user message', options.log));
    }
  }
  if (content.length === 0) {
    return;
  }
  const only = content[0];
  const user: Message = { role: 'user', content: content.length === 1 && only?.type === 'text' ? only.text : content };
  if (message.name !== undefined) {
    user.name = message.name;
  }
  out.push(user);
}

function assistantTurn(message: LmMessage, log: LmLog, out: Message[]): void {
  const calls: ToolCall[] = [];
  const rest: LmPart[] = [];
  for (const part of message.parts) {
    if (part.kind === 'toolCall') {
      calls.push({ id: part.callId, type: 'function', function: { name: part.name, arguments: JSON.stringify(part.input) } });
    } else {
      rest.push(part);
    }
  }
  const text = textOf(rest, 'an assistant message', log);
  if (text.length === 0 && calls.length === 0) {
    return;
  }
  const assistant: AssistantMessage = { role: 'assistant', content: text.length > 0 ? text : null };
  if (calls.length > 0) {
    assistant.tool_calls = calls;
  }
  if (message.name !== undefined) {
    assistant.name = message.name;
  }
  out.push(assistant);
}

/** VS Code's request messages as OpenAI messages, in order. */
export function toOpenAiMessages(messages: readonly LmMessage[], options: RequestMappingOptions): Message[] {
  const out: Message[] = [];
  for (const message of messages) {
    if (message.role === 'assistant') {
      assistantTurn(message, options.log, out);
    } else if (message.role === 'system') {
      const text = textOf(message.parts, 'a system message', options.log);
      if (text.length > 0) {
        out.push({ role: 'system', content: text });
      }
    } else {
      userTurn(message, options, out);
    }
  }
  return out;
}
