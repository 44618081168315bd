/**
 * The conversation store's reads, counted: which files a listing, an opening or a search read
 * whole, and how many it only stat'ed. Wraps the real operations (the store sees a real disk).
 */

import { basename } from 'node:path';
import { nodeReadingFileSystem, type ReadingFileSystem } from '../../src/shell/chat/readingFileSystem';
import { indexFileName } from '../../src/shell/chat/summaryIndex';
import { changeLogName } from '../../src/shell/chat/changeLog';

export class CountingReads {
  /** The names of the files read whole, in order (a name read twice is here twice). */
  readonly files: string[] = [];
  stats = 0;
  listings = 0;

  readonly port: ReadingFileSystem = {
    readdir: (directory) => {
      this.listings++;
      return nodeReadingFileSystem.readdir(directory);
    },
    stat: ((...args: Parameters<typeof nodeReadingFileSystem.stat>) => {
      this.stats++;
      return nodeReadingFileSystem.stat(...args);
    }) as typeof nodeReadingFileSystem.stat,
    readFile: (path, encoding) => {
      this.files.push(basename(path));
      return nodeReadingFileSystem.readFile(path, encoding);
    },
  };

  /** Conversation files read whole (the summary index and the change log aside). */
  conversationsRead(): number {
    return this.files.filter((name) => name !== indexFileName && name !== changeLogName).length;
  }

  reset(): void {
    this.files.length = 0;
    this.stats = 0;
    this.listings = 0;
  }
}
