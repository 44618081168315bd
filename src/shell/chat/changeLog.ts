/**
 * How a window learns what other windows wrote to the conversations folder without stat-ing every
 * file: each store appends one line per write (`<its tag> <conversation id>`) to a log beside the
 * conversations, after the conversation's file is in place. A listing stats the log alone; only
 * when it grew by more than this window's own lines does it read it, and then it reads again
 * exactly the conversations other windows named.
 *
 * Why this is sound across windows and coarse timestamps:
 * - Lines are appended (O_APPEND, never created by an append), so two windows writing at once both
 *   keep their line: nothing is read, bumped and written back, which would lose one of two bumps.
 * - Nothing here compares modification times: a line says "read this again", however close two
 *   writes were (a clock tick, or FAT's two seconds, hides a change from a stamp, never a line).
 * - A line is appended after its conversation's file was renamed into place, so a window that
 *   reads the line reads that file or a newer one.
 * - The log is replaced (rotated when large, or created) only by an atomic rename of a file whose
 *   first line is a new random generation, and a replaced log is a new inode. A window seeing
 *   another inode reads the log, finds another generation and answers "unknown": the store then
 *   compares every file once (as on its first listing), after reading the new log's state, so a
 *   line that went into the old log by a racing append is covered by that full comparison.
 * - A line that does not parse (a filesystem without atomic appends tearing two lines) also
 *   answers "unknown". What the log cannot tell (a window that crashed between its file and its
 *   line, files copied in by hand) is seen by each window's first listing, which compares them all.
 */

import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { Stats } from 'node:fs';
import { writeFileAtomic, type AtomicFileSystem } from './atomicFile';
import type { ReadingFileSystem } from './readingFileSystem';
import { errorText } from '../errorText';
import type { ChatLog } from './ports';

export const changeLogName = 'conversations.changes';

/** Past this size the log is replaced by an empty one: every window compares all files once then. */
export const changeLogRotateBytes = 64 * 1024;

const headerPrefix = 'switchboard-changes ';
const line = /^([0-9a-f]{12}) ([A-Za-z0-9_-]{1,100})$/;

/** What this window read of the log: the file (inode and birth time), its generation, where its last whole line ends. */
interface Seen {
  identity: string;
  generation: string;
  end: number;
}

function identityOf(info: Stats): string {
  // The birth time tells a reused inode number from the file that had it, where the filesystem keeps it.
  return `${info.ino}:${info.birthtimeMs}`;
}

function isMissing(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}

function newHeader(): string {
  return `${headerPrefix}${randomBytes(9).toString('hex')}\n`;
}

export class ChangeLog {
  /** This store's lines; another store on the same folder, in this process or another, has another. */
  private readonly tag = randomBytes(6).toString('hex');
  private seen: Seen | undefined;
  /** Bytes of this store's own lines appended since the log was last read. */
  private ownBytes = 0;
  private readonly path: string;

  constructor(
    private readonly directory: string,
    private readonly files: AtomicFileSystem,
    private readonly reads: ReadingFileSystem,
    private readonly log: ChatLog,
  ) {
    this.path = join(directory, changeLogName);
  }

  /**
   * Notes the log as it is now, creating it when there is none: call it before comparing every
   * file, so that whatever is written after the comparison began shows in the lines after this.
   */
  async baseline(): Promise<void> {
    this.seen = undefined;
    this.ownBytes = 0;
    try {
      let read = await this.readLog();
      if (read === undefined) {
        await this.createIfMissing();
        read = await this.readLog();
      }
      if (read !== undefined && read.text.startsWith(headerPrefix)) {
        const generation = read.text.slice(0, read.text.indexOf('\n') + 1);
        this.seen = generation.length === 0 ? undefined : { identity: read.identity, generation, end: read.text.lastIndexOf('\n') + 1 };
      }
    } catch (error) {
      this.log.debug(`Conversation store: the change log could not be read (${errorText(error)}).`);
    }
  }

  /**
   * The conversations other windows wrote since the last call (or the baseline), each once; undefined
   * when that cannot be told (no baseline yet, the log replaced or damaged): then compare every file.
   */
  async changes(): Promise<string[] | undefined> {
    const seen = this.seen;
    if (seen === undefined) {
      return undefined;
    }
    try {
      const info = await this.reads.stat(this.path);
      if (identityOf(info) === seen.identity && info.size === seen.end + this.ownBytes) {
        seen.end = info.size;
        this.ownBytes = 0;
        return [];
      }
      const read = { identity: identityOf(info), text: await this.reads.readFile(this.path, 'utf8') };
      this.ownBytes = 0;
      if (!read.text.startsWith(seen.generation) || read.text.length < seen.end) {
        this.seen = undefined;
        return undefined;
      }
      const whole = read.text.lastIndexOf('\n') + 1;
      const ids = new Set<string>();
      for (const each of read.text.slice(seen.end, whole).split('\n').slice(0, -1)) {
        const parsed = line.exec(each);
        if (parsed === null) {
          this.seen = undefined;
          return undefined;
        }
        if (parsed[1] !== this.tag) {
          ids.add(parsed[2] as string);
        }
      }
      this.seen = { identity: read.identity, generation: seen.generation, end: whole };
      return [...ids];
    } catch (error) {
      this.log.debug(`Conversation store: the change log could not be read (${errorText(error)}).`);
      this.seen = undefined;
      return undefined;
    }
  }

  /** Tells other windows that `id` was written or deleted. Never rejects: the conversation is saved either way. */
  async append(id: string): Promise<void> {
    const text = `${this.tag} ${id}\n`;
    try {
      let handle: FileHandle;
      try {
        // No O_CREAT: a log is only ever created whole, with its generation (createIfMissing).
        handle = await open(this.path, constants.O_WRONLY | constants.O_APPEND);
      } catch (error) {
        if (!isMissing(error)) {
          throw error;
        }
        await this.replace(`${newHeader()}${text}`);
        return;
      }
      let size: number;
      try {
        // One write of one short line: O_APPEND places it whole at the end.
        await handle.write(text, null, 'utf8');
        size = (await handle.stat()).size;
      } finally {
        await handle.close();
      }
      this.ownBytes += Buffer.byteLength(text);
      if (size > changeLogRotateBytes) {
        await this.replace(newHeader());
      }
    } catch (error) {
      this.log.warn(`Conversation store: the change log could not be written (${errorText(error)}); other windows see the change when they next open.`);
    }
  }

  /** Creates or replaces the log: every window (this one too) compares every file once. */
  private async replace(content: string): Promise<void> {
    this.seen = undefined;
    await writeFileAtomic(this.directory, changeLogName, content, this.files);
  }

  private async createIfMissing(): Promise<void> {
    let handle: FileHandle | undefined;
    try {
      // Exclusive: two windows creating it at once keep one log (a reader sees at worst an empty one, and waits for a baseline).
      handle = await open(this.path, 'wx', 0o600);
      await handle.writeFile(newHeader(), 'utf8');
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'EEXIST') {
        throw error;
      }
    } finally {
      await handle?.close();
    }
  }

  /** The log's identity (stat'ed first: a log replaced meanwhile shows another generation) and text; undefined when missing. */
  private async readLog(): Promise<{ identity: string; text: string } | undefined> {
    try {
      const info = await this.reads.stat(this.path);
      return { identity: identityOf(info), text: await this.reads.readFile(this.path, 'utf8') };
    } catch (error) {
      if (isMissing(error)) {
        return undefined;
      }
      throw error;
    }
  }
}
