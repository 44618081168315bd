/**
 * What a conversation file must look like to be loaded. A file can be damaged (a disk fault, an
 * edit by hand, a future version): one that does not parse into this shape is reported and left
 * alone, never shown half-read and never overwritten.
 */

import { isRecord } from '../../core';
import { attachmentKinds, errorActions, idPattern, imageDataUrlPattern, messageStatuses } from '../../protocol/messages';
import { reasoningLevels } from '../../protocol/requestViews';
import { toolCallStates, toolSourceKinds } from '../../protocol/toolViews';
import { errorText } from '../errorText';
import type { Conversation } from './ports';

/** The version a conversation is written as; files of every earlier version still load. */
export const currentConversationVersion = 2;

/** True when `id` is safe as a file name: the protocol's ids are (no dots, slashes or anything a path could turn into a trick). */
export function isConversationId(id: string): boolean {
  return idPattern.test(id);
}

type Check = (value: unknown) => boolean;

const isString: Check = (value) => typeof value === 'string';
const isTime: Check = (value) => typeof value === 'number' && Number.isFinite(value);
const isCount: Check = (value) => typeof value === 'number' && Number.isFinite(value) && value >= 0;

function optional(check: Check): Check {
  return (value) => value === undefined || check(value);
}

function oneOf(values: readonly string[]): Check {
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
  kind: oneOf(attachmentKinds),
  name: isString,
  languageId: optional(isString),
  text: optional(isString),
  lines: optional(isString),
  // The view shows it as an image: only the kinds the protocol lets the webview send.
  dataUrl: optional(matching(imageDataUrlPattern)),
  tokens: optional(isCount),
});

const isUsage = shape({
  promptTokens: optional(isCount),
  completionTokens: optional(isCount),
  reasoningTokens: optional(isCount),
  cachedTokens: optional(isCount),
  cost: optional(isCount),
});

const isModelSettings = shape({
  reasoning: optional(oneOf(reasoningLevels)),
  temperature: optional((value) => typeof value === 'number' && value >= 0 && value <= 2),
  maxTokens: optional((value) => typeof value === 'number' && Number.isInteger(value) && value > 0),
});

const isCompaction = shape({
  id: isString,
  kind: oneOf(['summary', 'dropped']),
  beforeMessageId: isString,
  messageCount: isCount,
  summary: optional(isString),
  createdAt: isTime,
  usage: optional(isUsage),
});

const isToolCall = shape({
  id: isString,
  name: isString,
  arguments: isString,
  source: optional(shape({ kind: oneOf(toolSourceKinds), label: isString, id: isString })),
  toolName: optional(isString),
  state: optional(oneOf(toolCallStates)),
  result: optional(
    shape({
      text: isString,
      isError: (value) => typeof value === 'boolean',
      // The view shows them as images: only the kinds the protocol lets through.
      images: optional(arrayOf(matching(imageDataUrlPattern))),
      durationMs: optional(isCount),
    }),
  ),
});

const isThinkingBlock: Check = (value) =>
  shape({ type: oneOf(['thinking']), thinking: isString, signature: optional(isString) })(value) || shape({ type: oneOf(['redacted_thinking']), data: isString })(value);

const isRound = shape({
  content: isString,
  reasoning: optional(isString),
  toolCalls: arrayOf(isToolCall),
  thinkingBlocks: optional(arrayOf(isThinkingBlock)),
  usage: optional(isUsage),
});

const isMessage = shape({
  id: isString,
  role: oneOf(['user', 'assistant']),
  content: isString,
  reasoning: optional(isString),
  toolCalls: optional(arrayOf(isToolCall)),
  rounds: optional(arrayOf(isRound)),
  thinkingBlocks: optional(arrayOf(isThinkingBlock)),
  roundLimitReached: optional((value) => typeof value === 'boolean'),
  attachments: optional(arrayOf(isAttachment)),
  model: optional(isString),
  status: oneOf(messageStatuses),
  usage: optional(isUsage),
  error: optional(shape({ message: isString, kind: isString, actions: arrayOf(oneOf(errorActions)) })),
  createdAt: isTime,
});

const isConversation = shape({
  version: (value) => value === 1 || value === currentConversationVersion,
  id: isString,
  title: isString,
  createdAt: isTime,
  updatedAt: isTime,
  model: isString,
  messages: arrayOf(isMessage),
  modelSettings: optional(isModelSettings),
  disabledInstructions: optional(arrayOf(isString)),
  compactions: optional(arrayOf(isCompaction)),
  titleSource: optional(oneOf(['firstLine', 'model', 'user'])),
  sideUsage: optional(isUsage),
});

/** A conversation's file content: written as the current version (a version 1 conversation read earlier is a valid version 2 one). */
export function conversationFileText(conversation: Conversation): string {
  return JSON.stringify({ ...conversation, version: currentConversationVersion });
}

/** The conversation in `text`, or why it cannot be one. */
export function parseConversation(text: string, expectedId: string): { conversation: Conversation } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { problem: `not valid JSON (${errorText(error)})` };
  }
  if (!isConversation(value)) {
    return { problem: `not a conversation of version 1 to ${currentConversationVersion}` };
  }
  const conversation = value as Conversation;
  if (conversation.id !== expectedId) {
    return { problem: `it holds conversation '${String(conversation.id)}'` };
  }
  return { conversation };
}
