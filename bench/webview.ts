/**
 * `npm run bench`, third section: the chat webview in headless Chromium, the production bundle in
 * the page the real `renderChatHtml` renders. (1) A 10,000-token answer streamed at 1 token/ms
 * through the host's own StreamBatcher (one `chat/delta` per ~16 ms host frame): host→webview
 * messages per second, the longest main-thread task in the webview (the browser's `longtask`
 * entries, 50 ms and over), and the longest single piece of webview work (a message handler or a
 * frame). (2) Opening a 1,000-message chat: time from the snapshot's arrival to the drawn chat,
 * and the DOM's size. Figures, not assertions: targets print as ✓/✗.
 *
 * Runs as the third section of bench/stream.ts (in a child process: `node out/bench/webview.js
 * [--tokens=N] [--opens=N]`); alone with `npm run bench -- --wire webview`.
 */

import { statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import type { ToWebview } from '../src/protocol/messages';
import { frameMs } from '../src/shell/chat/hostEnvironment';
import { StreamBatcher } from '../src/shell/chat/streamBatcher';
import { assistantMessage, snapshot, userMessage } from '../test/webview/fixtures';
import { ChatPage } from '../test/webview/harness';
import { repository, startChatBrowser, type WebviewServer } from '../test/webview/server';
import { longConversation } from '../test/webview/longChat';
import { median } from './lib/stats';
import { answerTokens } from './lib/webviewAnswer';
import { installProbes, takeFigures, type PageFigures } from './lib/webviewProbes';

export const webviewTargets = { longestTaskMs: 50, openMs: 500 };

export interface WebviewBenchSettings {
  tokens: number;
  opens: number;
}

/** Posts to the page without waiting for it (as VS Code's channel does); in order. */
function poster(page: Page): { post: (message: ToWebview) => void; drained: () => Promise<void> } {
  let queue = Promise.resolve();
  return {
    post: (message) => {
      queue = queue.then(() => page.evaluate((data) => window.postMessage(data, '*'), message));
    },
    drained: () => queue,
  };
}

function settle(page: Page): Promise<void> {
  return page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 100)))));
}

async function openChat(browser: Browser, server: WebviewServer): Promise<ChatPage> {
  return ChatPage.open(browser, server, {
    beforeLoad: async (page) => {
      await page.addInitScript(installProbes);
    },
  });
}

interface StreamFigures {
  messages: number;
  seconds: number;
  figures: PageFigures;
  elements: number;
  characters: number;
}

/** Streams `tokens` tokens at 1 token/ms into a fresh page, through the host's batcher. */
async function streamAnswer(browser: Browser, server: WebviewServer, tokens: number): Promise<StreamFigures> {
  const chat = await openChat(browser, server);
  try {
    await chat.snapshot(
      snapshot({
        messages: [userMessage('u1', 'Explain streaming, at length.'), assistantMessage('a1', '', { status: 'streaming' })],
        streaming: { requestId: 'r1', messageId: 'a1' },
      }),
    );
    await settle(chat.page);
    await chat.page.evaluate(takeFigures);
    const { post, drained } = poster(chat.page);
    const streaming = { content: '' };
    const batcher = new StreamBatcher({
      requestId: 'r1',
      messageId: 'a1',
      current: () => streaming,
      post,
      replace: () => {
        throw new Error('a streamed answer only grows at its end');
      },
      scheduleFrame: (flush) => {
        const timer = setTimeout(flush, frameMs);
        return { cancel: () => clearTimeout(timer) };
      },
    });
    const answer = answerTokens(tokens);
    const started = performance.now();
    let sent = 0;
    // 1 token per ms on average: each tick sends the tokens whose time has come.
    while (sent < answer.length) {
      const due = Math.min(answer.length, Math.floor(performance.now() - started) + 1);
      for (; sent < due; sent++) {
        streaming.content += answer[sent];
        batcher.changed();
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    batcher.close();
    const content = answer.join('');
    post({ type: 'chat/done', requestId: 'r1', message: assistantMessage('a1', content, { usage: { promptTokens: 12, completionTokens: tokens } }), totals: {} });
    await drained();
    const seconds = (performance.now() - started) / 1000;
    await settle(chat.page);
    const figures = await chat.page.evaluate(takeFigures);
    const elements = await chat.page.evaluate(() => document.querySelectorAll('*').length);
    const characters = await chat.page.locator('[data-id="a1"] .message-content').evaluate((element) => element.textContent?.length ?? 0);
    return { messages: batcher.posted + 1, seconds, figures, elements, characters };
  } finally {
    await chat.close();
  }
}

interface OpenFigures {
  /** The longest task while the page loaded (evaluating the bundle), before any chat. */
  loadLongTaskMs: number;
  /** From the snapshot's arrival to the first frame that shows the chat (its newest messages). */
  firstScreenMs: number;
  /** … to the frame after the whole window (40 messages) was drawn. */
  completeMs: number;
  elements: number;
  messagesDrawn: number;
  figures: PageFigures;
}

/** Opens a 1,000-message chat in a fresh page. */
async function openLongChat(browser: Browser, server: WebviewServer): Promise<OpenFigures> {
  const chat = await openChat(browser, server);
  try {
    const message = snapshot({ messages: longConversation(1000) });
    await settle(chat.page);
    const load = await chat.page.evaluate(takeFigures);
    const [firstScreenMs, completeMs] = await chat.page.evaluate(
      (data) =>
        new Promise<[number, number]>((resolve) => {
          const start = performance.now();
          let firstScreen = 0;
          window.postMessage(data, '*');
          const watch = (): void => {
            if (firstScreen === 0 && document.body.dataset.ready === 'true') {
              firstScreen = performance.now() - start;
            }
            if (firstScreen > 0 && document.querySelector('[data-drawing]') === null) {
              resolve([firstScreen, performance.now() - start]);
            } else {
              requestAnimationFrame(watch);
            }
          };
          requestAnimationFrame(watch);
        }),
      message,
    );
    await settle(chat.page);
    return {
      loadLongTaskMs: longest(load.longTasks),
      firstScreenMs,
      completeMs,
      figures: await chat.page.evaluate(takeFigures),
      elements: await chat.page.evaluate(() => document.querySelectorAll('*').length),
      messagesDrawn: await chat.page.locator('[data-role]').count(),
    };
  } finally {
    await chat.close();
  }
}

const mark = (ok: boolean): string => (ok ? '✓' : '✗');
const ms = (value: number): string => `${value.toFixed(1)} ms`;
const longest = (values: readonly number[]): number => Math.max(0, ...values);

/** Runs the section and prints its figures. */
export async function runWebviewSection(settings: WebviewBenchSettings): Promise<void> {
  const { browser, server, close } = await startChatBrowser();
  try {
    const bundle = statSync(join(repository, 'dist', 'webview.js')).size;
    console.log('── Webview: the chat UI in headless Chromium');
    console.log(`Chromium ${browser.version()}, the production bundle (dist/webview.js ${(bundle / 1024).toFixed(0)} KB), the page renderChatHtml renders (its CSP)`);
    console.log('');

    const stream = await streamAnswer(browser, server, settings.tokens);
    const longTask = longest(stream.figures.longTasks);
    console.log(`streaming a ${settings.tokens.toLocaleString('en-US')}-token answer at 1 token/ms through the host's StreamBatcher (${frameMs} ms frames)`);
    console.log(`  host→webview messages   ${stream.messages} in ${stream.seconds.toFixed(2)} s = ${(stream.messages / stream.seconds).toFixed(1)} per second`);
    console.log(
      `  longest task             ${stream.figures.longTasks.length === 0 ? 'none of 50 ms or more (longtask observer)' : `${ms(longTask)} (${stream.figures.longTasks.length} long tasks)`}`,
    );
    console.log(
      `  webview work per task    message handler: longest ${ms(longest(stream.figures.handlerMs))} (${stream.figures.slowestHandler}), median ${ms(median(stream.figures.handlerMs))}; ` +
        `frame: longest ${ms(longest(stream.figures.frameMs))}, median ${ms(median(stream.figures.frameMs))} (${stream.figures.frameMs.length} frames)`,
    );
    console.log(`  answer drawn             ${stream.characters.toLocaleString('en-US')} characters; DOM ${stream.elements.toLocaleString('en-US')} elements`);
    for (const frame of stream.figures.longFrames) {
      console.log(`    long frame ${frame}`);
    }
    console.log('');

    const opens: OpenFigures[] = [];
    for (let run = 0; run < settings.opens; run++) {
      opens.push(await openLongChat(browser, server));
    }
    const firstScreenMs = median(opens.map((open) => open.firstScreenMs));
    const completeMs = median(opens.map((open) => open.completeMs));
    const openLongTasks = opens.flatMap((open) => open.figures.longTasks);
    const openLongTask = longest(openLongTasks);
    const range = (values: number[]): string => `min ${ms(Math.min(...values))}, max ${ms(Math.max(...values))}`;
    console.log(`opening a 1,000-message chat (median of ${settings.opens} fresh pages; the snapshot's arrival to the frame after drawing)`);
    console.log(`  first screen             ${ms(firstScreenMs)} (${range(opens.map((open) => open.firstScreenMs))}): the newest messages`);
    console.log(`  window complete          ${ms(completeMs)} (${range(opens.map((open) => open.completeMs))}): ${opens[0]!.messagesDrawn} messages, older ones behind "Show earlier messages"`);
    console.log(`  DOM                      ${opens[0]!.elements.toLocaleString('en-US')} elements`);
    console.log(`  page load                longest task ${ms(median(opens.map((open) => open.loadLongTaskMs)))} (median): evaluating the bundle, before any chat; not counted here`);
    console.log(
      `  webview work per task    snapshot handler: longest ${ms(longest(opens.flatMap((open) => open.figures.handlerMs)))}; ` +
        `frame: longest ${ms(longest(opens.flatMap((open) => open.figures.frameMs)))}`,
    );
    console.log(`  long tasks               ${openLongTasks.length === 0 ? 'none of 50 ms or more' : `${openLongTasks.length} in ${settings.opens} opens, longest ${ms(openLongTask)}`}`);
    for (const frame of opens.flatMap((open) => open.figures.longFrames)) {
      console.log(`    long frame ${frame}`);
    }
    console.log('');
    console.log(`${mark(longTask <= webviewTargets.longestTaskMs)} no task over ${webviewTargets.longestTaskMs} ms while streaming (longest: ${longTask === 0 ? 'none reported' : ms(longTask)})`);
    console.log(`${mark(openLongTask <= webviewTargets.longestTaskMs)} no task over ${webviewTargets.longestTaskMs} ms while opening the long chat (longest: ${openLongTask === 0 ? 'none reported' : ms(openLongTask)})`);
    console.log(`${mark(completeMs <= webviewTargets.openMs)} open a 1,000-message chat in ≤ ${webviewTargets.openMs} ms (${ms(completeMs)} to the whole window, ${ms(firstScreenMs)} to the first screen)`);
  } finally {
    await close();
  }
}

if (require.main === module) {
  const { values } = parseArgs({ options: { tokens: { type: 'string' }, opens: { type: 'string' } } });
  runWebviewSection({ tokens: Number(values.tokens ?? 10_000), opens: Number(values.opens ?? 5) }).catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
