// Builds the test and benchmark entries (test/**/*.test.ts, test/**/*.entry.ts run as child
// processes or by the hardening runner, bench/*.ts) into out/ with esbuild: one CommonJS bundle per
// entry, node_modules external. Bundling mirrors the product build (dynamic imports stay lazy, JSON
// is inlined), and an accidental `vscode` import in core code fails at run time in plain Node.
//   node scripts/build-tests.mjs [--clean] [filter…]
// A filter keeps the entries whose path holds it (`test/webview`, `bench`). --clean first removes
// what the build writes — out/ for a full build, out/<folder> for each filter, which must then name
// a folder — so that bundles of renamed or deleted tests cannot run; without it nothing is removed.
import { build } from 'esbuild';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

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

function fail(message) {
  console.error(`build-tests: ${message}`);
  process.exit(2);
}

const args = process.argv.slice(2);
const flags = args.filter((arg) => arg.startsWith('--'));
const only = args.filter((arg) => !arg.startsWith('--'));
const unknown = flags.filter((flag) => flag !== '--clean');
if (unknown.length > 0) {
  fail(`unknown option ${unknown.join(' ')} (usage: build-tests.mjs [--clean] [filter…])`);
}

if (flags.includes('--clean')) {
  const notFolders = only.filter((filter) => !existsSync(filter) || !statSync(filter).isDirectory());
  if (notFolders.length > 0) {
    fail(`--clean with a filter removes out/<filter>, so each must be a folder (test/hardening), not ${notFolders.join(', ')}`);
  }
  for (const folder of only.length === 0 ? ['out'] : only.map((filter) => join('out', filter).replace(/\/+$/, ''))) {
    const files = existsSync(folder) ? walk(folder, () => true).length : 0;
    rmSync(folder, { recursive: true, force: true });
    console.log(`cleaned ${folder}/: removed ${files} files`);
  }
}

const entries = [
  ...walk('test', (p) => p.endsWith('.test.ts') || p.endsWith('.entry.ts')),
  ...walk('bench', (p) => p.endsWith('.ts') && !p.includes('/lib/')),
].filter((p) => only.length === 0 || only.some((o) => p.includes(o)));

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
console.log(`built ${entries.length} test and bench entries into out/${only.length === 0 ? '' : ` (${only.join(', ')})`}`);
