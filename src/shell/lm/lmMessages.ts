/**
 * OpenAI messages (the chat's) → messages for a model another extension gives VS Code.
 *
 * VS Code's stable API has two roles, User and Assistant. A `system` (or `developer`) message
 * becomes a User message in its place — VS Code's docs for language-model callers advise giving
 * instructions as a User message, and Copilot's models read them so. Tool results (`tool`
 * messages) become tool-result parts in one User message after the assistant turn that called the
 * tools; the assistant's `tool_calls` become tool-call parts with their arguments parsed. Images in
 * `data:` URLs become data parts; remote image URLs and files cannot be handed over and are
 * dropped with a debug line; reasoning is not sent back.
 */

import { parseToolArguments, type ContentPart, type Message, type TextContentPart, type ToolCall } from '../../core';
import type { LmLog, LmMessage, LmPart } from './lmParts';

function textParts(content: string | readonly TextContentPart[] | null | undefined): LmPart[] {
  if (content === null || content === undefined) {
    return [];
  }
  const text = typeof content === 'string' ? content : content.map((part) => part.text).join('');
  return text.length > 0 ? [{ kind: 'text', text }] : [];
}

/** The bytes of a base64 `data:` URL, or undefined for any other URL. */
export function decodeDataUrl(url: string): { mimeType: string; data: Uint8Array } | undefined {
  const match = /^data:([^;,]+)((?:;[^;,]*)*),(.*)$/s.exec(url);
  if (match === null || !(match[2] ?? '').split(';').includes('base64')) {
    return undefined;
  }
  return { mimeType: match[1] as string, data: new Uint8Array(Buffer.from(match[3] ?? '', 'base64')) };
}

function userParts(content: string | readonly ContentPart[], log: LmLog): LmPart[] {
  if (typeof content === 'string') {
    return textParts(content);
  }
  const parts: LmPart[] = [];
  for (const part of content) {
    if (part.type === 'text') {
      parts.push(...textParts(part.text));
    } else if (part.type === 'image_url') {
      const image = decodeDataUrl(part.image_url.url);
      if (image === undefined) {
        log.debug('vscode.lm: dropped an image given by URL; only data: URLs can be handed to VS Code.');
      } else {
        parts.push({ kind: 'data', ...image });
      }
    } else {
      log.debug('vscode.lm: dropped a file part; VS Code language models take text and images.');
    }
  }
  return parts;
}

function toolCallPart(call: ToolCall, log: LmLog): LmPart {
  const parsed = parseToolArguments(call.function.arguments);
  if (!parsed.ok) {
    log.debug(`vscode.lm: the arguments of tool call ${call.id} are ${parsed.problem}; sent as {}.`);
  }
  return { kind: 'toolCall', callId: call.id, name: call.function.name, input: parsed.ok ? parsed.value : {} };
}

function named(message: LmMessage, name: string | undefined): LmMessage {
  return name === undefined ? message : { ...message, name };
}

/** The chat's messages for `LanguageModelChat.sendRequest`, as plain data. */
export function toLmMessages(messages: readonly Message[], log: LmLog): LmMessage[] {
  const out: LmMessage[] = [];
  for (const message of messages) {
    switch (message.role) {
      case 'system':
      case 'developer':
        out.push(named({ role: 'user', parts: textParts(message.content) }, message.name));
        break;
      case 'user':
        out.push(named({ role: 'user', parts: userParts(message.content, log) }, message.name));
        break;
      case 'assistant':
        out.push(named({ role: 'assistant', parts: [...textParts(message.content), ...(message.tool_calls ?? []).map((call) => toolCallPart(call, log))] }, message.name));
        break;
      case 'tool': {
        const result: LmPart = { kind: 'toolResult', callId: message.tool_call_id, content: textParts(message.content) };
        const previous = out[out.length - 1];
        // One User message carries the results of all the calls of the assistant turn before it.
        if (previous?.role === 'user' && previous.parts.length > 0 && previous.parts.every((part) => part.kind === 'toolResult')) {
          previous.parts.push(result);
        } else {
          out.push({ role: 'user', parts: [result] });
        }
        break;
      }
    }
  }
  return out.filter((message) => message.parts.length > 0);
}
