/**
 * The browser side of a webview test suite in one call: `useChatPage()` registers mocha hooks in
 * the calling `describe` that build the webview, start the page server and Chromium once for the
 * suite, open a fresh chat page before each test (unless `pagePerTest: false`), and after each
 * test close every page it opened and fail the test if one of them threw.
 */

import { deepStrictEqual } from 'node:assert';
import { ChatPage, type OpenChatOptions } from './harness';
import { startChatBrowser, type ChatBrowser, type WebviewServer } from './server';

export interface ChatPageOptions {
  /** Open a chat page before each test (`chat()`); default true. */
  pagePerTest?: boolean;
  /** Also build the sanitizer probe page (`open({ path: '/probe' })`). */
  sanitizerProbe?: boolean;
}

export interface ChatPages {
  /** The current test's chat page. */
  chat: () => ChatPage;
  /** Opens another page for the current test; closed and checked after it like the first. */
  open: (options?: OpenChatOptions) => Promise<ChatPage>;
  /** The page server: its origin, and the nonce and HTML of the last page it served. */
  server: () => WebviewServer;
}

export function useChatPage(options: ChatPageOptions = {}): ChatPages {
  let running: ChatBrowser | undefined;
  let current: ChatPage | undefined;
  const opened: ChatPage[] = [];

  const started = (): ChatBrowser => {
    if (running === undefined) {
      throw new Error('useChatPage: Chromium is not running (its before hook failed, or this runs outside a test)');
    }
    return running;
  };
  const open = async (openOptions?: OpenChatOptions): Promise<ChatPage> => {
    const { browser, server } = started();
    const page = await ChatPage.open(browser, server, openOptions);
    opened.push(page);
    return page;
  };

  before(async function () {
    // Building the production webview bundle takes a while on a busy machine.
    this.timeout(120_000);
    running = await startChatBrowser({ sanitizerProbe: options.sanitizerProbe === true });
  });
  after(async () => {
    await running?.close();
  });
  if (options.pagePerTest !== false) {
    beforeEach(async () => {
      current = await open();
    });
  }
  afterEach(async () => {
    const pages = opened.splice(0);
    current = undefined;
    const errors = pages.flatMap((page) => page.errors);
    await Promise.all(pages.map((page) => page.close()));
    deepStrictEqual(errors, [], 'the page threw');
  });

  return {
    chat: () => {
      if (current === undefined) {
        throw new Error('useChatPage: no chat page (pagePerTest is off, or this runs outside a test)');
      }
      return current;
    },
    open,
    server: () => started().server,
  };
}
