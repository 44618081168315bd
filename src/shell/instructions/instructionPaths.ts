/**
 * Where instruction files are, by the conventions people already keep, and how their paths are
 * written: which names are looked up, which `AGENTS.md` files sit above an attached file, which
 * folder an attached path belongs to, and the path the chat shows (prefixed with the folder's name
 * in a multi-root window, as `vscode.workspace.asRelativePath` writes it).
 *
 * Names are looked up exactly as written here. On a case-insensitive file system (macOS, Windows)
 * an `agents.md` answers to `AGENTS.md` and is used under that name; on a case-sensitive one it is
 * another file and is not read — the same as the other tools that read these files.
 */

export const agentsFileName = 'AGENTS.md';
export const claudeFileName = 'CLAUDE.md';
export const copilotInstructionsPath = '.github/copilot-instructions.md';
export const instructionsFolderPath = '.github/instructions';
export const instructionsFileSuffix = '.instructions.md';

/** At most this many files go into a request; the rest are left out (and logged). */
export const maxInstructionFiles = 20;
/** How deep `.github/instructions` is searched, and how many of its files are considered at most. */
export const instructionsFolderDepth = 5;
export const maxScannedInstructionsFiles = 100;

/**
 * True for a path that stays inside its folder: relative, `/`-separated, no `.` or `..` segment.
 * Attached paths come from stored conversations and the webview, so they are checked before any
 * `AGENTS.md` is looked up above them.
 */
export function isInsideFolder(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.includes('\\') || /^[A-Za-z]:/.test(path)) {
    return false;
  }
  return path.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

/** The `AGENTS.md` paths between an attached file and its folder's root (not included), nearest first. */
export function agentsFilesAbove(attachedPath: string): string[] {
  const directories = attachedPath.split('/').slice(0, -1);
  const paths: string[] = [];
  for (let depth = directories.length; depth > 0; depth -= 1) {
    paths.push(`${directories.slice(0, depth).join('/')}/${agentsFileName}`);
  }
  return paths;
}

/** True for a file `.github/instructions` contributes (`name` is the file's own name). */
export function isInstructionsFileName(name: string): boolean {
  return name.endsWith(instructionsFileSuffix) && name.length > instructionsFileSuffix.length;
}

/**
 * The attached paths of each folder, relative to it. With one folder they are its paths as given;
 * with several, a path starting with a folder's name and `/` is that folder's (the longest name
 * wins), and a path without such a prefix (written by `asRelativePath(uri, false)`) is tried in
 * every folder. Paths that leave their folder are dropped.
 */
export function attachedPathsByFolder(folderNames: readonly string[], attachedPaths: readonly string[]): string[][] {
  const byFolder = folderNames.map((): string[] => []);
  if (folderNames.length === 1) {
    byFolder[0] = attachedPaths.filter(isInsideFolder);
    return byFolder;
  }
  const longestFirst = folderNames.map((name, index) => ({ name, index })).sort((a, b) => b.name.length - a.name.length);
  for (const path of attachedPaths) {
    const owner = longestFirst.find(({ name }) => path.startsWith(`${name}/`));
    if (owner !== undefined) {
      const relative = path.slice(owner.name.length + 1);
      if (isInsideFolder(relative)) {
        byFolder[owner.index]?.push(relative);
      }
    } else if (isInsideFolder(path)) {
      for (const paths of byFolder) {
        paths.push(path);
      }
    }
  }
  return byFolder;
}

/** The path the chat shows and the request names: the folder's name first when several are open. */
export function shownPath(folderName: string, path: string, multiRoot: boolean): string {
  return multiRoot ? `${folderName}/${path}` : path;
}

/** Code-unit order: the same on every machine and locale, so the system prompt is byte-stable. */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
