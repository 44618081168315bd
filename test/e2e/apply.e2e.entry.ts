/**
 * From answer to code, end to end in code-server from the built .vsix: a scripted model answers
 * with a fenced block that names a workspace file and a ```diff block. "Apply" opens VS Code's
 * diff editor on the proposal; Reject leaves the file as it was; Accept changes the editor's
 * document (not the disk) until the user saves, and Undo takes it back; the diff block applies as
 * a patch. Each step is a test; the first failure stops the rest and leaves a report.
 */

import { deepStrictEqual, ok } from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { chatFrame, sendMessage, waitForChatReady, waitForMessages } from './chatView';
import { packagedVsix } from './codeServer';
import { piecewiseAnswer, startOpenAiServer, waitUntil, type OpenAiServer } from './openaiServer';
import { useCodeServer } from './useCodeServer';
import { runCommand } from './workbench';

const root = process.cwd();
const original = 'export function greeting(name: string): string {\n  return `Hello, ${name}!`;\n}\n';
const whole = 'export function greeting(name: string): string {\n  return `Welcome, ${name}.`;\n}\n';
const patch = ['--- a/src/greeting.ts', '+++ b/src/greeting.ts', '@@ -1,3 +1,3 @@', ' export function greeting(name: string): string {', '-  return `Hello, ${name}!`;', '+  return `Hi there, ${name}!`;', ' }', ''].join('\n');
const answer = `Here is the new greeting:\n\n\`\`\`ts src/greeting.ts\n${whole}\`\`\`\n\nOr as a patch:\n\n\`\`\`diff\n${patch}\`\`\`\n`;
const applyLabel = 'Apply to file (review the change first)';

describe('Apply with a diff review, in code-server from the .vsix', function () {
  this.timeout(60_000);
  this.bail(true);

  let openai: OpenAiServer | undefined;
  before(async () => {
    openai = await startOpenAiServer();
  });
  const run = useCodeServer({
    name: 'apply',
    workspaceFiles: { 'src/greeting.ts': original },
    settings: () => ({
      // An endpoint that needs no key: the scenario is about the answer's code, not the setup.
      'switchboard.customEndpoints': [{ name: 'lab', baseUrl: openai!.baseUrl, models: ['coder'] }],
      'switchboard.defaultModel': 'lab/coder',
      'switchboard.chat.titles': 'firstLine',
      // VS Code in a browser saves after a second by default; the desktop default (off) shows what Accept leaves unsaved.
      'files.autoSave': 'off',
    }),
    extensions: () => [packagedVsix(root)],
    requests: () => openai?.requests ?? [],
  });
  const workbench = (): Page => run().page;
  const onDisk = (): string => readFileSync(join(run().folders.workspace, 'src', 'greeting.ts'), 'utf8');
  after(async () => {
    await openai?.close();
  });

  /** The diff editor's tab for the proposal, once it shows. */
  async function waitForDiffTab(): Promise<void> {
    const tab = workbench().locator('.tabs-container .tab').filter({ hasText: 'proposed' });
    await tab.first().waitFor({ state: 'visible', timeout: 15_000 });
  }

  /** Accept, then wait until the review closed its diff (the command has finished moving the focus). */
  async function accept(): Promise<void> {
    await runCommand(workbench(), 'Switchboard: Accept Proposed Change');
    await workbench().locator('.tabs-container .tab').filter({ hasText: 'proposed' }).first().waitFor({ state: 'detached', timeout: 10_000 });
  }

  async function clickApply(index: number): Promise<void> {
    await chatFrame(workbench()).getByRole('button', { name: applyLabel }).nth(index).click({ timeout: 10_000 });
    await waitForDiffTab();
  }

  it('the model answers with a block naming src/greeting.ts and a diff block; each has Apply', async () => {
    await runCommand(workbench(), 'Switchboard: Open Chat');
    const frame = await waitForChatReady(workbench());
    openai!.enqueue({ events: piecewiseAnswer('chatcmpl-apply', [answer]), intervalMs: 20 });
    await sendMessage(frame, 'Make the greeting warmer.', 'Enter');
    await waitForMessages(frame, 'the answer with both blocks', (shown) => shown.length === 2 && shown[1]!.status === 'complete' && shown[1]!.text.includes('Or as a patch'));
    deepStrictEqual(await frame.getByRole('button', { name: applyLabel }).count(), 2);
  });

  it('Apply opens the diff review; Reject leaves the file as it was', async () => {
    await clickApply(0);
    await runCommand(workbench(), 'Switchboard: Reject Proposed Change');
    await workbench().locator('.tabs-container .tab').filter({ hasText: 'proposed' }).first().waitFor({ state: 'detached', timeout: 10_000 });
    deepStrictEqual(onDisk(), original);
  });

  it('Accept changes the document, not the disk, until it is saved; Undo takes it back', async () => {
    await clickApply(0);
    await accept();
    // The file's editor opens with the change, unsaved: the disk still holds the old text.
    const editorTab = workbench().locator('.tabs-container .tab.dirty').filter({ hasText: 'greeting.ts' });
    await editorTab.first().waitFor({ state: 'visible', timeout: 10_000 });
    deepStrictEqual(onDisk(), original);
    await runCommand(workbench(), 'File: Save');
    await waitUntil('the saved file to hold the whole-file answer', () => onDisk() === whole, 10_000, () => onDisk());
    await workbench().locator('.monaco-editor .view-lines').first().click();
    await workbench().keyboard.press('Control+Z');
    await runCommand(workbench(), 'File: Save');
    await waitUntil('Undo and save to bring the old text back', () => onDisk() === original, 10_000, () => onDisk());
  });

  it('the diff block applies as a patch', async () => {
    await clickApply(1);
    await accept();
    await runCommand(workbench(), 'File: Save');
    await waitUntil('the patched file on disk', () => onDisk() === original.replace('Hello, ${name}!', 'Hi there, ${name}!'), 10_000, () => onDisk());
    ok(openai!.chatRequests().length === 1, 'Apply sent nothing to the model');
  });

  it('Apply All proposes every block that names its file, reviewed file by file (the chat\'s bar accepting the first): a new file, then a patch', async () => {
    const current = onDisk();
    const second = [
      'Two changes:',
      '',
      '```ts src/farewell.ts',
      'export const farewell = (name: string): string => `Bye, ${name}.`;',
      '```',
      '',
      '```diff',
      '--- a/src/greeting.ts',
      '+++ b/src/greeting.ts',
      '@@ -2 +2 @@',
      '-  return `Hi there, ${name}!`;',
      '+  return `Good day, ${name}!`;',
      '```',
      '',
    ].join('\n');
    openai!.enqueue({ events: piecewiseAnswer('chatcmpl-apply-all', [second]), intervalMs: 20 });
    const frame = chatFrame(workbench());
    await sendMessage(frame, 'And a farewell?', 'Enter');
    await waitForMessages(frame, 'the second answer', (shown) => shown.length === 4 && shown[3]!.status === 'complete' && shown[3]!.text.includes('Two changes'));
    await frame.locator('[data-role="assistant"]').nth(1).getByRole('button', { name: 'Apply all code blocks that name their files (review each)' }).click();
    await workbench().locator('.tabs-container .tab').filter({ hasText: 'farewell.ts' }).filter({ hasText: 'proposed' }).first().waitFor({ state: 'visible', timeout: 15_000 });
    // The chat's bar says what is under review and accepts it too.
    const bar = frame.getByRole('region', { name: 'Proposed change' });
    await bar.getByText('Reviewing src/farewell.ts (new file) in the diff editor. 1 more after it.').waitFor({ state: 'visible', timeout: 10_000 });
    await bar.getByText('Accept').click();
    await workbench().locator('.tabs-container .tab').filter({ hasText: 'greeting.ts' }).filter({ hasText: 'proposed' }).first().waitFor({ state: 'visible', timeout: 15_000 });
    await accept();
    await runCommand(workbench(), 'File: Save All Files');
    const farewell = join(run().folders.workspace, 'src', 'farewell.ts');
    await waitUntil('both files saved', () => onDisk() === current.replace('Hi there', 'Good day') && existsSync(farewell), 10_000, () => onDisk());
    deepStrictEqual(readFileSync(farewell, 'utf8'), 'export const farewell = (name: string): string => `Bye, ${name}.`;\n');
  });
});
