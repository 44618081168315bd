/**
 * Switchboard in German, end to end in code-server from the built .vsix, started with `--locale
 * de`. code-server switches the display language only when a language pack for it is installed
 * (languagePack.ts builds an empty one: VS Code's own texts stay English), and then VS Code reads
 * the extension's package.nls.de.json and l10n/bundle.l10n.de.json: the command palette offers the
 * commands under their German titles, and the chat's message box, its placeholder and the host's
 * first-run banner are German. Each step is a test; the first failure stops the rest.
 */

import { deepStrictEqual, notStrictEqual, ok } from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { waitForChatReady } from './chatView';
import { packagedVsix } from './codeServer';
import { localePackVsix, registerLocalePack } from './languagePack';
import { useCodeServer } from './useCodeServer';
import { paletteTitles, runCommand, waitForActivityBarEntry, waitForWorkbench } from './workbench';

const root = process.cwd();

function readJson(path: string): Record<string, string> {
  return JSON.parse(readFileSync(join(root, path), 'utf8')) as Record<string, string>;
}

const englishTitles = readJson('package.nls.json');
const germanTitles = readJson('package.nls.de.json');
const germanStrings = readJson('l10n/bundle.l10n.de.json');

/** The German text of an English string of the extension (its l10n bundle), checked to differ from the English. */
function german(english: string): string {
  const text = germanStrings[english];
  ok(text !== undefined && text !== english, `l10n/bundle.l10n.de.json translates ${JSON.stringify(english)}`);
  return text;
}

/** `Switchboard: <the German title>` of a command, by its package.nls key. */
function germanCommand(key: string): string {
  const title = germanTitles[key];
  ok(title !== undefined, `package.nls.de.json has ${key}`);
  notStrictEqual(title, englishTitles[key], `${key} is translated`);
  return `Switchboard: ${title}`;
}

describe('Switchboard in German (--locale de), in code-server from the .vsix', function () {
  this.timeout(60_000);
  this.bail(true);

  let languagePack = '';
  before(() => {
    languagePack = localePackVsix(root, 'de', 'German');
  });
  const run = useCodeServer({
    name: 'locale',
    locale: 'de',
    // No model configured: the chat uses the offline mock model and its banner says so (a host string).
    settings: () => ({}),
    extensions: () => [languagePack, packagedVsix(root)],
    beforeStart: (folders) => registerLocalePack(folders, 'de', 'German'),
    requests: () => [],
  });
  const workbench = (): Page => run().page;
  after(() => {
    if (languagePack !== '') {
      rmSync(dirname(languagePack), { recursive: true, force: true });
    }
  });

  it('the workbench opens with Switchboard\'s view container; VS Code\'s own texts stay English (the pack translates nothing)', async () => {
    await waitForWorkbench(workbench());
    await waitForActivityBarEntry(workbench(), 'Explorer');
    await waitForActivityBarEntry(workbench(), 'Switchboard');
  });

  it('the command palette offers Switchboard\'s commands under their German titles', async () => {
    // A translated VS Code shows each command's English title beside it (so a user can still type
    // it); the German one is the row's own.
    for (const key of ['command.openChat', 'command.selectModel', 'command.setApiKey', 'command.showUsage']) {
      const title = germanCommand(key);
      const titles = await paletteTitles(workbench(), title, title);
      ok(titles.includes(title), `${title} in ${JSON.stringify(titles)}`);
    }
  });

  it('the chat, opened by its German title, shows the message box, its placeholder and the first-run banner in German', async () => {
    await runCommand(workbench(), germanCommand('command.openChat'));
    const frame = await waitForChatReady(workbench());
    const box = frame.locator('textarea.message-input');
    deepStrictEqual(
      { label: await box.getAttribute('aria-label'), placeholder: await box.getAttribute('placeholder'), lang: await frame.locator('html').getAttribute('lang') },
      { label: german('Message'), placeholder: german('Ask anything. Enter sends, Shift+Enter adds a line.'), lang: 'de' },
    );
    await frame.getByRole('textbox', { name: german('Message') }).waitFor({ state: 'visible', timeout: 10_000 });
    const banner = german('Offline mock model: answers are made up on this machine. Add a provider or select a model to use a real one.');
    await frame.locator('.banner', { hasText: banner }).waitFor({ state: 'visible', timeout: 15_000 });
  });
});
