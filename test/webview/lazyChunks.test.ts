/**
 * The webview in pieces, in headless Chromium under the page's real policy: the chat draws from
 * dist/webview.js alone; the markdown renderer comes after the first paint (or when a message
 * needs it, the text shown plain until then), highlight.js's core and a grammar when a fence of
 * that language first appears — each a chunk from dist/webview-chunks/, none stopped by the CSP.
 */

import { deepStrictEqual, ok, strictEqual } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Route } from 'playwright-core';
import type { ChatPage } from './harness';
import { assistantMessage, snapshot, userMessage } from './fixtures';
import { repository } from './server';
import { useChatPage } from './useChatPage';

/** The chunks the built entry imports statically (`import … from "./webview-chunks/x.js"` at its top). */
function entryImports(): string[] {
  const entry = readFileSync(join(repository, 'dist', 'webview.js'), 'utf8');
  return [...entry.matchAll(/import(?:\{[^}]*\}from|\s*)"\.\/(webview-chunks\/[\w-]+\.js)"/g)].map((match) => `/dist/${match[1]}`).sort();
}

/** The chunks the page asked for, by the name esbuild gave them (`typescript` of `typescript-AB12CD34.js`). */
function chunksRequested(chat: ChatPage): string[] {
  return chat.requests.flatMap((url) => /\/dist\/webview-chunks\/([\w.]+)-[A-Z0-9]+\.js$/.exec(new URL(url).pathname)?.[1] ?? []);
}

describe('chat webview: chunks loaded on first use', function () {
  const { chat, open } = useChatPage();

  /** A fresh chat page whose chunks matching `chunk` are held back until `release()`. */
  async function openHolding(chunk: RegExp): Promise<{ held: ChatPage; release: () => void }> {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const held = await open({
      beforeLoad: async (page) => {
        // Routes added later are asked first: this one answers the chunk only once released.
        await page.route(chunk, async (route: Route) => {
          await released;
          await route.continue();
        });
      },
    });
    return { held, release };
  }

  it('draws an empty chat without highlight.js; a TypeScript fence brings the core and that one grammar, under the policy', async () => {
    await chat().snapshot(snapshot());
    const beforeFence = chunksRequested(chat());
    deepStrictEqual(beforeFence.filter((name) => name === 'core' || name === 'typescript'), []);
    await chat().snapshot(snapshot({ messages: [userMessage('u1', 'Code?'), assistantMessage('a1', '```ts\nconst answer = 42;\n```\n')] }));
    const page = chat().page;
    await page.locator('[data-id="a1"] code.language-ts .hljs-keyword').first().waitFor();
    strictEqual(await page.locator('[data-id="a1"] .hljs-keyword').first().textContent(), 'const');
    const fresh = chunksRequested(chat()).slice(beforeFence.length);
    ok(fresh.includes('core') && fresh.includes('typescript'), `requested after the fence: ${JSON.stringify(fresh)}`);
    deepStrictEqual(fresh.filter((name) => ['python', 'rust', 'bash', 'javascript'].includes(name)), [], 'grammars no fence asked for');
    deepStrictEqual(await chat().violations(), []);
    deepStrictEqual(chat().foreignRequests(), []);
  });

  it('names every chunk the entry imports, and the codicon font, in the page, so each is fetched at once and once', async () => {
    const page = chat().page;
    const preloaded = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLLinkElement>('link[rel="modulepreload"]')].map((link) => new URL(link.href).pathname).sort(),
    );
    const imports = entryImports();
    ok(imports.length > 0, 'the entry imports chunks (lit, shared with the later components)');
    deepStrictEqual(preloaded, imports);
    const fonts = await page.evaluate(() => [...document.querySelectorAll<HTMLLinkElement>('link[rel="preload"][as="font"]')].map((link) => new URL(link.href).pathname));
    deepStrictEqual(fonts, ['/dist/codicons/codicon.ttf']);
    await chat().snapshot(snapshot());
    await chat().settle();
    const paths = chat().requests.map((url) => new URL(url).pathname);
    for (const path of [...imports, '/dist/codicons/codicon.ttf']) {
      strictEqual(paths.filter((requested) => requested === path).length, 1, `${path} requested once (the preload used)`);
    }
  });

  it('draws the model picker before its component arrives (the chosen model in its box), then upgrades it in place', async () => {
    const { held, release } = await openHolding(/\/dist\/webview-chunks\/laterComponents-[A-Z0-9]+\.js$/);
    await held.deliver(snapshot({ model: 'anthropic/claude-sonnet-4-5' }));
    await held.page.waitForSelector('body[data-ready="true"]');
    const picker = held.page.locator('vscode-single-select.model-picker');
    strictEqual(await held.page.evaluate(() => customElements.get('vscode-single-select') === undefined), true);
    strictEqual(await picker.evaluate((element) => (element as HTMLElement).innerText.trim()), 'Claude Sonnet 4.5', 'only the chosen option shows');
    const box = await picker.boundingBox();
    const headerHeight = (): Promise<number> => held.page.locator('.chat-header').evaluate((element) => element.getBoundingClientRect().height);
    const headerBefore = await headerHeight();
    release();
    await held.page.waitForFunction(() => customElements.get('vscode-single-select') !== undefined);
    await held.settle();
    strictEqual(await picker.evaluate((element) => (element as HTMLSelectElement).value), 'anthropic/claude-sonnet-4-5');
    const upgraded = await picker.boundingBox();
    deepStrictEqual([upgraded?.x, upgraded?.height], [box?.x, box?.height], 'the box keeps its place and height');
    strictEqual(await headerHeight(), headerBefore, 'the header keeps its height: the messages below do not move');
  });

  it('shows a message plain while the renderer is on its way (marked as still drawing), then as markdown', async () => {
    const { held, release } = await openHolding(/\/dist\/webview-chunks\/markdown-[A-Z0-9]+\.js$/);
    await held.deliver(snapshot({ messages: [userMessage('u1', 'Say it.'), assistantMessage('a1', 'It is **bold**.')] }));
    await held.page.waitForSelector('body[data-ready="true"]');
    const content = held.page.locator('[data-id="a1"] .message-content');
    strictEqual(await content.locator('.markdown-plain').textContent(), 'It is **bold**.');
    strictEqual(await held.page.locator('[data-drawing]').count(), 1);
    release();
    await held.settle();
    strictEqual(await content.locator('strong').textContent(), 'bold');
    deepStrictEqual([await content.locator('.markdown-plain').count(), await held.page.locator('[data-drawing]').count()], [0, 0]);
  });
});
