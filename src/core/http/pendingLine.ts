/**
 * The unfinished last line of a decoder (SSE, NDJSON), kept as the pieces it arrived in and joined
 * only once its end arrives: a line sent in many small reads then costs its length, not its length
 * times the number of reads. Past the cap it throws at once, so a line that never ends cannot grow
 * without end. Lengths are UTF-16 code units, each at least one byte of the line: the exact byte
 * count is the decoder's, once the line is whole.
 */

import { BodyLimitExceeded, type BodyLimitName } from './bodyLimits';

export class PendingLine {
  private pieces: string[] = [];
  /** The pieces' total length, in UTF-16 code units. */
  length = 0;

  constructor(
    private readonly limit: BodyLimitName,
    private readonly maxBytes: number,
  ) {}

  /** Keeps text that ends no line; throws once the unfinished line alone is over the cap. */
  keep(text: string): void {
    if (text.length === 0) {
      return;
    }
    this.pieces.push(text);
    this.length += text.length;
    if (this.length > this.maxBytes) {
      throw new BodyLimitExceeded(this.limit, this.maxBytes);
    }
  }

  /** The line so far, joined; the pending line is empty afterwards. */
  take(): string {
    const line = this.pieces.length === 1 ? (this.pieces[0] as string) : this.pieces.join('');
    this.pieces = [];
    this.length = 0;
    return line;
  }

  /** True when the kept text ends in a CR (whose LF, if any, is in the next read). */
  endsWithCr(): boolean {
    const last = this.pieces[this.pieces.length - 1];
    return last !== undefined && last.charCodeAt(last.length - 1) === 13;
  }
}
