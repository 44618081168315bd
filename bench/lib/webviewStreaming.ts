/**
 * The webview benchmark's streamed answers: chat pages, each showing an answer as it streams, fed
 * by the host's own StreamBatcher (the extension host's frames) from one host-side loop that
 * produces every answer at 1 token/ms. One page is the single-stream case; several at once are
 * chats open in several views (sidebar and editor tabs), each a webview with its own answer.
 */

import type { Browser, Page } from 'playwright-core';
import type { ToWebview } from '../../src/protocol/messages';
import { frameMs, hostEnvironment } from '../../src/shell/chat/hostEnvironment';
import { formatMessage } from '../../src/shell/chat/localize';
import { StreamBatcher } from '../../src/shell/chat/streamBatcher';
import { assistantMessage, snapshot, userMessage } from '../../test/webview/fixtures';
import { ChatPage } from '../../test/webview/harness';
import type { WebviewServer } from '../../test/webview/server';
import { answerTokens } from './webviewAnswer';
import { installProbes, takeFigures, type PageFigures } from './webviewProbes';

/** Waits for the page to draw what it has and to go quiet. */
export function settle(page: Page): Promise<void> {
  return page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 100)))));
}

/** A fresh chat page with the benchmark's probes (and `beforeLoad`'s scripts) installed before the webview's script runs. */
export async function openChat(browser: Browser, server: WebviewServer, beforeLoad?: (page: Page) => Promise<void>): Promise<ChatPage> {
  return ChatPage.open(browser, server, {
    guardRequests: false,
    beforeLoad: async (page) => {
      await page.addInitScript(installProbes);
      await beforeLoad?.(page);
    },
  });
}

/** What one view showed of its streamed answer. */
export interface StreamedViewFigures {
  /** Every host→webview message: the deltas and the closing `chat/done`. */
  messages: number;
  /** Host times (performance.now) of the deltas the batcher's frames posted. */
  frameDeltaTimes: number[];
  /** Whether closing the batcher posted a last delta (the words since its last frame). */
  closingDelta: boolean;
  figures: PageFigures;
  elements: number;
  characters: number;
  visibility: string;
}

export interface StreamsFigures {
  /** From the first token to the last view's having been handed its `chat/done`. */
  seconds: number;
  started: number;
  views: StreamedViewFigures[];
}

/** One view of a streaming answer, with the host side the chat gives it: its own batcher. */
class StreamedView {
  readonly frameDeltaTimes: number[] = [];
  closingDelta = false;
  private readonly streaming = { content: '' };
  private readonly batcher: StreamBatcher;
  private queue = Promise.resolve();
  private closing = false;

  constructor(
    readonly chat: ChatPage,
    private readonly requestId: string,
  ) {
    // The extension host's own frames: what the chat hands every answer's batcher.
    const host = hostEnvironment(formatMessage, () => undefined);
    this.batcher = new StreamBatcher({
      requestId,
      messageId: 'a1',
      current: () => this.streaming,
      post: (message) => {
        if (this.closing) {
          this.closingDelta = true;
        } else {
          this.frameDeltaTimes.push(performance.now());
        }
        this.post(message);
      },
      replace: () => {
        throw new Error('a streamed answer only grows at its end');
      },
      scheduleFrame: (flush) => host.scheduleFrame(flush),
    });
  }

  /** The page shows the question and an empty answer that streams; its probes start afresh. */
  async begin(): Promise<void> {
    await this.chat.snapshot(
      snapshot({
        messages: [userMessage('u1', 'Explain streaming, at length.'), assistantMessage('a1', '', { status: 'streaming' })],
        streaming: { requestId: this.requestId, messageId: 'a1' },
      }),
    );
    await settle(this.chat.page);
    await this.chat.page.evaluate(takeFigures);
  }

  append(token: string): void {
    this.streaming.content += token;
    this.batcher.changed();
  }

  /** Flushes and ends the answer, as the chat does; resolves once the page was handed every message. */
  async finish(completionTokens: number): Promise<number> {
    this.closing = true;
    this.batcher.close();
    const message = assistantMessage('a1', this.streaming.content, { usage: { promptTokens: 12, completionTokens } });
    this.post({ type: 'chat/done', requestId: this.requestId, message, totals: {} });
    await this.queue;
    return this.batcher.posted + 1;
  }

  /** Posts to the page without waiting for it (as VS Code's channel does); in order. */
  private post(message: ToWebview): void {
    this.queue = this.queue.then(() => this.chat.page.evaluate((data) => window.postMessage(data, '*'), message));
  }
}

/**
 * Streams a `tokens`-token answer into each of `views` fresh pages at once, at 1 token/ms each,
 * from one loop on this (the host's) event loop, then reads what each page measured.
 */
export async function streamAnswers(browser: Browser, server: WebviewServer, views: number, tokens: number): Promise<StreamsFigures> {
  const chats = await Promise.all(Array.from({ length: views }, () => openChat(browser, server)));
  try {
    const streamed = chats.map((chat, index) => new StreamedView(chat, `r${index + 1}`));
    await Promise.all(streamed.map((view) => view.begin()));
    const answer = answerTokens(tokens);
    const started = performance.now();
    let sent = 0;
    // 1 token per ms on average for every answer: each tick sends the tokens whose time has come.
    while (sent < answer.length) {
      const due = Math.min(answer.length, Math.floor(performance.now() - started) + 1);
      for (; sent < due; sent++) {
        for (const view of streamed) {
          view.append(answer[sent]!);
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    const messages = await Promise.all(streamed.map((view) => view.finish(tokens)));
    const seconds = (performance.now() - started) / 1000;
    await Promise.all(chats.map((chat) => settle(chat.page)));
    const figures: StreamedViewFigures[] = [];
    for (const [index, view] of streamed.entries()) {
      const { page } = view.chat;
      figures.push({
        messages: messages[index]!,
        frameDeltaTimes: view.frameDeltaTimes,
        closingDelta: view.closingDelta,
        figures: await page.evaluate(takeFigures),
        elements: await page.evaluate(() => document.querySelectorAll('*').length),
        characters: await page.locator('[data-id="a1"] .message-content').evaluate((element) => element.textContent?.length ?? 0),
        visibility: await page.evaluate(() => document.visibilityState),
      });
    }
    return { seconds, started, views: figures };
  } finally {
    await Promise.all(chats.map((chat) => chat.close()));
  }
}

/**
 * The most deltas a view was posted within one host frame, and in how many frames more than one:
 * the host's frames laid end to end from the first token (`frameMs` each).
 */
export function deltasPerFrame(times: readonly number[], started: number): { most: number; framesOverOne: number } {
  const counts = new Map<number, number>();
  for (const time of times) {
    const frame = Math.floor((time - started) / frameMs);
    counts.set(frame, (counts.get(frame) ?? 0) + 1);
  }
  const values = [...counts.values()];
  return { most: Math.max(0, ...values), framesOverOne: values.filter((count) => count > 1).length };
}

export const ms = (value: number): string => `${value.toFixed(1)} ms`;
export const longest = (values: readonly number[]): number => Math.max(0, ...values);
