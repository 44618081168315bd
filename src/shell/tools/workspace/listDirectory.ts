/**
 * `list_directory`: what a workspace folder holds, one entry a line, folders first with a trailing
 * `/`. Drawn from the workspace listing, so excluded and ignored files never show, and a folder
 * shows only when it holds a listed file.
 */

import type { WorkspaceListing } from '../../context/contextHost';
import { isListedFolder, pathArgument, workspaceListing } from './listedFiles';
import { objectSchema, ToolRefusal, type WorkspaceTool } from './workspaceTool';

/** Entries shown, at most. */
export const listDirectoryCap = 500;

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The folder's direct children: subfolders (with the count of files under each) and files. */
function childrenOf(listing: WorkspaceListing, folder: string): { folders: Map<string, number>; files: string[] } {
  const folders = new Map<string, number>();
  const files: string[] = [];
  const prefix = folder === '' ? '' : `${folder}/`;
  for (const path of listing.files) {
    if (!path.startsWith(prefix)) {
      continue;
    }
    const rest = path.slice(prefix.length);
    const slash = rest.indexOf('/');
    if (slash === -1) {
      files.push(rest);
    } else {
      const name = rest.slice(0, slash);
      folders.set(name, (folders.get(name) ?? 0) + 1);
    }
  }
  // A multi-root window's folders are entries of the workspace even when they list no file.
  if (folder === '') {
    for (const root of listing.roots.filter((candidate) => candidate.path !== '' && !folders.has(candidate.path))) {
      folders.set(root.path, 0);
    }
  }
  return { folders, files: files.sort(compareText) };
}

function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

export const listDirectoryTool: WorkspaceTool = {
  descriptor: {
    name: 'list_directory',
    description:
      "Lists a folder of the user's workspace: its subfolders (ending in '/', with how many files each holds) and its files, sorted. Without a path, lists the workspace's top level — a good first step to see how a project is laid out. Files excluded by VS Code's files.exclude setting or ignored by .gitignore are not shown.",
    inputSchema: objectSchema({
      path: {
        type: 'string',
        description: "The folder, relative to the workspace with '/' (such as 'src/utils'); in a workspace of several folders, starting with the folder's name. Leave it out for the top level.",
      },
    }),
    readOnly: true,
  },
  async run(args, { host }) {
    const path = pathArgument(args, 'path', { required: false }) ?? '';
    const listing = await workspaceListing(host);
    if (listing.files.includes(path)) {
      throw new ToolRefusal(`The argument "path" names a file, "${path}": use read_file to read it.`);
    }
    if (!isListedFolder(listing, path)) {
      const entry = await host.entry(path);
      throw new ToolRefusal(
        entry === undefined
          ? `The argument "path" names no folder of the workspace: "${path}" does not exist. Call list_directory without a path to see the top level.`
          : `"${path}" holds no files the workspace tools may read: all are excluded (files.exclude) or ignored (.gitignore).`,
      );
    }
    const { folders, files } = childrenOf(listing, path);
    const entries = [
      ...[...folders.keys()].sort(compareText).map((name) => `${name}/ (${counted(folders.get(name) ?? 0, 'file')})`),
      ...files,
    ];
    const heading = `${path === '' ? 'The workspace' : `${path}/`}: ${counted(folders.size, 'folder')}, ${counted(files.length, 'file')}`;
    const lines = [heading, ...entries.slice(0, listDirectoryCap)];
    if (entries.length > listDirectoryCap) {
      lines.push(`… and ${entries.length - listDirectoryCap} more entries (the list stops at ${listDirectoryCap}; use find_files with a glob to narrow it).`);
    }
    if (listing.truncated) {
      lines.push(`(The workspace has more files than the ${listing.files.length} the tools list, so this folder may hold more.)`);
    }
    return lines.join('\n');
  },
};
