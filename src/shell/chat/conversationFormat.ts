/**
 * What a conversation file must look like to be loaded. A file can be damaged (a disk fault, an
 * edit by hand, a future version): one that does not parse into this shape is reported and left
 * alone, never shown half-read and never overwritten.
 */

import type { Conversation } from './ports';

export const conversationIdPattern = /^[A-Za-z0-9_-]{1,100}$/;

/** True when `id` is safe as a file name: no dots, slashes or anything a path could turn into a trick. */
export function isConversationId(id: string): boolean {
  return conversationIdPattern.test(id);
}

type Check = (value: unknown) => boolean;

const isString: Check = (value) => typeof value === 'string';
const isTime: Check = (value) => typeof value === 'number' && Number.isFinite(value);
const isCount: Check = (value) => typeof value === 'number' && Number.isFinite(value) && value >= 0;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optional(check: Check): Check {
  return (value) => value === undefined || check(value);
}

function oneOf(...values: string[]): Check {
  return (value) => typeof value === 'string' && values.includes(value);
}

function matching(pattern: RegExp): Check {
  return (value) => typeof value === 'string' && pattern.test(value);
}

function arrayOf(check: Check): Check {
  return (value) => Array.isArray(value) && value.every(check);
}

function shape(fields: Record<string, Check>): Check {
  return (value) => isRecord(value) && Object.entries(fields).every(([key, check]) => check(value[key]));
}

const isAttachment = shape({
  kind: oneOf('selection', 'file', 'image'),
  name: isString,
  languageId: optional(isString),
  text: optional(isString),
  lines: optional(isString),
  // The view shows it as an image: only the kinds the protocol lets the webview send.
  dataUrl: optional(matching(/^data:image\/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/]+={0,2}$/)),
});

const isMessage = shape({
  id: isString,
  role: oneOf('user', 'assistant'),
  content: isString,
  reasoning: optional(isString),
  toolCalls: optional(arrayOf(shape({ id: isString, name: isString, arguments: isString }))),
  attachments: optional(arrayOf(isAttachment)),
  model: optional(isString),
  status: oneOf('complete', 'streaming', 'stopped', 'error'),
  usage: optional(
    shape({
      promptTokens: optional(isCount),
      completionTokens: optional(isCount),
      reasoningTokens: optional(isCount),
      cachedTokens: optional(isCount),
      cost: optional(isCount),
    }),
  ),
  error: optional(shape({ message: isString, kind: isString, actions: arrayOf(oneOf('setApiKey', 'selectModel', 'retry', 'showLogs', 'openSettings', 'testConnection')) })),
  createdAt: isTime,
});

const isConversation = shape({
  version: (value) => value === 1,
  id: isString,
  title: isString,
  createdAt: isTime,
  updatedAt: isTime,
  model: isString,
  messages: arrayOf(isMessage),
});

/** The conversation in `text`, or why it cannot be one. */
export function parseConversation(text: string, expectedId: string): { conversation: Conversation } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problem: `not valid JSON (${error instanceof Error ? error.message : String(error)})` };
  }
  if (!isConversation(value)) {
    return { problem: 'not a conversation of version 1' };
  }
  const conversation = value as Conversation;
  if (conversation.id !== expectedId) {
    return { problem: `it holds conversation '${String(conversation.id)}'` };
  }
  return { conversation };
}
