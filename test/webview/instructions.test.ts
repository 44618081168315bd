/**
 * The instructions line in headless Chromium: what the next request carries, said in one line
 * that discloses each file (open it, switch it off for this chat, its tokens, whether it was cut),
 * how far files are read, and the setting that turned files off.
 */

import { deepStrictEqual, strictEqual } from 'node:assert';
import type { InstructionsView } from '../../src/protocol/requestViews';
import { snapshot } from './fixtures';
import { useChatPage } from './useChatPage';

const twoFiles: InstructionsView = {
  filesEnabled: true,
  files: [
    { path: 'AGENTS.md', enabled: true, tokens: 1_234, truncated: false },
    { path: '.github/instructions/ts.instructions.md', enabled: false, tokens: 16_500, truncated: true },
  ],
  capBytes: 65_536,
};

describe('chat webview: instructions', function () {
  const { chat } = useChatPage();

  const toggle = () => chat().page.locator('.instructions-toggle');

  it('shows nothing without instructions; one line for files and the setting, as a disclosure', async () => {
    await chat().snapshot(snapshot());
    strictEqual(await chat().page.locator('.instructions').isVisible(), false);
    await chat().deliver({ type: 'instructions/list', instructions: twoFiles });
    await chat().settle();
    const line = chat().page.getByRole('button', { name: '2 instruction files' });
    strictEqual(await line.getAttribute('aria-expanded'), 'false');
    await chat().deliver({ type: 'instructions/list', instructions: { ...twoFiles, settingTokens: 40 } });
    await chat().settle();
    strictEqual(await toggle().textContent(), 'Your instructions + 2 instruction files');
    await chat().deliver({ type: 'instructions/list', instructions: { ...twoFiles, files: twoFiles.files.slice(0, 1) } });
    await chat().settle();
    strictEqual(await toggle().textContent(), '1 instruction file');
    await chat().deliver({ type: 'instructions/list', instructions: { ...twoFiles, files: [], settingTokens: 40 } });
    await chat().settle();
    strictEqual(await toggle().textContent(), 'Your instructions');
  });

  it('expanded: each file opens from its path, switches with a checkbox named by it, shows its tokens and when it was cut', async () => {
    await chat().snapshot(snapshot({ instructions: { ...twoFiles, settingTokens: 40 } }));
    const page = chat().page;
    await page.getByRole('button', { name: 'Your instructions + 2 instruction files' }).click();
    strictEqual(await toggle().getAttribute('aria-expanded'), 'true');
    const details = page.locator('#instructions-list');
    deepStrictEqual(await details.locator('.instruction-file').evaluateAll((rows) => rows.map((row) => row.textContent)), [
      'AGENTS.md1.2k tokens',
      '.github/instructions/ts.instructions.md17k tokens · cut at 64 KB',
    ]);
    deepStrictEqual(await details.locator('.instructions-note').allTextContents(), [
      'Your instructions (switchboard.chat.instructions): 40 tokens',
      'Instruction files are read up to 64 KB each.',
    ]);
    strictEqual(await page.getByRole('checkbox', { name: 'AGENTS.md' }).isChecked(), true);
    strictEqual(await page.getByRole('checkbox', { name: '.github/instructions/ts.instructions.md' }).isChecked(), false);
    await page.getByRole('button', { name: '.github/instructions/ts.instructions.md' }).click();
    await page.getByRole('checkbox', { name: 'AGENTS.md' }).uncheck();
    await page.getByRole('checkbox', { name: '.github/instructions/ts.instructions.md' }).press('Space');
    deepStrictEqual(await chat().taken(3), [
      { type: 'instructions/open', path: '.github/instructions/ts.instructions.md' },
      { type: 'instructions/toggle', path: 'AGENTS.md', enabled: false },
      { type: 'instructions/toggle', path: '.github/instructions/ts.instructions.md', enabled: true },
    ]);
    // The host's new list redraws the rows; the disclosure stays open and the focus stays on the same checkbox.
    await chat().deliver({
      type: 'instructions/list',
      instructions: { ...twoFiles, files: twoFiles.files.map((file) => ({ ...file, enabled: !file.enabled })), settingTokens: 40 },
    });
    await chat().settle();
    strictEqual(await details.isVisible(), true);
    strictEqual(await page.getByRole('checkbox', { name: '.github/instructions/ts.instructions.md' }).evaluate((element) => element === document.activeElement), true);
    strictEqual(await page.getByRole('checkbox', { name: 'AGENTS.md' }).isChecked(), false);
  });

  it('files switched off by the setting: the line names the setting', async () => {
    await chat().snapshot(snapshot({ instructions: { filesEnabled: false, files: [], settingTokens: 12, capBytes: 65_536 } }));
    await chat().page.getByRole('button', { name: 'Your instructions' }).click();
    deepStrictEqual(await chat().page.locator('#instructions-list .instructions-note').allTextContents(), [
      'Your instructions (switchboard.chat.instructions): 12 tokens',
      'Instruction files are off (switchboard.chat.useInstructionFiles).',
    ]);
  });
});
