/**
 * OpenAI messages → Converse's `system` and `messages`. Converse wants turns that alternate
 * between user and assistant, so tool results (OpenAI's `tool` messages) join the user turn they
 * sit in as `toolResult` blocks, and neighbouring turns of one role are merged. A part marked with
 * `cache_control` is followed by a `cachePoint`, which is how Converse marks a cache breakpoint.
 */

import { BadRequestError } from '../../errors';
import { parseToolArguments } from '../../jsonValues';
import type { ContentPart, Message, TextContentPart } from '../../types';
import { parseDataUrl } from '../anthropic/messages';
import type { CallContext } from '../types';

type WireBlock = Record<string, unknown>;

interface WireMessage {
  role: 'user' | 'assistant';
  content: WireBlock[];
}

export interface ConverseConversation {
  system: WireBlock[];
  messages: WireMessage[];
}

const cachePoint: WireBlock = { cachePoint: { type: 'default' } };

/** Converse's image formats, by media type. */
const imageFormats: ReadonlyMap<string, string> = new Map([
  ['image/png', 'png'],
  ['image/jpeg', 'jpeg'],
  ['image/jpg', 'jpeg'],
  ['image/gif', 'gif'],
  ['image/webp', 'webp'],
]);

function invalid(call: CallContext, param: string, message: string): BadRequestError {
  return new BadRequestError({ param, message: `Invalid '${param}': ${message}`, llm_provider: call.provider.id, model: call.requestedModel });
}

function imageBlock(url: string, call: CallContext, path: string): WireBlock {
  const inline = parseDataUrl(url);
  const format = inline === undefined ? undefined : imageFormats.get(inline.mediaType.toLowerCase());
  if (inline === undefined || format === undefined) {
    throw invalid(call, path, 'Bedrock takes images as base64 data: URLs of PNG, JPEG, GIF or WebP.');
  }
  // Converse's JSON wire carries the image bytes as base64, as the data URL already has them.
  return { image: { format, source: { bytes: inline.data } } };
}

function partBlocks(part: ContentPart, call: CallContext, path: string): WireBlock[] {
  let block: WireBlock;
  if (part.type === 'text') {
    block = { text: part.text };
  } else if (part.type === 'image_url') {
    block = imageBlock(part.image_url.url, call, `${path}.image_url.url`);
  } else {
    throw invalid(call, path, 'Switchboard sends Bedrock text and images; send documents as text.');
  }
  return 'cache_control' in part && part.cache_control !== undefined ? [block, cachePoint] : [block];
}

function contentBlocks(content: string | readonly ContentPart[] | null | undefined, call: CallContext, path: string): WireBlock[] {
  if (content === null || content === undefined) {
    return [];
  }
  if (typeof content === 'string') {
    return content.length > 0 ? [{ text: content }] : [];
  }
  return content.flatMap((part, index) => partBlocks(part, call, `${path}[${index}]`));
}

function textOf(content: string | readonly TextContentPart[]): string {
  return typeof content === 'string' ? content : content.map((part) => part.text).join('');
}

function assistantBlocks(message: Extract<Message, { role: 'assistant' }>, call: CallContext, path: string): WireBlock[] {
  const blocks: WireBlock[] = [];
  // Claude checks that the thinking it produced comes back first and unchanged (signature included).
  for (const thinking of message.thinking_blocks ?? []) {
    blocks.push(
      thinking.type === 'thinking'
        ? { reasoningContent: { reasoningText: thinking.signature === undefined ? { text: thinking.thinking } : { text: thinking.thinking, signature: thinking.signature } } }
        : { reasoningContent: { redactedContent: thinking.data } },
    );
  }
  blocks.push(...contentBlocks(message.content, call, `${path}.content`));
  (message.tool_calls ?? []).forEach((toolCall, index) => {
    const parsed = parseToolArguments(toolCall.function.arguments);
    if (!parsed.ok) {
      throw invalid(call, `${path}.tool_calls[${index}].function.arguments`, `${parsed.problem}.`);
    }
    blocks.push({ toolUse: { toolUseId: toolCall.id, name: toolCall.function.name, input: parsed.value } });
  });
  return blocks;
}

export function toConverseConversation(messages: readonly Message[], call: CallContext): ConverseConversation {
  const system: WireBlock[] = [];
  const turns: WireMessage[] = [];
  const append = (role: WireMessage['role'], blocks: WireBlock[]): void => {
    if (blocks.length === 0) {
      return;
    }
    const last = turns[turns.length - 1];
    if (last !== undefined && last.role === role) {
      last.content.push(...blocks);
    } else {
      turns.push({ role, content: blocks });
    }
  };
  messages.forEach((message, index) => {
    const path = `messages[${index}]`;
    switch (message.role) {
      case 'system':
      case 'developer':
        system.push(...contentBlocks(message.content, call, `${path}.content`));
        return;
      case 'user':
        append('user', contentBlocks(message.content, call, `${path}.content`));
        return;
      case 'assistant':
        append('assistant', assistantBlocks(message, call, path));
        return;
      case 'tool':
        append('user', [{ toolResult: { toolUseId: message.tool_call_id, content: [{ text: textOf(message.content) }] } }]);
        return;
    }
  });
  return { system, messages: turns };
}
