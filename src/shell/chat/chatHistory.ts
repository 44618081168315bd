/**
 * The chat's history: the list of saved conversations the view shows, and opening, renaming and
 * deleting them. Opening or deleting the conversation on screen stops its running answer first (it
 * ends `stopped`, its partial text saved). Works on the session's state through `ChatHistoryHost`,
 * and runs each request through the session's queue, so history and chat never interleave. Every
 * save of the chat goes through its `SaveKeeper` (a full or read-only disk is told once, retried).
 */

import { errorText } from '../errorText';
import type { CurrentConversation } from './currentConversation';
import { scheduleAfterOf } from './delays';
import type { Localize } from './localize';
import type { ChatEnvironment, ChatLog, Conversation, ConversationStore } from './ports';
import { SaveKeeper } from './saveKeeper';
import type { ViewChannel } from './viewChannel';

/** What the history needs of the chat session around it. */
export interface ChatHistoryHost {
  store: ConversationStore;
  log: ChatLog;
  env: ChatEnvironment;
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
  /** Every save of the chat: a failure is told once per episode and retried until it gets through. */
  private readonly saves: SaveKeeper;

  constructor(private readonly host: ChatHistoryHost) {
    this.saves = new SaveKeeper({
      store: host.store,
      log: host.log,
      localize: host.localize,
      notice: (message) => host.view.notice(message),
      warn: host.env.warn?.bind(host.env),
      schedule: scheduleAfterOf(host.env),
    });
  }

  /** Shows a saved conversation; the one on screen already is left alone. */
  open(conversationId: string): Promise<void> {
    return this.host.enqueue(async () => {
      const { conversations, store } = this.host;
      if (conversationId === conversations.known?.id) {
        return;
      }
      // One the disk could not take yet is newer in memory than in its file.
      const conversation = this.saves.unsavedVersion(conversationId) ?? (await store.load(conversationId));
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
      this.saves.forget(conversationId);
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

  /** Saves a conversation (a failure is told once and retried, not thrown) and, when it is the one on screen, sends the list. */
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

  /** Saves a conversation without telling the list (a streaming answer's progress). Never rejects. */
  save(conversation: Conversation): Promise<void> {
    return this.saves.save(conversation);
  }
}
