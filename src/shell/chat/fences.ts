/**
 * Markdown code fences that the fenced text cannot close: one backtick longer than the longest
 * run of backticks inside it (CommonMark closes a fence only with at least as many).
 */

function fenceFor(text: string): string {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) {
    longest = Math.max(longest, run.length);
  }
  return '`'.repeat(Math.max(3, longest + 1));
}

/** `text` as a fenced code block; the info string is only a language id, so it cannot inject anything. */
export function fenced(text: string, languageId?: string): string {
  const fence = fenceFor(text);
  const info = languageId !== undefined && /^[A-Za-z0-9_.+#-]{1,64}$/.test(languageId) ? languageId : '';
  const body = text.endsWith('\n') ? text : `${text}\n`;
  return `${fence}${info}\n${body}${fence}`;
}

/**
 * `markdown` with a fence that it leaves open closed at its end: a stopped answer often ends
 * inside a code block, and pasted into a larger document that block would swallow the rest.
 */
export function closeOpenFence(markdown: string): string {
  let open: { marker: string; length: number } | undefined;
  for (const line of markdown.split(/\r?\n/)) {
    const match = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (match === null) {
      continue;
    }
    const run = match[1] as string;
    const rest = match[2] as string;
    const marker = run.charAt(0);
    if (open === undefined) {
      // A backtick fence's info string cannot contain backticks (CommonMark); such a line is inline code.
      if (marker === '~' || !rest.includes('`')) {
        open = { marker, length: run.length };
      }
    } else if (marker === open.marker && run.length >= open.length && rest.trim().length === 0) {
      open = undefined;
    }
  }
  if (open === undefined) {
    return markdown;
  }
  return `${markdown}${markdown.endsWith('\n') ? '' : '\n'}${open.marker.repeat(open.length)}`;
}
