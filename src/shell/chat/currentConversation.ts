/**
 * Which conversation the chat shows. At start it is the most recent one from the history (the
 * sidebar: a reloaded window shows where the user left off), a blank one (a new editor tab) or a
 * given one (a tab restored after a reload); a new chat is a blank conversation that gets a file
 * only with its first question. A conversation another view shows is shared, not loaded twice.
 */

import type { ConversationSummary } from '../../protocol/messages';
import { newConversation, restored } from './conversationEdits';
import { errorText } from '../errorText';
import type { ChatEnvironment, ChatLog, Conversation, ConversationStore, ModelChoice } from './ports';

/** What a chat shows first: the most recent conversation, a blank one, or a saved one by id (blank when it is gone). */
export type ChatOpening = { kind: 'recent' } | { kind: 'blank' } | { kind: 'saved'; conversationId: string };

export interface CurrentConversationDeps {
  store: ConversationStore;
  models: ModelChoice;
  log: ChatLog;
  env: ChatEnvironment;
  /** What to show first; the most recent conversation without it. */
  opening?: ChatOpening;
  /** The object to show for one read from the store (the hub's: another view may show it already). */
  adopt?: (conversation: Conversation) => Conversation;
}

export class CurrentConversation {
  private current: Conversation | undefined;
  private firstLoad: Promise<Conversation> | undefined;

  constructor(private readonly deps: CurrentConversationDeps) {}

  /** The current conversation if already known (no loading). */
  get known(): Conversation | undefined {
    return this.current;
  }

  async get(): Promise<Conversation> {
    if (this.current !== undefined) {
      return this.current;
    }
    this.firstLoad ??= this.loadFirst();
    const loaded = await this.firstLoad;
    this.current ??= loaded;
    return this.current;
  }

  /** Shows a conversation read from the store (an answer a crash cut off ends `stopped`). */
  open(conversation: Conversation): void {
    this.current = this.adopted(conversation);
  }

  startBlank(): void {
    this.current = newConversation(this.deps.env.newId(), this.deps.env.now(), this.deps.models.current());
  }

  /** The history, newest first; a store that cannot list gives an empty one (logged). */
  async history(): Promise<ConversationSummary[]> {
    try {
      return await this.deps.store.list();
    } catch (error) {
      this.deps.log.warn(`Chat: the history could not be listed: ${errorText(error)}`);
      return [];
    }
  }

  private adopted(conversation: Conversation): Conversation {
    const shared = this.deps.adopt?.(conversation) ?? conversation;
    // One a view shows is live (its answer may stream); only one read from the store is restored.
    return shared === conversation ? restored(conversation) : shared;
  }

  private async loadFirst(): Promise<Conversation> {
    const opening = this.deps.opening ?? { kind: 'recent' };
    if (opening.kind !== 'blank') {
      try {
        const id = opening.kind === 'saved' ? opening.conversationId : (await this.deps.store.list())[0]?.id;
        const conversation = id === undefined ? undefined : await this.deps.store.load(id);
        if (conversation !== undefined) {
          return this.adopted(conversation);
        }
      } catch (error) {
        this.deps.log.warn(`Chat: the history could not be read: ${errorText(error)}`);
      }
    }
    return newConversation(this.deps.env.newId(), this.deps.env.now(), this.deps.models.current());
  }
}
