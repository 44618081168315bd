/**
 * The import-cycle check of `npm run lint` (scripts/importCycles.mjs), run as lint runs it, on small
 * trees written for the test: a cycle of type-only imports fails it, as does one closed by a
 * re-export or a dynamic import; a tree whose shared type sits below both sides passes.
 */

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

const script = resolve('scripts/importCycles.mjs');

function check(files: Record<string, string>): { status: number | null; output: string } {
  const root = mkdtempSync(join(tmpdir(), 'switchboard-cycles-'));
  try {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const run = spawnSync(process.execPath, [script, root], { encoding: 'utf8' });
    return { status: run.status, output: `${run.stdout}${run.stderr}`.trim() };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe('the import-cycle check (npm run lint)', () => {
  it('fails on a cycle of type-only imports and names the loop', () => {
    const result = check({
      'src/core/router.ts': "import type { Network } from './http/network';\nexport interface Environment { network?: Network }\n",
      'src/core/http/network.ts': "import type { Environment } from '../router';\nexport interface Network { env?: Environment }\n",
    });
    assert.deepStrictEqual(result, {
      status: 1,
      output: 'import cycles: 1 (each line is a loop of imports; type-only imports count)\n  2 files, e.g. src/core/http/network.ts → src/core/router.ts → src/core/http/network.ts',
    });
  });

  it('fails on cycles closed by a re-export or a dynamic import, across folders', () => {
    const result = check({
      'src/shell/config.ts': "export { readProxy } from './networkConfig';\nexport const section = 'switchboard';\n",
      'src/shell/networkConfig.ts': "import { section } from './config';\nexport const readProxy = (): string => section;\n",
      'webview/a.ts': "export async function later(): Promise<unknown> {\n  return import('./b');\n}\n",
      'webview/b.ts': "import { later } from './a';\nexport const b = later;\n",
    });
    assert.equal(result.status, 1, result.output);
    assert.match(result.output, /^import cycles: 2 /);
    assert.match(result.output, /src\/shell\/config\.ts → src\/shell\/networkConfig\.ts → src\/shell\/config\.ts/);
    assert.match(result.output, /webview\/a\.ts → webview\/b\.ts → webview\/a\.ts/);
  });

  it('passes when the shared type lives below both sides', () => {
    const result = check({
      'src/core/types.ts': 'export type Environment = Readonly<Record<string, string | undefined>>;\n',
      'src/core/router.ts': "import type { Environment } from './types';\nexport const route = (env: Environment): number => Object.keys(env).length;\n",
      'src/core/http/network.ts': "import type { Environment } from '../types';\nimport { route } from '../router';\nexport const choose = (env: Environment): number => route(env);\n",
    });
    assert.deepStrictEqual(result, { status: 0, output: 'import cycles: none among 3 files' });
  });
});
