/**
 * The markdown renderer (markdown.ts: markdown-it, DOMPurify, and highlight.js through it) is a
 * chunk of its own, imported when the first message needs it or after the chat's first paint,
 * whichever comes first: opening the chat never waits for it. Until it arrives a message shows its
 * text plain; each such view asks to be drawn again, and those redraws run a few per frame, so the
 * arrival never turns into one long task.
 */

import type * as MarkdownModule from './markdown';

export type Markdown = typeof MarkdownModule;

/** Time for drawing views again as markdown in one frame; the rest wait for the next. */
const redrawBudgetMs = 8;

let loaded: Markdown | undefined;
let loading: Promise<Markdown> | undefined;
const waiting: (() => void)[] = [];

/** The renderer, when it has arrived. */
export function loadedMarkdown(): Markdown | undefined {
  return loaded;
}

/** Imports the renderer (once); the views waiting for it are drawn again from the next frame on. */
export function loadMarkdown(): Promise<Markdown> {
  loading ??= import('./markdown').then((module) => {
    loaded = module;
    requestAnimationFrame(redrawWaiting);
    return module;
  });
  return loading;
}

/** Calls `redraw` once the renderer arrived (a view drawn plain meanwhile), and starts importing it. */
export function redrawWithMarkdown(redraw: () => void): void {
  waiting.push(redraw);
  void loadMarkdown();
}

function redrawWaiting(): void {
  const deadline = performance.now() + redrawBudgetMs;
  while (waiting.length > 0 && performance.now() < deadline) {
    waiting.shift()?.();
  }
  if (waiting.length > 0) {
    requestAnimationFrame(redrawWaiting);
  }
}
