/**
 * The conversation as the model reads it: OpenAI-format messages from what the chat shows. A
 * selection or file travels as a fenced code block named with its file and language; an image as
 * an `image_url` part, only to a model that accepts images. Earlier answers go back as their text
 * (a stopped one with what it had said); an answer with no text and no tool calls (failed before
 * any) is left out. An answer that used tools goes back round by round (`roundMessages.ts`).
 */

import type { ContentPart, Message } from '../../core';
import type { Attachment, ChatMessageView } from '../../protocol/messages';
import { fenced } from './fences';
import { roundMessages } from './roundMessages';

export interface ApiConversation {
  messages: Message[];
  /** Images left out because the model does not accept them. */
  omittedImages: number;
}

function describeAttachment(attachment: Attachment): string {
  const where = attachment.lines === undefined ? attachment.name : `${attachment.name} (lines ${attachment.lines})`;
  const what = attachment.kind === 'selection' ? 'Selection from' : 'File';
  return `${what} ${where}:\n${fenced(attachment.text ?? '', attachment.languageId)}`;
}

function userMessage(message: ChatMessageView, vision: boolean, counts: { omittedImages: number }): Message {
  const attachments = message.attachments ?? [];
  const texts = attachments.filter((attachment) => attachment.kind !== 'image').map(describeAttachment);
  if (message.content.length > 0) {
    texts.push(message.content);
  }
  const text = texts.join('\n\n');
  const images = attachments.filter((attachment) => attachment.kind === 'image' && attachment.dataUrl !== undefined);
  if (!vision) {
    counts.omittedImages += images.length;
  }
  if (!vision || images.length === 0) {
    return { role: 'user', content: text };
  }
  const parts: ContentPart[] = text.length > 0 ? [{ type: 'text', text }] : [];
  for (const image of images) {
    parts.push({ type: 'image_url', image_url: { url: image.dataUrl as string } });
  }
  return { role: 'user', content: parts };
}

/** An answer as the model reads it: each finished round with its calls and results, then the last round. */
function assistantMessages(message: ChatMessageView, vision: boolean): Message[] {
  const result: Message[] = [];
  for (const round of message.rounds ?? []) {
    result.push(...roundMessages(round, vision));
  }
  if ((message.toolCalls?.length ?? 0) > 0) {
    result.push(...roundMessages({ content: message.content, toolCalls: message.toolCalls ?? [], thinkingBlocks: message.thinkingBlocks }, vision));
  } else if (message.content.trim().length > 0) {
    result.push({ role: 'assistant', content: message.content });
  }
  return result;
}

/**
 * The API messages for `messages` (the conversation before the answer being asked for, and the
 * rounds that answer has finished so far).
 */
export function toApiMessages(messages: readonly ChatMessageView[], vision: boolean): ApiConversation {
  const counts = { omittedImages: 0 };
  const result: Message[] = [];
  for (const message of messages) {
    if (message.role === 'user') {
      result.push(userMessage(message, vision, counts));
    } else {
      result.push(...assistantMessages(message, vision));
    }
  }
  return { messages: result, omittedImages: counts.omittedImages };
}
