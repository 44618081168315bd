/**
 * Fills in the code a block left out (`elisionMarkers.ts`) from the target file, so that Apply
 * never writes a marker into the file nor deletes what it stood for.
 *
 * The block's runs of lines between markers (segments) are found in the file in order, each by
 * its first and last non-blank lines (trimmed, the nearest last line after the first — as
 * `fragmentPlacement` finds a fragment's region). A marker between two segments stands for the
 * file's lines between them; a leading marker for the region's lines before the first segment, a
 * trailing one for those after the last. The region is the whole file unless the caller narrows
 * it (to the question's selection, say). Lines inside a segment may be the model's changes, but
 * its first and last lines must be the file's: they are all that says which lines a marker stands
 * for, so a segment that is not found — or only before the segment shown above it — is refused,
 * naming its first line (the plan says the refusal in the user's words).
 *
 * The result is the range of the file the block covers (UTF-16 offsets, as `placeFragment`'s)
 * and its text with the markers filled, in the file's line endings; a block with a leading and a
 * trailing marker covers the whole region.
 */

import { elisionFlags } from './elisionMarkers';
import { indentOf, matchingRegions, reindented, type Region } from './fragmentPlacement';
import { lineSpans, type LineSpan } from './textLines';

export interface ElisionInput {
  /** The target's current text. */
  fileText: string;
  code: string;
  /** The part of the file the block is for, in offsets (widened to whole lines); the whole file when absent. */
  region?: { start: number; end: number };
}

export type ElisionExpansion =
  | { ok: true; start: number; end: number; text: string; filledMarkers: number }
  /** Refused: `line` is the first line of the segment the file lacks (the marker when nothing is shown), `marker` the block's first marker, both trimmed; the plan says why in words. */
  | { ok: false; reason: ElisionRefusal; line: string; marker: string };

/** The segment is not in the file; it is only before the segment above it; the block is markers only. */
export type ElisionRefusal = 'notFound' | 'outOfOrder' | 'nothingShown';

interface Segment {
  /** The segment's lines as written, without blank lines at its ends. */
  lines: string[];
  first: string;
  last: string;
  nonBlank: number;
}

interface ElidedBlock {
  segments: Segment[];
  leading: boolean;
  trailing: boolean;
  /** The first marker as written, to quote in a refusal. */
  marker: string;
}

function segmentOf(lines: readonly string[]): Segment | undefined {
  const shown = lines.filter((line) => line.trim() !== '');
  const first = shown[0];
  const last = shown[shown.length - 1];
  if (first === undefined || last === undefined) {
    return undefined;
  }
  return { lines: lines.slice(lines.indexOf(first), lines.lastIndexOf(last) + 1), first, last, nonBlank: shown.length };
}

/** The block as segments between markers; markers next to each other (or with only blank lines between) count once. */
function elidedBlock(code: string): ElidedBlock {
  const lines = code.split(/\r?\n/);
  const flags = elisionFlags(lines);
  const segments: Segment[] = [];
  let leading = false;
  let trailing = false;
  let run: string[] = [];
  const closeRun = (): void => {
    const segment = segmentOf(run);
    run = [];
    if (segment !== undefined) {
      segments.push(segment);
    }
  };
  lines.forEach((line, index) => {
    if (!flags[index]) {
      run.push(line);
      return;
    }
    closeRun();
    leading ||= segments.length === 0;
    trailing = true;
  });
  if (segmentOf(run) !== undefined) {
    trailing = false;
  }
  closeRun();
  const marker = (lines[flags.indexOf(true)] ?? '').trim();
  return { segments, leading, trailing, marker };
}

type Anchoring = { regions: Region[] } | { failed: number; outOfOrder: boolean };

/**
 * Each segment's region, in order. The first segment may match in several places; each is tried,
 * the later segments taking the first match after the one before, so an early chance match of the
 * first segment's lines does not hide the right one further on.
 */
function anchorSegments(spans: readonly LineSpan[], from: number, segments: readonly Segment[]): Anchoring {
  const candidates = segments.map((segment) =>
    matchingRegions(spans, segment.nonBlank, segment.first.trim(), segment.last.trim(), indentOf(segment.last).length - indentOf(segment.first).length).map((region) => ({
      ...region,
      first: region.first + from,
      last: region.last + from,
    })),
  );
  const missing = candidates.findIndex((regions) => regions.length === 0);
  if (missing !== -1) {
    return { failed: missing, outOfOrder: false };
  }
  let furthest = 0;
  for (const start of candidates[0] ?? []) {
    const chosen: Region[] = [start];
    for (const regions of candidates.slice(1)) {
      const previous = chosen[chosen.length - 1] as Region;
      const next = regions.find((region) => region.first > previous.last);
      if (next === undefined) {
        break;
      }
      chosen.push(next);
    }
    if (chosen.length === segments.length) {
      return { regions: chosen };
    }
    furthest = Math.max(furthest, chosen.length);
  }
  return { failed: furthest, outOfOrder: true };
}

function refusal(block: ElidedBlock, failed: number, outOfOrder: boolean): ElisionExpansion {
  const line = (block.segments[failed] as Segment).first;
  return { ok: false, reason: outOfOrder ? 'outOfOrder' : 'notFound', line: line.trim(), marker: block.marker };
}

/** The line holding `offset` (an offset at a line's end belongs to that line). */
function lineAt(spans: readonly LineSpan[], offset: number): number {
  const index = spans.findIndex((span) => offset <= span.end);
  return index === -1 ? spans.length - 1 : index;
}

/** The block with each marker replaced by the file's lines it stands for, and the range it covers. */
export function expandElisions(input: ElisionInput): ElisionExpansion {
  const { fileText } = input;
  const block = elidedBlock(input.code);
  if (block.segments.length === 0) {
    return { ok: false, reason: 'nothingShown', line: block.marker, marker: block.marker };
  }
  const spans = lineSpans(fileText);
  const regionStart = input.region === undefined ? 0 : lineAt(spans, input.region.start);
  const regionEnd = input.region === undefined ? spans.length - 1 : lineAt(spans, Math.max(input.region.start, input.region.end - 1));
  const anchoring = anchorSegments(spans.slice(regionStart, regionEnd + 1), regionStart, block.segments);
  if (!('regions' in anchoring)) {
    return refusal(block, anchoring.failed, anchoring.outOfOrder);
  }
  const { regions } = anchoring;
  const eol = /\r\n/.test(fileText) ? '\r\n' : '\n';
  const startOf = (line: number): number => (spans[line] as LineSpan).start;
  const endOf = (line: number): number => (spans[line] as LineSpan).end;
  const start = block.leading ? startOf(regionStart) : startOf((regions[0] as Region).first);
  const end = block.trailing ? endOf(regionEnd) : endOf((regions[regions.length - 1] as Region).last);
  const pieces: string[] = [];
  block.segments.forEach((segment, index) => {
    const region = regions[index] as Region;
    // What a marker stands for: the file's text from the segment before it to this one, line breaks included.
    const before = index === 0 ? (block.leading ? startOf(regionStart) : startOf(region.first)) : endOf((regions[index - 1] as Region).last);
    pieces.push(fileText.slice(before, startOf(region.first)));
    pieces.push(reindented(segment.lines.join(eol), indentOf(segment.first), indentOf((spans[region.first] as LineSpan).text), eol));
  });
  pieces.push(fileText.slice(endOf((regions[regions.length - 1] as Region).last), end));
  const filledMarkers = block.segments.length - 1 + (block.leading ? 1 : 0) + (block.trailing ? 1 : 0);
  return { ok: true, start, end, text: pieces.join(''), filledMarkers };
}
