/**
 * One conversation's file for the store: its stamp (size and modification time), its content
 * checked, files that cannot be read reported once per version of the file and moved aside
 * before they would be overwritten.
 */

import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReadingFileSystem } from './readingFileSystem';
import { parseConversation } from './conversationFormat';
import { errorText } from '../errorText';
import type { ChatLog, Conversation } from './ports';

export function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}

export class ConversationFiles {
  /** Files known to be unreadable, by id, with the stamp they had: reported once, re-read when they change. */
  readonly damaged = new Map<string, string>();

  constructor(
    private readonly directory: string,
    private readonly reads: ReadingFileSystem,
    private readonly log: ChatLog,
    private readonly onUnreadable: ((id: string, problem: string) => void) | undefined,
  ) {}

  /** Size and modification time of `<id>.json`; undefined when there is no such file. */
  async stampOf(id: string): Promise<string | undefined> {
    try {
      const info = await this.reads.stat(join(this.directory, `${id}.json`));
      return info.isFile() ? `${info.size}:${info.mtimeMs}` : undefined;
    } catch (error) {
      if (isMissing(error)) {
        return undefined;
      }
      throw error;
    }
  }

  /** Reads and checks one conversation; a damaged one is reported (once per version of the file). */
  async read(id: string, stamp: string): Promise<Conversation | undefined> {
    let text: string;
    try {
      text = await this.reads.readFile(join(this.directory, `${id}.json`), 'utf8');
    } catch (error) {
      if (isMissing(error)) {
        return undefined;
      }
      this.reportUnreadable(id, stamp, errorText(error));
      return undefined;
    }
    const parsed = parseConversation(text, id);
    if ('problem' in parsed) {
      this.reportUnreadable(id, stamp, parsed.problem);
      return undefined;
    }
    this.damaged.delete(id);
    return parsed.conversation;
  }

  /** A damaged file is someone's conversation: before a save replaces it, it is moved aside for recovery. */
  async keepAsideIfDamaged(id: string, now: number): Promise<void> {
    if (!this.damaged.has(id)) {
      return;
    }
    const aside = `${id}.damaged-${now}.json`;
    try {
      await rename(join(this.directory, `${id}.json`), join(this.directory, aside));
      this.log.warn(`Conversation store: kept the unreadable ${id}.json as ${aside}.`);
    } catch (error) {
      if (!isMissing(error)) {
        throw error;
      }
    }
    this.damaged.delete(id);
  }

  private reportUnreadable(id: string, stamp: string, problem: string): void {
    if (this.damaged.get(id) === stamp) {
      return;
    }
    this.damaged.set(id, stamp);
    this.log.warn(`Conversation store: ${id}.json cannot be read (${problem}); it is left out of the history and left unchanged.`);
    this.onUnreadable?.(id, problem);
  }
}
