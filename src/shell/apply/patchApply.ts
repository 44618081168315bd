/**
 * Applies one file's hunks (from `parseUnifiedDiff`) to a text, the way GNU `patch --fuzz=2`
 * does: each hunk is tried at its stated line (moved by how far earlier hunks landed from theirs),
 * then at the nearest offset after or before it, then with one and two context lines dropped at
 * each end; a hunk never lands before the end of the previous one. Past what `patch` does, a last
 * pass compares lines with trailing whitespace ignored (models drop or add it), and a hunk with no
 * line numbers is searched for from the end of the previous hunk. The text keeps its line ending
 * (CRLF or LF) and its final newline unless a hunk reaching the end says otherwise.
 */

import type { FilePatch, Hunk, HunkLine } from './unifiedDiff';

export interface HunkPlacement {
  /** 1-based, in the file's patch. */
  readonly index: number;
  readonly header: string;
  /** 1-based line of the original text where the hunk's old lines (fuzz-dropped ones included) begin. */
  readonly line: number;
  /** Lines away from where its header put it, as `patch` reports it; 0 for a hunk with no numbers. */
  readonly offset: number;
  /** Context lines dropped at each end to make it match (0, 1 or 2). */
  readonly fuzz: number;
  /** It matched only with trailing whitespace ignored. */
  readonly ignoredTrailingWhitespace: boolean;
}

export interface PatchedText {
  readonly text: string;
  readonly hunks: readonly HunkPlacement[];
}

/** A hunk the text does not hold. Its message is English, for logs and tests; Apply says it in the user's language from the fields (`hunkMessage`). */
export class HunkDoesNotApplyError extends Error {
  constructor(
    readonly hunkIndex: number,
    readonly hunkCount: number,
    readonly header: string,
    /** The first of the hunk's old lines that could not be matched. */
    readonly unmatchedLine: string,
    /** More of the hunk's old lines follow the unmatched one. */
    readonly moreLinesFollow: boolean,
  ) {
    super(`Hunk ${hunkIndex} of ${hunkCount} (${header}) does not apply: its lines '${unmatchedLine.trim()}'${moreLinesFollow ? ' …' : ''} were not found.`);
    this.name = 'HunkDoesNotApplyError';
  }
}

const maxFuzz = 2;

interface SplitText {
  readonly lines: readonly string[];
  readonly eol: '\n' | '\r\n';
  readonly finalNewline: boolean;
}

interface Match {
  /** 0-based index where the hunk's full old side would begin. */
  readonly position: number;
  readonly prefixFuzz: number;
  readonly suffixFuzz: number;
  readonly fuzz: number;
  readonly ignoredTrailingWhitespace: boolean;
}

/** Applies `patch`'s hunks in order to `original` (absent or '' for a new file). */
export function applyFilePatch(original: string | undefined, patch: FilePatch): PatchedText {
  const source = splitText(original ?? '');
  const output: string[] = [];
  const placements: HunkPlacement[] = [];
  let finalNewline = source.finalNewline || source.lines.length === 0;
  let cursor = 0;
  let runningOffset = 0;
  patch.hunks.forEach((hunk, hunkIndex) => {
    const old = oldSide(hunk.lines);
    const stated = statedPosition(hunk, old.length);
    const expected = stated === undefined ? cursor : stated + runningOffset;
    const match = locate(hunk, source.lines, cursor, expected);
    if (match === undefined) {
      const unmatched = firstUnmatchedLine(old, source.lines, cursor);
      throw new HunkDoesNotApplyError(hunkIndex + 1, patch.hunks.length, hunk.header, old[unmatched] ?? '', unmatched < old.length - 1);
    }
    const kept = hunk.lines.slice(match.prefixFuzz, hunk.lines.length - match.suffixFuzz);
    let at = match.position + match.prefixFuzz;
    output.push(...source.lines.slice(cursor, at));
    for (const line of kept) {
      if (line.kind === 'add') {
        output.push(line.text);
      } else {
        // Context comes from the file, as `patch` does: its whitespace survives a loose match.
        if (line.kind === 'context') {
          output.push(source.lines[at] ?? line.text);
        }
        at += 1;
      }
    }
    if (at === source.lines.length && match.suffixFuzz === 0) {
      finalNewline = hunk.newEndsWithoutNewline ? false : hunk.oldEndsWithoutNewline || finalNewline;
    }
    cursor = at;
    runningOffset = stated === undefined ? runningOffset : match.position - stated;
    placements.push({
      index: hunkIndex + 1,
      header: hunk.header,
      line: match.position + 1,
      offset: stated === undefined ? 0 : match.position - stated,
      fuzz: match.fuzz,
      ignoredTrailingWhitespace: match.ignoredTrailingWhitespace,
    });
  });
  output.push(...source.lines.slice(cursor));
  return { text: joinText(output, source.eol, finalNewline && output.length > 0), hunks: placements };
}

function oldSide(lines: readonly HunkLine[]): string[] {
  return lines.filter((line) => line.kind !== 'add').map((line) => line.text);
}

/** 0-based index the header names; a hunk removing nothing (`-5,0`) goes after its line, as in `patch`. */
function statedPosition(hunk: Hunk, oldLength: number): number | undefined {
  if (hunk.oldStart === undefined) {
    return undefined;
  }
  return Math.max(0, oldLength === 0 ? hunk.oldStart : hunk.oldStart - 1);
}

function locate(hunk: Hunk, lines: readonly string[], cursor: number, expected: number): Match | undefined {
  const old = oldSide(hunk.lines);
  const prefixContext = leadingContext(hunk.lines);
  const suffixContext = leadingContext([...hunk.lines].reverse());
  const context = Math.max(prefixContext, suffixContext);
  for (const ignoredTrailingWhitespace of [false, true]) {
    const same = ignoredTrailingWhitespace ? (a: string, b: string) => a.trimEnd() === b.trimEnd() : (a: string, b: string) => a === b;
    for (let fuzz = 0; fuzz <= Math.min(maxFuzz, context); fuzz += 1) {
      const found = locateWithFuzz(hunk, old, lines, cursor, expected, fuzz, prefixContext, suffixContext, same);
      if (found !== undefined) {
        return { ...found, fuzz, ignoredTrailingWhitespace };
      }
    }
  }
  return undefined;
}

type SameLine = (a: string, b: string) => boolean;

/**
 * One fuzz level. A numbered hunk with less context at one end than the other was cut short by
 * the file's start or end, so `patch` anchors it there until fuzz covers the difference.
 */
function locateWithFuzz(
  hunk: Hunk,
  old: readonly string[],
  lines: readonly string[],
  cursor: number,
  expected: number,
  fuzz: number,
  prefixContext: number,
  suffixContext: number,
  same: SameLine,
): Pick<Match, 'position' | 'prefixFuzz' | 'suffixFuzz'> | undefined {
  const context = Math.max(prefixContext, suffixContext);
  const numbered = hunk.oldStart !== undefined;
  let prefixFuzz = numbered ? fuzz + prefixContext - context : Math.min(fuzz, prefixContext);
  let suffixFuzz = numbered ? fuzz + suffixContext - context : Math.min(fuzz, suffixContext);
  const fits = (position: number, prefix: number, suffix: number): boolean =>
    position + prefix >= cursor && position + old.length - suffix <= lines.length && matchesAt(old, lines, position, prefix, suffix, same);
  if (prefixFuzz < 0 && (hunk.oldStart ?? 0) <= 1) {
    const wholeFile = suffixFuzz < 0;
    if (wholeFile && old.length !== lines.length) {
      return undefined;
    }
    return fits(0, 0, Math.max(0, suffixFuzz)) ? { position: 0, prefixFuzz: 0, suffixFuzz: Math.max(0, suffixFuzz) } : undefined;
  }
  prefixFuzz = Math.max(0, prefixFuzz);
  if (suffixFuzz < 0) {
    const position = lines.length - old.length;
    return fits(position, prefixFuzz, 0) ? { position, prefixFuzz, suffixFuzz: 0 } : undefined;
  }
  suffixFuzz = Math.max(0, suffixFuzz);
  const lowest = cursor - prefixFuzz;
  const highest = lines.length - old.length + suffixFuzz;
  for (let distance = 0; expected + distance <= highest || expected - distance >= lowest; distance += 1) {
    for (const position of distance === 0 ? [expected] : [expected + distance, expected - distance]) {
      if (position >= lowest && position <= highest && fits(position, prefixFuzz, suffixFuzz)) {
        return { position, prefixFuzz, suffixFuzz };
      }
    }
  }
  return undefined;
}

function leadingContext(lines: readonly HunkLine[]): number {
  const firstChange = lines.findIndex((line) => line.kind !== 'context');
  return firstChange === -1 ? lines.length : firstChange;
}

function matchesAt(old: readonly string[], lines: readonly string[], position: number, prefix: number, suffix: number, same: SameLine): boolean {
  for (let index = prefix; index < old.length - suffix; index += 1) {
    if (!same(old[index] ?? '', lines[position + index] ?? '')) {
      return false;
    }
  }
  return true;
}

/** Index in `old` of the first line not matched where the longest run of the hunk's lines does match. */
function firstUnmatchedLine(old: readonly string[], lines: readonly string[], cursor: number): number {
  let longest = 0;
  for (let position = cursor; position < lines.length; position += 1) {
    let run = 0;
    while (run < old.length && position + run < lines.length && old[run]?.trimEnd() === lines[position + run]?.trimEnd()) {
      run += 1;
    }
    longest = Math.max(longest, run);
  }
  return Math.min(longest, Math.max(0, old.length - 1));
}

function splitText(text: string): SplitText {
  const firstBreak = text.indexOf('\n');
  const eol = firstBreak > 0 && text[firstBreak - 1] === '\r' ? '\r\n' : '\n';
  if (text === '') {
    return { lines: [], eol, finalNewline: false };
  }
  const lines = text.split(/\r?\n/);
  const finalNewline = lines[lines.length - 1] === '';
  if (finalNewline) {
    lines.pop();
  }
  return { lines, eol, finalNewline };
}

function joinText(lines: readonly string[], eol: string, finalNewline: boolean): string {
  return lines.join(eol) + (finalNewline ? eol : '');
}
