/**
 * OpenAI messages → Gemini `contents` and `systemInstruction`. Roles become `user`/`model`,
 * consecutive turns of one role are merged (Gemini wants them alternating, and parallel tool
 * results in one turn), and what an earlier answer carried — thought parts, signatures, function
 * calls with their ids — goes back the way Gemini sent it.
 */

import type { AssistantMessage, ContentPart, Message, TextContentPart, ToolMessage } from '../../types';
import { asRecord, parseToolArguments } from '../../jsonValues';
import { filePart, imagePart } from './media';
import { geminiGeneration } from './thinkingConfig';
import { decodeToolCallId } from './toolCallId';
import type { GeminiContent, GeminiPart } from './wire';

/**
 * Google's documented stand-in for a missing signature: Gemini 3 rejects a function call in the
 * history without one (a history written by another model, or by a caller that lost it).
 */
const placeholderSignature = 'skip_thought_signature_validator';

export interface GeminiConversation {
  contents: GeminiContent[];
  systemInstruction?: { parts: GeminiPart[] };
}

function textOf(content: string | readonly TextContentPart[] | ContentPart[] | null | undefined): string {
  if (typeof content === 'string') {
    return content;
  }
  if (!Array.isArray(content)) {
    return '';
  }
  let text = '';
  for (const part of content) {
    if (part.type === 'text') {
      text += part.text;
    }
  }
  return text;
}

function userParts(content: string | ContentPart[]): GeminiPart[] {
  if (typeof content === 'string') {
    return content.length > 0 ? [{ text: content }] : [];
  }
  const parts: GeminiPart[] = [];
  for (const part of content) {
    let mapped: GeminiPart | undefined;
    if (part.type === 'text') {
      mapped = part.text.length > 0 ? { text: part.text } : undefined;
    } else if (part.type === 'image_url') {
      mapped = imagePart(part);
    } else if (part.type === 'file') {
      mapped = filePart(part);
    }
    if (mapped !== undefined) {
      parts.push(mapped);
    }
  }
  return parts;
}

/** Parsed tool-call arguments as the object Gemini's `args` must be (`{}` when they are none). */
function argumentsObject(text: string): Record<string, unknown> {
  const parsed = parseToolArguments(text);
  return parsed.ok ? parsed.value : {};
}

function modelParts(message: AssistantMessage, placeholder: boolean, names: Map<string, string>): GeminiPart[] {
  const parts: GeminiPart[] = [];
  // A signature that came on the answer's first part (not on a thought) goes back on it.
  let pendingSignature: string | undefined;
  for (const block of message.thinking_blocks ?? []) {
    if (block.type !== 'thinking') {
      continue;
    }
    if (block.thinking.length > 0) {
      parts.push(block.signature ? { text: block.thinking, thought: true, thoughtSignature: block.signature } : { text: block.thinking, thought: true });
    } else if (block.signature) {
      pendingSignature = block.signature;
    }
  }
  const text = textOf(message.content);
  if (text.length > 0) {
    parts.push(pendingSignature === undefined ? { text } : { text, thoughtSignature: pendingSignature });
    pendingSignature = undefined;
  }
  let firstCall = true;
  for (const toolCall of message.tool_calls ?? []) {
    const { id, signature } = decodeToolCallId(toolCall.id);
    names.set(id, toolCall.function.name);
    let thoughtSignature = signature ?? pendingSignature;
    pendingSignature = undefined;
    if (thoughtSignature === undefined && firstCall && placeholder) {
      thoughtSignature = placeholderSignature;
    }
    firstCall = false;
    const part: GeminiPart = { functionCall: { name: toolCall.function.name, args: argumentsObject(toolCall.function.arguments), id } };
    if (thoughtSignature !== undefined) {
      part.thoughtSignature = thoughtSignature;
    }
    parts.push(part);
  }
  return parts;
}

/** The tool's result as Gemini's `response` object: its JSON when it is an object, else `{content}`. */
function responseObject(text: string): Record<string, unknown> {
  const trimmed = text.trimStart();
  if (trimmed.startsWith('{')) {
    try {
      const parsed = asRecord(JSON.parse(trimmed));
      if (parsed !== undefined) {
        return parsed;
      }
    } catch {
      // Not JSON after all: sent as text.
    }
  }
  return { content: text };
}

function toolPart(message: ToolMessage, names: ReadonlyMap<string, string>): GeminiPart {
  const { id } = decodeToolCallId(message.tool_call_id);
  const name = names.get(id) ?? message.name ?? id;
  return { functionResponse: { name, response: responseObject(textOf(message.content)), id } };
}

/** Appends a turn, merged into the previous one when the role is the same. */
function append(contents: GeminiContent[], role: 'user' | 'model', parts: GeminiPart[]): void {
  if (parts.length === 0) {
    return;
  }
  const last = contents[contents.length - 1];
  if (last !== undefined && last.role === role && last.parts !== undefined) {
    last.parts.push(...parts);
  } else {
    contents.push({ role, parts });
  }
}

/** The conversation in Gemini's shape for `modelId`. */
export function toGeminiConversation(messages: readonly Message[], modelId: string): GeminiConversation {
  const contents: GeminiContent[] = [];
  const system: GeminiPart[] = [];
  const names = new Map<string, string>();
  const placeholder = geminiGeneration(modelId) >= 3;
  for (const message of messages) {
    switch (message.role) {
      case 'system':
      case 'developer': {
        const text = textOf(message.content);
        if (text.length > 0) {
          system.push({ text });
        }
        break;
      }
      case 'user':
        append(contents, 'user', userParts(message.content));
        break;
      case 'assistant':
        append(contents, 'model', modelParts(message, placeholder, names));
        break;
      case 'tool':
        append(contents, 'user', [toolPart(message, names)]);
        break;
    }
  }
  if (contents.length === 0 && system.length > 0) {
    // Gemini needs at least one turn; a conversation of instructions alone is the question.
    return { contents: [{ role: 'user', parts: system }] };
  }
  return system.length > 0 ? { contents, systemInstruction: { parts: system } } : { contents };
}
