/**
 * A conversation's title is a line that fits the history list: its first question's first line,
 * or the title a model wrote for it, cleaned of what models add around a title.
 */

/** Characters of an automatic title before it is cut (at a word boundary) and marked with an ellipsis. */
const titleLength = 60;

/** The first non-blank line of `text`, without Markdown heading or quote marks, whitespace folded. */
function firstLine(text: string): string {
  return (
    text
      .split(/\r?\n/)
      .map((candidate) => candidate.replace(/^\s*(?:#{1,6}\s+|>\s*)+/, '').replace(/\s+/g, ' ').trim())
      .find((candidate) => candidate.length > 0) ?? ''
  );
}

/** A line cut to `titleLength` characters, at a word boundary, with an ellipsis. */
function shortened(line: string): string {
  if (line.length <= titleLength) {
    return line;
  }
  const cut = line.slice(0, titleLength - 1);
  const space = cut.lastIndexOf(' ');
  // Cut at a word boundary unless that would throw away most of the line (one long word).
  return `${(space >= titleLength / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** The first non-blank line of `text`, without Markdown heading or quote marks, at most `titleLength` characters. */
export function titleFromText(text: string): string {
  return shortened(firstLine(text));
}

/** Reasoning some models write into their answer's text (`<think>…</think>`), never part of a title. */
const thinkingBlock = /<(think|thinking|reasoning)>[\s\S]*?(?:<\/\1>|$)/gi;
/** A label before the title, in the languages models most often add one in. */
const label = /^(?:title|titre|título|titolo|titel|заголовок|标题|標題|タイトル)\s*[:：]\s*/i;
/** Quotes and Markdown a model wraps a title in: stripped in pairs, so `"C++" tips` keeps its quotes. */
const wrappers: readonly (readonly [string, string])[] = [
  ['__', '__'],
  ['*', '*'],
  ['_', '_'],
  ['`', '`'],
  ['"', '"'],
  ["'", "'"],
  ['“', '”'],
  ['„', '“'],
  ['‘', '’'],
  ['«', '»'],
  ['「', '」'],
  ['『', '』'],
];

/** One layer of decoration off a title line; the same line when there is none. */
function undecorated(line: string): string {
  // Bold marks never belong to a title, wherever they are (`**Title:** Foo`, `Title: **Foo**`); `__` may be code (`__init__`).
  let rest = line.replace(/\*\*/g, '').replace(/^(?:[-*•]\s+|\d+[.)]\s+)/, '').replace(label, '');
  for (const [open, close] of wrappers) {
    if (rest.length >= open.length + close.length && rest.startsWith(open) && rest.endsWith(close)) {
      rest = rest.slice(open.length, rest.length - close.length);
      break;
    }
  }
  // A title ends without a period (an ellipsis or a question mark stay: they say something).
  return (rest.endsWith('...') ? rest : rest.replace(/[.。:;,]+$/u, '')).trim();
}

/**
 * A title from what a model answered to "write a title": its first line without reasoning blocks,
 * list marks, a "Title:" label, wrapping quotes or Markdown, or a final period, cut like any
 * title. Empty when nothing is left.
 */
export function titleFromModel(output: string): string {
  let line = firstLine(output.replace(thinkingBlock, ''));
  for (let previous = ''; previous !== line; ) {
    previous = line;
    line = undecorated(line);
  }
  return shortened(line);
}
