/**
 * A text's lines with their offsets, for the apply rules that compare lines and then edit by
 * offset. Offsets count UTF-16 code units, as JavaScript strings and VS Code's
 * `TextDocument.offsetAt`/`positionAt` do; a line's `end` stops before its `\n` or `\r\n`.
 */

export interface LineSpan {
  start: number;
  end: number;
  text: string;
}

export function lineSpans(text: string): LineSpan[] {
  const spans: LineSpan[] = [];
  const breaks = /\r?\n/g;
  let start = 0;
  for (let match = breaks.exec(text); match !== null; match = breaks.exec(text)) {
    spans.push({ start, end: match.index, text: text.slice(start, match.index) });
    start = match.index + match[0].length;
  }
  spans.push({ start, end: text.length, text: text.slice(start) });
  return spans;
}

/** The lines that are not blank, trimmed: what the rules compare, so indentation and `\r` do not matter. */
export function nonBlankLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}
