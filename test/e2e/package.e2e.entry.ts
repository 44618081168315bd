/**
 * The package as it ships, checked before the scenarios install it: what `vsce` puts into the
 * .vsix (the bundles, every webview chunk the preload manifest names, the codicons, the notices,
 * the store page's files, each language's l10n bundle and package.nls file, and nothing of the
 * sources, tests or node_modules), the third-party notices written by the production build from
 * what esbuild bundled (each package with its licence text, no development tool), and the store
 * listing's fields.
 */

import { deepStrictEqual, ok } from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = process.cwd();
/** The display languages the extension is translated into (test/tooling/l10nBundles.test.ts checks each file's contents). */
const shippedLanguages = ['zh-cn', 'ja', 'de', 'fr', 'es', 'pt-br'];

/** The files `vsce package` would put into the .vsix, from the working tree and .vscodeignore. */
function packagedFiles(): string[] {
  const output = execFileSync(process.execPath, [join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' });
  return output.split('\n').map((line) => line.trim()).filter((line) => line !== '');
}

/** The sections of dist/ThirdPartyNotices.txt: each package's heading line and the licence files quoted under it. */
function noticeSections(text: string): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of text.split('\n')) {
    const heading = /^(\S+) \S+ — /.exec(line);
    if (heading !== null) {
      current = [];
      sections.set(heading[1]!, current);
    } else if (current !== undefined && /^\[[^\]]+\]$/.test(line)) {
      current.push(line.slice(1, -1));
    }
  }
  return sections;
}

describe('the package as it ships', () => {
  it('holds the bundles, every chunk the page preloads or imports, the codicons, the notices, the store page and every translation; no sources', () => {
    const files = packagedFiles();
    const manifest = JSON.parse(readFileSync(join(root, 'dist', 'webview-preloads.json'), 'utf8')) as { modules: string[]; fonts: string[] };
    const expected = [
      'package.json',
      'package.nls.json',
      'l10n/bundle.l10n.json',
      ...shippedLanguages.flatMap((language) => [`package.nls.${language}.json`, `l10n/bundle.l10n.${language}.json`]),
      'README.md',
      'CHANGELOG.md',
      'LICENSE',
      'api.d.ts',
      'media/icon.png',
      'dist/extension.js',
      'dist/webview.js',
      'dist/webview.css',
      'dist/webview-preloads.json',
      'dist/usage.js',
      'dist/usage.css',
      'dist/ThirdPartyNotices.txt',
      'dist/codicons/codicon.css',
      ...manifest.modules.map((path) => `dist/${path}`),
      ...manifest.fonts.map((path) => `dist/${path}`),
    ];
    deepStrictEqual(expected.filter((file) => !files.includes(file)), [], 'files the package lacks');
    deepStrictEqual(files.filter((file) => /^(src|test|bench|scripts|webview|out|node_modules|docs)\/|\.map$|\.vsix$|^\.tools|^\.e2e/.test(file)), [], 'files that must not ship');
  });

  it('names in its notices every bundled package with its licence text, the codicons with both of theirs, and no development tool', () => {
    const sections = noticeSections(readFileSync(join(root, 'dist', 'ThirdPartyNotices.txt'), 'utf8'));
    for (const bundled of ['undici', 'markdown-it', 'dompurify', 'highlight.js', 'lit-html', '@vscode-elements/elements', 'gpt-tokenizer', '@modelcontextprotocol/sdk', 'google-auth-library', '@smithy/signature-v4']) {
      ok((sections.get(bundled)?.length ?? 0) > 0, `${bundled} with its licence text (found: ${JSON.stringify(sections.get(bundled))})`);
    }
    // The font is CC-BY-4.0 and the code around it MIT: both texts.
    deepStrictEqual(sections.get('@vscode/codicons'), ['LICENSE', 'LICENSE-CODE']);
    deepStrictEqual(['mocha', 'playwright-core', 'typescript', 'esbuild', 'eslint', '@vscode/vsce', 'openai'].filter((tool) => sections.has(tool)), [], 'development tools listed as shipped');
  });

  it('has the store listing\'s fields: icon, banner, preview, homepage, issues and Q&A, and a licence', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    deepStrictEqual(
      ['icon', 'galleryBanner', 'preview', 'homepage', 'bugs', 'qna', 'license', 'repository', 'categories', 'keywords'].filter((field) => manifest[field] === undefined),
      [],
      'missing fields',
    );
    ok((manifest['keywords'] as string[]).length <= 30, 'the Marketplace takes at most 30 keywords');
  });
});
