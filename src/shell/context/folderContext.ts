/**
 * `#folder`: a folder's tree (indented, capped) and then its files' contents, each with its path
 * and a fence, while the running token count stays within the budget. Shallow files come first (a
 * folder's README and manifests say most about it); every listed file that is not included is
 * named with the reason, never silently dropped.
 */

import { protocolLimits } from '../../protocol/messages';
import { fenced } from '../chat/fences';
import type { FileText } from './contextHost';

/** Entries (folders and files) the tree shows, at most. */
export const folderTreeCap = 1_000;

/**
 * Characters a token can stand for, at most, in text worth sending: a file longer than this many
 * times the tokens left is left out without being counted (counting is the slow part).
 */
const charactersPerTokenCeiling = 12;

export type LeftOutReason = 'overBudget' | 'overSizeLimit' | 'binary' | 'tooLarge' | 'unreadable';

const reasonText: Record<LeftOutReason, string> = {
  overBudget: 'over the budget',
  overSizeLimit: "over the attachment's size limit",
  binary: 'binary',
  tooLarge: 'too large to attach',
  unreadable: 'could not be read',
};

export interface FolderRequest {
  /** The folder's path as the listing writes it ('' for the only workspace folder). */
  folder: string;
  /** How the tree's first line names it. */
  label: string;
  /** The listed files under the folder (workspace-relative, exclusions applied). */
  files: readonly string[];
  /** True when the workspace had more files than the listing holds: the tree says it may be incomplete. */
  incomplete: boolean;
  budget: number;
  read(path: string): Promise<FileText>;
  count(text: string): Promise<number>;
}

export interface FolderPacking {
  text: string;
  tokens: number;
  included: string[];
  leftOut: { path: string; reason: LeftOutReason }[];
}

interface TreeNode {
  folders: Map<string, TreeNode>;
  files: string[];
}

function emptyNode(): TreeNode {
  return { folders: new Map(), files: [] };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The tree's lines (folders first, each level sorted) and the files it shows, up to the cap. */
export function folderTree(label: string, relativePaths: readonly string[], cap = folderTreeCap): { lines: string[]; shown: string[]; hidden: number } {
  const root = emptyNode();
  for (const path of relativePaths) {
    const parts = path.split('/');
    let node = root;
    for (const part of parts.slice(0, -1)) {
      let child = node.folders.get(part);
      if (child === undefined) {
        child = emptyNode();
        node.folders.set(part, child);
      }
      node = child;
    }
    node.files.push(parts[parts.length - 1] as string);
  }
  const lines = [`${label}/`];
  const shown: string[] = [];
  let entries = 0;
  let hidden = 0;
  const walk = (node: TreeNode, depth: number, prefix: string): void => {
    const indent = '  '.repeat(depth);
    for (const name of [...node.folders.keys()].sort(compareText)) {
      const child = node.folders.get(name) as TreeNode;
      if (entries < cap) {
        entries += 1;
        lines.push(`${indent}${name}/`);
        walk(child, depth + 1, `${prefix}${name}/`);
      } else {
        hidden += countEntries(child) + 1;
      }
    }
    for (const name of [...node.files].sort(compareText)) {
      if (entries < cap) {
        entries += 1;
        lines.push(`${indent}${name}`);
        shown.push(`${prefix}${name}`);
      } else {
        hidden += 1;
      }
    }
  };
  walk(root, 1, '');
  if (hidden > 0) {
    lines.push(`  … and ${hidden} more entries`);
  }
  return { lines, shown, hidden };
}

function countEntries(node: TreeNode): number {
  let total = node.files.length;
  for (const child of node.folders.values()) {
    total += 1 + countEntries(child);
  }
  return total;
}

/** Shallow files first, then by path. */
function contentOrder(paths: readonly string[]): string[] {
  const depth = (path: string): number => path.split('/').length;
  return [...paths].sort((a, b) => depth(a) - depth(b) || compareText(a, b));
}

function extensionOf(path: string): string | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1) : undefined;
}

function fileBlock(path: string, text: string): string {
  return `${path}\n${fenced(text, extensionOf(path))}`;
}

function leftOutLine(entry: { path: string; reason: LeftOutReason }): string {
  return `${entry.path} — not included: ${reasonText[entry.reason]}`;
}

function assemble(treeText: string, blocks: readonly string[], leftOut: FolderPacking['leftOut']): string {
  const sections = [treeText, ...blocks];
  if (leftOut.length > 0) {
    sections.push(leftOut.map(leftOutLine).join('\n'));
  }
  return sections.join('\n\n');
}

/** The folder's tree and as many of its files as fit the budget (see the file's comment). */
export async function packFolder(request: FolderRequest): Promise<FolderPacking> {
  const prefix = request.folder === '' ? '' : `${request.folder}/`;
  const relative = request.files.filter((path) => path.startsWith(prefix)).map((path) => path.slice(prefix.length));
  const tree = folderTree(request.label, relative);
  const treeText = [...tree.lines, ...(request.incomplete ? ['  (the workspace has more files than were listed: this tree may be incomplete)'] : [])].join('\n');
  const order = contentOrder(tree.shown.map((path) => `${prefix}${path}`));
  // Room kept for the closing list, so the whole text stays within what one attachment may carry.
  const listRoom = order.reduce((sum, path) => sum + path.length + 64, 0);
  const characterRoom = protocolLimits.attachmentTextLength - treeText.length - listRoom;

  // Every file starts out reserved as a line of the closing list; including it gives that back.
  // (Dropping a small file can cost more than its contents: its line in the list.)
  const reserved = new Map<string, number>();
  for (const path of order) {
    reserved.set(path, await request.count(`${leftOutLine({ path, reason: 'overBudget' })}\n`));
  }
  let remaining = request.budget - (await request.count(treeText)) - [...reserved.values()].reduce((sum, tokens) => sum + tokens, 0);
  let characters = 0;
  const included: { path: string; block: string }[] = [];
  const leftOut: FolderPacking['leftOut'] = [];
  for (const path of order) {
    const room = remaining + (reserved.get(path) ?? 0);
    if (room <= 0) {
      leftOut.push({ path, reason: 'overBudget' });
      continue;
    }
    const file = await request.read(path);
    if (file.kind !== 'text') {
      leftOut.push({ path, reason: file.kind });
      continue;
    }
    if (file.text.length > room * charactersPerTokenCeiling) {
      leftOut.push({ path, reason: 'overBudget' });
      continue;
    }
    const block = fileBlock(path, file.text);
    if (characters + block.length + 2 > characterRoom) {
      leftOut.push({ path, reason: 'overSizeLimit' });
      continue;
    }
    const tokens = await request.count(`\n\n${block}`);
    if (tokens > room) {
      leftOut.push({ path, reason: 'overBudget' });
      continue;
    }
    included.push({ path, block });
    remaining = room - tokens;
    characters += block.length + 2;
  }

  // The parts were counted apart; the whole is what the model sees, so where the pieces' counts
  // differ from the whole's, the last files go until it fits too.
  const position = new Map(order.map((path, index) => [path, index]));
  const ordered = (entries: FolderPacking['leftOut']): FolderPacking['leftOut'] => [...entries].sort((a, b) => (position.get(a.path) ?? 0) - (position.get(b.path) ?? 0));
  let text = assemble(treeText, included.map((entry) => entry.block), ordered(leftOut));
  let tokens = await request.count(text);
  while (tokens > request.budget && included.length > 0) {
    const last = included.pop() as { path: string };
    leftOut.push({ path: last.path, reason: 'overBudget' });
    text = assemble(treeText, included.map((entry) => entry.block), ordered(leftOut));
    tokens = await request.count(text);
  }
  return { text, tokens, included: included.map((entry) => entry.path), leftOut: ordered(leftOut) };
}
