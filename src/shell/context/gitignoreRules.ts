/**
 * `.gitignore` files as Git reads them: each file's patterns are relative to its own folder, a
 * deeper file overrides a shallower one (its `!negation` can re-include what a parent file
 * ignored), and nothing inside an ignored folder can be re-included. The `ignore` package matches
 * one file's patterns; this class layers the files. Paths are folder-relative with `/`.
 * `withoutIgnored` and `searchedFolders` are what the workspace listing does with them.
 */

import ignore, { type Ignore } from 'ignore';

export interface GitignoreFile {
  /** The folder holding the `.gitignore`, relative to the workspace folder with `/` ('' for its root). */
  folder: string;
  content: string;
}

interface Level {
  /** '' or `dir/`: what a path must start with for this file to apply. */
  prefix: string;
  rules: Ignore;
}

export class GitignoreRules {
  /** Deepest first, so the first file with an opinion on a path decides it. */
  private readonly levels: Level[];
  private readonly folderDecisions = new Map<string, boolean>();

  constructor(files: readonly GitignoreFile[], options: { ignoreCase: boolean }) {
    this.levels = files
      .map((file) => ({ prefix: file.folder === '' ? '' : `${file.folder.replace(/\/+$/, '')}/`, rules: ignore({ ignoreCase: options.ignoreCase }).add(file.content) }))
      .sort((a, b) => b.prefix.split('/').length - a.prefix.split('/').length);
  }

  /** True when Git would ignore `path` (a folder's ends with `/`) or a folder above it. */
  ignores(path: string): boolean {
    const parts = path.split('/');
    let folder = '';
    for (const part of parts.slice(0, -1)) {
      folder += `${part}/`;
      if (this.ignoresFolder(folder)) {
        return true;
      }
    }
    return this.decide(path);
  }

  private ignoresFolder(folder: string): boolean {
    let decision = this.folderDecisions.get(folder);
    if (decision === undefined) {
      decision = this.decide(folder);
      this.folderDecisions.set(folder, decision);
    }
    return decision;
  }

  /** The deepest applicable file that ignores or re-includes `path` decides; none: not ignored. */
  private decide(path: string): boolean {
    for (const level of this.levels) {
      if (!path.startsWith(level.prefix) || path.length === level.prefix.length) {
        continue;
      }
      const verdict = level.rules.test(path.slice(level.prefix.length));
      if (verdict.ignored) {
        return true;
      }
      if (verdict.unignored) {
        return false;
      }
    }
    return false;
  }
}

function parentFolder(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? '' : path.slice(0, slash);
}

/**
 * `files` without those Git ignores, by the `.gitignore` files found among them (the root's and
 * every nested one; `read` gives a file's text, undefined when it cannot be read). Sorted by path.
 */
export async function withoutIgnored<File extends { relative: string }>(
  files: readonly File[],
  read: (file: File) => Promise<string | undefined>,
  options: { ignoreCase: boolean },
): Promise<File[]> {
  const gitignores: GitignoreFile[] = [];
  for (const file of files) {
    if (file.relative === '.gitignore' || file.relative.endsWith('/.gitignore')) {
      gitignores.push({ folder: parentFolder(file.relative), content: (await read(file)) ?? '' });
    }
  }
  const rules = new GitignoreRules(gitignores, options);
  return files.filter((file) => !rules.ignores(file.relative)).sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0));
}

/** The top-level folders worth searching: not `.git`, not ignored by the root `.gitignore`. Sorted. */
export function searchedFolders(entries: readonly { name: string; isFolder: boolean }[], rootGitignore: string, options: { ignoreCase: boolean }): string[] {
  const rules = new GitignoreRules([{ folder: '', content: rootGitignore }], options);
  return entries
    .filter((entry) => entry.isFolder && entry.name !== '.git' && !rules.ignores(`${entry.name}/`))
    .map((entry) => entry.name)
    .sort();
}
