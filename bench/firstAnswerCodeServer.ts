/**
 * The first answer in a real VS Code (`npm run bench -- --wire codeserver`; never part of `all`:
 * it needs the end-to-end tools — the paths `source scripts/lib/prepare.sh; export_test_tools`
 * exports, else test/e2e/setup.sh installs them — and packages the .vsix when it is stale, with
 * scripts/package-if-stale.sh). code-server starts with the packaged extension and a
 * custom endpoint at a loopback OpenAI server (test/e2e's pieces, in this process); the chat opens,
 * the window reloads (a new extension host: the extension activates again, and the chat view's
 * opening prepares the model's first request), and after a person's pause ten messages are sent
 * one after another; three such rounds, each after a reload. For each message, send → first token
 * as the webview shows it, measured in the page (bench/lib/webviewFirstToken.ts): the first
 * message after a reload against the tenth, and the median of the second to the tenth. Also:
 * Switchboard's activation time in each extension host, from code-server's logs, and VS Code's
 * own (the Running Extensions view), and the size of the bundle VS Code loads (dist/extension.js).
 *
 * Options: --messages N (10), --reloads N (3), --pause-ms N (1000: between the reloaded chat being
 * ready and typing the first message).
 */

import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { FrameLocator, Page } from 'playwright-core';
import { extensionId, waitForChatReady, waitForMessages, type ShownMessage } from '../test/e2e/chatView';
import { piecewiseAnswer, lastUserText, startOpenAiServer } from '../test/e2e/openaiServer';
import { CodeServerRun } from '../test/e2e/useCodeServer';
import { runCommand, waitForWorkbench } from '../test/e2e/workbench';
import { loggedActivations } from './lib/activationLog';
import { fixed } from './lib/report';
import { median } from './lib/stats';
import { armFirstTokenProbe, readFirstTokenTimes, type FirstTokenTimes } from './lib/webviewFirstToken';

const root = process.cwd();
const endpoint = 'lab';
const model = 'writer';

/** The question of message `n`; its answer begins with a marker no other message shows. */
const question = (n: number): string => `Question ${n}: say something short.`;
const marker = (n: number): string => `answer-${n}-begins`;

function positive(value: string | undefined, fallback: number, name: string): number {
  const parsed = Number(value ?? fallback);
  if (!Number.isInteger(parsed) || parsed <= 0) {
    throw new Error(`--${name} takes a positive integer, not ${value ?? ''}.`);
  }
  return parsed;
}

/** Whether the chat's last message is message `n`'s answer, complete. */
function answered(messages: ShownMessage[], n: number): boolean {
  const last = messages.at(-1);
  return last?.role === 'assistant' && last.status === 'complete' && last.text.includes(marker(n));
}

/** Sends message `n` with Enter and waits until its answer is complete; the page's times. */
async function timedMessage(frame: FrameLocator, n: number): Promise<FirstTokenTimes> {
  const box = frame.getByRole('textbox', { name: 'Message' });
  await box.waitFor({ state: 'visible', timeout: 10_000 });
  await box.click();
  await box.fill(question(n));
  await armFirstTokenProbe(frame, marker(n));
  await box.press('Enter');
  const times = await readFirstTokenTimes(frame);
  await waitForMessages(frame, `answer ${n} complete`, (messages) => answered(messages, n));
  return times;
}

/**
 * One round: the window reloaded, the chat opened again, a person's pause, then the messages one
 * after another; then VS Code's activation figure for this round's extension host.
 */
async function reloadedRound(page: Page, round: number, messages: number, pauseMs: number): Promise<{ times: FirstTokenTimes[]; activationMs: number }> {
  await page.reload({ waitUntil: 'domcontentloaded' });
  await waitForWorkbench(page);
  await runCommand(page, 'Switchboard: Open Chat');
  const frame = await waitForChatReady(page);
  // The conversation of the earlier rounds comes back with the reload (the chat draws its latest messages).
  const before = (round - 1) * messages;
  if (before > 0) {
    await waitForMessages(frame, 'the earlier rounds restored', (shown) => answered(shown, before));
  }
  await page.waitForTimeout(pauseMs);
  const times: FirstTokenTimes[] = [];
  for (let index = 1; index <= messages; index++) {
    const n = before + index;
    const message = await timedMessage(frame, n);
    times.push(message);
    console.error(`  round ${round} message ${index}: first token in the DOM ${message.inDomMs.toFixed(1)} ms, drawn ${message.shownMs.toFixed(1)} ms after Enter`);
  }
  return { times, activationMs: await shownActivationMs(page) };
}

/**
 * VS Code's own activation time for the current extension host (loading the bundle and the
 * activate() call), as "Developer: Show Running Extensions" shows it in Switchboard's row; the
 * editor is closed again.
 */
async function shownActivationMs(page: Page): Promise<number> {
  await runCommand(page, 'Developer: Show Running Extensions');
  const row = page.locator('.runtime-extensions-editor .monaco-list-row').filter({ hasText: 'Switchboard' }).first();
  await row.waitFor({ state: 'visible', timeout: 10_000 });
  const text = (await row.innerText()).replace(/\s+/g, ' ').trim();
  await page.keyboard.press('Control+W');
  const ms = /Activation: (\d+)\s*ms/.exec(text)?.[1];
  if (ms === undefined) {
    throw new Error(`Switchboard's row in Running Extensions shows no activation time: ${JSON.stringify(text)}`);
  }
  return Number(ms);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { messages: { type: 'string' }, 'pause-ms': { type: 'string' }, reloads: { type: 'string' } } });
  const messages = positive(values.messages, 10, 'messages');
  const pauseMs = positive(values['pause-ms'], 1000, 'pause-ms');
  const reloads = positive(values.reloads, 3, 'reloads');
  // The figures are the current sources' only if the .vsix is: packaged again when stale (progress on stderr).
  const vsix = execFileSync('bash', [join(root, 'scripts', 'package-if-stale.sh')], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  const bundleBytes = statSync(join(root, 'dist', 'extension.js')).size;

  const openai = await startOpenAiServer();
  openai.answerWith('/v1/chat/completions', (body) => {
    const n = /^Question (\d+):/.exec(lastUserText(body))?.[1];
    return n === undefined ? undefined : { events: piecewiseAnswer(`chatcmpl-bench-${n}`, [`${marker(Number(n))} `, 'short ', 'and ', 'done.']), intervalMs: 1 };
  });
  const run = await CodeServerRun.start(root, {
    name: 'bench',
    settings: () => ({
      'switchboard.customEndpoints': [{ name: endpoint, baseUrl: openai.baseUrl, models: [model] }],
      'switchboard.defaultModel': `${endpoint}/${model}`,
      // A title from the first line: a title asked of the model would be a request of its own.
      'switchboard.chat.titles': 'firstLine',
    }),
    extensions: () => [join(root, vsix)],
    requests: () => openai.requests,
  });
  const page = run.page;
  try {
    console.log('── The first answer in code-server: the packaged extension, a custom endpoint on loopback');
    await runCommand(page, 'Switchboard: Open Chat');
    await waitForChatReady(page);
    const rounds: FirstTokenTimes[][] = [];
    const activations: number[] = [];
    for (let round = 1; round <= reloads; round++) {
      const { times, activationMs } = await reloadedRound(page, round, messages, pauseMs);
      rounds.push(times);
      activations.push(activationMs);
    }
    const firsts = rounds.map((times) => times[0]!);
    const lasts = rounds.map((times) => times.at(-1)!);
    const later = rounds.flatMap((times) => times.slice(1));
    const line = (label: string, pick: (message: FirstTokenTimes) => number): string =>
      `  ${label.padEnd(28)} first ${fixed(median(firsts.map(pick)), 1).padStart(6)}   ` +
      `last ${fixed(median(lasts.map(pick)), 1).padStart(6)}   2nd–${messages}th ${fixed(median(later.map(pick)), 1).padStart(6)}   ` +
      `(firsts: ${firsts.map((message) => fixed(pick(message), 0)).join(', ')})`;
    console.log(
      `send (Enter in the composer) → first token, ms on the page's clock, medians over ${reloads} reloads of ${messages} messages; ` +
        `the first ${pauseMs} ms after the reloaded chat was ready:`,
    );
    console.log(line('drawn (first frame with it)', (message) => message.shownMs));
    console.log(line('in the DOM', (message) => message.inDomMs));
    console.log(`activation after each reload, as VS Code's Running Extensions shows it (loading the bundle + activate()): ${activations.map((ms) => `${ms} ms`).join(', ')}; median ${fixed(median(activations), 0)} ms`);
    // Wall time in the host's log: VS Code starts activating several extensions at that moment and
    // loads their code in between, so this is an upper bound, not Switchboard's own cost.
    const spans = loggedActivations(join(run.folders.userDataDir, 'logs'), extensionId).slice(1);
    console.log(`  (the host's log, its _doActivateExtension line → "Switchboard activated", other extensions loading in between: ${spans.map((span) => `${span.ms} ms`).join(', ')})`);
    console.log(`bundle: dist/extension.js ${(bundleBytes / 1024).toFixed(0)} KiB`);
  } catch (error) {
    await run.report('the first answer in code-server', error);
    throw error;
  } finally {
    await run.finish();
    await openai.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
