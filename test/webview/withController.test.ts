/**
 * The webview against the real host logic, without VS Code: what the page posts goes through the
 * protocol guards into the real ChatController (the core's offline mock provider, the file store in
 * a temporary folder, ~16 ms host frames), and what the controller posts goes back to the page.
 * Proves the two sides speak the same protocol: send, stream, stop, model choice, and a re-created
 * view that catches up from the saved conversation.
 */

import { deepStrictEqual, ok, strictEqual } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type Client } from '../../src/core';
import { parseFromWebview } from '../../src/protocol/guards';
import type { ToWebview } from '../../src/protocol/messages';
import { ChatController } from '../../src/shell/chat/controller';
import { FileConversationStore } from '../../src/shell/chat/conversationStore';
import type { ChatEnvironment } from '../../src/shell/chat/ports';
import type { WebviewRouter } from '../../src/shell/chat/webviewRouter';
import { coreCompletions, routerFor } from '../helpers/chatHarness';
import { MemoryLog, TestModels } from '../helpers/chatFakes';
import type { ChatPage } from './harness';
import { useChatPage } from './useChatPage';

const environment: ChatEnvironment = {
  now: () => Date.now(),
  newId: () => randomBytes(12).toString('base64url'),
  scheduleFrame: (flush) => {
    const timer = setTimeout(flush, 16);
    return { cancel: () => clearTimeout(timer) };
  },
};

describe('chat webview with the real controller (no VS Code)', function () {
  this.timeout(60_000);
  const { open } = useChatPage({ pagePerTest: false });
  let directory: string;
  let client: Client;
  let controller: ChatController;
  let router: WebviewRouter;
  const log = new MemoryLog();
  const rejected: string[] = [];

  before(async () => {
    directory = await mkdtemp(join(tmpdir(), 'switchboard-webview-'));
    client = createClient({ env: {} });
    controller = new ChatController({
      client: coreCompletions(client),
      store: new FileConversationStore({ directory, log }),
      models: new TestModels('mock/echo'),
      log,
      env: environment,
    });
    router = routerFor(controller, log);
  });
  after(async () => {
    controller?.dispose();
    await client?.close();
    await rm(directory, { recursive: true, force: true });
  });

  /** A view: the page, its messages through the guards to the controller, the controller's back to the page. */
  async function openView(): Promise<ChatPage> {
    let toPage = Promise.resolve();
    // Messages the controller posts before the page exists wait here (it posts nothing before `ready`, normally).
    const view: { page?: ChatPage; early: ToWebview[] } = { early: [] };
    controller.attachView({
      post: (message) => {
        const opened = view.page;
        if (opened === undefined) {
          view.early.push(message);
          return;
        }
        toPage = toPage.then(() => opened.deliver(message)).catch(() => undefined);
      },
    });
    const page = await open({
      onPost: (message) => {
        const parsed = parseFromWebview(message);
        if (parsed.ok) {
          void router.receive(parsed.message);
        } else {
          rejected.push(parsed.reason);
        }
      },
    });
    view.page = page;
    for (const message of view.early) {
      await page.deliver(message);
    }
    await page.page.waitForSelector('body[data-ready="true"]');
    return page;
  }

  const summary = async (chat: ChatPage) =>
    chat.page.$$eval('[data-role]', (elements) => elements.map((element) => `${element.getAttribute('data-role')}:${element.getAttribute('data-status')}`));

  it('sends, streams, stops, switches models, and a re-created view catches up from the saved conversation', async () => {
    const chat = await openView();
    const box = chat.page.getByRole('textbox', { name: 'Message' });
    await box.fill('Hello, **world**');
    await box.press('Enter');
    await chat.page.locator('[data-role="assistant"][data-status="complete"]').waitFor();
    deepStrictEqual(await summary(chat), ['user:complete', 'assistant:complete']);
    ok(((await chat.page.locator('[data-role="assistant"] .message-content').textContent()) ?? '').length > 0);

    const picker = chat.page.getByRole('combobox', { name: 'Model' });
    await picker.click();
    await chat.page.getByRole('option', { name: 'Mock (streams at reading pace)' }).click();
    await chat.page.waitForFunction(() => document.querySelector<HTMLInputElement>('vscode-single-select')?.value === 'mock/typewriter');

    await box.fill('Tell me a long story about streams');
    await box.press('Enter');
    const answer = chat.page.locator('[data-role="assistant"]').nth(1);
    await chat.page.waitForFunction(() => (document.querySelectorAll('[data-role="assistant"] .message-content')[1]?.textContent ?? '').length > 10);
    await chat.page.getByRole('button', { name: 'Stop' }).click();
    await chat.page.locator('[data-role="assistant"][data-status="stopped"]').waitFor();
    const partial = (await answer.locator('.message-content').textContent()) ?? '';
    ok(partial.length > 10, partial);
    await controller.idle();

    // The view goes away (hidden, or VS Code reloads) and comes back: the controller answers `ready` with a snapshot.
    controller.detachView();
    await chat.close();
    const again = await openView();
    await again.settle();
    deepStrictEqual(await summary(again), ['user:complete', 'assistant:complete', 'user:complete', 'assistant:stopped']);
    strictEqual(((await again.page.locator('[data-role="assistant"] .message-content').nth(1).textContent()) ?? '').trim(), partial.trim());
    deepStrictEqual(rejected, [], 'the guards rejected something the webview sent');
  });
});
