/**
 * The webview section's case of chats open in several views at once (sidebar and editor tabs):
 * three pages in the one Chromium, each its own webview with its own conversation and its own
 * StreamBatcher, the three answers produced together by one host loop at 1 token/ms each. What
 * the issue asks: host→webview messages per second per view and in total, whether each view
 * still gets at most one message per host frame, and the longest webview task.
 */

import type { Browser } from 'playwright-core';
import { frameMs } from '../../src/shell/chat/hostEnvironment';
import type { WebviewServer } from '../../test/webview/server';
import { mark } from './report';
import { median } from './stats';
import { deltasPerFrame, longest, ms, streamAnswers, type StreamedViewFigures, type StreamsFigures } from './webviewStreaming';

const parallelViews = 3;

/** Streams the answers, prints the figures, and returns the verdict lines (✓/✗) for the section's end. */
export async function runParallelStreams(browser: Browser, server: WebviewServer, tokens: number, single: StreamsFigures, longestTaskMs: number): Promise<string[]> {
  const run = await streamAnswers(browser, server, parallelViews, tokens);
  const { views, seconds } = run;
  const total = views.reduce((sum, view) => sum + view.messages, 0);
  const perFrame = views.map((view) => deltasPerFrame(view.frameDeltaTimes, run.started));
  const mostPerFrame = Math.max(...perFrame.map((frames) => frames.most));
  const longTasks = views.map((view) => longest(view.figures.longTasks));
  const longTask = longest(longTasks);
  const hidden = views.filter((view) => view.visibility !== 'visible').length;
  // One column per view.
  const row = (label: string, cell: (view: StreamedViewFigures, index: number) => string): void => {
    console.log(`  ${label.padEnd(25)}${views.map((view, index) => cell(view, index).padEnd(24)).join('').trimEnd()}`);
  };

  console.log(
    `streaming ${parallelViews} answers at once, ${tokens.toLocaleString('en-US')} tokens each at 1 token/ms each, from one host loop: ` +
      `${parallelViews} pages in the one Chromium (${hidden === 0 ? 'all visible' : `${hidden} hidden`}), each its own conversation and StreamBatcher (${frameMs} ms frames)`,
  );
  row('', (_, index) => `view ${index + 1}`);
  row('host→webview messages', (view) => `${view.messages} = ${(view.messages / seconds).toFixed(1)}/s`);
  row('most deltas in a frame', (_, index) => `${perFrame[index]!.most}${perFrame[index]!.framesOverOne > 0 ? ` (${perFrame[index]!.framesOverOne} frames > 1)` : ''}`);
  row('longest task', (view) => (view.figures.longTasks.length === 0 ? 'none of 50 ms or more' : `${ms(longest(view.figures.longTasks))} (${view.figures.longTasks.length} long)`));
  row('longest message handler', (view) => `${ms(longest(view.figures.handlerMs))} (${view.figures.slowestHandler})`);
  row('longest frame', (view) => `${ms(longest(view.figures.frameMs))} (median ${ms(median(view.figures.frameMs))})`);
  row('answer drawn', (view) => `${view.characters.toLocaleString('en-US')} characters`);
  row('DOM', (view) => `${view.elements.toLocaleString('en-US')} elements`);
  console.log(`  in total                 ${total.toLocaleString('en-US')} messages in ${seconds.toFixed(2)} s = ${(total / seconds).toFixed(1)} per second`);
  console.log(
    `  (a host frame: ${frameMs} ms, counted from the first token; the delta that closes an answer just before its chat/done is not counted: ` +
      `${views.filter((view) => view.closingDelta).length} of ${parallelViews} views had one)`,
  );
  const singleMessages = single.views[0]!.messages;
  const slower = ((seconds - single.seconds) / single.seconds) * 100;
  console.log(
    `  run time                 ${seconds.toFixed(2)} s, against ${single.seconds.toFixed(2)} s for the single stream ` +
      `(${slower >= 0 ? '+' : ''}${slower.toFixed(1)}%; the single stream: ${singleMessages} messages = ${(singleMessages / single.seconds).toFixed(1)}/s)`,
  );
  for (const [index, view] of views.entries()) {
    for (const frame of view.figures.longFrames) {
      console.log(`    long frame, view ${index + 1}: ${frame}`);
    }
  }
  console.log('');
  return [
    `${mark(longTask <= longestTaskMs)} no task over ${longestTaskMs} ms in any view with ${parallelViews} answers streaming (longest: ${longTasks.map((task) => (task === 0 ? 'none' : ms(task))).join(', ')})`,
    `${mark(mostPerFrame <= 1)} one message per host frame per view with ${parallelViews} answers streaming (most in one frame: ${perFrame.map((frames) => frames.most).join(', ')})`,
  ];
}
