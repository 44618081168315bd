/**
 * The workspace tools' port (`WorkspaceToolHost`) over real folders on disk, as VS Code fills it
 * in: the listing walks every folder following links (as `findFiles` does) but not the top-level
 * folders the root `.gitignore` ignores (as `listWorkspaceFiles` does), leaves out `.git`,
 * what `exclude` globs name (standing for `files.exclude`) and what Git ignores (the product's own
 * `withoutIgnored`); `entry` reports links as `vscode.workspace.fs.stat` does (the target's type,
 * with the link bit); problems and Git's state are scripted.
 */

import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import picomatch from 'picomatch';
import type { FileText, GitState, WorkspaceListing, WorkspaceRoot } from '../../src/shell/context/contextHost';
import { decodeText, largestReadableFile, looksBinary } from '../../src/shell/context/fileBytes';
import { searchedFolders, withoutIgnored } from '../../src/shell/context/gitignoreRules';
import type { Problem } from '../../src/shell/context/problemsText';
import { workspacePathParts } from '../../src/shell/tools/workspace/workspacePaths';
import type { PathEntry, WorkspaceToolHost } from '../../src/shell/tools/workspace/workspaceToolHost';

export interface DiskFolder {
  name: string;
  dir: string;
}

export class DiskWorkspace implements WorkspaceToolHost {
  diagnostics: Problem[] = [];
  git: GitState = { kind: 'noRepository' };
  /** Every path `peekFile` was asked for, in order. */
  readonly peeked: string[] = [];
  private listed = new Map<string, string>();

  constructor(
    private readonly folders: DiskFolder[],
    private readonly options: { exclude?: string[]; cap?: number } = {},
  ) {}

  roots(): WorkspaceRoot[] {
    return this.folders.map((folder) => ({ path: this.folders.length > 1 ? folder.name : '', name: folder.name }));
  }

  private async walk(dir: string, relative: string, seen: Set<string>, found: { relative: string; file: string }[]): Promise<void> {
    const real = await realpath(dir);
    if (seen.has(real)) {
      return;
    }
    seen.add(real);
    const excluded = picomatch(this.options.exclude ?? [], { dot: true });
    const entries = await readdir(dir, { withFileTypes: true });
    const targets = await Promise.all(entries.map((entry) => stat(join(dir, entry.name)).catch(() => undefined)));
    const searched =
      relative === ''
        ? new Set(searchedFolders(entries.map((entry, index) => ({ name: entry.name, isFolder: targets[index]?.isDirectory() === true })), await readFile(join(dir, '.gitignore'), 'utf8').catch(() => ''), { ignoreCase: false }))
        : undefined;
    for (const [index, entry] of entries.entries()) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      const target = targets[index];
      if (entry.name === '.git' || excluded(path) || (searched !== undefined && target?.isDirectory() === true && !searched.has(entry.name))) {
        continue;
      }
      const full = join(dir, entry.name);
      if (target?.isDirectory() === true) {
        await this.walk(full, path, seen, found);
      } else if (target?.isFile() === true) {
        found.push({ relative: path, file: full });
      }
    }
    seen.delete(real);
  }

  async listFiles(): Promise<WorkspaceListing> {
    const cap = this.options.cap ?? 5_000;
    const multiRoot = this.folders.length > 1;
    this.listed = new Map();
    let truncated = false;
    for (const folder of this.folders) {
      const found: { relative: string; file: string }[] = [];
      await this.walk(folder.dir, '', new Set(), found);
      const kept = await withoutIgnored(found, (file) => readFile(file.file, 'utf8').catch(() => undefined), { ignoreCase: false });
      for (const file of kept) {
        if (this.listed.size >= cap) {
          truncated = true;
          break;
        }
        this.listed.set(multiRoot ? `${folder.name}/${file.relative}` : file.relative, file.file);
      }
    }
    return { roots: this.roots(), files: [...this.listed.keys()], truncated };
  }

  async peekFile(path: string): Promise<FileText> {
    this.peeked.push(path);
    const file = this.listed.get(path);
    if (file === undefined) {
      return { kind: 'unreadable', reason: 'it is not among the workspace files' };
    }
    try {
      if ((await stat(file)).size > largestReadableFile) {
        return { kind: 'tooLarge' };
      }
      const bytes = await readFile(file);
      return looksBinary(bytes) ? { kind: 'binary' } : { kind: 'text', languageId: 'plaintext', text: decodeText(bytes) };
    } catch (error) {
      return { kind: 'unreadable', reason: (error as Error).message };
    }
  }

  /** The disk path of a workspace path, as `VscodeContextHost` maps it to a URI. */
  private diskPath(path: string): string | undefined {
    const parts = workspacePathParts(path);
    if (parts === undefined || this.folders.length === 0) {
      return undefined;
    }
    if (this.folders.length === 1) {
      return join(this.folders[0]!.dir, ...parts);
    }
    const folder = this.folders.find((candidate) => candidate.name === parts[0]);
    return folder === undefined ? undefined : join(folder.dir, ...parts.slice(1));
  }

  async entry(path: string): Promise<PathEntry | undefined> {
    const file = this.diskPath(path);
    const link = file === undefined ? undefined : await lstat(file).catch(() => undefined);
    if (file === undefined || link === undefined) {
      return undefined;
    }
    const target = link.isSymbolicLink() ? await stat(file).catch(() => undefined) : link;
    return { type: target?.isFile() === true ? 'file' : target?.isDirectory() === true ? 'directory' : 'other', symbolicLink: link.isSymbolicLink() };
  }

  problems(): Problem[] {
    return this.diagnostics;
  }

  async changes(): Promise<GitState> {
    return this.git;
  }
}
