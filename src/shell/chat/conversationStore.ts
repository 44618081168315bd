/**
 * Conversations on disk: one JSON file per conversation (`<id>.json`) in a directory the shell
 * passes in (the extension's global storage), plus an index of summaries so the history list
 * opens without reading every conversation. Every write is atomic (see atomicFile.ts).
 *
 * The index is a cache, never the truth: each listing compares it with the directory (names,
 * sizes, modification times) and reads only files that changed, so a missing or damaged index, a
 * crash between a conversation write and the index write, or another VS Code window writing to the
 * same directory all heal on the next listing.
 */

import { mkdir, rename as renameFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConversationSummary } from '../../protocol/messages';
import { nodeFileSystem, temporarySuffix, writeFileAtomic, type AtomicFileSystem } from './atomicFile';
import { nodeReadingFileSystem, type ReadingFileSystem } from './readingFileSystem';
import { restored } from './conversationEdits';
import { forEachFewAtOnce } from './fewAtOnce';
import { conversationFileText, isConversationId, parseConversation } from './conversationFormat';
import { errorText } from '../errorText';
import type { ChatLog, Conversation, ConversationStore } from './ports';
import { SummaryIndex } from './summaryIndex';

export interface FileConversationStoreOptions {
  /** The directory of the conversations (created on the first save). */
  directory: string;
  log: ChatLog;
  /** Told once about each file that cannot be read (it is also logged). */
  onUnreadable?: (id: string, problem: string) => void;
  /** Replaced in tests to simulate a crash in the middle of a write. */
  fileSystem?: AtomicFileSystem;
  /** Replaced in tests and the benchmark to count what is read. */
  readingFileSystem?: ReadingFileSystem;
  /** Unix milliseconds; injectable for tests. */
  now?: () => number;
}

const conversationFile = /^([A-Za-z0-9_-]{1,100})\.json$/;
/** Conversation files read at once while a listing rebuilds the index (as the search's loads, conversationSearch.ts). */
const parallelReads = 8;
/** A temporary file older than this is a crash's leftover, not another window's write in progress. */
const staleTemporaryMs = 10 * 60_000;

function stampOf(size: number, mtimeMs: number): string {
  return `${size}:${mtimeMs}`;
}

function summaryOf(conversation: Conversation): ConversationSummary {
  return { id: conversation.id, title: conversation.title, updatedAt: conversation.updatedAt, messageCount: conversation.messages.length };
}

function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}

export class FileConversationStore implements ConversationStore {
  private readonly directory: string;
  private readonly files: AtomicFileSystem;
  private readonly reads: ReadingFileSystem;
  private readonly now: () => number;
  private readonly index: SummaryIndex;
  /** Files known to be unreadable, by id, with the stamp they had: reported once, re-read when they change. */
  private readonly damaged = new Map<string, string>();
  /** Per conversation: the tail of its queue of writes, so two saves never interleave. */
  private readonly queues = new Map<string, Promise<void>>();
  private directoryReady: Promise<void> | undefined;

  constructor(private readonly options: FileConversationStoreOptions) {
    this.directory = options.directory;
    this.files = options.fileSystem ?? nodeFileSystem;
    this.reads = options.readingFileSystem ?? nodeReadingFileSystem;
    this.now = options.now ?? Date.now;
    this.index = new SummaryIndex(this.directory, this.files, this.reads, options.log, () => this.ensureDirectory());
  }

  async list(): Promise<ConversationSummary[]> {
    let names: string[];
    try {
      names = await this.reads.readdir(this.directory);
    } catch (error) {
      if (isMissing(error)) {
        return [];
      }
      throw error;
    }
    const index = await this.index.load();
    const ids: string[] = [];
    for (const name of names) {
      const id = conversationFile.exec(name)?.[1];
      if (id !== undefined) {
        ids.push(id);
      } else if (name.endsWith(temporarySuffix)) {
        await this.removeIfStale(name);
      }
    }
    // Stat in parallel: this is all a listing costs when nothing changed.
    const stamps = await Promise.all(ids.map((id) => this.stampOf(id)));
    let changed = false;
    const present = new Set<string>();
    const unread: { id: string; stamp: string }[] = [];
    for (const [position, id] of ids.entries()) {
      const stamp = stamps[position];
      if (stamp === undefined) {
        continue;
      }
      present.add(id);
      if (index.get(id)?.stamp !== stamp && this.damaged.get(id) !== stamp) {
        unread.push({ id, stamp });
      }
    }
    // Only new or changed files are read: none when the index is current, all of them once without it.
    await forEachFewAtOnce(unread, parallelReads, async ({ id, stamp }) => {
      const conversation = await this.read(id, stamp);
      if (conversation === undefined) {
        changed = index.delete(id) || changed;
        return;
      }
      index.set(id, { stamp, summary: summaryOf(conversation) });
      changed = true;
    });
    for (const id of [...index.keys()]) {
      if (!present.has(id) || this.damaged.has(id)) {
        index.delete(id);
        changed = true;
      }
    }
    if (changed) {
      void this.index.write();
    }
    return [...index.values()].map((entry) => ({ ...entry.summary })).sort((a, b) => b.updatedAt - a.updatedAt);
  }

  async load(id: string): Promise<Conversation | undefined> {
    if (!isConversationId(id)) {
      this.options.log.warn(`Conversation store: refused to load an invalid id.`);
      return undefined;
    }
    await this.queues.get(id);
    const stamp = await this.stampOf(id);
    const conversation = stamp === undefined ? undefined : await this.read(id, stamp);
    // An answer saved while it streamed is read back as cut off: nothing streams it into this copy.
    return conversation === undefined ? undefined : restored(conversation);
  }

  save(conversation: Conversation): Promise<void> {
    const { id } = conversation;
    if (!isConversationId(id)) {
      return Promise.reject(new Error(`Conversation store: '${id.slice(0, 120)}' is not a valid conversation id.`));
    }
    // Serialised now: the caller keeps changing the conversation (a stream is running) while this waits its turn.
    const content = conversationFileText(conversation);
    const summary = summaryOf(conversation);
    return this.enqueue(id, () => this.write(id, content, summary));
  }

  rename(id: string, title: string): Promise<void> {
    if (!isConversationId(id)) {
      return Promise.reject(new Error('Conversation store: invalid conversation id.'));
    }
    return this.enqueue(id, async () => {
      const stamp = await this.stampOf(id);
      const conversation = stamp === undefined ? undefined : await this.read(id, stamp);
      if (conversation === undefined) {
        this.options.log.debug(`Conversation store: nothing to rename for ${id}.`);
        return;
      }
      conversation.title = title;
      await this.write(id, conversationFileText(conversation), summaryOf(conversation));
    });
  }

  delete(id: string): Promise<void> {
    if (!isConversationId(id)) {
      return Promise.reject(new Error('Conversation store: invalid conversation id.'));
    }
    return this.enqueue(id, async () => {
      try {
        await unlink(join(this.directory, `${id}.json`));
      } catch (error) {
        if (!isMissing(error)) {
          throw error;
        }
      }
      this.damaged.delete(id);
      (await this.index.load()).delete(id);
      await this.index.write();
    });
  }

  private enqueue(id: string, operation: () => Promise<void>): Promise<void> {
    const previous = this.queues.get(id) ?? Promise.resolve();
    const result = previous.then(operation);
    const tail = result.catch(() => undefined);
    this.queues.set(id, tail);
    void tail.then(() => {
      if (this.queues.get(id) === tail) {
        this.queues.delete(id);
      }
    });
    return result;
  }

  private async write(id: string, content: string, summary: ConversationSummary): Promise<void> {
    try {
      await this.ensureDirectory();
      if (this.damaged.has(id)) {
        await this.keepDamagedFile(id);
      }
      await writeFileAtomic(this.directory, `${id}.json`, content, this.files);
    } catch (error) {
      // A failed write on an open file names no path: the chat's notice says which folder it was.
      if (typeof error === 'object' && error !== null) {
        Object.assign(error, { directory: this.directory });
      }
      throw error;
    }
    const stamp = await this.stampOf(id);
    if (stamp !== undefined) {
      (await this.index.load()).set(id, { stamp, summary });
      await this.index.write();
    }
  }

  private ensureDirectory(): Promise<void> {
    // A failure is not kept: a disk that was full or read-only may take the directory next time.
    this.directoryReady ??= mkdir(this.directory, { recursive: true }).then(
      () => undefined,
      (error: unknown) => {
        this.directoryReady = undefined;
        throw error;
      },
    );
    return this.directoryReady;
  }

  /** A damaged file is someone's conversation: it is moved aside for recovery, never overwritten. */
  private async keepDamagedFile(id: string): Promise<void> {
    const aside = `${id}.damaged-${this.now()}.json`;
    try {
      await renameFile(join(this.directory, `${id}.json`), join(this.directory, aside));
      this.options.log.warn(`Conversation store: kept the unreadable ${id}.json as ${aside}.`);
    } catch (error) {
      if (!isMissing(error)) {
        throw error;
      }
    }
    this.damaged.delete(id);
  }

  private async stampOf(id: string): Promise<string | undefined> {
    try {
      const info = await this.reads.stat(join(this.directory, `${id}.json`));
      return info.isFile() ? stampOf(info.size, info.mtimeMs) : undefined;
    } catch (error) {
      if (isMissing(error)) {
        return undefined;
      }
      throw error;
    }
  }

  /** Reads and checks one conversation; a damaged one is reported (once per version of the file). */
  private async read(id: string, stamp: string): Promise<Conversation | undefined> {
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

  private reportUnreadable(id: string, stamp: string, problem: string): void {
    if (this.damaged.get(id) === stamp) {
      return;
    }
    this.damaged.set(id, stamp);
    this.options.log.warn(`Conversation store: ${id}.json cannot be read (${problem}); it is left out of the history and left unchanged.`);
    this.options.onUnreadable?.(id, problem);
  }

  private async removeIfStale(name: string): Promise<void> {
    try {
      const info = await this.reads.stat(join(this.directory, name));
      if (this.now() - info.mtimeMs > staleTemporaryMs) {
        await unlink(join(this.directory, name));
      }
    } catch {
      // Another window renamed or removed it meanwhile: nothing to clean.
    }
  }
}
