/**
 * The chat's history: the list of saved conversations the view shows, searching them, opening,
 * renaming and deleting them, and their titles. Opening or deleting the conversation on screen
 * stops its running answer first (it ends `stopped`, its partial text saved). Works on the
 * session's state through `ChatHistoryHost`, and runs each request through the session's queue,
 * so history and chat never interleave. Every save of the chat goes through its `SaveKeeper` (a
 * full or read-only disk is told once, retried) and reaches the search index (conversationSearch.ts).
 * A rename is the user's title: it is kept over any title the model writes (conversationTitles.ts).
 */

import { errorText } from '../errorText';
import { ConversationSearch } from './conversationSearch';
import type { TitleMode } from '../chatSettings';
import { ConversationTitles } from './conversationTitles';
import type { CurrentConversation } from './currentConversation';
import { scheduleAfterOf } from './delays';
import type { Localize } from './localize';
import type { ChatCompletions, ChatEnvironment, ChatLog, Conversation, ConversationStore, ChatUsageLog } from './ports';
import { SaveKeeper } from './saveKeeper';
import type { WrittenTitle } from './titleWriter';
import { addedUsage } from './usage';
import type { ViewChannel } from './viewChannel';
import type { ToWebview } from '../../protocol/messages';

/** What the history needs of the chat session around it. */
export interface ChatHistoryHost {
  store: ConversationStore;
  /** Where title requests go. */
  client: ChatCompletions;
  /** Where each request's usage is counted by day and model; nothing is counted without it. */
  usage?: ChatUsageLog;
  /** `switchboard.chat.titles`, read as each answer ends; without it, titles are first lines. */
  titleMode?: () => TitleMode;
  log: ChatLog;
  env: ChatEnvironment;
  localize: Localize;
  view: ViewChannel;
  conversations: CurrentConversation;
  /** The view leaves the conversation on screen: its answer stops (unless another view shows it) and is saved. */
  stopAnswer(): Promise<void>;
  /** Posts to every view (the list is the same in all). */
  broadcast(message: ToWebview): void;
  /** Posts to the views that show `conversation`. */
  postAbout(conversation: Conversation, message: ToWebview): void;
  /** The live object of a conversation another view shows or an answer streams into, if any. */
  shared(conversationId: string): Conversation | undefined;
  /** Sends the view the whole state (after the conversation on screen changed). */
  postSnapshot(): Promise<void>;
  /** Runs `operation` after every request before it (the session's queue). */
  enqueue(operation: () => Promise<void>): Promise<void>;
}

export class ChatHistory {
  /** Every save of the chat: a failure is told once per episode and retried until it gets through. */
  private readonly saves: SaveKeeper;
  private readonly index: ConversationSearch;
  private readonly titles: ConversationTitles;

  /** The last query searched, answered again after a rename or a delete. */
  private lastQuery: string | undefined;

  constructor(private readonly host: ChatHistoryHost) {
    this.saves = new SaveKeeper({
      store: host.store,
      log: host.log,
      localize: host.localize,
      notice: (message) => host.view.notice(message),
      warn: host.env.warn?.bind(host.env),
      schedule: scheduleAfterOf(host.env),
    });
    this.index = new ConversationSearch({ store: host.store, log: host.log, current: () => host.conversations.known });
    this.titles = new ConversationTitles({
      client: host.client,
      usage: host.usage,
      log: host.log,
      apply: (conversationId, written, cancelled) => host.enqueue(() => this.applyTitle(conversationId, written, cancelled)),
    });
  }

  /**
   * Sends the view the conversations matching `query` (`history/results`, the query echoed); a
   * blank query is not answered. Not queued: typing in the search box never waits for the chat.
   */
  async search(query: string): Promise<void> {
    if (query.trim().length === 0) {
      return;
    }
    this.lastQuery = query;
    const conversations = await this.index.search(query);
    this.host.view.post({ type: 'history/results', query, conversations });
  }

  /**
   * The history panel opened, its search box focused: the search index is built now, in the
   * background, so the first search (reading every conversation once) is mostly done by the time
   * a query is typed. A history that is never opened is never read.
   */
  shown(): void {
    this.index.prepare();
  }

  /**
   * After a rename or a delete, the last search is answered again, so its results do not show
   * what is gone; the view applies them only while its box still holds that query.
   */
  private async searchAgain(): Promise<void> {
    if (this.lastQuery !== undefined) {
      await this.search(this.lastQuery);
    }
  }

  /**
   * An answer of `conversation` ended (call it before saving the end): in `model` mode its first
   * complete answer starts a title request in the background; `idle()` waits for it.
   */
  answered(conversation: Conversation): void {
    this.titles.answered(conversation, this.host.titleMode?.() ?? 'firstLine');
  }

  /** Resolves once no title is being written. */
  idle(): Promise<void> {
    return this.titles.idle();
  }

  /** Cancels the title requests still running (the chat closes). */
  dispose(): void {
    this.titles.dispose();
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

  /** Names a conversation: the user's title, which no title written later replaces. */
  rename(conversationId: string, title: string): Promise<void> {
    // Before waiting for the queue: a title being written now must not land after this.
    this.titles.cancel(conversationId);
    return this.host.enqueue(async () => {
      const conversation = await this.live(conversationId);
      if (conversation === undefined) {
        this.host.log.debug(`Chat: nothing to rename for ${conversationId}.`);
      } else {
        conversation.title = title.trim();
        // Kept in the file too: a conversation renamed from the list and answered again later keeps its name.
        conversation.titleSource = 'user';
        // An empty conversation has no file yet: its title lives in memory until the first question.
        if (conversation.messages.length > 0) {
          await this.save(conversation);
        }
      }
      await this.post();
      await this.searchAgain();
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
      this.titles.cancel(conversationId);
      this.saves.forget(conversationId);
      this.index.deleted(conversationId);
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
      await this.searchAgain();
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
    this.host.broadcast({ type: 'history/list', conversations: await this.host.conversations.history() });
  }

  /** Saves a conversation without telling the list (a streaming answer's progress). Never rejects. */
  async save(conversation: Conversation): Promise<void> {
    await this.saves.save(conversation);
    // Searchable as saved, or as the chat keeps it when the disk refused (it is opened from memory then too).
    this.index.saved(conversation);
  }

  /**
   * The conversation as the chat has it: the one on screen, else the one the disk has not taken
   * yet, else its file. Undefined when it was deleted or cannot be read.
   */
  private async live(conversationId: string): Promise<Conversation | undefined> {
    const current = this.host.conversations.known;
    if (current?.id === conversationId) {
      return current;
    }
    const shared = this.host.shared(conversationId);
    if (shared !== undefined) {
      return shared;
    }
    try {
      return this.saves.unsavedVersion(conversationId) ?? (await this.host.store.load(conversationId));
    } catch (error) {
      this.host.log.warn(`Chat: reading ${conversationId} failed: ${errorText(error)}`);
      return undefined;
    }
  }

  /** A title request ended (in the session's queue): its cost is counted; its title is used unless the user named the conversation. */
  private async applyTitle(conversationId: string, written: WrittenTitle, cancelled: boolean): Promise<void> {
    const conversation = await this.live(conversationId);
    if (conversation === undefined) {
      return;
    }
    if (written.usage !== undefined) {
      conversation.sideUsage = addedUsage(conversation.sideUsage, written.usage);
    }
    const titled = written.title !== undefined && !cancelled && conversation.titleSource !== 'user';
    if (titled) {
      conversation.title = written.title as string;
      conversation.titleSource = 'model';
    }
    if (!titled && written.usage === undefined) {
      return;
    }
    await this.save(conversation);
    if (titled) {
      this.host.postAbout(conversation, { type: 'conversation/title', conversationId, title: conversation.title });
    }
    await this.post();
  }
}
