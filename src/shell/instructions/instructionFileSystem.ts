/**
 * What the instruction files need of a file system, over a folder's root of any kind: VS Code's
 * `Uri` in the extension (`vscode.workspace.fs`, so remote windows work), a directory in the tests.
 * Paths are relative to the root, with `/`.
 */

export type EntryType = 'file' | 'directory' | 'other';

export interface EntryStat {
  type: EntryType;
  size: number;
  /** Unix milliseconds. */
  mtime: number;
}

export interface InstructionFileSystem<Root> {
  /** What is at `path`, or undefined when nothing is; rejects for other failures (permissions). */
  stat(root: Root, path: string): Promise<EntryStat | undefined>;
  readFile(root: Root, path: string): Promise<Uint8Array>;
  /** The names and types in a directory; rejects when it cannot be listed. */
  readDirectory(root: Root, path: string): Promise<[string, EntryType][]>;
}

/** A workspace folder: its name (as VS Code shows it) and its root. */
export interface InstructionFolder<Root> {
  name: string;
  root: Root;
}
