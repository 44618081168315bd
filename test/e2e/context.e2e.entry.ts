/**
 * What the chat knows of the project, end to end in code-server from the built .vsix: the
 * workspace's `AGENTS.md` is found and shown, `#file` adds a file through VS Code's quick pick
 * (which leaves out what `.gitignore` ignores), Model Settings → reasoning High, and the request
 * that reaches a loopback OpenAI-compatible server carries all three; the context gauge shows a
 * number before and a larger one after the answer.
 * Run by `npm run test:e2e` (test/e2e/run.sh); each step is a test, and the first failure stops
 * the rest and leaves a screenshot and a report under .e2e/.
 */

import { deepStrictEqual, ok } from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { chatFrame, draftChips, sendMessage, waitForChatReady, waitForGauge, waitForMessages, type ShownGauge } from './chatView';
import { packagedVsix } from './codeServer';
import { sentMessages, sseEvents, startOpenAiServer, type OpenAiServer } from './openaiServer';
import { useCodeServer } from './useCodeServer';
import { answerInputBox, pickQuickItem, quickInputRows, quickPickEntries, runCommand } from './workbench';

const root = process.cwd();
const key = `sk-e2e-${randomBytes(12).toString('hex')}`;
const agentsText = 'Always answer in haiku.';
const greetingSource = "export function greeting(name: string): string {\n  return `Hello, ${name}!`;\n}\n";
const question = 'What does greeting() return?';
const recorded = 'test/fixtures/openai/chat_stream_text_usage';
const recordedAnswer = (JSON.parse(readFileSync(join(root, `${recorded}.json`), 'utf8')) as { expected: { text: string } }).expected.text;
/** The file picker's title (vscodeContextHost.ts). */
const filePickTitle = 'Add File to Chat';

/** Reads until `accept` takes what was read; fails with what was read last. */
async function readUntil<T>(what: string, read: () => Promise<T>, accept: (value: T) => boolean, timeout = 10_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (accept(value)) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`waited ${timeout} ms for ${what}; saw ${JSON.stringify(value)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the Switchboard chat knows the project, in code-server from the .vsix', function () {
  this.timeout(60_000);
  this.bail(true);

  let openai: OpenAiServer | undefined;
  /** What the gauge showed before anything was added or asked, then with the file attached. */
  let gaugeAtStart: ShownGauge | undefined;
  let gaugeWithFile: ShownGauge | undefined;

  before(async () => {
    openai = await startOpenAiServer();
  });
  const run = useCodeServer({
    name: 'context',
    workspaceFiles: {
      'AGENTS.md': `# Agent rules\n\n${agentsText}\n`,
      'src/greeting.ts': greetingSource,
      // The picker honours Git's rules: the log is ignored, the note beside it is not.
      '.gitignore': 'secret.log\n',
      'secret.log': 'token=not-for-the-model\n',
      'notes/secret.md': 'Nothing secret here.\n',
    },
    settings: () => ({
      'switchboard.providers': { openai: { baseUrl: openai!.baseUrl } },
      // A model that reasons (the catalogue's supports_reasoning), so Model Settings offers a level.
      'switchboard.defaultModel': 'openai/o3-mini',
      // A title from the first line: no title request joins the chat requests on the wire.
      'switchboard.chat.titles': 'firstLine',
    }),
    extensions: () => [packagedVsix(root)],
    requests: () => openai?.requests ?? [],
  });
  const workbench = (): Page => run().page;
  after(async () => {
    await openai?.close();
  });

  it('with a key stored, the chat opens showing "1 instruction file" (AGENTS.md) and a number on the context gauge', async () => {
    await runCommand(workbench(), 'Switchboard: Set API Key');
    await pickQuickItem(workbench(), 'OpenAI', (label, description) => /^openai$/i.test(label) || /^openai$/i.test(description));
    await answerInputBox(workbench(), key, { password: true });
    await runCommand(workbench(), 'Switchboard: Open Chat');
    const frame = await waitForChatReady(workbench());

    const instructions = frame.getByRole('button', { name: '1 instruction file' });
    await instructions.waitFor({ state: 'visible', timeout: 15_000 }).catch(async () => {
      throw new Error(`no "1 instruction file" line; the chat shows: ${JSON.stringify(await frame.locator('body').innerText())}`);
    });
    await instructions.click();
    deepStrictEqual(await frame.locator('.instruction-file').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-path'))), ['AGENTS.md']);

    gaugeAtStart = await waitForGauge(frame, 'a number of tokens', (gauge) => gauge.used > 0);
  });

  it('"#fi" → File… opens the file picker, which leaves out what .gitignore ignores; src/greeting.ts becomes a chip with its tokens, and the gauge counts it', async () => {
    const frame = chatFrame(workbench());
    const box = frame.getByRole('textbox', { name: 'Message' });
    await box.click();
    await box.pressSequentially('#fi');
    const list = frame.getByRole('listbox', { name: 'Add Context' });
    await list.waitFor({ state: 'visible', timeout: 10_000 });
    await list.getByRole('option', { name: 'File…' }).click();

    const offered = await quickPickEntries(workbench(), filePickTitle);
    ok(offered.some(({ label }) => label === 'greeting.ts'), `the picker does not offer greeting.ts: ${JSON.stringify(offered)}`);
    // Searching "secret" finds the note (so the search ran) and never the ignored log.
    const input = workbench().locator('.quick-input-widget .quick-input-box input');
    await input.fill('secret');
    const rows = await readUntil('the search for "secret" to list notes/secret.md', () => quickInputRows(workbench()), (shown) => shown.some((row) => row.startsWith('secret.md')));
    deepStrictEqual(rows.filter((row) => row.includes('secret.log')), [], `the picker offers the ignored file: ${JSON.stringify(rows)}`);

    await input.fill('greeting.ts');
    // Typed, not ticked: the row the search highlights is the one Enter adds.
    await workbench().locator('.quick-input-widget .monaco-list-row.focused').filter({ hasText: 'greeting.ts' }).waitFor({ state: 'visible', timeout: 10_000 }).catch(async () => {
      throw new Error(`the search for greeting.ts highlights no greeting.ts row; rows: ${JSON.stringify(await quickInputRows(workbench()))}`);
    });
    await input.press('Enter');
    await workbench().locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });

    const chips = await readUntil('a chip in the composer', () => draftChips(frame), (shown) => shown.length > 0);
    deepStrictEqual(chips.map(({ name }) => name), ['src/greeting.ts']);
    ok(/^\d+ tokens$/.test(chips[0]!.tokens), `the chip shows no token count: ${JSON.stringify(chips)}`);
    deepStrictEqual(await box.inputValue(), '', 'the typed "#fi" stayed in the message box');
    // The next request carries the file: the gauge counts it.
    gaugeWithFile = await waitForGauge(frame, `more than the ${gaugeAtStart!.used} tokens before the file`, (gauge) => gauge.used > gaugeAtStart!.used);
  });

  it('Model Settings → reasoning High shows in the header once the panel is closed', async () => {
    const frame = chatFrame(workbench());
    await frame.getByRole('button', { name: 'Model Settings' }).click();
    const dialog = frame.getByRole('dialog', { name: 'Model Settings' });
    await dialog.getByRole('radio', { name: 'High' }).check();
    await dialog.press('Escape');
    await dialog.waitFor({ state: 'hidden', timeout: 5_000 });
    await frame.locator('.model-settings-summary').getByText('Reasoning high').waitFor({ state: 'visible', timeout: 10_000 });
  });

  it('the request carries AGENTS.md in the system message, the file in the user message, and reasoning_effort high', async () => {
    openai!.enqueue({ events: sseEvents(readFileSync(join(root, `${recorded}.body`), 'utf8')), intervalMs: 5 });
    const frame = chatFrame(workbench());
    await sendMessage(frame, question, 'Enter');
    // Its end (no quotes there for the renderer to make typographic), once the answer is complete.
    await waitForMessages(frame, 'the recorded answer in full', (shown) => shown.length === 2 && shown[1]!.status === 'complete' && shown[1]!.text.includes(recordedAnswer.slice(-40)));

    const requests = openai!.chatRequests();
    deepStrictEqual(requests.length, 1, 'chat requests on the wire');
    const request = requests[0]!;
    const body = request.body as { model?: unknown; reasoning_effort?: unknown };
    const messages = sentMessages(request);
    deepStrictEqual(
      {
        authorization: request.authorization,
        model: body.model,
        reasoningEffort: body.reasoning_effort,
        roles: messages.map(({ role }) => role),
        systemNamesAgents: messages[0]?.text.includes('Instructions from AGENTS.md:'),
        systemHasAgentsText: messages[0]?.text.includes(agentsText),
        userHasQuestion: messages[1]?.text.includes(question),
        userHasFile: messages[1]?.text.includes('src/greeting.ts') && messages[1].text.includes(greetingSource.trim()),
      },
      {
        authorization: `Bearer ${key}`,
        model: 'o3-mini',
        reasoningEffort: 'high',
        roles: ['system', 'user'],
        systemNamesAgents: true,
        systemHasAgentsText: true,
        userHasQuestion: true,
        userHasFile: true,
      },
      `the request sent: ${request.rawBody.slice(0, 2000)}`,
    );
  });

  it('after the answer the gauge, named "Context…", shows more tokens than with the file alone: the history grew', async () => {
    ok(gaugeWithFile !== undefined, 'the #file step read no gauge');
    const frame = chatFrame(workbench());
    const grown = await waitForGauge(frame, `more than the ${gaugeWithFile.used} tokens with the file alone`, (gauge) => gauge.used > gaugeWithFile!.used);
    ok(grown.name.startsWith('Context: '), `the gauge's accessible name: ${JSON.stringify(grown.name)}`);
    ok(/\d/.test(grown.text), `the gauge's text shows no number: ${JSON.stringify(grown.text)}`);
  });
});
