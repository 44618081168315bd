// Builds every test and benchmark entry (test/**/*.test.ts, bench/*.ts, test helpers run as
// child processes) into out/ with esbuild: one CommonJS bundle per entry, node_modules external.
// Bundling mirrors the product build (dynamic imports stay lazy, JSON is inlined), and an
// accidental `vscode` import in core code fails at run time in plain Node.
import { build } from 'esbuild';
import { readdirSync, statSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

function walk(dir, accept, found = []) {
  let names;
  try {
    names = readdirSync(dir);
  } catch {
    return found;
  }
  for (const name of names) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      walk(path, accept, found);
    } else if (accept(path)) {
      found.push(path);
    }
  }
  return found;
}

const only = process.argv.slice(2).filter((arg) => !arg.startsWith('--'));
const entries = [
  ...walk('test', (p) => p.endsWith('.test.ts') || p.endsWith('.entry.ts')),
  ...walk('bench', (p) => p.endsWith('.ts') && !p.includes('/lib/')),
].filter((p) => only.length === 0 || only.some((o) => p.includes(o)));

if (only.length === 0) {
  rmSync('out', { recursive: true, force: true });
}

await build({
  entryPoints: entries,
  outdir: 'out',
  outbase: '.',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  packages: 'external',
  sourcemap: 'inline',
  logLevel: 'warning',
});
console.log(`built ${entries.length} test and bench entries into out/ (${relative('.', 'out')})`);
