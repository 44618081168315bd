/**
 * The places of the key scenario that live in the running browser or in the test's own hands,
 * gathered before everything stops; the files are searched after (keys.entry.ts), once Chromium
 * and code-server have flushed them. Each place is a name and its whole content as text.
 */

import type { Page } from 'playwright-core';
import { chatFrame, webviewDocumentContent } from '../../e2e/chatView';
import type { SeenRequest } from '../../e2e/openaiServer';
import { dumpBrowserStorage } from './browserStorage';
import type { CanaryLedger } from './canarySearch';
import type { WebviewTraffic } from './webviewTraffic';

export interface Place {
  name: string;
  content: string;
}

/** What the browser holds now: the webview's traffic, state and document, the workbench, its storage. */
export async function browserPlaces(page: Page, traffic: WebviewTraffic, consoleLines: readonly string[]): Promise<Place[]> {
  const storage = await dumpBrowserStorage(page);
  if (!storage.secretStorePresent) {
    throw new Error('the secret store (localStorage "secrets.provider") is missing: the key was never stored where it belongs');
  }
  return [
    { name: `webview: messages to the view (${traffic.toWebview.length})`, content: traffic.toWebview.join('\n') },
    { name: `webview: messages from the view (${traffic.fromWebview.length})`, content: traffic.fromWebview.join('\n') },
    { name: `webview: state (${traffic.states.length} setState and initial states)`, content: traffic.states.join('\n') },
    { name: `webview: HTML given to the view (${traffic.contents.length})`, content: traffic.contents.join('\n') },
    { name: 'webview: the document now (DOM, shadow roots, field values)', content: await webviewDocumentContent(chatFrame(page)) },
    { name: 'workbench: the page now (DOM)', content: await page.content() },
    { name: `workbench: browser console (${consoleLines.length} lines)`, content: consoleLines.join('\n') },
    ...storage.stores.map((store) => ({ name: `browser storage: ${store.name}`, content: store.content })),
  ];
}

/**
 * The wire: each request the provider server received is a place, searched whole (method, path,
 * every header, the body) but for its Authorization header — the one place the key belongs.
 */
export function searchWire(ledger: CanaryLedger, requests: readonly SeenRequest[]): void {
  for (const [index, request] of requests.entries()) {
    const { authorization: _authorization, ...headers } = request.headers;
    ledger.search(`wire: request ${index + 1} (${request.method} ${request.path}) but its Authorization`, JSON.stringify({ method: request.method, url: request.url, headers, body: request.rawBody }));
  }
}
