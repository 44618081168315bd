/**
 * The webview under test with a scripted host: a page of the chat (served by server.ts) where a
 * fake `acquireVsCodeApi` hands what the webview posts to the test, and the test delivers
 * `ToWebview` messages as window `message` events, as VS Code does. It also records every request
 * the page makes, every CSP violation and every uncaught error.
 */

import type { Browser, Page } from 'playwright-core';
import type { FromWebview, ToWebview } from '../../src/protocol/messages';
import { pages, resourceAt, type WebviewServer } from './server';

export interface CspViolation {
  directive: string;
  blockedUri: string;
  sample: string;
}

export interface OpenChatOptions {
  /** What `vscode.getState()` returns: a reloaded view's saved state. */
  persisted?: unknown;
  /** The page to open: `/` (the chat, the default) or `/probe`. */
  path?: string;
  beforeLoad?: (page: Page) => Promise<void>;
  /** Also hands each posted message to a host (the real controller, in one test). */
  onPost?: (message: FromWebview) => void;
  /**
   * Whether every request goes through playwright's router, which lets only the page's own files
   * through (the default: a test fails on any other request). The benchmark turns it off: it
   * would time each of the page's requests with a round trip to this process, which a webview's
   * loading does not have.
   */
  guardRequests?: boolean;
}

/** One chat page with its scripted host. */
/**
 * Messages the page posts by itself, not as the answer to a step: the handshake, and the notices
 * that the user started typing (`chat/composing`, once per conversation) and that the history
 * panel opened (`history/shown`); their own tests count them.
 */
const unaskedTypes: ReadonlySet<FromWebview['type']> = new Set(['ready', 'chat/composing', 'history/shown']);

export class ChatPage {
  /** Every message the webview posted, in order. */
  readonly posted: FromWebview[] = [];
  /** Every URL the page asked for. */
  readonly requests: string[] = [];
  readonly errors: string[] = [];

  private constructor(
    readonly page: Page,
    private readonly origin: string,
  ) {}

  /** Opens the chat (or the probe page) and, for the chat, waits for its `ready`. */
  static async open(browser: Browser, server: WebviewServer, options: OpenChatOptions = {}): Promise<ChatPage> {
    const page = await browser.newPage({ viewport: { width: 420, height: 800 } });
    // A step that cannot happen fails within the test's time, naming the locator it waited for.
    page.setDefaultTimeout(5000);
    const chat = new ChatPage(page, server.origin);
    await page.exposeBinding('__switchboardHostReceive', (_source, message: FromWebview) => {
      chat.posted.push(message);
      options.onPost?.(message);
    });
    await page.addInitScript((persisted: unknown) => {
      const record = window as unknown as Record<string, unknown>;
      const violations: unknown[] = [];
      record.__violations = violations;
      record.__state = persisted;
      document.addEventListener('securitypolicyviolation', (event) => {
        violations.push({ directive: event.violatedDirective, blockedUri: event.blockedURI, sample: event.sample });
      });
      // A payload that gets to run usually calls one of these: it counts as the canary too.
      for (const name of ['alert', 'confirm', 'prompt', 'print', 'open']) {
        record[name] = () => {
          record.__xss = name;
        };
      }
      record.acquireVsCodeApi = () => ({
        // A copy through JSON, as VS Code's channel makes: nothing but plain data crosses.
        postMessage: (message: unknown) => (record.__switchboardHostReceive as (message: unknown) => void)(JSON.parse(JSON.stringify(message))),
        getState: () => record.__state,
        setState: (state: unknown) => {
          record.__state = state;
        },
      });
    }, options.persisted);
    page.on('request', (request) => {
      chat.requests.push(request.url());
    });
    page.on('pageerror', (error) => chat.errors.push(error.message));
    if (options.guardRequests !== false) {
      await page.route('**/*', async (route) => {
        const url = new URL(route.request().url());
        if (url.origin === server.origin && (pages[url.pathname] !== undefined || resourceAt(url.pathname) !== undefined)) {
          await route.continue();
        } else {
          await route.abort('blockedbyclient');
        }
      });
    }
    await options.beforeLoad?.(page);
    const path = options.path ?? '/';
    await page.goto(`${server.origin}${path}`);
    if (path === '/') {
      await chat.waitForPosted('ready');
    }
    return chat;
  }

  /**
   * Delivers host messages as VS Code does, as window `message` events, and returns once the page
   * handled them: a sentinel posted after them arrives after them (the webview ignores it).
   */
  async deliver(...messages: ToWebview[]): Promise<void> {
    await this.page.evaluate(
      (batch) =>
        new Promise<void>((resolve) => {
          const sentinel = { sentinel: Math.random() };
          const arrived = (event: MessageEvent<unknown>) => {
            if (typeof event.data === 'object' && event.data !== null && 'sentinel' in event.data && event.data.sentinel === sentinel.sentinel) {
              window.removeEventListener('message', arrived);
              resolve();
            }
          };
          window.addEventListener('message', arrived);
          for (const message of batch) {
            window.postMessage(message, '*');
          }
          window.postMessage(sentinel, '*');
        }),
      messages,
    );
  }

  /**
   * Waits until the page drew what it has been sent: two animation frames (one to draw, one to
   * settle), then as many as a long chat needs (`data-drawing` while messages wait for a frame).
   */
  async settle(): Promise<void> {
    await this.page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const check = (): void => {
            if (document.querySelector('[data-drawing]') === null) {
              resolve();
            } else {
              requestAnimationFrame(check);
            }
          };
          requestAnimationFrame(() => requestAnimationFrame(check));
        }),
    );
  }

  /** Delivers a snapshot and waits for the page to draw it the first time. */
  async snapshot(message: Extract<ToWebview, { type: 'state/snapshot' }>): Promise<void> {
    await this.deliver(message);
    await this.page.waitForSelector('body[data-ready="true"]');
    await this.settle();
  }

  async waitForPosted<T extends FromWebview['type']>(type: T, timeoutMs = 5000): Promise<Extract<FromWebview, { type: T }>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.posted.find((message): message is Extract<FromWebview, { type: T }> => message.type === type);
      if (found !== undefined) {
        return found;
      }
      if (Date.now() > deadline) {
        throw new Error(`The webview did not post ${type}; it posted ${JSON.stringify(this.posted.map((message) => message.type))}.`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** What the webview posted after the handshake, emptied for the next step; without the notices a page posts by itself. */
  take(): FromWebview[] {
    return this.posted.splice(0, this.posted.length).filter((message) => !unaskedTypes.has(message.type));
  }

  /**
   * Waits for `count` messages from the webview (they reach the test asynchronously, after the
   * click or key that caused them), then takes them, and any more that came; after a settle, so
   * a test that expects none sees any that were on their way.
   */
  async taken(count: number, timeoutMs = 5000): Promise<FromWebview[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.posted.filter((message) => !unaskedTypes.has(message.type)).length < count && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await this.settle();
    return this.take();
  }

  /** Requests for anything but the page and its own built files. */
  foreignRequests(): string[] {
    return this.requests.filter((url) => {
      const parsed = new URL(url);
      return !(parsed.origin === this.origin && (pages[parsed.pathname] !== undefined || resourceAt(parsed.pathname) !== undefined));
    });
  }

  violations(): Promise<CspViolation[]> {
    return this.page.evaluate(() => (window as unknown as { __violations: CspViolation[] }).__violations);
  }

  persistedState(): Promise<unknown> {
    return this.page.evaluate(() => (window as unknown as { __state: unknown }).__state);
  }

  /** `[role, text]` of every message element (not the tool calls within), in order, with runs of white space as one space. */
  messages(): Promise<[string, string][]> {
    return this.page.$$eval('[data-role]:not([data-role="tool"])', (elements) =>
      elements.map((element): [string, string] => [
        element.getAttribute('data-role') ?? '',
        (element.querySelector('.message-text, .message-content')?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      ]),
    );
  }

  /** Closes the page; again is a no-op (a test may close a page its harness closes after it). */
  async close(): Promise<void> {
    if (!this.page.isClosed()) {
      await this.page.close();
    }
  }
}
