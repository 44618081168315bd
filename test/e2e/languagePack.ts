/**
 * The smallest language pack code-server accepts, built for a test. code-server takes the display
 * language from `--locale` only when a language pack for it is registered in the user data's
 * languagepacks.json; without one the workbench, `vscode.env.language` and every extension stay
 * English, and Open VSX, where real packs live, is out of reach offline. This pack's translation
 * of VS Code is empty, so VS Code's own texts fall back to English while the language becomes
 * the locale: what an extension sees is what a real pack gives it.
 */

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunFolders } from './codeServer';

const publisher = 'switchboard-e2e';
const version = '0.0.1';
const translationsPath = 'translations/main.i18n.json';

function packName(locale: string): string {
  return `e2e-language-pack-${locale}`;
}

/** Builds the pack for `locale` (`de`) with vsce into a fresh folder (the caller removes it) and returns the .vsix's path. */
export function localePackVsix(repositoryRoot: string, locale: string, languageName: string): string {
  const folder = mkdtempSync(join(tmpdir(), `switchboard-language-pack-${locale}-`));
  mkdirSync(join(folder, 'translations'));
  const manifest = {
    name: packName(locale),
    publisher,
    version,
    engines: { vscode: '^1.105.0' },
    categories: ['Language Packs'],
    contributes: { localizations: [{ languageId: locale, languageName, translations: [{ id: 'vscode', path: `./${translationsPath}` }] }] },
  };
  writeFileSync(join(folder, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(folder, translationsPath), '{ "version": "1.0.0", "contents": {} }\n');
  const vsix = join(folder, `${manifest.name}.vsix`);
  execFileSync(process.execPath, [join(repositoryRoot, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--allow-missing-repository', '--skip-license', '--out', vsix], { cwd: folder, stdio: ['ignore', 'ignore', 'pipe'] });
  return vsix;
}

/**
 * Registers the installed pack in languagepacks.json, as VS Code's server does when it installs
 * a pack itself (its install participant, `postInstall`). code-server's `--install-extension`
 * runs without that participant, and the server fills the file at no other time, so a pack
 * installed from the command line would be ignored.
 */
export function registerLocalePack(folders: RunFolders, locale: string, languageName: string): void {
  const id = `${publisher}.${packName(locale)}`;
  const entry = {
    hash: createHash('md5').update(id).update(version).digest('hex'),
    extensions: [{ extensionIdentifier: { id }, version }],
    translations: { vscode: join(folders.extensionsDir, `${id}-${version}`, ...translationsPath.split('/')) },
    label: languageName,
  };
  writeFileSync(join(folders.userDataDir, 'languagepacks.json'), JSON.stringify({ [locale]: entry }));
}
