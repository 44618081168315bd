/**
 * The chat page's HTML (renderChatHtml, pure): its Content Security Policy, the one script by
 * nonce, the stylesheets, the language and its translations, and values that could break out of
 * their attributes.
 */

import { deepStrictEqual, strictEqual, throws } from 'node:assert';
import { chatContentSecurityPolicy, renderChatHtml } from '../../src/shell/chat/html';

const options = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  nonce: 'bm9uY2Utb2Ytc2l4dGVlbi1jaGFycw==',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.css',
  codiconsUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/codicons/codicon.css',
  preloads: {
    modules: ['https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview-chunks/chunk-AB12CD34.js'],
    fonts: ['https://file+.vscode-resource.vscode-cdn.net/ext/dist/codicons/codicon.ttf'],
  },
  lang: 'de',
};

function tags(html: string, name: string): string[] {
  return html.match(new RegExp(`<${name}\\b[^>]*>`, 'g')) ?? [];
}

describe('renderChatHtml', () => {
  it('sets the strict policy: nothing by default, the script by nonce (its chunks from the extension), styles, fonts and images from the extension only', () => {
    strictEqual(
      chatContentSecurityPolicy(options.cspSource, options.nonce),
      "default-src 'none'; script-src 'nonce-bm9uY2Utb2Ytc2l4dGVlbi1jaGFycw==' https://file+.vscode-resource.vscode-cdn.net; " +
        "style-src https://file+.vscode-resource.vscode-cdn.net 'nonce-bm9uY2Utb2Ytc2l4dGVlbi1jaGFycw=='; " +
        'font-src https://file+.vscode-resource.vscode-cdn.net; img-src https://file+.vscode-resource.vscode-cdn.net data:; ' +
        "base-uri 'none'; form-action 'none'",
    );
  });

  it('renders one module script (by nonce), the codicons stylesheet vscode-elements looks for, our stylesheet, the preloads, and the language', () => {
    const html = renderChatHtml(options);
    deepStrictEqual(tags(html, 'script'), [`<script type="module" nonce="${options.nonce}" src="${options.scriptUri}">`]);
    deepStrictEqual(tags(html, 'link'), [
      `<link rel="stylesheet" href="${options.codiconsUri}" id="vscode-codicon-stylesheet" nonce="${options.nonce}">`,
      `<link rel="stylesheet" href="${options.styleUri}" nonce="${options.nonce}">`,
      `<link rel="modulepreload" href="${options.preloads.modules[0]}" nonce="${options.nonce}">`,
      // Fonts are fetched in CORS mode: without `crossorigin` the preload would not be used.
      `<link rel="preload" href="${options.preloads.fonts[0]}" as="font" type="font/ttf" crossorigin>`,
    ]);
    deepStrictEqual(tags(html, 'meta').find((tag) => tag.includes('Content-Security-Policy')), `<meta http-equiv="Content-Security-Policy" content="${chatContentSecurityPolicy(options.cspSource, options.nonce)}">`);
    deepStrictEqual(tags(html, 'html'), ['<html lang="de">']);
    strictEqual(/unsafe-inline|unsafe-eval/.test(html), false);
  });

  it('escapes resource URIs, and falls back to English for a language tag that is not one', () => {
    const hostile = 'https://x/"><script>alert(1)</script>';
    const html = renderChatHtml({ ...options, scriptUri: hostile, preloads: { modules: [hostile], fonts: [hostile] }, lang: 'en"><script>' });
    const escaped = 'https://x/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;';
    deepStrictEqual(tags(html, 'script'), [`<script type="module" nonce="${options.nonce}" src="${escaped}">`]);
    deepStrictEqual(tags(html, 'link').slice(2), [
      `<link rel="modulepreload" href="${escaped}" nonce="${options.nonce}">`,
      `<link rel="preload" href="${escaped}" as="font" type="font/ttf" crossorigin>`,
    ]);
    deepStrictEqual(tags(html, 'html'), ['<html lang="en">']);
  });

  it('writes the translations as one JSON data block no text can close, and none for English', () => {
    const translations = { Message: 'Nachricht', 'Remove {name}': '</script><script>alert(1)</script> {name}' };
    const html = renderChatHtml({ ...options, translations });
    const block = /<script type="application\/json" id="switchboard-translations">(.*?)<\/script>/.exec(html);
    deepStrictEqual(JSON.parse(block?.[1] ?? 'null'), translations);
    strictEqual(block?.[1]?.includes('<'), false);
    deepStrictEqual(tags(renderChatHtml({ ...options, translations: {} }), 'script').length, 1);
    deepStrictEqual(tags(renderChatHtml(options), 'script').length, 1);
  });

  it('renders no preload links when there are none (a build without the manifest)', () => {
    deepStrictEqual(tags(renderChatHtml({ ...options, preloads: { modules: [], fonts: [] } }), 'link').length, 2);
  });

  it('refuses a nonce that is short or could break out of the policy', () => {
    throws(() => renderChatHtml({ ...options, nonce: 'short' }), /random nonce/);
    throws(() => renderChatHtml({ ...options, nonce: "abcdefghijklmnop' 'unsafe-inline" }), /random nonce/);
  });
});
