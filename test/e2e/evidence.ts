/**
 * What a failed end-to-end step leaves behind, so an integration bug can be found without
 * re-running: a screenshot, what the workbench and the chat showed, what the provider server
 * received, and where the code-server and extension logs are.
 */

import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import { chatFrame, shownMessages } from './chatView';
import type { SeenRequest } from './openaiServer';
import { notificationTexts, quickInputRows, shownDialog } from './workbench';

/** Every regular file under `folder` (sockets and pipes aside) whose path matches `pattern`. */
export function filesUnder(folder: string, pattern: RegExp): string[] {
  const found: string[] = [];
  const walk = (current: string): void => {
    let names: string[];
    try {
      names = readdirSync(current);
    } catch {
      return;
    }
    for (const name of names) {
      const path = join(current, name);
      const stat = statSync(path);
      if (stat.isDirectory()) {
        walk(path);
      } else if (stat.isFile() && pattern.test(path)) {
        found.push(path);
      }
    }
  };
  walk(folder);
  return found;
}

export interface FailureContext {
  page: Page | undefined;
  runFolder: string;
  userDataDir: string;
  codeServerLog: string;
  codeServerLogTail: () => string;
  requests: SeenRequest[];
  /** What else the scenario knows that helps (the consumer extension's results files, for one). */
  more?: () => Record<string, unknown>;
}

async function settle<T>(work: Promise<T>, fallback: T): Promise<T> {
  try {
    return await work;
  } catch {
    return fallback;
  }
}

/** Writes the evidence of a failed step under the run folder and returns a summary naming the files. */
export async function recordFailure(context: FailureContext, step: string, error: unknown): Promise<string> {
  const slug = step.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase().slice(0, 60);
  const screenshot = join(context.runFolder, `failure-${slug}.png`);
  const report = join(context.runFolder, `failure-${slug}.txt`);
  const page = context.page;
  let shot = 'no page';
  let onScreen: Record<string, unknown> = {};
  if (page !== undefined && !page.isClosed()) {
    shot = (await settle(page.screenshot({ path: screenshot, timeout: 10_000 }).then(() => screenshot), 'screenshot failed')) ?? '';
    onScreen = {
      url: page.url(),
      notifications: await settle(notificationTexts(page), []),
      dialog: await settle(shownDialog(page), undefined),
      quickInputRows: await settle(quickInputRows(page), []),
      chatMessages: await settle<unknown>(shownMessages(chatFrame(page)), 'chat webview not reachable'),
      chatBodyText: await settle(
        chatFrame(page)
          .locator('body')
          .innerText({ timeout: 2_000 })
          .then((text) => text.slice(0, 2_000)),
        'chat webview not reachable',
      ),
    };
  }
  const extensionLogs = filesUnder(join(context.userDataDir, 'logs'), /switchboard\.switchboard/);
  const lines = [
    `step: ${step}`,
    `error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    `on screen: ${JSON.stringify(onScreen, null, 2)}`,
    `requests the provider server received: ${JSON.stringify(context.requests.map(({ method, path, outcome, eventsWritten }) => ({ method, path, outcome, eventsWritten })))}`,
    ...Object.entries(context.more?.() ?? {}).map(([name, value]) => `${name}: ${typeof value === 'string' ? value : JSON.stringify(value, null, 2)}`),
    `extension logs: ${extensionLogs.join(', ') || 'none'}`,
    `code-server log: ${context.codeServerLog}`,
    '--- code-server log (last lines) ---',
    context.codeServerLogTail(),
  ];
  writeFileSync(report, `${lines.join('\n')}\n`);
  const where = (path: string): string => relative(process.cwd(), path);
  return [
    `e2e step failed: ${step}`,
    `  screenshot: ${shot === screenshot ? where(screenshot) : shot}`,
    `  report:     ${where(report)}`,
    `  code-server log: ${where(context.codeServerLog)}`,
    ...extensionLogs.map((path) => `  extension log:   ${where(path)}`),
  ].join('\n');
}
