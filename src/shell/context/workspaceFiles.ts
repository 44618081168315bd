/**
 * The workspace's files as `#file` and `#folder` list them: VS Code's `findFiles` with its default
 * excludes (`files.exclude`), then Git's ignore rules (`GitignoreRules`). `findFiles` does not read
 * `.gitignore`, so the folders the root `.gitignore` ignores (node_modules, build output) are
 * never searched: each other top-level folder is searched on its own, which keeps them from
 * filling the search's cap before the sources are reached.
 */

import * as vscode from 'vscode';
import { decodeText } from './fileBytes';
import { searchedFolders, withoutIgnored } from './gitignoreRules';
import type { WorkspaceListing } from './contextHost';

/** Files listed, at most, across the workspace's folders. */
export const listingCap = 5_000;

/** Files `findFiles` may return before Git's rules filter them. */
const searchCap = 20_000;

/** A listing, and the file behind each of its paths. */
export interface ListedFiles {
  listing: WorkspaceListing;
  uris: Map<string, vscode.Uri>;
}

async function readTextFile(uri: vscode.Uri): Promise<string | undefined> {
  try {
    return decodeText(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** `uri`'s path below `folder`, with `/`. */
function relativeTo(folder: vscode.Uri, uri: vscode.Uri): string {
  return uri.path.slice(folder.path.replace(/\/$/, '').length + 1);
}

/** One workspace folder's files (folder-relative), Git's ignored ones left out; `truncated` when the search hit its cap. */
async function folderFiles(folder: vscode.WorkspaceFolder, room: number): Promise<{ files: { relative: string; uri: vscode.Uri }[]; truncated: boolean }> {
  const options = { ignoreCase: process.platform !== 'linux' };
  let entries: [string, vscode.FileType][] = [];
  try {
    entries = await vscode.workspace.fs.readDirectory(folder.uri);
  } catch {
    // An unreadable folder lists nothing.
  }
  const rootGitignore = (await readTextFile(vscode.Uri.joinPath(folder.uri, '.gitignore'))) ?? '';
  const searched = searchedFolders(
    entries.map(([name, type]) => ({ name, isFolder: (type & vscode.FileType.Directory) !== 0 })),
    rootGitignore,
    options,
  );

  const found: vscode.Uri[] = [];
  let truncated = false;
  const search = async (base: vscode.Uri, pattern: string): Promise<void> => {
    const left = searchCap - found.length;
    if (left <= 0) {
      truncated = true;
      return;
    }
    // `undefined` as the exclude applies the default excludes: `files.exclude`.
    const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(base, pattern), undefined, left);
    truncated ||= uris.length >= left;
    found.push(...uris);
  };
  await search(folder.uri, '*');
  for (const name of searched) {
    await search(vscode.Uri.joinPath(folder.uri, name), '**');
  }

  const files = found.map((uri) => ({ relative: relativeTo(folder.uri, uri), uri }));
  const kept = await withoutIgnored(files, (file) => readTextFile(file.uri), options);
  return { files: kept.slice(0, room), truncated: truncated || kept.length > room };
}

/** The workspace's files, named as everywhere in the chat (`asRelativePath`, the folder's name first in a multi-root window). */
export async function listWorkspaceFiles(): Promise<ListedFiles> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const multiRoot = folders.length > 1;
  const uris = new Map<string, vscode.Uri>();
  let truncated = false;
  for (const folder of folders) {
    if (uris.size >= listingCap) {
      truncated = true;
      break;
    }
    const result = await folderFiles(folder, listingCap - uris.size);
    truncated ||= result.truncated;
    for (const file of result.files) {
      uris.set(vscode.workspace.asRelativePath(file.uri, multiRoot), file.uri);
    }
  }
  return {
    listing: { roots: folders.map((folder) => ({ path: multiRoot ? folder.name : '', name: folder.name })), files: [...uris.keys()], truncated },
    uris,
  };
}
