/**
 * The history's index: each conversation's summary with the size and modification time of the
 * file it was read from, kept in one file beside the conversations so the history list opens
 * without reading them all. It is a cache, never the truth (see conversationStore.ts): a missing
 * or damaged index file is simply rebuilt, and a failed write only costs the next listing time.
 *
 * The entries in memory are this window's truth; the file is written at most once every
 * `indexWriteDelayMs` after a change (and on `flush`, when the store is disposed), not on every
 * save: at 10,000 conversations it is megabytes, synced. A crash loses at most that much of the
 * cache, which the next window's first listing heals by comparing every file with it — never a
 * conversation, whose own file was written before the entry changed.
 */

import { join } from 'node:path';
import type { ConversationSummary } from '../../protocol/messages';
import { writeFileAtomic, type AtomicFileSystem } from './atomicFile';
import type { ReadingFileSystem } from './readingFileSystem';
import { isConversationId } from './conversationFormat';
import { errorText } from '../errorText';
import type { ChatLog } from './ports';
import type { ScheduleAfter } from './delays';

/** How long a change waits before the index file is written; changes meanwhile share the write. */
export const indexWriteDelayMs = 15_000;

export const indexFileName = 'conversations.index.json';

export interface IndexEntry {
  /** Size and modification time of the file the summary was read from. */
  stamp: string;
  summary: ConversationSummary;
}

interface IndexFile {
  version: 1;
  entries: Record<string, IndexEntry>;
}

function isIndexEntry(value: unknown): value is IndexEntry {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const { stamp, summary } = value as Partial<IndexEntry>;
  return (
    typeof stamp === 'string' &&
    typeof summary === 'object' &&
    summary !== null &&
    typeof summary.id === 'string' &&
    typeof summary.title === 'string' &&
    typeof summary.updatedAt === 'number' &&
    typeof summary.messageCount === 'number'
  );
}

function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}

export class SummaryIndex {
  private entries: Map<string, IndexEntry> | undefined;
  private writing: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;
  /** The entries changed since the file was last written; the timer that will write them. */
  private dirty = false;
  private timer: { cancel(): void } | undefined;

  constructor(
    private readonly directory: string,
    private readonly files: AtomicFileSystem,
    private readonly reads: ReadingFileSystem,
    private readonly log: ChatLog,
    /** Creates the directory (once) before the first write. */
    private readonly ensureDirectory: () => Promise<void>,
    private readonly scheduleAfter: ScheduleAfter,
  ) {}

  /** The entries changed: the file is written `indexWriteDelayMs` from the first change not yet written. */
  changed(): void {
    this.dirty = true;
    this.timer ??= this.scheduleAfter(indexWriteDelayMs, () => {
      this.timer = undefined;
      void this.flush();
    });
  }

  /** Writes the file now if the entries changed since it was last written. Never rejects. */
  flush(): Promise<void> {
    this.timer?.cancel();
    this.timer = undefined;
    if (!this.dirty) {
      return this.writing;
    }
    this.dirty = false;
    return this.write();
  }

  /** The entries by id, read from the index file the first time (empty when it is missing or damaged). */
  async load(): Promise<Map<string, IndexEntry>> {
    if (this.entries !== undefined) {
      return this.entries;
    }
    const entries = new Map<string, IndexEntry>();
    try {
      const parsed = JSON.parse(await this.reads.readFile(join(this.directory, indexFileName), 'utf8')) as Partial<IndexFile>;
      if (parsed.version === 1 && typeof parsed.entries === 'object' && parsed.entries !== null) {
        for (const [id, entry] of Object.entries(parsed.entries)) {
          if (isConversationId(id) && isIndexEntry(entry) && entry.summary.id === id) {
            entries.set(id, entry);
          }
        }
      }
    } catch (error) {
      if (!isMissing(error)) {
        this.log.info(`Conversation store: the index could not be read (${errorText(error)}); it is rebuilt from the files.`);
      }
    }
    // Another call may have loaded it while this one read the file.
    this.entries ??= entries;
    return this.entries;
  }

  /** Writes the entries; writes requested while one is waiting share it (it writes the latest state). Never rejects. */
  private write(): Promise<void> {
    if (this.queued !== undefined) {
      return this.queued;
    }
    const queued = this.writing.then(async () => {
      this.queued = undefined;
      // fromEntries defines own properties: an id such as `__proto__` stays a key, not a prototype.
      const file: IndexFile = { version: 1, entries: Object.fromEntries(this.entries ?? []) };
      try {
        await this.ensureDirectory();
        await writeFileAtomic(this.directory, indexFileName, JSON.stringify(file), this.files);
      } catch (error) {
        this.log.warn(`Conversation store: the index could not be written (${errorText(error)}).`);
      }
    });
    this.queued = queued;
    this.writing = queued;
    return queued;
  }
}
