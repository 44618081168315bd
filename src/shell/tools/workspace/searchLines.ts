/**
 * The lines of one text that match an expression, each with its 1-based number and its text cut
 * to a readable length around the match. Synchronous on purpose: it runs under the time guard.
 */

/** Characters of a line shown, at most. */
export const lineTextCap = 200;

/** Characters kept before the match when a long line is cut. */
const leadIn = 60;

export interface LineMatch {
  line: number;
  text: string;
}

function excerpt(line: string, index: number): string {
  const trimmed = line.trimStart();
  if (trimmed.length <= lineTextCap) {
    return trimmed.trimEnd();
  }
  const at = index - (line.length - trimmed.length);
  const start = at + 1 > lineTextCap - leadIn ? Math.max(0, at - leadIn) : 0;
  const end = start + lineTextCap;
  return `${start > 0 ? '…' : ''}${trimmed.slice(start, end)}${end < trimmed.length ? '…' : ''}`;
}

/** At most `cap` matching lines of `text`, in order. `expression` must not be global or sticky. */
export function searchLines(text: string, expression: RegExp, cap: number): LineMatch[] {
  const found: LineMatch[] = [];
  let start = 0;
  let number = 1;
  while (text !== '' && found.length < cap) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(start, end - 1) : text.slice(start, end);
    const match = expression.exec(line);
    if (match !== null) {
      found.push({ line: number, text: excerpt(line, match.index) });
    }
    if (newline === -1 || newline === text.length - 1) {
      break;
    }
    start = newline + 1;
    number += 1;
  }
  return found;
}
