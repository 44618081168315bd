/**
 * A path a model wrote, as the workspace names files: relative to the workspace with `/` (the
 * folder's name first in a multi-root window). Absolute paths, URIs, `~` and any `..` part are
 * refused outright rather than resolved: a tool must never name a file outside the workspace
 * folders, and a path that climbs out and back in is not worth the risk of getting wrong.
 */

/**
 * The path made plain (`\` as `/`, `.` and empty parts dropped, '' for the workspace), or why it
 * is refused: `problem` in words for a model (a tool's refusal), `reason` for words of the
 * user's language (Apply says them through l10n).
 */
export type CheckedPath = { ok: true; path: string } | { ok: false; reason: 'absolute' | 'climbsOut'; problem: string };

const uriScheme = /^[a-z][a-z0-9+.-]*:\/\//i;
const drive = /^[a-z]:/i;

export function checkWorkspacePath(raw: string): CheckedPath {
  const path = raw.trim().replace(/\\/g, '/');
  if (path.startsWith('/') || drive.test(path) || uriScheme.test(path) || path.startsWith('~')) {
    return { ok: false, reason: 'absolute', problem: 'must be relative to the workspace (such as "src/main.ts"), not absolute' };
  }
  const parts = path.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.includes('..')) {
    return { ok: false, reason: 'climbsOut', problem: 'must not contain ".." (only files inside the workspace folders can be read)' };
  }
  return { ok: true, path: parts.join('/') };
}

/** The parts of a checked path, or undefined when it is not one (a host's last line of defence). */
export function workspacePathParts(path: string): string[] | undefined {
  const checked = checkWorkspacePath(path);
  if (!checked.ok || checked.path !== path) {
    return undefined;
  }
  return path === '' ? [] : path.split('/');
}
