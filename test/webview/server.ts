/**
 * What the webview tests and the benchmark load into Chromium: the webview built as it ships, the
 * chat page from the real `renderChatHtml` (with its CSP) served on 127.0.0.1, and Debian's
 * Chromium launched for playwright-core.
 */

import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { buildSync } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { renderChatHtml } from '../../src/shell/chat/html';
import { readWebviewPreloads } from '../../src/shell/chat/webviewPreloads';

/** The repository: the nearest folder up from this bundle (out/test/webview or out/bench) with esbuild.mjs. */
function findRepository(from: string): string {
  for (let folder = from; ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'esbuild.mjs'))) {
      return folder;
    }
    if (dirname(folder) === folder) {
      throw new Error(`No esbuild.mjs above ${from}: run the webview tests from their bundles under out/.`);
    }
  }
}

export const repository = findRepository(__dirname);

/** Files the page may load, besides the webview's chunks (`resourceAt`); any other request is a failure of the test (and is aborted). */
const resources: Record<string, { file: string; type: string }> = {
  '/dist/webview.js': { file: 'dist/webview.js', type: 'text/javascript' },
  '/dist/webview.css': { file: 'dist/webview.css', type: 'text/css' },
  '/dist/usage.js': { file: 'dist/usage.js', type: 'text/javascript' },
  '/dist/usage.css': { file: 'dist/usage.css', type: 'text/css' },
  '/dist/codicons/codicon.css': { file: 'dist/codicons/codicon.css', type: 'text/css' },
  '/dist/codicons/codicon.ttf': { file: 'dist/codicons/codicon.ttf', type: 'font/ttf' },
  '/probe/sanitizerProbe.js': { file: 'out/test/webview/sanitizerProbe.js', type: 'text/javascript' },
};

/** The webview's chunks (dist/webview-chunks/, named by esbuild: `<name>-<hash>.js`). */
const chunkPath = /^\/dist\/webview-chunks\/[\w.-]+\.js$/;

/** The file behind a path the page may load, or undefined for any other. */
export function resourceAt(pathname: string): { file: string; type: string } | undefined {
  if (chunkPath.test(pathname)) {
    return { file: pathname.slice(1), type: 'text/javascript' };
  }
  return Object.hasOwn(resources, pathname) ? resources[pathname] : undefined;
}

/** Pages: the chat, the sanitizer probe (the same HTML and CSP around a test script), and the usage page (Show Usage). */
export const pages: Record<string, string> = {
  '/': '/dist/webview.js',
  '/probe': '/probe/sanitizerProbe.js',
  '/usage': '/dist/usage.js',
};

/** A page's stylesheet other than the chat's. */
const pageStyles: Record<string, string> = {
  '/usage': '/dist/usage.css',
};

let built = false;

/** Builds the webview as it ships (`--production`), once per test process. */
export function buildWebview(): void {
  if (!built) {
    execFileSync(process.execPath, ['esbuild.mjs', '--only=webview', '--production'], { cwd: repository, stdio: 'inherit' });
    built = true;
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
}

/** Bundles the sanitizer probe for the browser, once per test process. */
export function buildSanitizerProbe(): void {
  buildSync({
    entryPoints: [join(repository, 'test', 'webview', 'sanitizerProbe.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    outfile: join(repository, 'out', 'test', 'webview', 'sanitizerProbe.js'),
    logLevel: 'warning',
  });
}

/** Serves the chat page (a fresh nonce per request) and the built files, on 127.0.0.1. */
export class WebviewServer {
  private server: Server | undefined;
  origin = '';
  lastNonce = '';
  lastHtml = '';
  /** The display language and translations the next pages are served with (a test sets them; English by default). */
  language: { lang: string; translations: Record<string, string> } = { lang: 'en', translations: {} };

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', this.origin).pathname;
      const script = pages[path];
      if (script !== undefined) {
        this.lastNonce = randomBytes(18).toString('base64');
        this.lastHtml = renderChatHtml({
          cspSource: this.origin,
          nonce: this.lastNonce,
          scriptUri: `${this.origin}${script}`,
          styleUri: `${this.origin}${pageStyles[path] ?? '/dist/webview.css'}`,
          codiconsUri: `${this.origin}/dist/codicons/codicon.css`,
          preloads: this.preloads(),
          lang: this.language.lang,
          translations: this.language.translations,
        });
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(this.lastHtml);
        return;
      }
      const resource = resourceAt(path);
      if (resource === undefined) {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': resource.type }).end(readFileSync(join(repository, resource.file)));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The page's preloads, as the extension writes them: the build's manifest, as URLs on this server. */
  private preloads(): { modules: string[]; fonts: string[] } {
    const { modules, fonts } = readWebviewPreloads(join(repository, 'dist'));
    return { modules: modules.map((path) => `${this.origin}/dist/${path}`), fonts: fonts.map((path) => `${this.origin}/dist/${path}`) };
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server === undefined ? resolve() : this.server.close(() => resolve())));
  }
}

/** What a browser test or the benchmark loads pages in: the page server and Chromium, stopped together. */
export interface ChatBrowser {
  browser: Browser;
  server: WebviewServer;
  close: () => Promise<void>;
}

/** Builds the webview (and, when asked, the sanitizer probe), starts the page server and launches Chromium. */
export async function startChatBrowser(options: { sanitizerProbe?: boolean } = {}): Promise<ChatBrowser> {
  buildWebview();
  if (options.sanitizerProbe === true) {
    buildSanitizerProbe();
  }
  const server = new WebviewServer();
  await server.start();
  let browser: Browser;
  try {
    browser = await launchChromium();
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    browser,
    server,
    close: async () => {
      await browser.close();
      await server.stop();
    },
  };
}
