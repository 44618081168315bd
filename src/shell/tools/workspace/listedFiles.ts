/**
 * The files the workspace tools may read: those of the workspace listing (`files.exclude` and
 * `.gitignore` applied, as the `#file` picker offers them), reached through no symbolic link. A
 * file outside that set is refused with the reason, so the model neither retries blindly nor
 * learns what an ignored file (often `.env` and other secrets) holds.
 */

import type { FileText, WorkspaceListing } from '../../context/contextHost';
import { largestReadableFile } from '../../context/fileBytes';
import { checkWorkspacePath } from './workspacePaths';
import type { WorkspaceToolHost } from './workspaceToolHost';
import { ToolRefusal, type ToolArgs } from './workspaceTool';

/** The listing, or a refusal when no folder is open. */
export async function workspaceListing(host: WorkspaceToolHost): Promise<WorkspaceListing> {
  if (host.roots().length === 0) {
    throw noFolder();
  }
  const listing = await host.listFiles();
  if (listing.roots.length === 0) {
    throw noFolder();
  }
  return listing;
}

export function noFolder(): ToolRefusal {
  return new ToolRefusal('No folder is open in VS Code, so there are no workspace files. Ask the user to open a folder.');
}

/** A path argument checked (`workspacePaths.ts`), or a refusal naming the argument. */
export function pathArgument(args: ToolArgs, name: string, options: { required: boolean }): string | undefined {
  const raw = options.required ? args.string(name, { required: true }) : args.string(name);
  if (raw === undefined) {
    return undefined;
  }
  const checked = checkWorkspacePath(raw);
  if (!checked.ok) {
    throw new ToolRefusal(`The argument "${name}" ${checked.problem}: ${JSON.stringify(raw)}.`);
  }
  return checked.path;
}

/** True when `path` names a folder holding listed files ('' is the workspace). */
export function isListedFolder(listing: WorkspaceListing, path: string): boolean {
  if (path === '' || listing.roots.some((root) => root.path === path)) {
    return true;
  }
  const prefix = `${path}/`;
  return listing.files.some((file) => file.startsWith(prefix));
}

/**
 * Whether paths pass through a symbolic link, asked part by part (a linked folder anywhere above
 * a file counts) and remembered for one call, so a search over many files asks about each folder
 * once. The workspace folders themselves are the user's choice and are not asked about.
 */
export class LinkCheck {
  private readonly known = new Map<string, Promise<boolean>>();

  constructor(
    private readonly host: WorkspaceToolHost,
    private readonly multiRoot: boolean,
  ) {}

  /** The first linked part of `path` (a path itself), or undefined. */
  async linkIn(path: string): Promise<string | undefined> {
    const parts = path.split('/');
    for (let end = this.multiRoot ? 2 : 1; end <= parts.length; end += 1) {
      const prefix = parts.slice(0, end).join('/');
      let linked = this.known.get(prefix);
      if (linked === undefined) {
        linked = this.host.entry(prefix).then((entry) => entry?.symbolicLink === true);
        this.known.set(prefix, linked);
      }
      if (await linked) {
        return prefix;
      }
    }
    return undefined;
  }
}

/** Why a path that is not a listed file cannot be read, in one sentence for the model. */
async function notListedReason(host: WorkspaceToolHost, listing: WorkspaceListing, path: string): Promise<string> {
  if (isListedFolder(listing, path)) {
    return `"${path}" is a folder: use list_directory to see what it holds.`;
  }
  const entry = await host.entry(path);
  if (entry === undefined) {
    return `"${path}" does not exist in the workspace. Use find_files or list_directory to find the right path.`;
  }
  if (entry.type === 'directory') {
    return `"${path}" is a folder whose files are all excluded (files.exclude) or ignored (.gitignore).`;
  }
  const cap = listing.truncated ? ` The workspace has more files than the ${listing.files.length} listed, so it may also lie beyond that limit.` : '';
  return `"${path}" is excluded by the files.exclude setting or ignored by .gitignore: the workspace tools do not read such files (they often hold secrets, such as .env files, or build output).${cap}`;
}

/** A listed file's text, or why there is none (`linked`: reached through a symbolic link). */
export type ListedText = FileText | { kind: 'linked'; link: string };

/** The text of `path`, which the listing holds. */
export async function listedFileText(host: WorkspaceToolHost, links: LinkCheck, path: string): Promise<ListedText> {
  const link = await links.linkIn(path);
  return link === undefined ? host.peekFile(path) : { kind: 'linked', link };
}

/** A listed file's text; a refusal for any other path, a linked one, a binary or an unreadable one. */
export async function readListedFile(host: WorkspaceToolHost, listing: WorkspaceListing, links: LinkCheck, path: string): Promise<string> {
  if (!listing.files.includes(path)) {
    throw new ToolRefusal(await notListedReason(host, listing, path));
  }
  const file = await listedFileText(host, links, path);
  switch (file.kind) {
    case 'text':
      return file.text;
    case 'linked':
      throw new ToolRefusal(`"${path}" is reached through a symbolic link ("${file.link}"): the workspace tools do not follow links, which may lead outside the workspace.`);
    case 'binary':
      throw new ToolRefusal(`"${path}" is a binary file, so it cannot be read as text.`);
    case 'tooLarge':
      throw new ToolRefusal(`"${path}" is too large to read (over ${largestReadableFile / 1_000_000} MB).`);
    case 'unreadable':
      throw new ToolRefusal(`"${path}" could not be read: ${file.reason}`);
  }
}
