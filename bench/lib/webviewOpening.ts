/**
 * The webview benchmark's page opening: a fresh chat page whose host answers `ready` with the
 * snapshot at once (a scripted host without latency, so the figures are the webview's own), timed
 * from the start of the page's navigation (performance's time origin) — when the entry module
 * arrived, when the webview said `ready`, when the chat was first drawn (`body[data-ready]`) and
 * painted (the browser's first-contentful-paint: the page shows nothing before the chat), and
 * every long task (50 ms or more) until the page settled, lazily imported chunks included.
 */

import type { Browser } from 'playwright-core';
import type { ToWebview } from '../../src/protocol/messages';
import type { ChatPage } from '../../test/webview/harness';
import type { WebviewServer } from '../../test/webview/server';
import { mark } from './report';
import { median } from './stats';
import { takeFigures } from './webviewProbes';
import { longest, ms, openChat, settle } from './webviewStreaming';

export interface OpeningFigures {
  /** dist/webview.js arrived (its response's end). */
  entryLoadedMs: number;
  /** The webview posted `ready`: the entry evaluated and the chat built. */
  readyMs: number;
  /** The chat drew the snapshot (`body[data-ready]` set). */
  drawnMs: number;
  /** The first paint with content: the drawn chat. */
  firstPaintMs: number;
  /** Long tasks from the navigation until the page settled, and the long animation frames as text (what ran in them). */
  longTasks: number[];
  longFrames: string[];
  /** Chunks the page had imported by then. */
  chunks: number;
}

interface OpeningRecord {
  readyMs: number;
  drawnMs: number;
}

/** Runs in the page (an init script after the harness's): answers `ready` with `message` at once, and notes the times. */
function answerReadyAtOnce(message: unknown): void {
  const record = window as unknown as Record<string, unknown>;
  const opening: OpeningRecord = { readyMs: 0, drawnMs: 0 };
  record.__opening = opening;
  type Api = { postMessage(message: unknown): void; getState(): unknown; setState(state: unknown): void };
  const acquire = record.acquireVsCodeApi as () => Api;
  record.acquireVsCodeApi = (): Api => {
    const api = acquire();
    return {
      ...api,
      postMessage: (posted: unknown) => {
        api.postMessage(posted);
        if (typeof posted === 'object' && posted !== null && 'type' in posted && posted.type === 'ready') {
          opening.readyMs = performance.now();
          window.postMessage(message, '*');
        }
      },
    };
  };
  new MutationObserver((_changes, observer) => {
    if (document.body?.dataset.ready === 'true') {
      opening.drawnMs = performance.now();
      observer.disconnect();
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
}

/** Runs in the page once it settled. */
function readOpening(): Omit<OpeningFigures, 'longTasks' | 'longFrames'> {
  const opening = (window as unknown as { __opening: OpeningRecord }).__opening;
  const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
  const entry = resources.find((resource) => resource.name.endsWith('/dist/webview.js'));
  const firstPaint = performance.getEntriesByName('first-contentful-paint')[0];
  return {
    entryLoadedMs: entry?.responseEnd ?? 0,
    readyMs: opening.readyMs,
    drawnMs: opening.drawnMs,
    firstPaintMs: firstPaint?.startTime ?? 0,
    chunks: resources.filter((resource) => resource.name.includes('/dist/webview-chunks/')).length,
  };
}

/** Opens a fresh chat page that is handed `message` as its snapshot, and times the opening. */
export async function openWithSnapshot(browser: Browser, server: WebviewServer, message: Extract<ToWebview, { type: 'state/snapshot' }>): Promise<OpeningFigures> {
  let chat: ChatPage | undefined;
  try {
    chat = await openChat(browser, server, async (page) => {
      await page.addInitScript(answerReadyAtOnce, message);
    });
    await chat.page.waitForSelector('body[data-ready="true"]');
    await chat.settle();
    // The chunks the first paint left for later (the markdown renderer and its warm-up) come now.
    await settle(chat.page);
    await chat.page.waitForTimeout(300);
    const { longTasks, longFrames } = await chat.page.evaluate(takeFigures);
    return { ...(await chat.page.evaluate(readOpening)), longTasks, longFrames };
  } finally {
    await chat?.close();
  }
}

/** The chats opened: an empty one, and a long one (its snapshot handed over just as fast). */
export interface OpeningCase {
  name: string;
  message: Extract<ToWebview, { type: 'state/snapshot' }>;
}

/** Opens each case `opens` times in fresh pages, prints the medians, and returns the verdict lines (✓/✗) for the section's end. */
export async function runOpenings(browser: Browser, server: WebviewServer, cases: OpeningCase[], opens: number, targets: { firstPaintMs: number; longestTaskMs: number }): Promise<string[]> {
  console.log(`opening the chat (median of ${opens} fresh pages; from the start of navigation, the host answering ready at once)`);
  const verdicts: string[] = [];
  for (const { name, message } of cases) {
    const runs: OpeningFigures[] = [];
    for (let run = 0; run < opens; run++) {
      runs.push(await openWithSnapshot(browser, server, message));
    }
    const at = (pick: (figures: OpeningFigures) => number): string => ms(median(runs.map(pick)));
    const firstPaint = median(runs.map((figures) => figures.firstPaintMs));
    const longTask = longest(runs.flatMap((figures) => figures.longTasks));
    console.log(
      `  ${name.padEnd(24)} entry arrived ${at((figures) => figures.entryLoadedMs)}, ready ${at((figures) => figures.readyMs)}, drawn ${at((figures) => figures.drawnMs)}, ` +
        `first paint ${ms(firstPaint)} (max ${ms(Math.max(...runs.map((figures) => figures.firstPaintMs)))}); ` +
        `longest task ${longTask === 0 ? 'none of 50 ms or more' : ms(longTask)}; ${runs[0]!.chunks} chunks imported by the time it settled`,
    );
    for (const frame of runs.flatMap((figures) => figures.longFrames)) {
      console.log(`    long frame ${frame}`);
    }
    verdicts.push(
      `${mark(firstPaint <= targets.firstPaintMs)} first paint of the ${name} within ${targets.firstPaintMs} ms of navigation (${ms(firstPaint)})`,
      `${mark(longTask <= targets.longestTaskMs)} no task over ${targets.longestTaskMs} ms while opening the ${name} (longest: ${longTask === 0 ? 'none reported' : ms(longTask)})`,
    );
  }
  console.log('');
  return verdicts;
}
