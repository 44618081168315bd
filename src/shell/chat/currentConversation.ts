/**
 * Which conversation the chat shows. At start it is the most recent one from the history, so a
 * reloaded window shows where the user left off; a new chat is a blank conversation that gets a
 * file only with its first question.
 */

import type { ConversationSummary } from '../../protocol/messages';
import { newConversation, restored } from './conversationEdits';
import { errorText } from '../errorText';
import type { ChatEnvironment, ChatLog, Conversation, ConversationStore, ModelChoice } from './ports';

export interface CurrentConversationDeps {
  store: ConversationStore;
  models: ModelChoice;
  log: ChatLog;
  env: ChatEnvironment;
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
    this.firstLoad ??= this.loadMostRecent();
    const loaded = await this.firstLoad;
    this.current ??= loaded;
    return this.current;
  }

  /** Shows a conversation read from the store (an answer a crash cut off ends `stopped`). */
  open(conversation: Conversation): void {
    this.current = restored(conversation);
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

  private async loadMostRecent(): Promise<Conversation> {
    try {
      const [latest] = await this.deps.store.list();
      const conversation = latest === undefined ? undefined : await this.deps.store.load(latest.id);
      if (conversation !== undefined) {
        return restored(conversation);
      }
    } catch (error) {
      this.deps.log.warn(`Chat: the history could not be read: ${errorText(error)}`);
    }
    return newConversation(this.deps.env.newId(), this.deps.env.now(), this.deps.models.current());
  }
}
