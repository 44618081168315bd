/**
 * The built-in workspace tools over a real temporary folder (`DiskWorkspace`): a small project
 * with ignored, excluded, binary and linked files beside a folder outside the workspace that holds
 * a secret no tool may ever show.
 */

import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkspaceToolSource } from '../../../src/shell/tools/workspace/workspaceToolSource';
import { DiskWorkspace, type DiskFolder } from '../../helpers/workspaceDisk';
import { writeTree } from '../../helpers/instructionDisk';

/** What lies outside the workspace; no result may contain it. */
export const outsideSecret = 'OUTSIDE-SECRET-42';

/** What the ignored `.env` holds; no result may contain it. */
export const envSecret = 'ENV-SECRET-17';

export const projectFiles: Record<string, string | Uint8Array> = {
  'README.md': '# Demo\n\nA small project.\n',
  'src/main.ts': "import { add } from './util/math';\n\nexport function main(): number {\n  return add(1, 2);\n}\n",
  'src/util/math.ts': 'export function add(a: number, b: number): number {\n  return a + b;\n}\n',
  '.gitignore': '.env\nbuild/\n',
  '.env': `API_KEY=${envSecret}\n`,
  'build/out.js': 'console.log("built");\n',
  'node_modules/left-pad/index.js': 'module.exports = () => "";\n',
  'logo.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]),
};

export interface ToolRig {
  root: string;
  workspace: string;
  host: DiskWorkspace;
  source: WorkspaceToolSource;
  errors: string[];
  call(name: string, args?: Record<string, unknown>, signal?: AbortSignal): Promise<{ text: string; isError: boolean }>;
}

export async function makeRig(files: Record<string, string | Uint8Array> = projectFiles, options: { exclude?: string[]; cap?: number; links?: boolean } = {}): Promise<ToolRig> {
  const root = await mkdtemp(join(tmpdir(), 'switchboard-tools-'));
  const workspace = join(root, 'project');
  await writeTree(workspace, files);
  await writeTree(join(root, 'outside'), { 'secret.txt': `${outsideSecret}\n` });
  if (options.links !== false) {
    await symlink(join(root, 'outside', 'secret.txt'), join(workspace, 'linked.txt'));
    await symlink(join(root, 'outside'), join(workspace, 'linked-folder'));
  }
  return rigOver(root, [{ name: 'project', dir: workspace }], options);
}

export function rigOver(root: string, folders: DiskFolder[], options: { exclude?: string[]; cap?: number } = {}): ToolRig {
  const host = new DiskWorkspace(folders, { exclude: options.exclude ?? ['**/node_modules'], ...(options.cap === undefined ? {} : { cap: options.cap }) });
  const errors: string[] = [];
  const source = new WorkspaceToolSource({ host, log: { error: (message) => errors.push(message) } });
  return {
    root,
    workspace: folders[0]?.dir ?? root,
    host,
    source,
    errors,
    async call(name, args = {}, signal = new AbortController().signal) {
      const output = await source.call(name, args, { signal, timeoutMs: 30_000 });
      const text = output.content.map((part) => (part.type === 'text' ? part.text : `[image ${part.mimeType}]`)).join('\n');
      return { text, isError: output.isError };
    },
  };
}

export async function removeRig(rig: ToolRig | undefined): Promise<void> {
  if (rig !== undefined) {
    await rm(rig.root, { recursive: true, force: true });
  }
}
