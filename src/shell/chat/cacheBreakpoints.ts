/**
 * Prompt caching without configuration. OpenAI, Gemini and DeepSeek cache a repeated prefix on
 * their own; Anthropic (and Claude through OpenRouter, which forwards the markers) caches only up
 * to blocks marked `cache_control`. The chat marks two: the end of the system message (the
 * instructions, and a summary of earlier turns) and the end of the previous turn. Each follow-up
 * then reads everything before its own question from the cache at the cached price, and writes the
 * turn it adds. Anthropic allows four markers; a prefix shorter than its minimum is simply not cached.
 *
 * The system message keeps its text byte for byte across turns (instructions in a stable order),
 * or nothing could be read back.
 */

import { splitModelName, type Message, type TextContentPart } from '../../core';

const ephemeral = { type: 'ephemeral' } as const;

/** True for the models whose provider caches only at explicit breakpoints. */
export function needsCacheBreakpoints(model: string): boolean {
  const parts = splitModelName(model);
  if (parts === undefined) {
    return false;
  }
  return parts.provider === 'anthropic' || (parts.provider === 'openrouter' && parts.modelId.startsWith('anthropic/'));
}

/** The content with a breakpoint on its last text part (a string becomes one part). */
function marked(content: string | readonly TextContentPart[]): TextContentPart[] | undefined {
  const parts: TextContentPart[] = typeof content === 'string' ? [{ type: 'text', text: content }] : content.map((part) => ({ ...part }));
  const last = parts.at(-1);
  if (last === undefined || last.text.length === 0) {
    return undefined;
  }
  last.cache_control = ephemeral;
  return parts;
}

function markMessage(message: Message): Message {
  const content = message.content;
  if (content === undefined || content === null) {
    return message;
  }
  if (typeof content !== 'string' && content.some((part) => part.type !== 'text')) {
    // An image part can carry the marker too; its text comes first, so the last part is what counts.
    const parts = content.map((part) => ({ ...part }));
    const last = parts.at(-1);
    if (last !== undefined && last.type !== 'file') {
      last.cache_control = ephemeral;
    }
    return { ...message, content: parts } as Message;
  }
  const parts = marked(content as string | TextContentPart[]);
  return parts === undefined ? message : { ...message, content: parts };
}

/**
 * The messages with breakpoints on the last system message and on the message before the last
 * user message (the end of the previous turn). New objects where marked; the input is not changed.
 */
export function withCacheBreakpoints(messages: readonly Message[]): Message[] {
  const result = messages.slice();
  let lastSystem = -1;
  let lastUser = -1;
  result.forEach((message, index) => {
    if (message.role === 'system') {
      lastSystem = index;
    } else if (message.role === 'user') {
      lastUser = index;
    }
  });
  const previousTurnEnd = lastUser - 1;
  for (const index of new Set([lastSystem, previousTurnEnd])) {
    const message = result[index];
    if (message !== undefined && (index === lastSystem || message.role !== 'system')) {
      result[index] = markMessage(message);
    }
  }
  return result;
}
