/**
 * Newline-delimited JSON (Ollama's streams): one JSON value per line, any byte split, blank
 * lines ignored, a last line without its newline still read.
 *
 * A line that never ends is kept as the pieces it came in (joined once its newline arrives, so
 * many small reads cost their length, not their length times their number) and throws
 * `BodyLimitExceeded` as soon as it passes `maxLineBytes`.
 */

import { BodyLimitExceeded, defaultBodyLimits, utf8Over } from './bodyLimits';

export type NdjsonSink = (value: unknown, line: string) => void;

export class NdjsonDecoder {
  private readonly textDecoder = new TextDecoder('utf-8');
  /** Text after the last newline, in the pieces it arrived in. */
  private pendingPieces: string[] = [];
  /** Their length in UTF-16 code units (each at least one byte of the line). */
  private pendingLength = 0;

  constructor(private readonly maxLineBytes: number = defaultBodyLimits.lineBytes) {}

  push(bytes: Uint8Array, sink: NdjsonSink): void {
    const chunk = this.textDecoder.decode(bytes, { stream: true });
    if (chunk.indexOf('\n') === -1) {
      this.keepPending(chunk);
      return;
    }
    // The pending text holds no newline, so the search for one can start after it.
    const scanFrom = this.pendingLength;
    const text = scanFrom > 0 ? this.takePending() + chunk : chunk;
    let start = 0;
    let end = text.indexOf('\n', scanFrom);
    while (end !== -1) {
      this.line(text.slice(start, end), sink);
      start = end + 1;
      end = text.indexOf('\n', start);
    }
    this.keepPending(start === 0 ? text : text.slice(start));
  }

  end(sink: NdjsonSink): void {
    const rest = this.takePending() + this.textDecoder.decode();
    this.line(rest, sink);
  }

  private keepPending(text: string): void {
    if (text.length === 0) {
      return;
    }
    this.pendingPieces.push(text);
    this.pendingLength += text.length;
    if (this.pendingLength > this.maxLineBytes) {
      throw new BodyLimitExceeded('lineBytes', this.maxLineBytes);
    }
  }

  private takePending(): string {
    const pending = this.pendingPieces.length === 1 ? (this.pendingPieces[0] as string) : this.pendingPieces.join('');
    this.pendingPieces = [];
    this.pendingLength = 0;
    return pending;
  }

  private line(raw: string, sink: NdjsonSink): void {
    if (utf8Over(raw, this.maxLineBytes)) {
      throw new BodyLimitExceeded('lineBytes', this.maxLineBytes);
    }
    const line = raw.trim();
    if (line.length === 0) {
      return;
    }
    // A malformed line throws SyntaxError; the stream mapper turns it into a typed error.
    sink(JSON.parse(line) as unknown, line);
  }
}
