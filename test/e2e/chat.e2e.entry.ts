/**
 * The chat panel end to end, in a real VS Code (code-server) from the built .vsix, driven in
 * headless Chromium like a person would: open the chat from the palette, store a key through
 * "Set API Key", check a loopback OpenAI-compatible server configured in `switchboard.providers`
 * with "Test Connection", chat with it, Stop mid-stream, reload the window and find the history
 * again.
 * Run by `npm run test:e2e` (test/e2e/run.sh); each step is a test, and the first failure stops
 * the rest and leaves a screenshot and a report under .e2e/.
 */

import { deepStrictEqual, ok } from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { chatFrame, clickButton, countedWords, markedStopped, sendMessage, waitForChatReady, waitForMessages, webviewDocumentContent, type ShownMessage } from './chatView';
import { packagedVsix } from './codeServer';
import { filesUnder } from './evidence';
import { describeChatRequest, sseEvents, startOpenAiServer, waitUntil, wordByWordAnswer, type OpenAiServer, type SeenRequest } from './openaiServer';
import { useCodeServer } from './useCodeServer';
import { answerDialog, answerInputBox, outputViewText, pickQuickItem, runCommand, waitForActivityBarEntry, waitForDialog, waitForWorkbench } from './workbench';

const root = process.cwd();
const key = `sk-e2e-${randomBytes(12).toString('hex')}`;
const firstQuestion = 'What is the weather like in San Francisco?';
const secondQuestion = 'Please count slowly.';
const recorded = 'test/fixtures/openai/chat_stream_text_usage';
const recordedAnswer = (JSON.parse(readFileSync(join(root, `${recorded}.json`), 'utf8')) as { expected: { text: string } }).expected.text;
const longAnswer = wordByWordAnswer(300);
/** Stop is pressed once this many words of the long answer are on screen. */
const wordsBeforeStop = 8;

/** Typographic quotes aside, the text as a person reads it. */
function readable(text: string): string {
  return text.replace(/[\u2018\u2019]/g, "'").replace(/\s+/g, ' ');
}

/** What each message shows, in words a failure message can compare. */
function describeMessage(message: ShownMessage): { role: string; shows: string } {
  const text = readable(message.text);
  const words = countedWords(text);
  let shows = 'something else';
  if (text.includes(firstQuestion)) {
    shows = 'the first question';
  } else if (text.includes(secondQuestion)) {
    shows = 'the second question';
  } else if (text.includes(readable(recordedAnswer))) {
    shows = 'the recorded answer';
  } else if (words.length > 0) {
    shows = `${words.length} words of the long answer${markedStopped(message) ? ', stopped' : ''}`;
  }
  return { role: message.role, shows };
}

describe('the Switchboard chat in code-server, installed from the .vsix', function () {
  this.timeout(60_000);
  this.bail(true);

  let openai: OpenAiServer | undefined;
  /** The words the stopped answer kept, for the history check after the reload. */
  let wordsKept = 0;

  const chatRequests = (): SeenRequest[] => openai?.chatRequests() ?? [];
  const assertKeyNotInWebview = async (): Promise<void> => {
    const content = await webviewDocumentContent(chatFrame(workbench()));
    ok(!content.includes(key), 'the API key appears in the chat webview document');
  };

  before(async () => {
    openai = await startOpenAiServer();
  });
  const run = useCodeServer({
    settings: () => ({
      'switchboard.providers': { openai: { baseUrl: openai!.baseUrl } },
      'switchboard.defaultModel': 'openai/gpt-4o-mini',
      // A title from the first line: a title asked of the model would take the answer queued for
      // the next question.
      'switchboard.chat.titles': 'firstLine',
    }),
    extensions: () => [packagedVsix(root)],
    requests: () => openai?.requests ?? [],
  });
  const workbench = (): Page => run().page;
  after(async () => {
    await openai?.close();
  });

  it('installed: the Switchboard icon is in the activity bar; "Switchboard: Show Logs" shows its log channel', async () => {
    await waitForActivityBarEntry(workbench(), 'Switchboard');
    await runCommand(workbench(), 'Switchboard: Show Logs');
    const deadline = Date.now() + 15_000;
    let text = '';
    while (!/Switchboard\b.*\bactivated/i.test(text) && Date.now() < deadline) {
      text = await outputViewText(workbench());
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    ok(/Switchboard\b.*\bactivated/i.test(text), `the output view shows no activation line: ${JSON.stringify(text.slice(0, 500))}`);
  });

  it('opens the chat from the command palette; the status bar shows the model of switchboard.defaultModel', async () => {
    await runCommand(workbench(), 'Switchboard: Open Chat');
    await waitForChatReady(workbench());
    const statusBar = workbench().locator('.part.statusbar');
    await statusBar.getByText('gpt-4o-mini').first().waitFor({ state: 'visible', timeout: 10_000 }).catch(async () => {
      throw new Error(`the status bar does not show gpt-4o-mini: ${JSON.stringify(await statusBar.innerText())}`);
    });
  });

  it('stores a key through "Switchboard: Set API Key" (quick pick, then a password box)', async () => {
    await runCommand(workbench(), 'Switchboard: Set API Key');
    await pickQuickItem(workbench(), 'OpenAI', (label, description) => /^openai$/i.test(label) || /^openai$/i.test(description));
    await answerInputBox(workbench(), key, { password: true });
  });

  it('"Switchboard: Test Connection" checks that server step by step and shows the verdict, the steps and the log', async () => {
    await runCommand(workbench(), 'Switchboard: Test Connection');
    await pickQuickItem(workbench(), 'OpenAI', (_label, description) => /^openai$/i.test(description));
    const dialog = await waitForDialog(workbench(), 'the connection verdict');
    const steps = dialog.detail
      .split('\n')
      .filter((line) => /^[✓✗–] /.test(line))
      .map((line) => line.slice(0, line.indexOf(':')));
    deepStrictEqual(
      { message: dialog.message, steps, offersLog: dialog.buttons.includes('Show Log') },
      {
        message: 'Connection to OpenAI works: DNS, TCP, HTTP and key all passed.',
        steps: ['✓ Settings passed', '– Proxy skipped', '✓ DNS passed', '✓ TCP passed', '– TLS skipped', '✓ HTTP passed', '✓ Key passed'],
        offersLog: true,
      },
    );
    await answerDialog(workbench(), 'Show Log');
    const deadline = Date.now() + 15_000;
    let text = '';
    while (!text.includes('Key passed: OpenAI accepted the key.') && Date.now() < deadline) {
      // The output view renders spaces as no-break spaces and wraps long lines.
      text = readable(await outputViewText(workbench()));
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    ok(text.includes('Test Connection: OpenAI') && text.includes('Key passed: OpenAI accepted the key.'), `the log does not show the steps: ${JSON.stringify(text.slice(-1500))}`);
    ok(openai!.requests.some((request) => request.method === 'GET' && request.path === '/v1/models' && request.authorization === `Bearer ${key}`), 'the model list request carried the stored key');
  });

  it('streams the answer of the server configured in switchboard.providers, which saw the key', async () => {
    openai!.enqueue({ events: sseEvents(readFileSync(join(root, `${recorded}.body`), 'utf8')), intervalMs: 60 });
    const frame = chatFrame(workbench());
    await sendMessage(frame, firstQuestion, 'Enter');
    let sawPartial = false;
    const messages = await waitForMessages(
      frame,
      'the recorded answer in full',
      (shown) => shown.length === 2 && readable(shown[1]!.text).includes(readable(recordedAnswer)),
      {
        onPoll: (shown) => {
          const answer = shown[1]?.role === 'assistant' ? readable(shown[1].text) : '';
          sawPartial ||= answer.includes("I'm unable") && !answer.includes('weather app.');
        },
      },
    );
    deepStrictEqual(messages.map(describeMessage), [
      { role: 'user', shows: 'the first question' },
      { role: 'assistant', shows: 'the recorded answer' },
    ]);
    ok(sawPartial, 'the answer appeared all at once: no partial text was seen while it streamed (one event every 60 ms)');
    // Drawn by the markdown renderer, a chunk the webview imports from the extension's files under
    // the page's policy: paragraphs, and no text left plain waiting for it.
    const answer = frame.locator('[data-role="assistant"]').first();
    await answer.locator('.message-content p').first().waitFor({ timeout: 10_000 });
    deepStrictEqual(await answer.locator('.markdown-plain').count(), 0);
    deepStrictEqual(chatRequests().map(describeChatRequest), [
      { authorization: `Bearer ${key}`, model: 'gpt-4o-mini', stream: true, turns: [{ role: 'user', text: firstQuestion }] },
    ]);
    await assertKeyNotInWebview();
  });

  it('"Stop" mid-stream keeps the partial answer, marked stopped, and hangs up on the server', async () => {
    openai!.enqueue({ events: longAnswer.events, intervalMs: 50 });
    const frame = chatFrame(workbench());
    await sendMessage(frame, secondQuestion, 'Send button');
    await waitForMessages(frame, `${wordsBeforeStop} words of the long answer`, (shown) => countedWords(shown[3]?.text ?? '').length >= wordsBeforeStop);
    await clickButton(frame, 'Stop');
    const stopped = await waitForMessages(frame, 'the answer marked stopped', (shown) => shown.length === 4 && markedStopped(shown[3]!));
    const words = countedWords(stopped[3]!.text);
    // A stopped answer no longer grows.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const later = await waitForMessages(frame, 'the stopped answer', (shown) => shown.length === 4);
    deepStrictEqual(countedWords(later[3]!.text), words, 'the answer kept growing after Stop');
    ok(words.length >= wordsBeforeStop && words.length < 300, `the partial answer has ${words.length} of 300 words`);
    deepStrictEqual(words, longAnswer.text.split(' ').slice(0, words.length), 'the partial answer is not the start of the streamed one');
    wordsKept = words.length;

    await waitUntil(
      'the server to see the client hang up',
      () => chatRequests()[1]?.outcome === 'client-left',
      10_000,
      () => chatRequests().map(({ outcome, eventsWritten }) => ({ outcome, eventsWritten })),
    );
    deepStrictEqual(chatRequests().map(describeChatRequest)[1], {
      authorization: `Bearer ${key}`,
      model: 'gpt-4o-mini',
      stream: true,
      turns: [
        { role: 'user', text: firstQuestion },
        { role: 'assistant', text: recordedAnswer },
        { role: 'user', text: secondQuestion },
      ],
    });
    await assertKeyNotInWebview();
  });

  it('after a window reload, the chat shows both exchanges again', async () => {
    ok(wordsKept > 0, 'the Stop step kept no words');
    await workbench().reload({ waitUntil: 'domcontentloaded' });
    await waitForWorkbench(workbench());
    await runCommand(workbench(), 'Switchboard: Open Chat');
    const frame = await waitForChatReady(workbench());
    const restored = await waitForMessages(frame, 'the restored history', (shown) => shown.length >= 4, { timeout: 15_000 });
    deepStrictEqual(restored.map(describeMessage), [
      { role: 'user', shows: 'the first question' },
      { role: 'assistant', shows: 'the recorded answer' },
      { role: 'user', shows: 'the second question' },
      { role: 'assistant', shows: `${wordsKept} words of the long answer, stopped` },
    ]);
    await assertKeyNotInWebview();
  });

  it('the key is in no file of the profile: logs, settings, stored conversations', () => {
    const profile = run().folders.userDataDir;
    const extensionLogs = filesUnder(join(profile, 'logs'), /switchboard\.switchboard/);
    ok(extensionLogs.length > 0, `no Switchboard log under ${profile}/logs`);
    const leaking = filesUnder(profile, /./).filter((path) => readFileSync(path).includes(key));
    deepStrictEqual(leaking, [], 'files that hold the API key');
  });
});
