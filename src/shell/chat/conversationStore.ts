/**
 * Conversations on disk: one JSON file per conversation (`<id>.json`) in a directory the shell
 * passes in (the extension's global storage), plus an index of summaries so the history list
 * opens without reading every conversation. Every write is atomic (see atomicFile.ts).
 *
 * The index in memory is this window's truth: the store updates it on its own saves, renames and
 * deletes, and learns what other windows wrote from their lines in the change log (changeLog.ts)
 * and from the directory's names, so a listing reads the names, stats the log, and reads only the
 * conversations that changed. The first listing of a store, and any listing after which the log
 * cannot tell (it was replaced or damaged), compares every file's size and modification time with
 * the index instead: a missing or damaged index file, a crash between a conversation write and
 * the index write, or a window that died before logging its write all heal there. The index file
 * is a cache written now and then (summaryIndex.ts).
 */

import { mkdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConversationSummary } from '../../protocol/messages';
import { nodeFileSystem, temporarySuffix, writeFileAtomic, type AtomicFileSystem } from './atomicFile';
import { nodeReadingFileSystem, type ReadingFileSystem } from './readingFileSystem';
import { restored } from './conversationEdits';
import { forEachFewAtOnce } from './fewAtOnce';
import { conversationFileText, isConversationId } from './conversationFormat';
import type { ChatLog, Conversation, ConversationStore } from './ports';
import { SummaryIndex, type IndexEntry } from './summaryIndex';
import { ChangeLog } from './changeLog';
import { ConversationFiles, isMissing } from './conversationFiles';
import { realScheduleAfter, type ScheduleAfter } from './delays';

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
  /** Waits before the index file is written; a real (unref'd) timer without it. */
  scheduleAfter?: ScheduleAfter;
}

const conversationFile = /^([A-Za-z0-9_-]{1,100})\.json$/;
/** Conversation files read at once while a listing rebuilds the index (as the search's loads, conversationSearch.ts). */
const parallelReads = 8;
/** A temporary file older than this is a crash's leftover, not another window's write in progress. */
const staleTemporaryMs = 10 * 60_000;

function summaryOf(conversation: Conversation): ConversationSummary {
  return { id: conversation.id, title: conversation.title, updatedAt: conversation.updatedAt, messageCount: conversation.messages.length };
}

export class FileConversationStore implements ConversationStore {
  private readonly directory: string;
  private readonly files: AtomicFileSystem;
  private readonly reads: ReadingFileSystem;
  private readonly now: () => number;
  private readonly index: SummaryIndex;
  private readonly changeLog: ChangeLog;
  private readonly conversationFiles: ConversationFiles;
  /** Listings one after another: each reads the change log from where the previous one stopped. */
  private listing: Promise<unknown> = Promise.resolve();
  /** Per conversation: the tail of its queue of writes, so two saves never interleave. */
  private readonly queues = new Map<string, Promise<void>>();
  private directoryReady: Promise<void> | undefined;

  constructor(private readonly options: FileConversationStoreOptions) {
    this.directory = options.directory;
    this.files = options.fileSystem ?? nodeFileSystem;
    this.reads = options.readingFileSystem ?? nodeReadingFileSystem;
    this.now = options.now ?? Date.now;
    this.index = new SummaryIndex(this.directory, this.files, this.reads, options.log, () => this.ensureDirectory(), options.scheduleAfter ?? realScheduleAfter);
    this.changeLog = new ChangeLog(this.directory, this.files, this.reads, options.log);
    this.conversationFiles = new ConversationFiles(this.directory, this.reads, options.log, options.onUnreadable);
  }

  /** Writes the index file now if it is behind (the store's own timer writes it otherwise). Never rejects. */
  flush(): Promise<void> {
    return this.index.flush();
  }

  /** The window closes: the index file is written once more (a host killed first loses only that cache). */
  dispose(): void {
    void this.flush();
  }

  list(): Promise<ConversationSummary[]> {
    const listed = this.listing.then(() => this.listOnce());
    this.listing = listed.catch(() => undefined);
    return listed;
  }

  private async listOnce(): Promise<ConversationSummary[]> {
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
    const ids = new Set<string>();
    for (const name of names) {
      const id = conversationFile.exec(name)?.[1];
      if (id !== undefined) {
        ids.add(id);
      } else if (name.endsWith(temporarySuffix)) {
        await this.removeIfStale(name);
      }
    }
    const changedElsewhere = await this.changeLog.changes();
    const changed = changedElsewhere === undefined ? await this.compareAll(index, ids) : await this.readChanged(index, ids, changedElsewhere);
    for (const id of [...index.keys()]) {
      if (!ids.has(id) || this.conversationFiles.damaged.has(id)) {
        index.delete(id);
        changed.add(id);
      }
    }
    if (changed.size > 0) {
      this.index.changed();
    }
    return [...index.values()].map((entry) => ({ ...entry.summary })).sort((a, b) => b.updatedAt - a.updatedAt);
  }

  /**
   * Stats every file and reads those whose stamp differs from the index: none when the index is
   * current, all of them once without it. The change log's state is taken first, so what is
   * written while this runs shows in its later lines.
   */
  private async compareAll(index: Map<string, IndexEntry>, ids: ReadonlySet<string>): Promise<Set<string>> {
    await this.changeLog.baseline();
    const all = [...ids];
    // Stat in parallel: the whole cost of this comparison when nothing changed.
    const stamps = await Promise.all(all.map((id) => this.conversationFiles.stampOf(id)));
    const unread: { id: string; stamp: string | undefined }[] = [];
    for (const [position, id] of all.entries()) {
      const stamp = stamps[position];
      if (stamp === undefined || (index.get(id)?.stamp !== stamp && this.conversationFiles.damaged.get(id) !== stamp)) {
        unread.push({ id, stamp });
      }
    }
    return this.readInto(index, unread);
  }

  /**
   * Reads the conversations other windows logged, and files whose names are new to the index (a
   * window of an older version, a file copied in); a damaged file waits for the next full comparison.
   */
  private async readChanged(index: Map<string, IndexEntry>, ids: ReadonlySet<string>, logged: readonly string[]): Promise<Set<string>> {
    const wanted = new Set(logged.filter((id) => ids.has(id)));
    for (const id of ids) {
      if (!index.has(id) && !this.conversationFiles.damaged.has(id)) {
        wanted.add(id);
      }
    }
    const unread: { id: string; stamp: string | undefined }[] = [];
    await forEachFewAtOnce([...wanted], parallelReads, async (id) => {
      unread.push({ id, stamp: await this.conversationFiles.stampOf(id) });
    });
    return this.readInto(index, unread);
  }

  /** Reads each file into the index (a few at once; one without a stamp is gone since the names were read); the ids whose entry changed. */
  private async readInto(index: Map<string, IndexEntry>, unread: readonly { id: string; stamp: string | undefined }[]): Promise<Set<string>> {
    const changed = new Set<string>();
    await forEachFewAtOnce(unread, parallelReads, async ({ id, stamp }) => {
      const conversation = stamp === undefined ? undefined : await this.conversationFiles.read(id, stamp);
      if (stamp === undefined || conversation === undefined) {
        if (index.delete(id)) {
          changed.add(id);
        }
        return;
      }
      index.set(id, { stamp, summary: summaryOf(conversation) });
      changed.add(id);
    });
    return changed;
  }

  async load(id: string): Promise<Conversation | undefined> {
    if (!isConversationId(id)) {
      this.options.log.warn(`Conversation store: refused to load an invalid id.`);
      return undefined;
    }
    await this.queues.get(id);
    const stamp = await this.conversationFiles.stampOf(id);
    const conversation = stamp === undefined ? undefined : await this.conversationFiles.read(id, stamp);
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
      const stamp = await this.conversationFiles.stampOf(id);
      const conversation = stamp === undefined ? undefined : await this.conversationFiles.read(id, stamp);
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
      this.conversationFiles.damaged.delete(id);
      (await this.index.load()).delete(id);
      this.index.changed();
      await this.changeLog.append(id);
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
      await this.conversationFiles.keepAsideIfDamaged(id, this.now());
      await writeFileAtomic(this.directory, `${id}.json`, content, this.files);
    } catch (error) {
      // A failed write on an open file names no path: the chat's notice says which folder it was.
      if (typeof error === 'object' && error !== null) {
        Object.assign(error, { directory: this.directory });
      }
      throw error;
    }
    const stamp = await this.conversationFiles.stampOf(id);
    if (stamp !== undefined) {
      (await this.index.load()).set(id, { stamp, summary });
      this.index.changed();
    }
    await this.changeLog.append(id);
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
