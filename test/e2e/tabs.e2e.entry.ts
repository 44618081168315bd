/**
 * Chats in editor tabs, end to end in code-server from the built .vsix: "Open Chat in Editor"
 * twice, the tabs side by side; a question in each, and the one loopback server streams both
 * answers at the same time (the second request arrives while the first still streams); the
 * status bar counts two running answers; both end whole, each in its own tab; after a window
 * reload both tabs come back with their conversations. Each step is a test; the first failure
 * stops the rest and leaves a report.
 */

import { deepStrictEqual, ok } from 'node:assert/strict';
import type { FrameLocator, Page } from 'playwright-core';
import { extensionId, sendMessage, shownMessages, waitForMessages, type ShownMessage } from './chatView';
import { packagedVsix } from './codeServer';
import { piecewiseAnswer, startOpenAiServer, waitUntil, type OpenAiServer } from './openaiServer';
import { useCodeServer } from './useCodeServer';
import { runCommand, waitForWorkbench } from './workbench';

const root = process.cwd();
const questions = ['Tell me about tides.', 'Tell me about volcanoes.'];
/** Two answers of 60 pieces, one every 40 ms: about 2.4 s each, long enough to overlap. */
const answers = ['tides', 'lava'].map((word) => Array.from({ length: 60 }, (_, i) => `${word}${i + 1} `));
const chatFrameSelector = `iframe.webview.ready[src*="extensionId=${extensionId}"]`;

describe('Chats in editor tabs, in code-server from the .vsix', function () {
  this.timeout(60_000);
  this.bail(true);

  let openai: OpenAiServer | undefined;
  before(async () => {
    openai = await startOpenAiServer();
  });
  const run = useCodeServer({
    name: 'tabs',
    settings: () => ({
      'switchboard.customEndpoints': [{ name: 'lab', baseUrl: openai!.baseUrl, models: ['writer'] }],
      'switchboard.defaultModel': 'lab/writer',
      'switchboard.chat.titles': 'firstLine',
    }),
    extensions: () => [packagedVsix(root)],
    requests: () => openai?.requests ?? [],
  });
  const workbench = (): Page => run().page;
  after(async () => {
    await openai?.close();
  });

  /** The chat webviews on screen (tabs and the sidebar), each ready. */
  async function chatFrames(count: number): Promise<FrameLocator[]> {
    const page = workbench();
    const deadline = Date.now() + 30_000;
    for (;;) {
      const found = await page.locator(chatFrameSelector).count();
      if (found === count) {
        const frames = Array.from({ length: count }, (_, index) => page.frameLocator(chatFrameSelector).nth(index).frameLocator('iframe#active-frame'));
        await Promise.all(frames.map((frame) => frame.locator('body[data-ready]').waitFor({ state: 'attached', timeout: 30_000 })));
        return frames;
      }
      if (Date.now() > deadline) {
        throw new Error(`waited for ${count} chat webviews; found ${found}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The frame whose conversation holds `question` (the DOM order of the tabs' iframes is not theirs). */
  async function frameAsking(frames: FrameLocator[], question: string): Promise<FrameLocator> {
    for (const frame of frames) {
      if ((await shownMessages(frame)).some((message) => message.role === 'user' && message.text.includes(question))) {
        return frame;
      }
    }
    throw new Error(`no chat tab shows "${question}"`);
  }

  const answered = (index: number) => (shown: ShownMessage[]): boolean => shown.length === 2 && shown[1]!.status === 'complete' && shown[1]!.text.includes(`${index === 0 ? 'tides' : 'lava'}60`);

  it('"Open Chat in Editor" twice opens two chat tabs, side by side', async function () {
    // Three palette commands, each of which may need a second try while a webview holds the focus.
    this.timeout(150_000);
    await runCommand(workbench(), 'Switchboard: Open Chat in Editor');
    await chatFrames(1);
    // The second tab opens beside the first in its group, then moves to a group of its own on the
    // right (the first group keeps the first tab), so both show at once whatever had the focus.
    await runCommand(workbench(), 'Switchboard: Open Chat in Editor');
    await workbench().locator('.tabs-container .tab').filter({ hasText: 'New chat' }).nth(1).waitFor({ state: 'visible', timeout: 10_000 });
    // The palette's F1 reaches the workbench, not the webview's message box that has the focus.
    await workbench().locator('.part.sidebar .composite.title').first().click();
    await runCommand(workbench(), 'View: Move Editor into Right Group');
    const frames = await chatFrames(2);
    for (const frame of frames) {
      deepStrictEqual(await shownMessages(frame), []);
    }
    deepStrictEqual(await workbench().locator('.tabs-container .tab').filter({ hasText: 'New chat' }).count(), 2);
  });

  it('a question in each tab: both answers stream at the same time, and the status bar counts two', async () => {
    const [first, second] = await chatFrames(2);
    for (const pieces of answers) {
      openai!.enqueue({ events: piecewiseAnswer(`chatcmpl-${pieces[0]!}`, pieces), intervalMs: 40 });
    }
    await sendMessage(first!, questions[0]!, 'Enter');
    await waitUntil('the first request', () => openai!.chatRequests().length === 1, 10_000, () => openai!.requests);
    await sendMessage(second!, questions[1]!, 'Enter');
    await waitUntil('the second request', () => openai!.chatRequests().length === 2, 10_000, () => openai!.requests);
    const [firstRequest, secondRequest] = openai!.chatRequests();
    // The streams interleave: the second began while the first still streamed.
    deepStrictEqual(firstRequest!.outcome, 'streaming');
    const count = workbench().locator('.statusbar-item[aria-label="Switchboard: 2 answers running"]');
    await count.waitFor({ state: 'attached', timeout: 5_000 });
    // Both tabs show their own answer streaming at once.
    await waitForMessages(first!, 'the first answer streaming', (shown) => shown[1]?.status === 'streaming' && shown[1].text.includes('tides'), { timeout: 5_000 });
    await waitForMessages(second!, 'the second answer streaming', (shown) => shown[1]?.status === 'streaming' && shown[1].text.includes('lava'), { timeout: 5_000 });
    ok(secondRequest !== undefined);
  });

  it('both answers end whole, each in its own tab, and the count goes', async () => {
    const [first, second] = await chatFrames(2);
    const one = await waitForMessages(first!, 'the first answer whole', answered(0), { timeout: 20_000 });
    const two = await waitForMessages(second!, 'the second answer whole', answered(1), { timeout: 20_000 });
    ok(!one[1]!.text.includes('lava') && !two[1]!.text.includes('tides'), 'an answer went to the other tab');
    deepStrictEqual(
      openai!.chatRequests().map((request) => request.outcome),
      ['completed', 'completed'],
    );
    await workbench().locator('.statusbar-item[aria-label^="Switchboard: "][aria-label$="running"]').waitFor({ state: 'detached', timeout: 5_000 });
    // Each tab is named after its conversation.
    for (const question of questions) {
      await workbench().locator('.tabs-container .tab').filter({ hasText: question.slice(0, 20) }).first().waitFor({ state: 'visible', timeout: 5_000 });
    }
  });

  it('after a window reload, both tabs come back with their conversations', async () => {
    // VS Code's own reload, as a user's: it shuts the window down first, saving the editor layout and
    // each tab's title and state. A browser reload does not wait for that save, and under load the
    // window came back with the tabs in one group, the hidden one neither restored nor retitled.
    const reloaded = workbench().waitForEvent('load', { timeout: 30_000 });
    await runCommand(workbench(), 'Developer: Reload Window');
    await reloaded;
    await waitForWorkbench(workbench());
    const frames = await chatFrames(2);
    for (const [index, question] of questions.entries()) {
      const frame = await frameAsking(frames, question);
      await waitForMessages(frame, `the restored conversation about ${question}`, answered(index), { timeout: 15_000 });
    }
  });
});
