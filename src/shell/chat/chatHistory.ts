/**
 * The chat's history: the list of saved conversations the view shows, and opening, renaming and
 * deleting them. Opening or deleting the conversation on screen stops its running answer first (it
 * ends `stopped`, its partial text saved). Works on the session's state through `ChatHistoryHost`,
 * and runs each request through the session's queue, so history and chat never interleave.
 */

import { errorText } from '../errorText';
import type { CurrentConversation } from './currentConversation';
import type { Localize } from './localize';
import type { ChatLog, Conversation, ConversationStore } from './ports';
import type { ViewChannel } from './viewChannel';

/** What the history needs of the chat session around it. */
export interface ChatHistoryHost {
  store: ConversationStore;
  log: ChatLog;
  localize: Localize;
  view: ViewChannel;
  conversations: CurrentConversation;
  /** Stops the running answer and waits until it is saved. */
  stopAnswer(): Promise<void>;
  /** Sends the view the whole state (after the conversation on screen changed). */
  postSnapshot(): Promise<void>;
  /** Runs `operation` after every request before it (the session's queue). */
  enqueue(operation: () => Promise<void>): Promise<void>;
}

export class ChatHistory {
  constructor(private readonly host: ChatHistoryHost) {}

  /** Shows a saved conversation; the one on screen already is left alone. */
  open(conversationId: string): Promise<void> {
    return this.host.enqueue(async () => {
      const { conversations, store } = this.host;
      if (conversationId === conversations.known?.id) {
        return;
      }
      const conversation = await store.load(conversationId);
      if (conversation === undefined) {
        this.host.view.notice(this.host.localize('This conversation could not be opened: it was deleted or its file is damaged.'));
        await this.post();
        return;
      }
      await this.host.stopAnswer();
      conversations.open(conversation);
      await this.host.postSnapshot();
    });
  }

  rename(conversationId: string, title: string): Promise<void> {
    return this.host.enqueue(async () => {
      const trimmed = title.trim();
      const current = this.host.conversations.known;
      if (current?.id === conversationId) {
        current.title = trimmed;
        // An empty conversation has no file yet: its title lives in memory until the first question.
        if (current.messages.length > 0) {
          await this.save(current);
        }
      } else {
        try {
          await this.host.store.rename(conversationId, trimmed);
        } catch (error) {
          this.host.log.warn(`Chat: renaming ${conversationId} failed: ${errorText(error)}`);
        }
      }
      await this.post();
    });
  }

  /** Deletes a conversation; deleting the one on screen starts a blank one. */
  remove(conversationId: string): Promise<void> {
    return this.host.enqueue(async () => {
      const { conversations } = this.host;
      const isCurrent = conversationId === conversations.known?.id;
      if (isCurrent) {
        await this.host.stopAnswer();
      }
      try {
        await this.host.store.delete(conversationId);
      } catch (error) {
        this.host.log.warn(`Chat: deleting ${conversationId} failed: ${errorText(error)}`);
        this.host.view.notice(this.host.localize('The conversation could not be deleted.'));
      }
      if (isCurrent) {
        conversations.startBlank();
        await this.host.postSnapshot();
      } else {
        await this.post();
      }
    });
  }

  /** Saves a conversation (a failure is told, not thrown) and, when it is the one on screen, sends the list. */
  async saveAndList(conversation: Conversation): Promise<void> {
    await this.save(conversation);
    if (conversation === this.host.conversations.known) {
      await this.post();
    }
  }

  /** Sends the view the list of saved conversations. */
  async post(): Promise<void> {
    this.host.view.post({ type: 'history/list', conversations: await this.host.conversations.history() });
  }

  private async save(conversation: Conversation): Promise<void> {
    try {
      await this.host.store.save(conversation);
    } catch (error) {
      const reason = errorText(error);
      this.host.log.error(`Chat: saving conversation ${conversation.id} failed: ${reason}`);
      this.host.view.notice(this.host.localize('The conversation could not be saved: {0}', reason));
    }
  }
}
