/**
 * How long the built-in workspace tools take on this repository's own folder, through the disk
 * implementation of their port the tests use (Node's file system, not VS Code's): the median of
 * several runs of each call. `node scripts/build-tests.mjs bench/workspaceTools && node out/bench/workspaceTools.js [folder]`
 */

import { WorkspaceToolSource } from '../src/shell/tools/workspace/workspaceToolSource';
import { DiskWorkspace } from '../test/helpers/workspaceDisk';

const runs = 7;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function main(): Promise<void> {
  const folder = process.argv[2] ?? process.cwd();
  const host = new DiskWorkspace([{ name: 'repo', dir: folder }]);
  const source = new WorkspaceToolSource({ host, log: { error: (message) => console.error(message) } });
  const listing = await host.listFiles();
  console.log(`${folder}: ${listing.files.length} files listed${listing.truncated ? ' (cut)' : ''}`);
  const calls: [string, Record<string, unknown>][] = [
    ['list_directory', {}],
    ['list_directory', { path: 'src/shell' }],
    ['read_file', { path: 'src/shell/context/vscodeContextHost.ts' }],
    ['find_files', { pattern: '**/*.ts' }],
    ['search_text', { query: 'tokenFor' }],
    ['search_text', { query: 'function \\w+Tool', isRegExp: true }],
    ['search_text', { query: 'zzz-not-anywhere-zzz' }],
  ];
  for (const [name, args] of calls) {
    const times: number[] = [];
    let summary = '';
    for (let run = 0; run < runs; run += 1) {
      const started = performance.now();
      const output = await source.call(name, args, { signal: new AbortController().signal, timeoutMs: 60_000 });
      times.push(performance.now() - started);
      const text = output.content[0]?.type === 'text' ? output.content[0].text : '';
      summary = `${output.isError ? 'error: ' : ''}${text.split('\n')[0]?.slice(0, 90) ?? ''}`;
    }
    console.log(`${name} ${JSON.stringify(args)}: median ${median(times).toFixed(1)} ms (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)}) — ${summary}`);
  }
}

void main();
