/**
 * A model's glob over workspace paths, as the find_files and search_text tools take it: `*`
 * within a name, `**` across folders, `?`, `{a,b}`, `[abc]`; case ignored (models guess case
 * wrong, and most projects never have two names differing only in case); a glob without `/`
 * matches names at any depth (`*.ts`); one ending in `/` means everything under that folder. In a
 * multi-root window a path is tried with and without its folder's name first, so `src/**` finds
 * `app/src/main.ts`.
 */

import picomatch from 'picomatch';
import type { WorkspaceRoot } from '../../context/contextHost';
import { ToolRefusal } from './workspaceTool';

/** Characters of a glob, at most: a longer one is not a path pattern. */
export const globLengthCap = 500;

function anchored(pattern: string): string {
  const folder = pattern.endsWith('/') ? `${pattern}**` : pattern;
  const plain = folder.startsWith('./') ? folder.slice(2) : folder;
  return plain.includes('/') ? plain.replace(/^\/+/, '') : `**/${plain}`;
}

/** A matcher of workspace paths for the glob in the argument `name`; a refusal for one that is no glob. */
export function pathGlob(pattern: string, name: string, roots: readonly WorkspaceRoot[]): (path: string) => boolean {
  if (pattern.length > globLengthCap) {
    throw new ToolRefusal(`The argument "${name}" is longer than ${globLengthCap} characters: give a shorter glob.`);
  }
  let isMatch: (path: string) => boolean;
  try {
    isMatch = picomatch(anchored(pattern.trim().replace(/\\/g, '/')), { dot: true, nocase: true });
  } catch (error) {
    throw new ToolRefusal(`The argument "${name}" is not a glob that can be read: ${error instanceof Error ? error.message : String(error)}.`);
  }
  const prefixes = roots.filter((root) => root.path !== '').map((root) => `${root.path}/`);
  return (path) => {
    if (isMatch(path)) {
      return true;
    }
    const prefix = prefixes.find((candidate) => path.startsWith(candidate));
    return prefix !== undefined && isMatch(path.slice(prefix.length));
  };
}
