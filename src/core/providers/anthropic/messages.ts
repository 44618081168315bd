/**
 * An OpenAI conversation → Anthropic's `system` and `messages`. Anthropic takes the system prompt
 * beside the turns, wants user and assistant turns to alternate, carries tool results as
 * `tool_result` blocks of a user turn, and needs an assistant turn's thinking blocks sent back
 * unchanged, first, when that turn called tools.
 */

import { BadRequestError } from '../../errors';
import { parseToolArguments } from '../../jsonValues';
import type { AssistantMessage, ContentPart, FileContentPart, Message, TextContentPart, ToolMessage } from '../../types';
import type { CallContext } from '../types';

/** One content block as Anthropic takes it. */
export type WireBlock = Record<string, unknown>;

export interface WireTurn {
  role: 'user' | 'assistant';
  content: string | WireBlock[];
}

export interface WireConversation {
  /** A string, or text blocks when any system part carries `cache_control`. */
  system: string | WireBlock[] | undefined;
  messages: WireTurn[];
}

function invalid(call: CallContext, param: string, message: string): BadRequestError {
  return new BadRequestError({ message: `Invalid '${param}': ${message}`, param, llm_provider: call.provider.id, model: call.requestedModel });
}

function textBlock(part: TextContentPart): WireBlock {
  const block: WireBlock = { type: 'text', text: part.text };
  if (part.cache_control !== undefined) {
    block['cache_control'] = part.cache_control;
  }
  return block;
}

/** `data:<media type>[;…];base64,<data>` split into its media type and data, or undefined. */
export function parseDataUrl(url: string): { mediaType: string; data: string } | undefined {
  const comma = url.indexOf(',');
  if (!url.startsWith('data:') || comma < 0) {
    return undefined;
  }
  const header = url.slice(5, comma);
  if (!header.endsWith(';base64')) {
    return undefined;
  }
  const semicolon = header.indexOf(';');
  return { mediaType: header.slice(0, semicolon), data: url.slice(comma + 1) };
}

function imageBlock(url: string, call: CallContext, path: string): WireBlock {
  const inline = parseDataUrl(url);
  if (inline !== undefined) {
    return { type: 'image', source: { type: 'base64', media_type: inline.mediaType, data: inline.data } };
  }
  if (/^https?:\/\//i.test(url)) {
    return { type: 'image', source: { type: 'url', url } };
  }
  throw invalid(call, path, 'Anthropic takes images as base64 data: URLs or http(s) URLs.');
}

function documentBlock(part: FileContentPart, call: CallContext, path: string): WireBlock {
  const { file_data: fileData, file_id: fileId } = part.file;
  if (fileData !== undefined) {
    const inline = parseDataUrl(fileData);
    if (inline === undefined) {
      throw invalid(call, `${path}.file.file_data`, 'expected a base64 data: URL such as data:application/pdf;base64,….');
    }
    return { type: 'document', source: { type: 'base64', media_type: inline.mediaType, data: inline.data } };
  }
  if (fileId !== undefined) {
    // Files uploaded through Anthropic's Files API; the caller adds its `anthropic-beta` header.
    return { type: 'document', source: { type: 'file', file_id: fileId } };
  }
  throw invalid(call, `${path}.file`, 'a file part needs file_data or file_id.');
}

function partBlock(part: ContentPart, call: CallContext, path: string): WireBlock | undefined {
  switch (part.type) {
    case 'text':
      // Anthropic rejects empty text blocks.
      return part.text.length > 0 ? textBlock(part) : undefined;
    case 'image_url': {
      const block = imageBlock(part.image_url.url, call, `${path}.image_url.url`);
      if (part.cache_control !== undefined) {
        block['cache_control'] = part.cache_control;
      }
      return block;
    }
    case 'file':
      return documentBlock(part, call, path);
    default:
      throw invalid(call, `${path}.type`, `Anthropic cannot take a '${String((part as { type: unknown }).type)}' part.`);
  }
}

function contentBlocks(content: string | readonly ContentPart[] | null | undefined, call: CallContext, path: string): WireBlock[] {
  if (typeof content === 'string') {
    return content.length > 0 ? [{ type: 'text', text: content }] : [];
  }
  const blocks: WireBlock[] = [];
  (content ?? []).forEach((part, index) => {
    const block = partBlock(part, call, `${path}[${index}]`);
    if (block !== undefined) {
      blocks.push(block);
    }
  });
  return blocks;
}

/** Anthropic wants a tool call's input as an object; OpenAI carries it as a JSON string. */
function toolInput(text: string, call: CallContext, path: string): unknown {
  const parsed = parseToolArguments(text);
  if (!parsed.ok) {
    throw invalid(call, path, parsed.problem === 'not valid JSON' ? 'expected the tool call arguments as a JSON object, got text that is not JSON.' : 'expected the tool call arguments as a JSON object.');
  }
  return parsed.value;
}

function assistantBlocks(message: AssistantMessage, call: CallContext, path: string): WireBlock[] {
  // Thinking goes back first and unchanged: its signature covers it, and without it Anthropic
  // refuses the tool results that follow.
  const blocks: WireBlock[] = (message.thinking_blocks ?? []).map((block) => ({ ...block }));
  blocks.push(...contentBlocks(message.content, call, `${path}.content`));
  (message.tool_calls ?? []).forEach((toolCall, index) => {
    blocks.push({
      type: 'tool_use',
      id: toolCall.id,
      name: toolCall.function.name,
      input: toolInput(toolCall.function.arguments, call, `${path}.tool_calls[${index}].function.arguments`),
    });
  });
  return blocks;
}

function toolResultBlock(message: ToolMessage): WireBlock {
  const content = typeof message.content === 'string' ? message.content : message.content.filter((part) => part.text.length > 0).map(textBlock);
  return { type: 'tool_result', tool_use_id: message.tool_call_id, content };
}

/** Appends blocks as a turn, merged into the previous turn when the role is the same. */
function append(turns: WireTurn[], role: WireTurn['role'], blocks: WireBlock[]): void {
  if (blocks.length === 0) {
    return;
  }
  const last = turns[turns.length - 1];
  if (last !== undefined && last.role === role && Array.isArray(last.content)) {
    last.content.push(...blocks);
  } else {
    turns.push({ role, content: blocks });
  }
}

/** A turn that is one plain text block is sent as a string, as Anthropic's own examples do. */
function compact(turn: WireTurn): WireTurn {
  const [only, ...rest] = turn.content;
  if (rest.length === 0 && typeof only === 'object' && only['type'] === 'text' && only['cache_control'] === undefined) {
    return { role: turn.role, content: only['text'] as string };
  }
  return turn;
}

function systemOf(parts: readonly TextContentPart[]): WireConversation['system'] {
  if (parts.length === 0) {
    return undefined;
  }
  // Cache markers only survive as blocks; otherwise one string reads best.
  if (parts.some((part) => part.cache_control !== undefined)) {
    return parts.map(textBlock);
  }
  return parts.map((part) => part.text).join('\n\n');
}

/** The conversation in Anthropic's shape; throws BadRequestError naming a message it cannot carry. */
export function toAnthropicConversation(messages: readonly Message[], call: CallContext): WireConversation {
  const systemParts: TextContentPart[] = [];
  const turns: WireTurn[] = [];
  messages.forEach((message, index) => {
    const path = `messages[${index}]`;
    switch (message.role) {
      case 'system':
      case 'developer':
        if (typeof message.content === 'string') {
          if (message.content.length > 0) {
            systemParts.push({ type: 'text', text: message.content });
          }
        } else {
          systemParts.push(...message.content.filter((part) => part.text.length > 0));
        }
        break;
      case 'user':
        append(turns, 'user', contentBlocks(message.content, call, `${path}.content`));
        break;
      case 'assistant':
        append(turns, 'assistant', assistantBlocks(message, call, path));
        break;
      case 'tool':
        // Tool results are user turns; consecutive ones merge into one, as Anthropic requires.
        append(turns, 'user', [toolResultBlock(message)]);
        break;
    }
  });
  return { system: systemOf(systemParts), messages: turns.map(compact) };
}
