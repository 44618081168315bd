/**
 * Reads instruction files and keeps what it read. Every read asks for the file's size and time
 * first, and reads the file again only when they changed, so an edit is seen even when no watcher
 * told us; `forget()` drops everything for the edit within the same size and second. A file that
 * cannot be used (a folder named `AGENTS.md`, no permission, not UTF-8, too large) is left out and
 * logged once until it changes — never thrown.
 */

import { errorText } from '../errorText';
import type { ChatLog } from '../chat/ports';
import type { EntryStat, InstructionFileSystem } from './instructionFileSystem';
import { instructionReadCeilingBytes, readInstruction, type ReadInstruction } from './instructionText';

interface CacheEntry {
  /** Size and time of what was read, or the failure that was logged. */
  stamp: string;
  instruction: ReadInstruction | undefined;
}

export class InstructionReader<Root> {
  private cache = new Map<string, CacheEntry>();

  constructor(
    private readonly files: InstructionFileSystem<Root>,
    private readonly log: ChatLog,
    private readonly capBytes: number,
  ) {}

  /** Drops what was read: the next read of each file reads it again. */
  forget(): void {
    this.cache = new Map();
  }

  /**
   * The file at `path` under `root` (`shown` is its path as the chat shows it, unique in the
   * window), or undefined when there is none or it cannot be used.
   */
  async read(root: Root, path: string, shown: string): Promise<ReadInstruction | undefined> {
    // A read that finishes after `forget()` must not fill the new cache with what it read before.
    const cache = this.cache;
    const settle = (stamp: string, instruction: ReadInstruction | undefined, problem?: string): ReadInstruction | undefined => {
      if (problem !== undefined && cache.get(shown)?.stamp !== stamp) {
        this.log.warn(`Instruction file ${shown} left out: ${problem}.`);
      }
      cache.set(shown, { stamp, instruction });
      return instruction;
    };
    let stat: EntryStat | undefined;
    try {
      stat = await this.files.stat(root, path);
    } catch (error) {
      const problem = errorText(error);
      return settle(`failed:${problem}`, undefined, problem);
    }
    if (stat === undefined) {
      cache.delete(shown);
      return undefined;
    }
    const stamp = `${stat.type}:${stat.size}:${stat.mtime}`;
    const cached = cache.get(shown);
    if (cached?.stamp === stamp) {
      return cached.instruction;
    }
    if (stat.type !== 'file') {
      return settle(stamp, undefined, stat.type === 'directory' ? 'it is a folder' : 'it is not a file');
    }
    if (stat.size > instructionReadCeilingBytes) {
      return settle(stamp, undefined, `it is larger than ${instructionReadCeilingBytes / 1024 / 1024} MiB`);
    }
    let bytes: Uint8Array;
    try {
      bytes = await this.files.readFile(root, path);
    } catch (error) {
      const problem = errorText(error);
      return settle(`${stamp}:failed:${problem}`, undefined, problem);
    }
    const read = readInstruction(bytes, this.capBytes);
    return 'problem' in read ? settle(stamp, undefined, read.problem) : settle(stamp, read);
  }
}
