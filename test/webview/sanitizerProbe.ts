/**
 * A test page script (bundled by the XSS test, not shipped): the webview's own sanitizer, given
 * raw HTML directly, without markdown-it escaping it first, so the sanitizer alone is proven.
 * Sanitizing and showing are separate steps: Chromium reports a CSP violation for a handler or
 * style attribute as soon as any parser (even an inert one, as the sanitizer's) reads it, so the
 * test tells those reports apart from any the shown result would cause.
 */

import { sanitizeHtml } from '../../webview/markdown';

const root = document.getElementById('app')!;
const sanitized: DocumentFragment[] = [];

Object.assign(window, {
  __sanitize: (html: string) => {
    sanitized.push(sanitizeHtml(html));
  },
  __showSanitized: () => {
    for (const fragment of sanitized.splice(0)) {
      const container = document.createElement('div');
      container.className = 'markdown';
      container.append(fragment);
      root.append(container);
    }
  },
});
document.body.dataset.ready = 'true';
