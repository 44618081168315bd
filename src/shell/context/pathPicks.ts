/**
 * What the file and folder quick picks list: a file by its name, with its folder as the
 * description (VS Code's fuzzy match looks at both with `matchOnDescription`); the workspace
 * folders first, then every folder that holds a listed file; and which file a multi-select pick
 * highlights for the typed text.
 */

import type { PathPick, WorkspaceListing } from './contextHost';

function splitPath(path: string): { folder: string; name: string } {
  const slash = path.lastIndexOf('/');
  return slash === -1 ? { folder: '', name: path } : { folder: path.slice(0, slash), name: path.slice(slash + 1) };
}

export function filePicks(files: readonly string[]): PathPick[] {
  return files.map((path) => {
    const { folder, name } = splitPath(path);
    return folder === '' ? { label: name, path } : { label: name, description: folder, path };
  });
}

/** The folders under which listed files live, with all their ancestors, sorted. */
function foldersOf(files: readonly string[]): string[] {
  const folders = new Set<string>();
  for (const path of files) {
    let folder = splitPath(path).folder;
    while (folder !== '' && !folders.has(folder)) {
      folders.add(folder);
      folder = splitPath(folder).folder;
    }
  }
  return [...folders].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** `rootDescription` describes a workspace folder ("workspace folder", localized). */
export function folderPicks(listing: WorkspaceListing, rootDescription: string): PathPick[] {
  const roots = listing.roots.map((root) => ({ label: root.name, description: rootDescription, path: root.path }));
  const rootPaths = new Set(listing.roots.map((root) => root.path));
  return [...roots, ...foldersOf(listing.files).filter((folder) => !rootPaths.has(folder)).map((folder) => ({ label: folder, path: folder }))];
}

/** How a folder is named in its attachment: a workspace folder by its name, any other by its path. */
export function folderLabel(listing: WorkspaceListing, folder: string): string {
  return listing.roots.find((root) => root.path === folder)?.name ?? folder;
}

/**
 * Which pick a multi-select quick pick highlights for the typed text, so that Enter takes it: VS
 * Code highlights the first match itself only in a single-select pick, and Enter on nothing
 * highlighted adds nothing. A name starting with the text first (the shortest), then a name
 * holding it (the shortest), then the first whose folder holds it, as VS Code sorts its rows. Only
 * plain substrings match (case aside), so the pick is always among the rows VS Code's fuzzy filter
 * keeps. -1 when none matches; with nothing typed, the first.
 */
export function highlightedPick(picks: readonly { label: string; description?: string }[], typed: string): number {
  const text = typed.trim().toLowerCase();
  if (text === '') {
    return picks.length > 0 ? 0 : -1;
  }
  const rankOf = (pick: { label: string; description?: string }): number => {
    const label = pick.label.toLowerCase();
    return label.startsWith(text) ? 0 : label.includes(text) ? 1 : pick.description?.toLowerCase().includes(text) === true ? 2 : -1;
  };
  let best = -1;
  let bestRank = Infinity;
  picks.forEach((pick, index) => {
    const rank = rankOf(pick);
    const better = rank < bestRank || (rank === bestRank && rank < 2 && pick.label.length < picks[best]!.label.length);
    if (rank !== -1 && better) {
      best = index;
      bestRank = rank;
    }
  });
  return best;
}
