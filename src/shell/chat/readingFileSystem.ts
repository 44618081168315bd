/**
 * The file operations the conversation store reads with (atomicFile.ts has the ones it writes
 * with). Tests and the benchmark wrap them to count what a listing, an opening or a search reads:
 * the history list must be served by the summary index, not by reading every conversation.
 */

import { readdir, readFile, stat } from 'node:fs/promises';

export interface ReadingFileSystem {
  readdir(directory: string): Promise<string[]>;
  stat: typeof stat;
  readFile(path: string, encoding: 'utf8'): Promise<string>;
}

export const nodeReadingFileSystem: ReadingFileSystem = {
  readdir: (directory) => readdir(directory),
  stat,
  readFile: (path, encoding) => readFile(path, encoding),
};
