/**
 * Small, pure operations on a conversation that the controller composes: creating one, restoring
 * one from disk, naming it, cutting it for regenerate and edit, and copying what leaves the host.
 */

import type { Attachment, ChatMessageView, ToolCallView } from '../../protocol/messages';
import type { Conversation } from './ports';
import { titleFromText } from './titles';

export function newConversation(id: string, now: number, model: string): Conversation {
  return { version: 2, id, title: '', createdAt: now, updatedAt: now, model, messages: [] };
}

const unfinishedCallStates: ReadonlySet<string> = new Set(['pending', 'awaitingApproval', 'running']);

/** A call that was waiting or running when the answer was cut off: it ran no further. */
function settledCall(call: ToolCallView): ToolCallView {
  return call.state === undefined || unfinishedCallStates.has(call.state) ? { ...call, state: 'cancelled' } : call;
}

/**
 * A conversation read from disk: an answer still marked `streaming` was cut off by a crash or a
 * closed window (nothing streams it any more), so it ends `stopped` with the text it had, and its
 * calls that were waiting or running end `cancelled` (the model is told they did not run).
 */
export function restored(conversation: Conversation): Conversation {
  for (const message of conversation.messages) {
    if (message.status === 'streaming') {
      message.status = 'stopped';
      if (message.toolCalls !== undefined) {
        message.toolCalls = message.toolCalls.map(settledCall);
      }
    }
  }
  return conversation;
}

/** The title a first question gives its conversation: its first line, else the first attachment's name. */
function titleFor(text: string, attachments: readonly Attachment[]): string {
  return titleFromText(text) || titleFromText(attachments[0]?.name ?? '');
}

/** Removes every message after the last question and returns them (regenerate answers it again). */
export function cutAfterLastQuestion(conversation: Conversation): { question: ChatMessageView; removed: ChatMessageView[] } | undefined {
  const messages = conversation.messages;
  for (let index = messages.length - 1; index >= 0; index--) {
    const question = messages[index] as ChatMessageView;
    if (question.role === 'user') {
      return { question, removed: messages.splice(index + 1) };
    }
  }
  return undefined;
}

/** Who asks: the new message's id and time, and the model it is asked of. */
export interface Asking {
  id: string;
  now: number;
  model: string;
}

/** Appends a question; the first one names the conversation (`fallbackTitle` when it has no words). */
export function appendQuestion(conversation: Conversation, text: string, attachments: Attachment[], asking: Asking, fallbackTitle: string): ChatMessageView {
  const question: ChatMessageView = { id: asking.id, role: 'user', content: text, model: asking.model, status: 'complete', createdAt: asking.now };
  if (attachments.length > 0) {
    question.attachments = attachments;
  }
  if (conversation.title === '') {
    conversation.title = titleFor(text, attachments) || fallbackTitle;
  }
  conversation.messages.push(question);
  return question;
}

/**
 * Replaces a question's text and removes everything after it (edit and resend). The edited
 * question gets a new id, so a view that caches rendered messages by id cannot show the old text.
 * Undefined when there is no such question.
 */
export function replaceQuestion(conversation: Conversation, messageId: string, text: string, asking: Asking): { old: ChatMessageView; question: ChatMessageView } | undefined {
  const index = conversation.messages.findIndex((message) => message.id === messageId && message.role === 'user');
  const old = conversation.messages[index];
  if (old === undefined) {
    return undefined;
  }
  conversation.messages.splice(index);
  const question: ChatMessageView = { ...old, id: asking.id, content: text, model: asking.model, createdAt: asking.now };
  conversation.messages.push(question);
  return { old, question };
}

/**
 * A deep copy of what is posted to the view: the host keeps growing the streaming message, and a
 * sink that holds on to what it was given (a test, a queue) must see the state at posting time.
 */
export function copy<T>(value: T): T {
  return structuredClone(value);
}
