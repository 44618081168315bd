/**
 * The text history search looks in, and how it compares: a conversation's messages as one bounded
 * string, folded (lower case, accents removed) so "resume" finds "Résumé", and the one-line
 * excerpt shown under a result.
 */

import type { ChatMessageView } from '../../protocol/messages';

/**
 * Characters of a conversation's messages kept for search. Past it, every message keeps its
 * beginning (short questions whole, long answers cut to an equal share): the start of an answer
 * says what it is about, and the index of hundreds of conversations stays a few MB.
 */
export const searchableLength = 24_000;

/** Characters of the excerpt under a result, ellipses included. */
export const excerptLength = 120;

/** Characters of a message read before its whitespace is folded: never more than the budget could keep. */
const readLength = searchableLength * 2;

const accents = /\p{Mn}/gu;

/** Lower case without accents: NFD splits "é" into "e" and its mark, the mark goes, NFC joins what is left (Hangul). */
export function fold(text: string): string {
  return text.normalize('NFD').replace(accents, '').normalize('NFC').toLowerCase();
}

/** The words of a query, folded, each once; none for a blank query. */
export function queryWords(query: string): string[] {
  return [...new Set(fold(query).split(/\s+/).filter((word) => word.length > 0))];
}

/** A text and its folded form, with the way back from a folded position to the text's. */
export interface SearchableText {
  /** As shown: whitespace runs as one space, messages apart by a line break. */
  text: string;
  folded: string;
  /**
   * Where each character of `folded` starts in `text` (and, last, the text's length); absent when
   * folding kept the length, so positions are the same in both.
   */
  origins?: Uint32Array;
}

/**
 * `text` made searchable. Folding almost always keeps the length (one character for one); when it
 * does not (a mark without a composed form, a letter whose lower case is longer), the text is
 * folded a character at a time to know where each folded character came from.
 */
export function searchable(text: string): SearchableText {
  const folded = fold(text);
  if (folded.length === text.length) {
    return { text, folded };
  }
  const pieces: string[] = [];
  const origins: number[] = [];
  let position = 0;
  for (const character of text) {
    const piece = fold(character);
    pieces.push(piece);
    for (let index = 0; index < piece.length; index++) {
      origins.push(position);
    }
    position += character.length;
  }
  origins.push(text.length);
  return { text, folded: pieces.join(''), origins: Uint32Array.from(origins) };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Cuts at `length` without splitting a surrogate pair. */
function cutAt(text: string, length: number): string {
  if (text.length <= length) {
    return text;
  }
  const code = text.charCodeAt(length - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? length - 1 : length);
}

/** The largest share each message may keep so that all of them fit `budget` (short ones keep all they have). */
function shareOf(lengths: readonly number[], budget: number): number {
  const sorted = [...lengths].sort((a, b) => a - b);
  let left = budget;
  for (let index = 0; index < sorted.length; index++) {
    const share = Math.floor(left / (sorted.length - index));
    const length = sorted[index] as number;
    if (length > share) {
      return share;
    }
    left -= length;
  }
  return budget;
}

/** The text of a conversation's messages that search looks in: content and attachment names, at most `searchableLength` characters. */
export function messagesText(messages: readonly ChatMessageView[]): string {
  const lines = messages.map((message) => oneLine(cutAt([message.content, ...(message.attachments ?? []).map((attachment) => attachment.name)].join(' '), readLength)));
  const share = shareOf(
    lines.map((line) => line.length),
    // The line breaks between messages count too.
    Math.max(0, searchableLength - Math.max(0, lines.length - 1)),
  );
  // Joined into one new string: slices of the parsed conversation would keep all of it in memory.
  return lines.map((line) => cutAt(line, share)).join('\n');
}

function textPosition(source: SearchableText, foldedPosition: number): number {
  return source.origins === undefined ? foldedPosition : (source.origins[foldedPosition] ?? source.text.length);
}

function isLowSurrogate(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * One line of at most `excerptLength` characters around a match (folded position and length):
 * from the message that holds it, a little context before, as much as fits after, cut at spaces,
 * with an ellipsis where the message goes on.
 */
export function excerptAround(source: SearchableText, foldedAt: number, foldedLength: number): string {
  const { text } = source;
  const matchStart = textPosition(source, foldedAt);
  const matchEnd = Math.max(matchStart, textPosition(source, foldedAt + foldedLength));
  const lineStart = text.lastIndexOf('\n', matchStart - 1) + 1;
  const lineBreak = text.indexOf('\n', matchEnd);
  const lineEnd = lineBreak < 0 ? text.length : lineBreak;
  // Room for the text: both ellipses are counted, whether they come or not, so the excerpt never exceeds its length.
  const room = excerptLength - 2;
  const before = Math.min(matchStart - lineStart, Math.max(16, Math.floor((room - (matchEnd - matchStart)) / 3)));
  let start = matchStart - before;
  let end = Math.min(lineEnd, start + room);
  start = Math.max(lineStart, Math.min(start, end - room));
  // Whole words at both edges when a space is near.
  if (start > lineStart) {
    const space = text.indexOf(' ', start);
    if (space >= 0 && space < matchStart && space - start < 16) {
      start = space + 1;
    }
  }
  if (end < lineEnd) {
    const space = text.lastIndexOf(' ', end);
    if (space > matchEnd && end - space < 16) {
      end = space;
    }
  }
  if (isLowSurrogate(text, start)) {
    start++;
  }
  if (end > start && isLowSurrogate(text, end)) {
    end--;
  }
  const excerpt = text.slice(start, end).trim();
  return `${start > lineStart ? '…' : ''}${excerpt}${end < lineEnd ? '…' : ''}`;
}
