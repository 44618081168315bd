/**
 * `#changes`: what Git's diff of the index (staged) and of the working tree says for each
 * repository, with the untracked files named (a diff leaves them out), in one capped text. A diff
 * cut at the cap is cut at a line end and says how much was left out, never silently.
 */

export interface RepositoryChanges {
  /** The repository's folder as the user knows it (workspace-relative, or the folder's name). */
  name: string;
  /** The checked-out branch, when there is one. */
  branch?: string;
  /** `git diff --cached`. */
  staged: string;
  /** `git diff`. */
  unstaged: string;
  /** Repository-relative paths of untracked files. */
  untracked: string[];
}

/** Characters of the whole text (about 75,000 tokens of diff). */
export const changesTextCap = 300_000;

/** Untracked files named, at most. */
export const untrackedCap = 200;

export function hasChanges(repository: RepositoryChanges): boolean {
  return repository.staged.trim().length > 0 || repository.unstaged.trim().length > 0 || repository.untracked.length > 0;
}

/** `diff` within `room` characters, cut at a line end, and what was cut. */
function fitted(diff: string, room: number): { text: string; cut: number } {
  if (diff.length <= room) {
    return { text: diff, cut: 0 };
  }
  const lineEnd = diff.lastIndexOf('\n', room);
  const text = lineEnd <= 0 ? '' : diff.slice(0, lineEnd + 1);
  return { text, cut: diff.length - text.length };
}

/** The repositories with changes, each as a heading and its sections; `cap` bounds the whole. */
export function changesText(repositories: readonly RepositoryChanges[], cap = changesTextCap): string {
  const parts: string[] = [];
  let used = 0;
  const add = (text: string): void => {
    parts.push(text);
    used += text.length + 1;
  };
  const addDiff = (heading: string, diff: string): void => {
    if (diff.trim().length === 0) {
      return;
    }
    add(heading);
    const { text, cut } = fitted(diff.endsWith('\n') ? diff : `${diff}\n`, Math.max(0, cap - used));
    if (text.length > 0) {
      add(text.replace(/\n$/, ''));
    }
    if (cut > 0) {
      add(`… (${cut} more characters of this diff were left out: over the size limit)`);
    }
  };
  for (const repository of repositories.filter(hasChanges)) {
    if (parts.length > 0) {
      add('');
    }
    add(`Repository: ${repository.name}${repository.branch === undefined ? '' : ` (branch ${repository.branch})`}`);
    addDiff('Staged changes (git diff --cached):', repository.staged);
    addDiff('Unstaged changes (git diff):', repository.unstaged);
    if (repository.untracked.length > 0) {
      add('Untracked files:');
      for (const path of repository.untracked.slice(0, untrackedCap)) {
        add(path);
      }
      if (repository.untracked.length > untrackedCap) {
        add(`… and ${repository.untracked.length - untrackedCap} more`);
      }
    }
  }
  return parts.join('\n');
}
