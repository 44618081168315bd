/**
 * A body that is not the JSON expected — an HTML error page from a proxy, a web UI, plain text —
 * reduced to a line a person can read. The body comes from the server, so this must take time in
 * proportion to a bounded piece of it: only the first `examinedChars` are looked at, with one
 * forward scan (regexes like `<[^>]+>` backtrack quadratically over a page of `<<<<`).
 */

/** How much of a body is examined; a page's title and first words sit well within it. */
export const examinedChars = 64 * 1024;

/** What a readable excerpt keeps. */
const excerptChars = 300;

const htmlStart = /^<(!doctype|html|head|body)/i;

/** An HTML error page reduced to its title and some text; other text cut to a readable length. */
export function readableText(text: string, contentType: string | undefined): string {
  if (text.length === 0) {
    return '(empty body)';
  }
  const examined = text.length > examinedChars ? text.slice(0, examinedChars) : text;
  const looksHtml = (contentType ?? '').includes('html') || htmlStart.test(examined);
  if (!looksHtml) {
    return excerpt(examined);
  }
  const lower = examined.toLowerCase();
  const title = titleOf(examined, lower);
  const body = visibleText(examined, lower).split('&nbsp;').join(' ').replace(/\s+/g, ' ').trim();
  const summary = title !== undefined && title.length > 0 ? `${title}${body.startsWith(title) ? '' : ` — ${body}`}` : body;
  return `an HTML page: ${excerpt(summary)}`;
}

/** The text cut to a readable length. */
export function excerpt(text: string, limit = excerptChars): string {
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}

/** The first `<title …>…</title>`'s text, trimmed; undefined without a closed one. */
function titleOf(page: string, lower: string): string | undefined {
  const open = lower.indexOf('<title');
  if (open === -1) {
    return undefined;
  }
  const openEnd = lower.indexOf('>', open);
  const close = openEnd === -1 ? -1 : lower.indexOf('</title>', openEnd);
  return close === -1 ? undefined : page.slice(openEnd + 1, close).trim();
}

/**
 * The page without its tags, and without script and style elements (their content is code, not
 * words), each removed piece leaving a space. A `<` with no `>` after it is text. Every search
 * starts where the previous one ended, and a search that found nothing is not repeated, so the
 * scan is linear in the page.
 */
function visibleText(page: string, lower: string): string {
  const pieces: string[] = [];
  let textStart = 0;
  let position = 0;
  const unclosed = new Set<string>();
  for (;;) {
    const open = page.indexOf('<', position);
    if (open === -1) {
      break;
    }
    // `<>` is no tag: a tag holds at least one character before its `>`.
    if (page.charCodeAt(open + 1) === 62) {
      position = open + 1;
      continue;
    }
    const close = page.indexOf('>', open + 1);
    if (close === -1) {
      // No `>` anywhere after: the rest is text.
      break;
    }
    pieces.push(page.slice(textStart, open), ' ');
    let end = close + 1;
    const element = rawTextElement(lower, open);
    if (element !== undefined && !unclosed.has(element)) {
      const closing = lower.indexOf(`</${element}>`, end);
      if (closing === -1) {
        unclosed.add(element);
      } else {
        end = closing + element.length + 3;
      }
    }
    textStart = end;
    position = end;
  }
  pieces.push(page.slice(textStart));
  return pieces.join('');
}

/** `script` or `style` when the tag at `open` opens one of them. */
function rawTextElement(lower: string, open: number): 'script' | 'style' | undefined {
  for (const name of ['script', 'style'] as const) {
    if (lower.startsWith(name, open + 1)) {
      const next = lower.charCodeAt(open + 1 + name.length);
      // `>`, whitespace or `/` ends the name: `<scripts>` is another element.
      if (next === 62 || next === 47 || next === 32 || next === 9 || next === 10 || next === 13 || next === 12) {
        return name;
      }
    }
  }
  return undefined;
}
