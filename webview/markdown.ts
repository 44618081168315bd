/**
 * Markdown from a model (untrusted) to DOM nodes, safely: markdown-it without raw HTML, code
 * highlighted by highlight.js, and everything through DOMPurify with an allow-list. Links keep only
 * http(s), mailto and `#` targets (the view posts a click to the host, which opens it; nothing
 * navigates here); images survive only as inline `data:` pictures, so no request ever leaves the
 * page; `style` attributes never reach the DOM (the CSP forbids them and the sanitizer removes them
 * first, so the CSP never has to block anything).
 */

import DOMPurify, { type Config } from 'dompurify';
import MarkdownIt from 'markdown-it';
import { highlightCode } from './highlight';

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Marks a code block drawn plain while its grammar compiles; `highlightPending` upgrades it. */
const pendingClass = 'highlight-pending';

const markdown = new MarkdownIt({
  html: false,
  linkify: true,
  typographer: false,
  highlight: (code, info): string => {
    const language = info.trim().split(/\s+/)[0] ?? '';
    const highlighted = highlightCode(code, language);
    if (highlighted === 'unknown') {
      return '';
    }
    if (highlighted !== 'pending') {
      return highlighted.html;
    }
    // A known language (so its name is a registered one: letters, digits, `+#.-`), drawn plain for now.
    return `<pre><code class="language-${escapeHtml(language)} ${pendingClass}">${escapeHtml(code)}</code></pre>`;
  },
});

// Table alignment arrives as `style="text-align:…"`; a class carries it instead.
markdown.core.ruler.push('alignment_classes', (state) => {
  for (const token of state.tokens) {
    if (token.type !== 'th_open' && token.type !== 'td_open') {
      continue;
    }
    const style = token.attrGet('style');
    if (style !== null) {
      token.attrs = (token.attrs ?? []).filter(([name]) => name !== 'style');
      const alignment = /text-align:(left|center|right)/.exec(String(style))?.[1];
      if (alignment !== undefined) {
        token.attrSet('class', `align-${alignment}`);
      }
    }
  }
  return true;
});

// The page's one h1 is the chat's (its header); an answer's headings sit a level under it.
markdown.core.ruler.push('headings_under_the_chat', (state) => {
  for (const token of state.tokens) {
    if (token.type === 'heading_open' || token.type === 'heading_close') {
      token.tag = `h${Math.min(Number(token.tag.slice(1)) + 1, 6)}`;
    }
  }
  return true;
});

const purifier = DOMPurify(window);

const sanitizeConfig: Config & { RETURN_DOM_FRAGMENT: true } = {
  ALLOWED_TAGS: [
    'a', 'b', 'blockquote', 'br', 'code', 'del', 'em', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'kbd',
    'li', 'ol', 'p', 'pre', 's', 'span', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'th', 'thead', 'tr', 'ul',
  ],
  ALLOWED_ATTR: ['href', 'title', 'alt', 'src', 'class', 'start'],
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|#)/i,
  // Ids and names from content could shadow `document` properties (DOM clobbering).
  SANITIZE_DOM: true,
  SANITIZE_NAMED_PROPS: true,
  RETURN_DOM_FRAGMENT: true,
};

/** Class names the renderer itself produces: highlight.js scopes, fence languages, table alignment. */
const allowedClass = /^(?:hljs[\w-]*|[a-z]+_|language-[\w#+.-]{1,40}|align-(?:left|center|right)|highlight-pending)$/;

/** Pictures inline in the answer; anything else would be a request leaving the page. */
const inlineImage = /^data:image\/(?:png|jpeg|gif|webp);base64,[a-z0-9+/]+=*$/i;

// Set once: parsing the configuration on every call would cost more than sanitizing a small block.
purifier.setConfig(sanitizeConfig);

purifier.addHook('uponSanitizeAttribute', (_node, data) => {
  if (data.attrName === 'class') {
    data.attrValue = data.attrValue
      .split(/\s+/)
      .filter((name) => allowedClass.test(name))
      .join(' ');
    data.keepAttr = data.attrValue !== '';
  }
});

purifier.addHook('afterSanitizeAttributes', (node) => {
  if (node.nodeName === 'A') {
    node.setAttribute('rel', 'noopener noreferrer');
  }
});

/** Untrusted HTML as sanitized nodes: only the allowed tags, attributes and link targets survive. */
export function sanitizeHtml(html: string): DocumentFragment {
  // DOMPurify answers null when the HTML parses into no body at all (`<frameset>`): nothing to show.
  // With the configuration set above, sanitize answers a fragment (its typings assume a string).
  const fragment = (purifier.sanitize(html) as unknown as DocumentFragment | null) ?? document.createDocumentFragment();
  for (const image of Array.from(fragment.querySelectorAll('img'))) {
    const source = image.getAttribute('src') ?? '';
    if (!inlineImage.test(source)) {
      // A network picture becomes its alt text, so the words stay and no request is made.
      image.replaceWith(document.createTextNode(image.getAttribute('alt') ?? ''));
    }
  }
  return fragment;
}

/** Renders markdown as sanitized nodes, ready to be appended to the page. */
export function renderMarkdown(source: string): DocumentFragment {
  return sanitizeHtml(markdown.render(source));
}

/**
 * Highlights code blocks that were drawn plain while their grammar compiled, a few per call:
 * returns true when some are left (call again in a later task).
 */
export function highlightPending(root: ParentNode, budgetMs: number): boolean {
  const deadline = performance.now() + budgetMs;
  for (const code of Array.from(root.querySelectorAll<HTMLElement>(`code.${pendingClass}`))) {
    if (performance.now() > deadline) {
      return true;
    }
    const language = Array.from(code.classList).find((name) => name.startsWith('language-'))?.slice('language-'.length) ?? '';
    const highlighted = highlightCode(code.textContent ?? '', language);
    if (highlighted === 'pending') {
      continue;
    }
    code.classList.remove(pendingClass);
    if (highlighted !== 'unknown') {
      code.replaceChildren(sanitizeHtml(highlighted.html));
    }
  }
  return false;
}

/**
 * Renders a small sample once, so markdown-it, linkify and DOMPurify do their first-use work
 * (compiling their patterns) in a task of their own after the chat's first paint, not in the
 * frame that draws the first answer.
 */
export function warmUpMarkdown(): void {
  renderMarkdown('Warm **up** with `code`, a [link](https://example.com) and www.example.com:\n\n- one\n- two\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\n> quote\n');
}
