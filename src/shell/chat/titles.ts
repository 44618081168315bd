/**
 * A conversation's title is its first question, shortened to a line that fits the history list.
 */

/** Characters of an automatic title before it is cut (at a word boundary) and marked with an ellipsis. */
const titleLength = 60;

/** The first non-blank line of `text`, without Markdown heading or quote marks, at most `titleLength` characters. */
export function titleFromText(text: string): string {
  const line = text
    .split(/\r?\n/)
    .map((candidate) => candidate.replace(/^\s*(?:#{1,6}\s+|>\s*)+/, '').replace(/\s+/g, ' ').trim())
    .find((candidate) => candidate.length > 0);
  if (line === undefined) {
    return '';
  }
  if (line.length <= titleLength) {
    return line;
  }
  const cut = line.slice(0, titleLength - 1);
  const space = cut.lastIndexOf(' ');
  // Cut at a word boundary unless that would throw away most of the line (one long word).
  return `${(space >= titleLength / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
