/**
 * Instruction files on a real disk: the file-system port `vscode.workspace.fs` fills in the
 * extension, over Node's, recording each read (a path in `failing` fails as the kernel would).
 */

import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { EntryType, InstructionFileSystem } from '../../src/shell/instructions/instructionFileSystem';

function typeOf(entry: { isFile(): boolean; isDirectory(): boolean }): EntryType {
  return entry.isFile() ? 'file' : entry.isDirectory() ? 'directory' : 'other';
}

/** The port over Node's file system, recording each read; a path in `failing` fails like the kernel would. */
export class DiskFiles implements InstructionFileSystem<string> {
  readonly reads: string[] = [];
  readonly failing = new Map<string, string>();

  private fault(root: string, path: string): void {
    const code = this.failing.get(join(root, path));
    if (code !== undefined) {
      throw Object.assign(new Error(`${code}: permission denied, open '${path}'`), { code });
    }
  }

  async stat(root: string, path: string) {
    try {
      const found = await stat(join(root, path));
      return { type: typeOf(found), size: found.size, mtime: found.mtimeMs };
    } catch (error) {
      if ((error as { code?: unknown }).code === 'ENOENT' || (error as { code?: unknown }).code === 'ENOTDIR') {
        return undefined;
      }
      throw error;
    }
  }

  async readFile(root: string, path: string): Promise<Uint8Array> {
    this.reads.push(path);
    this.fault(root, path);
    return readFile(join(root, path));
  }

  async readDirectory(root: string, path: string): Promise<[string, EntryType][]> {
    this.fault(root, path);
    return (await readdir(join(root, path), { withFileTypes: true })).map((entry): [string, EntryType] => [entry.name, typeOf(entry)]);
  }
}

export async function writeTree(root: string, files: Record<string, string | Uint8Array>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

