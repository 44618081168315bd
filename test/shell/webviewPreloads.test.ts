/**
 * The chat page's preload manifest (dist/webview-preloads.json, written by esbuild.mjs): the paths
 * it lists go into the page's HTML, so only well-formed paths under dist/ are kept, and a missing
 * or broken manifest means no preloads rather than a failure.
 */

import { deepStrictEqual } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseWebviewPreloads, readWebviewPreloads, webviewPreloadsFile } from '../../src/shell/chat/webviewPreloads';

describe('webview preloads', () => {
  it('keeps the listed chunks and fonts', () => {
    deepStrictEqual(parseWebviewPreloads({ modules: ['webview-chunks/chunk-AB12CD34.js'], fonts: ['codicons/codicon.ttf'] }), {
      modules: ['webview-chunks/chunk-AB12CD34.js'],
      fonts: ['codicons/codicon.ttf'],
    });
  });

  it('drops paths that leave dist/, are absolute, carry markup or queries, or are not strings', () => {
    const listed = ['../extension.js', '/etc/passwd.js', 'webview-chunks/../../x.js', 'a"><script>.js', 'chunk.js?x=1', 'https://evil.example/x.js', 42, null, 'webview-chunks/ok-1.js'];
    deepStrictEqual(parseWebviewPreloads({ modules: listed, fonts: ['codicons/codicon.woff2', 'codicons/codicon.ttf'] }), {
      modules: ['webview-chunks/ok-1.js'],
      fonts: ['codicons/codicon.ttf'],
    });
  });

  it('reads no preloads from a missing, unreadable or malformed manifest', () => {
    const folder = mkdtempSync(join(tmpdir(), 'preloads-'));
    try {
      deepStrictEqual(readWebviewPreloads(join(folder, 'missing')), { modules: [], fonts: [] });
      writeFileSync(join(folder, webviewPreloadsFile), '{"modules": [');
      deepStrictEqual(readWebviewPreloads(folder), { modules: [], fonts: [] });
      deepStrictEqual(parseWebviewPreloads(['webview-chunks/a.js']), { modules: [], fonts: [] });
      deepStrictEqual(parseWebviewPreloads({ modules: 'webview-chunks/a.js' }), { modules: [], fonts: [] });
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
