/**
 * The chat page's Content Security Policy, as the real `renderChatHtml` writes it and Chromium
 * reads it: nothing by default, scripts by nonce and from the extension's own files only (the
 * chunks the module imports; no 'unsafe-inline', 'unsafe-eval', 'strict-dynamic', other hosts or
 * schemes), nothing looser in any directive; and Chromium enforcing it when markup gets past
 * everything else — an inline script, one with a guessed nonce, an inline handler, `eval`, string
 * timers and a remote image are all stopped, each with a CSP report, and the canary stays unset.
 */

import { deepStrictEqual, ok, strictEqual } from 'node:assert';
import { createNonce } from '../../../src/shell/chat/nonce';
import { renderChatHtml } from '../../../src/shell/chat/html';
import { snapshot } from '../../webview/fixtures';
import { useChatPage } from '../../webview/useChatPage';

/** `directive → sources`, as the CSP grammar splits a policy. */
function parsePolicy(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name !== undefined && name !== '' && !directives.has(name.toLowerCase())) {
      directives.set(name.toLowerCase(), sources);
    }
  }
  return directives;
}

/** The policy's script sources: `script-src-elem` and `-attr` would override `script-src`, which overrides `default-src`. */
function scriptSources(directives: Map<string, string[]>): string[][] {
  const base = directives.get('script-src') ?? directives.get('default-src') ?? [];
  return [directives.get('script-src-elem') ?? base, directives.get('script-src-attr') ?? base];
}

function metaPolicy(html: string): string[] {
  return [...html.matchAll(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/gi)].map((match) => (match[1] ?? '').replace(/&#39;|&apos;/g, "'").replace(/&amp;/g, '&'));
}

describe('hardening: the chat page\'s Content Security Policy', function () {
  this.timeout(120_000);
  const { open, server } = useChatPage({ pagePerTest: false });

  it('the real HTML: one policy, first in <head>; default-src \'none\'; scripts only by a fresh 256-bit nonce or from the extension\'s files; nothing unsafe anywhere', () => {
    const nonces = Array.from({ length: 200 }, createNonce);
    strictEqual(new Set(nonces).size, nonces.length, 'a nonce repeated');
    ok(nonces.every((nonce) => /^[A-Za-z0-9_-]{43}$/.test(nonce)), 'a nonce is not 43 characters of base64url');
    const nonce = nonces[0]!;
    const cspSource = 'https://file+.vscode-resource.vscode-cdn.net';
    const html = renderChatHtml({ cspSource, nonce, scriptUri: `${cspSource}/dist/webview.js`, styleUri: `${cspSource}/dist/webview.css`, codiconsUri: `${cspSource}/dist/codicons/codicon.css`, preloads: { modules: [], fonts: [] }, lang: 'en' });
    const policies = metaPolicy(html);
    strictEqual(policies.length, 1);
    const head = html.slice(html.indexOf('<head>'), html.indexOf('</head>'));
    ok(head.indexOf('Content-Security-Policy') < Math.min(head.indexOf('<link'), head.indexOf('<script') === -1 ? Infinity : head.indexOf('<script')), 'the policy comes after a resource');
    const directives = parsePolicy(policies[0]!);
    deepStrictEqual(directives.get('default-src'), ["'none'"]);
    // These two do not fall back to default-src, so they must be set themselves.
    deepStrictEqual([directives.get('base-uri'), directives.get('form-action')], [["'none'"], ["'none'"]]);
    deepStrictEqual(scriptSources(directives), [[`'nonce-${nonce}'`, cspSource], [`'nonce-${nonce}'`, cspSource]]);
    const unsafe = [...directives].filter(([, sources]) => sources.some((source) => /^'unsafe-|^'strict-dynamic'$|^\*$|^'wasm-unsafe-eval'$/i.test(source)));
    deepStrictEqual(unsafe, []);
    // Every script tag carries the nonce and loads a file: no inline script, no handler attribute.
    deepStrictEqual([...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((match) => [/\bnonce="([^"]+)"/.exec(match[0])?.[1], match[1]]), [[nonce, '']]);
    deepStrictEqual(html.match(/\son[a-z]+\s*=/gi), null);
  });

  it('Chromium reads the served page\'s policy the same way, and enforces it on markup that got past everything else', async () => {
    const chat = await open();
    await chat.snapshot(snapshot());
    const policy = await chat.page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    const scripts = [`'nonce-${server().lastNonce}'`, server().origin];
    deepStrictEqual(scriptSources(parsePolicy(policy ?? '')), [scripts, scripts]);
    const requestsBefore = chat.requests.length;
    const failed: string[] = [];
    chat.page.on('requestfailed', (request) => failed.push(`${request.url()} ${request.failure()?.errorText ?? ''}`));
    const attempts = await chat.page.evaluate(async () => {
      const record = window as unknown as Record<string, unknown>;
      const results: Record<string, string> = {};
      const inline = document.createElement('script');
      inline.textContent = 'window.__xss = "inline script"';
      document.body.append(inline);
      const guessed = document.createElement('script');
      guessed.setAttribute('nonce', 'Z3Vlc3NlZC1ub25jZS0xMjM0NTY3ODkw');
      guessed.textContent = 'window.__xss = "guessed nonce"';
      document.body.append(guessed);
      const holder = document.createElement('div');
      holder.innerHTML = '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onload="window.__xss=\'handler\'"><img src="http://evil.example/csp.png">';
      document.body.append(holder);
      // Code the test evaluates is exempt from the page's policy; a timer's callback runs as the page's own.
      await new Promise<void>((resolve) =>
        setTimeout(() => {
          try {
            (0, eval)('window.__xss = "eval"');
            results.eval = 'ran';
          } catch (error) {
            results.eval = (error as Error).name;
          }
          try {
            // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the point: the policy must refuse it
            (new Function('window.__xss = "Function"') as () => void)();
            results.Function = 'ran';
          } catch (error) {
            results.Function = (error as Error).name;
          }
          resolve();
        }, 0),
      );
      // A string timer is eval by another name.
      setTimeout('window.__xss = "string timer"' as unknown as () => void, 0);
      await new Promise((resolve) => setTimeout(resolve, 300));
      results.canary = String(record.__xss);
      return results;
    });
    deepStrictEqual(attempts, { eval: 'EvalError', Function: 'EvalError', canary: 'undefined' });
    // Chromium announces the remote image's request, then refuses to send it.
    deepStrictEqual(chat.requests.slice(requestsBefore), ['http://evil.example/csp.png']);
    deepStrictEqual(failed, ['http://evil.example/csp.png csp']);
    const reported = new Set((await chat.violations()).map((violation) => `${violation.directive} ${violation.blockedUri}`));
    // Both scripts, the handler, eval and Function and the timer (reported as eval), the remote image.
    for (const expected of ['script-src-elem inline', 'script-src-attr inline', 'script-src eval', 'img-src http://evil.example/csp.png']) {
      ok(reported.has(expected), `no CSP report '${expected}' among ${JSON.stringify([...reported])}`);
    }
  });
});
