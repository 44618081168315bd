/**
 * The core's boundaries: it runs in plain Node (a stray `vscode` import would throw here, where
 * no such module exists), and its HTTP stack loads on the first request, not on import — so the
 * extension's activation does not pay for undici.
 */

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function sources(dir: string): string[] {
  if (!existsSync(dir)) {
    return [];
  }
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('core boundaries', () => {
  it('loads undici (its dispatchers, not fetch) on prepare or the first HTTP request, not on import or for offline providers', () => {
    const output = execFileSync(process.execPath, ['out/test/core/entries/lazyHttp.entry.js'], { encoding: 'utf8', timeout: 20_000 });
    assert.deepStrictEqual(JSON.parse(output), { afterImport: false, afterOfflineCall: false, afterPrepare: true, afterHttpCall: true, fetchLoaded: false });
  });

  it('no file of src/core or src/protocol imports vscode, the shell or the webview', () => {
    const offenders = [...sources('src/core'), ...sources('src/protocol')].filter((path) =>
      /from ['"](vscode|[./]*\/(shell|webview)\/[^'"]*)['"]|require\(['"]vscode['"]\)/.test(readFileSync(path, 'utf8')),
    );
    assert.deepEqual(offenders, []);
  });
});
