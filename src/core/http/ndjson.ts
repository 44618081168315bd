/**
 * Newline-delimited JSON (Ollama's streams): one JSON value per line, any byte split, blank
 * lines ignored, a last line without its newline still read.
 *
 * A line that never ends is a `PendingLine` (joined once its newline arrives, capped as it grows):
 * it throws `BodyLimitExceeded` as soon as it passes `maxLineBytes`.
 */

import { BodyLimitExceeded, defaultBodyLimits, utf8Over } from './bodyLimits';
import { PendingLine } from './pendingLine';

export type NdjsonSink = (value: unknown, line: string) => void;

export class NdjsonDecoder {
  private readonly textDecoder = new TextDecoder('utf-8');
  /** Text after the last newline. */
  private readonly pending: PendingLine;

  constructor(private readonly maxLineBytes: number = defaultBodyLimits.lineBytes) {
    this.pending = new PendingLine('lineBytes', maxLineBytes);
  }

  push(bytes: Uint8Array, sink: NdjsonSink): void {
    const chunk = this.textDecoder.decode(bytes, { stream: true });
    if (chunk.indexOf('\n') === -1) {
      this.pending.keep(chunk);
      return;
    }
    // The pending text holds no newline, so the search for one can start after it.
    const scanFrom = this.pending.length;
    const text = scanFrom > 0 ? this.pending.take() + chunk : chunk;
    let start = 0;
    let end = text.indexOf('\n', scanFrom);
    while (end !== -1) {
      this.line(text.slice(start, end), sink);
      start = end + 1;
      end = text.indexOf('\n', start);
    }
    this.pending.keep(start === 0 ? text : text.slice(start));
  }

  end(sink: NdjsonSink): void {
    const rest = this.pending.take() + this.textDecoder.decode();
    this.line(rest, sink);
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
