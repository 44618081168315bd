/**
 * The chat webview's HTML, from one pure function (no `vscode` import: the browser tests render
 * the real page with it). The Content Security Policy allows nothing by default; the one script
 * (a module) runs by nonce, the chunks it imports come from the extension's files; styles and fonts come only from the extension's own files (`cspSource`), images
 * only from there or inline `data:` URLs (pasted pictures). vscode-elements styles its components
 * with constructable stylesheets, which `style-src` does not govern, so neither `unsafe-inline`
 * nor `unsafe-eval` is needed.
 */

import { translationsElementId } from '../../protocol/translationsBlock';

export interface ChatHtmlOptions {
  /** `webview.cspSource`: the origin the webview loads the extension's files from. */
  cspSource: string;
  /** A fresh random value per render (base64 or hex), shared by the CSP and the script tag. */
  nonce: string;
  /** `asWebviewUri` of dist/webview.js (an ES module), dist/webview.css and dist/codicons/codicon.css. */
  scriptUri: string;
  styleUri: string;
  codiconsUri: string;
  /** `asWebviewUri` of what the page needs at once besides those (webviewPreloads.ts): the entry's chunks and the codicon font. */
  preloads: { modules: string[]; fonts: string[] };
  /** VS Code's display language (`vscode.env.language`): the page's `lang`, which its dates and numbers follow. */
  lang: string;
  /**
   * The translations of the page's English strings into that language (`pageTranslations`),
   * written into the page so that its first paint is already translated. Absent: English.
   */
  translations?: Readonly<Record<string, string>>;
}

/** The Content-Security-Policy of the chat page. */
export function chatContentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    // The entry (dist/webview.js) runs by nonce; the chunks it imports on first use
    // (dist/webview-chunks/) come from the extension's own files. HTML hands a module's nonce on
    // to its imports, dynamic ones too, and Chromium does, but CSP's editors mean to treat
    // import() like an inserted <script> (w3c/webappsec-csp#243), so the chat does not rely on
    // it: `cspSource` serves only dist/ and media/ (localResourceRoots), files we ship, and markup
    // that gets in still cannot run inline code. Not 'strict-dynamic': that would let a trusted
    // script load from anywhere.
    `script-src 'nonce-${nonce}' ${cspSource}`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    // Neither falls back to default-src: without them an injected <base> or <form> could still
    // redirect relative URLs or submit somewhere (the sanitizer removes both; this is the second wall).
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * The page's translations as a JSON data block (webview/translations.ts reads it). A data block
 * is never run, so the CSP does not govern it; `<` is escaped so that no text can close the element.
 */
function translationsBlock(translations: Readonly<Record<string, string>>): string {
  if (Object.keys(translations).length === 0) {
    return '';
  }
  const json = JSON.stringify(translations).replace(/</g, '\\u003c');
  return `<script type="application/json" id="${translationsElementId}">${json}</script>\n`;
}

/** Escapes a value for a double-quoted HTML attribute. */
function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function renderChatHtml(options: ChatHtmlOptions): string {
  const { nonce, lang } = options;
  if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(nonce)) {
    // A nonce that could break out of the policy, or guessable by its length, is a bug in the caller.
    throw new Error('renderChatHtml needs a random nonce of at least 16 base64 or hex characters.');
  }
  const language = /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/.test(lang) ? lang : 'en';
  const csp = chatContentSecurityPolicy(options.cspSource, nonce);
  // Fonts are fetched in CORS mode: a preload without `crossorigin` would be fetched twice.
  const preloads = [
    ...options.preloads.modules.map((uri) => `<link rel="modulepreload" href="${attribute(uri)}" nonce="${nonce}">`),
    ...options.preloads.fonts.map((uri) => `<link rel="preload" href="${attribute(uri)}" as="font" type="font/ttf" crossorigin>`),
  ];
  return `<!DOCTYPE html>
<html lang="${language}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attribute(options.codiconsUri)}" id="vscode-codicon-stylesheet" nonce="${nonce}">
<link rel="stylesheet" href="${attribute(options.styleUri)}" nonce="${nonce}">
${preloads.map((link) => `${link}\n`).join('')}${translationsBlock(options.translations ?? {})}<title>Switchboard</title>
</head>
<body>
<div id="app"></div>
<script type="module" nonce="${nonce}" src="${attribute(options.scriptUri)}"></script>
</body>
</html>
`;
}
