/**
 * Every save of the chat goes through here, so a disk that is full, read-only or not writable
 * costs nothing but the saves themselves: the failure is told once per episode (not per save — a
 * streaming answer saves every couple of seconds), the chat keeps working in memory, and the
 * conversations that could not be saved are saved again — with the next save of anything, and by
 * a retry with backoff while any is unsaved. The first save that gets through after an episode
 * says so ("saved again"). The store never damages what it saved before (atomicFile.ts), so a
 * failed save leaves the previous file as it was.
 */

import { errorText } from '../errorText';
import type { ScheduleAfter } from './delays';
import type { Localize } from './localize';
import type { ChatLog, Conversation, ConversationStore } from './ports';
import { saveProblemText, saveTroubleOf, type SaveTrouble } from './saveProblems';

/**
 * Waits before retrying while conversations are unsaved: quick at first (a disk freed by a
 * deleted file should be used soon), then every 30 s — a full disk can stay full for hours, and a
 * failing write costs little but should not spin. Any save the chat makes meanwhile (a new
 * question, the next two seconds of an answer) tries at once anyway.
 */
export const saveRetryDelaysMs: readonly number[] = [1_000, 2_000, 4_000, 8_000, 15_000, 30_000];

export interface SaveKeeperOptions {
  store: ConversationStore;
  log: ChatLog;
  localize: Localize;
  notice(message: string): void;
  /** A warning that stays until dismissed (the chat's notice passes), told once per episode too. */
  warn?(message: string): void;
  schedule: ScheduleAfter;
}

export class SaveKeeper {
  /** Conversations whose latest save failed, by id: the live objects, so a retry writes their latest state. */
  private readonly unsaved = new Map<string, Conversation>();
  /** The trouble told in this episode; undefined while saves get through. */
  private trouble: SaveTrouble | undefined;
  private retry: { cancel(): void } | undefined;
  private attempts = 0;

  constructor(private readonly options: SaveKeeperOptions) {}

  /** True while some conversation could not be saved. */
  get troubled(): boolean {
    return this.trouble !== undefined;
  }

  /** Saves a conversation. Never rejects: a failure is told (once per episode) and retried. */
  async save(conversation: Conversation): Promise<void> {
    try {
      await this.options.store.save(conversation);
    } catch (error) {
      this.failed(conversation, error);
      return;
    }
    // The file now holds this conversation as it was a moment ago: the latest save of its id wins.
    this.unsaved.delete(conversation.id);
    this.settle();
  }

  /**
   * The conversation as the chat has it when its last save failed: newer than its file, so it is
   * the one to show when it is opened again (reading the file would lose what is unsaved).
   */
  unsavedVersion(id: string): Conversation | undefined {
    return this.unsaved.get(id);
  }

  /** The conversation is being deleted: never saved again from here (a retry would bring it back). */
  forget(id: string): void {
    this.unsaved.delete(id);
    if (this.unsaved.size === 0) {
      this.retry?.cancel();
      this.retry = undefined;
    }
  }

  private failed(conversation: Conversation, error: unknown): void {
    this.unsaved.set(conversation.id, conversation);
    const trouble = saveTroubleOf(error);
    this.options.log.error(`Chat: saving conversation ${conversation.id} failed: ${errorText(error)}`);
    if (trouble !== this.trouble) {
      this.trouble = trouble;
      const text = saveProblemText(error, this.options.localize);
      this.options.notice(text);
      this.options.warn?.(text);
    }
    this.scheduleRetry();
  }

  /** After a save got through: the episode ends once nothing is left unsaved. */
  private settle(): void {
    if (this.unsaved.size > 0) {
      return;
    }
    this.retry?.cancel();
    this.retry = undefined;
    this.attempts = 0;
    if (this.trouble !== undefined) {
      this.trouble = undefined;
      this.options.log.info('Chat: conversations are saved again.');
      this.options.notice(this.options.localize('Switchboard saved this chat again.'));
    }
  }

  private scheduleRetry(): void {
    if (this.retry !== undefined) {
      return;
    }
    const delay = saveRetryDelaysMs[Math.min(this.attempts, saveRetryDelaysMs.length - 1)] as number;
    this.attempts++;
    this.retry = this.options.schedule(delay, () => {
      this.retry = undefined;
      void this.retryUnsaved();
    });
  }

  private async retryUnsaved(): Promise<void> {
    for (const conversation of [...this.unsaved.values()]) {
      // Forgotten (deleted) meanwhile, or saved by a newer save: nothing to do.
      if (this.unsaved.get(conversation.id) === conversation) {
        await this.save(conversation);
      }
    }
  }
}
