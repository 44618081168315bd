/**
 * `npm run bench`, third section: the chat webview in headless Chromium, the production bundle in
 * the page the real `renderChatHtml` renders. (1) A 10,000-token answer streamed at 1 token/ms
 * through the host's own StreamBatcher (one `chat/delta` per ~16 ms host frame): host→webview
 * messages per second, the longest main-thread task in the webview (the browser's `longtask`
 * entries, 50 ms and over), and the longest single piece of webview work (a message handler or a
 * frame). (2) The same with three answers streaming at once, each in its own page (chats open in
 * the sidebar and editor tabs) with its own batcher, produced by one host loop at 1 token/ms each:
 * messages per second per view and in total, the most deltas a view got in one host frame, each
 * view's longest task, and the run time against (1)'s (bench/lib/webviewParallel.ts). (3) Opening
 * the page, an empty chat and a 1,000-message one, from the start of navigation to the first paint
 * of the chat, and the longest task until it settled (bench/lib/webviewOpening.ts). (4) Opening
 * a 1,000-message chat: time from the snapshot's arrival to the drawn chat, and the DOM's size.
 * Figures, not assertions: targets print as ✓/✗.
 *
 * Runs as the third section of bench/stream.ts (in a child process: `node out/bench/webview.js
 * [--tokens=N] [--opens=N]`); alone with `npm run bench -- --wire webview`.
 */

import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Browser } from 'playwright-core';
import { frameMs } from '../src/shell/chat/hostEnvironment';
import { snapshot } from '../test/webview/fixtures';
import { repository, startChatBrowser, type WebviewServer } from '../test/webview/server';
import { longConversation } from '../test/webview/longChat';
import { mark } from './lib/report';
import { median } from './lib/stats';
import { runOpenings } from './lib/webviewOpening';
import { runParallelStreams } from './lib/webviewParallel';
import { takeFigures, type PageFigures } from './lib/webviewProbes';
import { longest, ms, openChat, settle, streamAnswers } from './lib/webviewStreaming';

export const webviewTargets = { longestTaskMs: 50, openMs: 500, firstPaintMs: 100, firstScreenMs: 150 };

export interface WebviewBenchSettings {
  tokens: number;
  opens: number;
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

/** Runs the section and prints its figures. */
export async function runWebviewSection(settings: WebviewBenchSettings): Promise<void> {
  const { browser, server, close } = await startChatBrowser();
  try {
    const entry = statSync(join(repository, 'dist', 'webview.js')).size;
    const chunkFolder = join(repository, 'dist', 'webview-chunks');
    const chunks = readdirSync(chunkFolder).map((file) => statSync(join(chunkFolder, file)).size);
    console.log('── Webview: the chat UI in headless Chromium');
    console.log(
      `Chromium ${browser.version()}, the production bundle (dist/webview.js ${(entry / 1024).toFixed(0)} KB; ${chunks.length} chunks imported on first use, ` +
        `${(chunks.reduce((sum, size) => sum + size, 0) / 1024).toFixed(0)} KB), the page renderChatHtml renders (its CSP)`,
    );
    console.log('');

    const single = await streamAnswers(browser, server, 1, settings.tokens);
    const stream = single.views[0]!;
    const longTask = longest(stream.figures.longTasks);
    console.log(`streaming a ${settings.tokens.toLocaleString('en-US')}-token answer at 1 token/ms through the host's StreamBatcher (${frameMs} ms frames)`);
    console.log(`  host→webview messages   ${stream.messages} in ${single.seconds.toFixed(2)} s = ${(stream.messages / single.seconds).toFixed(1)} per second`);
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

    const parallelVerdicts = await runParallelStreams(browser, server, settings.tokens, single, webviewTargets.longestTaskMs);

    const openingVerdicts = await runOpenings(
      browser,
      server,
      [
        { name: 'empty chat', message: snapshot() },
        { name: '1,000-message chat', message: snapshot({ messages: longConversation(1000) }) },
      ],
      settings.opens,
      webviewTargets,
    );

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
    for (const verdict of parallelVerdicts) {
      console.log(verdict);
    }
    for (const verdict of openingVerdicts) {
      console.log(verdict);
    }
    console.log(`${mark(openLongTask <= webviewTargets.longestTaskMs)} no task over ${webviewTargets.longestTaskMs} ms while opening the long chat (longest: ${openLongTask === 0 ? 'none reported' : ms(openLongTask)})`);
    console.log(`${mark(completeMs <= webviewTargets.openMs)} open a 1,000-message chat in ≤ ${webviewTargets.openMs} ms (${ms(completeMs)} to the whole window, ${ms(firstScreenMs)} to the first screen)`);
    console.log(`${mark(firstScreenMs <= webviewTargets.firstScreenMs)} the first screen of a 1,000-message chat in ≤ ${webviewTargets.firstScreenMs} ms of its snapshot (${ms(firstScreenMs)})`);
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
