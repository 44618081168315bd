/**
 * When a conversation gets its title (`switchboard.chat.titles`): `firstLine` keeps its first
 * question's line; `model` asks the model for a short title once the first answer is complete. A
 * rename by the user always wins: a conversation renamed by the user is never titled again, and a
 * title request running when the user renames or deletes its conversation is cancelled. The
 * requests run in the background, one per conversation (a newer one cancels the older).
 */

import type { ChatMessageView } from '../../protocol/messages';
import { splitModelName } from '../../core';
import type { TitleMode } from '../chatSettings';
import type { ChatCompletions, ChatLog, Conversation, ChatUsageLog } from './ports';
import { writeTitle, type WrittenTitle } from './titleWriter';

/** What a model title is written from: the question and its answer. */
export interface TitleExchange {
  question: ChatMessageView;
  answer: ChatMessageView;
}

/**
 * The exchange to title when the answer that just ended is the conversation's first complete one
 * (its only one, last in the conversation), and the user has not named the conversation.
 */
export function titleExchange(conversation: Conversation): TitleExchange | undefined {
  const { messages } = conversation;
  const answer = messages[messages.length - 1];
  const question = messages[messages.length - 2];
  if (conversation.titleSource === 'user' || answer?.role !== 'assistant' || answer.status !== 'complete' || question?.role !== 'user') {
    return undefined;
  }
  const complete = messages.filter((message) => message.role === 'assistant' && message.status === 'complete').length;
  return complete === 1 ? { question, answer } : undefined;
}

/** A question as the title request reads it: its text, else what it attached. */
function questionText(question: ChatMessageView): string {
  const names = (question.attachments ?? []).map((attachment) => attachment.name);
  return names.length === 0 ? question.content : `${question.content}\n(attached: ${names.join(', ')})`;
}

export interface ConversationTitlesHost {
  client: ChatCompletions;
  /** Where each request's usage is counted by day and model; nothing is counted without it. */
  usage?: ChatUsageLog;
  log: ChatLog;
  /**
   * A title request ended with `written`: count its usage, and apply its title unless `cancelled`
   * (the user renamed the conversation meanwhile). Never rejects.
   */
  apply(conversationId: string, written: WrittenTitle, cancelled: boolean): Promise<void>;
}

export class ConversationTitles {
  /** The running title request of each conversation. */
  private readonly requests = new Map<string, AbortController>();
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly host: ConversationTitlesHost) {}

  /**
   * An answer of `conversation` ended: a first-line title is marked as such, and in `model` mode
   * the first complete answer starts a title request. Returns at once (`idle()` waits for it).
   */
  answered(conversation: Conversation, mode: TitleMode): void {
    if (conversation.titleSource === undefined && conversation.title !== '') {
      conversation.titleSource = 'firstLine';
    }
    const exchange = mode === 'model' ? titleExchange(conversation) : undefined;
    const model = exchange?.answer.model ?? conversation.model;
    // The offline mock model would only echo the request: its chats keep their first line.
    if (exchange === undefined || splitModelName(model)?.provider === 'mock') {
      return;
    }
    const id = conversation.id;
    this.requests.get(id)?.abort();
    const abort = new AbortController();
    this.requests.set(id, abort);
    const job = (async () => {
      const written = await writeTitle({ client: this.host.client, usage: this.host.usage, model, question: questionText(exchange.question), answer: exchange.answer.content, signal: abort.signal, log: this.host.log });
      if (this.requests.get(id) === abort) {
        this.requests.delete(id);
      }
      if (written !== undefined) {
        await this.host.apply(id, written, abort.signal.aborted);
      }
    })();
    this.running.add(job);
    void job.finally(() => this.running.delete(job));
  }

  /** The user renamed or deleted the conversation: a title being written for it is not wanted any more. */
  cancel(conversationId: string): void {
    this.requests.get(conversationId)?.abort();
  }

  /** Cancels every title request (the chat closes). */
  dispose(): void {
    for (const abort of this.requests.values()) {
      abort.abort();
    }
  }

  /** Resolves once no title request runs and every title is applied. */
  async idle(): Promise<void> {
    while (this.running.size > 0) {
      await Promise.all(this.running);
    }
  }
}
