/**
 * Where a fragment of code goes in its target file, in order:
 * 1. the selection the question was about, when the text there is unchanged (or, if it moved,
 *    where that exact text now is, when it is there once);
 * 2. the region whose first and last lines are the fragment's first and last non-blank lines
 *    (trimmed): the model repeats the lines around its change, so those lines say what it replaces;
 * 3. the cursor (an insertion), else the end of the file.
 *
 * The result is a range of UTF-16 offsets in the original text (what `TextDocument.positionAt`
 * takes) and the text that replaces it, already in the file's line endings; `withPlacement` gives
 * the new file text for the diff view.
 */

import { lineSpans, nonBlankLines, type LineSpan } from './textLines';

export interface FragmentPlacementInput {
  /** The target's current text (the editor's, when it has unsaved changes). */
  fileText: string;
  fragment: string;
  /** The range the question was about, in offsets of the text it was asked on, and the text it held. */
  selection?: { start: number; end: number; text: string };
  /** The cursor's offset when the target is the active editor. */
  cursor?: number;
}

export type PlacementReason = 'selection' | 'selectionMoved' | 'context' | 'contextNearestCursor' | 'cursor' | 'endOfFile';

export interface FragmentPlacement {
  start: number;
  end: number;
  /** What replaces `start`..`end`, in the file's line endings. */
  text: string;
  reason: PlacementReason;
  /** For a context match: how many regions matched (more than one means it was chosen by the cursor or by order). */
  matches?: number;
}

/** Lines `first`..`last` (indexes into the file's `lineSpans`) that a fragment's first and last lines match. */
export interface Region {
  first: number;
  last: number;
  indentMatches: boolean;
}

export function placeFragment(input: FragmentPlacementInput): FragmentPlacement {
  const { fileText } = input;
  const eol = /\r\n/.test(fileText) ? '\r\n' : '\n';
  const fragment = input.fragment.replace(/\r?\n/g, eol);
  const selected = selectionPlacement(input, fragment, eol);
  if (selected !== undefined) {
    return selected;
  }
  const context = contextPlacement(input, fragment, eol);
  if (context !== undefined) {
    return context;
  }
  if (input.cursor !== undefined && input.cursor >= 0 && input.cursor <= fileText.length) {
    return { start: input.cursor, end: input.cursor, text: fragment, reason: 'cursor' };
  }
  const separator = fileText === '' || fileText.endsWith('\n') ? '' : eol;
  return { start: fileText.length, end: fileText.length, text: separator + fragment, reason: 'endOfFile' };
}

/** The file's text with the placement applied. */
export function withPlacement(fileText: string, placement: FragmentPlacement): string {
  return fileText.slice(0, placement.start) + placement.text + fileText.slice(placement.end);
}

function selectionPlacement(input: FragmentPlacementInput, fragment: string, eol: string): FragmentPlacement | undefined {
  const { selection, fileText } = input;
  if (selection === undefined || selection.text === '') {
    return undefined;
  }
  const wanted = selection.text.replace(/\r?\n/g, eol);
  // A selection of whole lines ends with a line break; the block usually does not (and vice versa).
  const text = wanted.endsWith(eol) && !fragment.endsWith(eol) ? fragment + eol : !wanted.endsWith(eol) && fragment.endsWith(eol) ? fragment.slice(0, -eol.length) : fragment;
  if (fileText.slice(selection.start, selection.end) === wanted) {
    return { start: selection.start, end: selection.end, text, reason: 'selection' };
  }
  const at = fileText.indexOf(wanted);
  if (at !== -1 && fileText.indexOf(wanted, at + 1) === -1) {
    return { start: at, end: at + wanted.length, text, reason: 'selectionMoved' };
  }
  return undefined;
}

function contextPlacement(input: FragmentPlacementInput, fragment: string, eol: string): FragmentPlacement | undefined {
  const anchors = nonBlankLines(fragment);
  const firstAnchor = anchors[0];
  const lastAnchor = anchors[anchors.length - 1];
  if (firstAnchor === undefined || lastAnchor === undefined) {
    return undefined;
  }
  const fragmentLines = fragment.split(eol);
  const firstRaw = fragmentLines.find((line) => line.trim() !== '') as string;
  const lastRaw = [...fragmentLines].reverse().find((line) => line.trim() !== '') as string;
  const spans = lineSpans(input.fileText);
  const regions = matchingRegions(spans, anchors.length, firstAnchor, lastAnchor, indentOf(lastRaw).length - indentOf(firstRaw).length);
  // Regions whose last line sits where the fragment's does, relative to the first, are the
  // better matches: `function f() {` … `}` should end at f's own brace, not an inner block's.
  const aligned = regions.filter((region) => region.indentMatches);
  const candidates = aligned.length > 0 ? aligned : regions;
  const chosen = nearest(candidates, spans, input.cursor);
  if (chosen === undefined) {
    return undefined;
  }
  const firstSpan = spans[chosen.first] as LineSpan;
  const lastSpan = spans[chosen.last] as LineSpan;
  const body = fragment.replace(/^(?:[ \t]*\r?\n)+/, '').replace(/(?:\r?\n[ \t]*)+$/, '');
  return {
    start: firstSpan.start,
    end: lastSpan.end,
    text: reindented(body, indentOf(firstRaw), indentOf(firstSpan.text), eol),
    reason: candidates.length > 1 && input.cursor !== undefined ? 'contextNearestCursor' : 'context',
    matches: candidates.length,
  };
}

/**
 * For each line equal to the first anchor, the nearest following line equal to the last one (the
 * smallest region starting there), preferring one with the fragment's relative indentation. A
 * region far longer than the fragment (over twice its lines and 20 more) is a chance match of
 * common lines such as `}` and is left out: replacing it would delete code the model never showed.
 */
export function matchingRegions(spans: readonly LineSpan[], anchorCount: number, firstAnchor: string, lastAnchor: string, indentShift: number): Region[] {
  const longest = Math.max(anchorCount * 2, anchorCount + 20);
  const regions: Region[] = [];
  spans.forEach((span, first) => {
    if (span.text.trim() !== firstAnchor) {
      return;
    }
    if (anchorCount === 1) {
      regions.push({ first, last: first, indentMatches: true });
      return;
    }
    let nearestEnd: Region | undefined;
    let lines = 1;
    for (let last = first + 1; last < spans.length && lines < longest; last += 1) {
      const text = (spans[last] as LineSpan).text;
      if (text.trim() !== '') {
        lines += 1;
      }
      if (text.trim() === lastAnchor) {
        const indentMatches = indentOf(text).length - indentOf(span.text).length === indentShift;
        nearestEnd ??= { first, last, indentMatches };
        if (indentMatches) {
          nearestEnd = { first, last, indentMatches };
          break;
        }
      }
    }
    if (nearestEnd !== undefined) {
      regions.push(nearestEnd);
    }
  });
  return regions;
}

/** The only region; with several, the one nearest the cursor, else the first. */
function nearest(regions: readonly Region[], spans: readonly LineSpan[], cursor: number | undefined): Region | undefined {
  if (regions.length <= 1 || cursor === undefined) {
    return regions[0];
  }
  const distance = (region: Region): number => {
    const start = (spans[region.first] as LineSpan).start;
    const end = (spans[region.last] as LineSpan).end;
    return cursor < start ? start - cursor : cursor > end ? cursor - end : 0;
  };
  return regions.reduce((best, region) => (distance(region) < distance(best) ? region : best));
}

export function indentOf(line: string): string {
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}

/**
 * Models often show a method without its class's indentation; when the fragment's indentation is
 * a prefix of the file's at the region, the missing part is added to each non-blank line.
 */
export function reindented(body: string, fragmentIndent: string, fileIndent: string, eol: string): string {
  if (fragmentIndent === fileIndent || !fileIndent.startsWith(fragmentIndent)) {
    return body;
  }
  const missing = fileIndent.slice(fragmentIndent.length);
  return body
    .split(eol)
    .map((line) => (line.trim() === '' ? line : missing + line))
    .join(eol);
}
