/**
 * A server-sent events decoder per the WHATWG rules (CR, LF and CRLF line ends; `data` lines
 * joined with LF; `:` comments; one optional space after the colon; a leading BOM), that survives
 * any split of the byte stream, multi-byte UTF-8 characters included.
 *
 * It works on decoded text and scans with `indexOf`, which V8 runs natively; most providers end
 * lines with LF only, so that path does not look for CR at all.
 *
 * A hostile server may send a line that never ends, or an event of endless `data:` lines. The
 * unfinished line is a `PendingLine` (joined once its end arrives, capped as it grows), and an
 * event whose data passes `maxEventBytes` throws `BodyLimitExceeded` at once.
 */

import { BodyLimitExceeded, defaultBodyLimits } from './bodyLimits';
import { PendingLine } from './pendingLine';

export interface SseEvent {
  /** The `event:` field; undefined means the default type, `message`. */
  event: string | undefined;
  data: string;
  id: string | undefined;
}

export type SseSink = (event: SseEvent) => void;

const colon = 58;
const space = 32;

export class SseDecoder {
  private readonly textDecoder = new TextDecoder('utf-8', { ignoreBOM: false });
  /** Text after the last complete line. */
  private readonly pending: PendingLine;
  private data: string | undefined;
  /** The data's length in UTF-16 code units, and (once near the cap) in UTF-8 bytes. */
  private dataUnits = 0;
  private dataBytes: number | undefined;
  private eventType: string | undefined;
  private lastId: string | undefined;
  /** Once a CR is seen, lines may end in CR or CRLF from then on. */
  private sawCarriageReturn = false;
  /** Comment lines seen (`: OPENROUTER PROCESSING`); kept for diagnostics and tests. */
  comments = 0;

  constructor(private readonly maxEventBytes: number = defaultBodyLimits.eventBytes) {
    this.pending = new PendingLine('eventBytes', maxEventBytes);
  }

  /** Feeds raw bytes; calls `sink` for each complete event. */
  push(bytes: Uint8Array, sink: SseSink): void {
    const text = this.textDecoder.decode(bytes, { stream: true });
    this.pushText(text, sink);
  }

  /** Ends the stream. A last event without its closing blank line is still delivered. */
  end(sink: SseSink): void {
    const rest = this.textDecoder.decode();
    if (rest.length > 0) {
      this.pushText(rest, sink);
    }
    if (this.pending.length > 0) {
      const pending = this.pending.take();
      const line = pending.charCodeAt(pending.length - 1) === 13 ? pending.slice(0, -1) : pending;
      this.line(line, sink);
    }
    this.dispatch(sink);
  }

  private pushText(chunk: string, sink: SseSink): void {
    if (!this.sawCarriageReturn && chunk.indexOf('\r') !== -1) {
      this.sawCarriageReturn = true;
    }
    const endsLine = chunk.indexOf('\n') !== -1 || (this.sawCarriageReturn && (chunk.indexOf('\r') !== -1 || this.pending.endsWithCr()));
    if (!endsLine) {
      this.pending.keep(chunk);
      return;
    }
    // The pending text holds no line end, so the search for one can start after it.
    const scanFrom = this.pending.length;
    const text = scanFrom > 0 ? this.pending.take() + chunk : chunk;
    if (!this.sawCarriageReturn) {
      this.linesLf(text, scanFrom, sink);
    } else {
      this.linesAny(text, sink);
    }
  }




  /** The common case: LF line ends only. */
  private linesLf(text: string, scanFrom: number, sink: SseSink): void {
    let start = 0;
    let end = text.indexOf('\n', scanFrom);
    while (end !== -1) {
      // The two lines nearly every event is made of, read without cutting the line out first.
      if (end === start) {
        this.dispatch(sink);
      } else if (text.charCodeAt(start) === 100 && text.startsWith('data:', start)) {
        this.appendData(text.slice(text.charCodeAt(start + 5) === space ? start + 6 : start + 5, end));
      } else {
        this.line(text.slice(start, end), sink);
      }
      start = end + 1;
      end = text.indexOf('\n', start);
    }
    this.pending.keep(start === 0 ? text : text.slice(start));
  }

  /** CR, LF or CRLF. A CR at the very end waits: the LF of its CRLF may be in the next read. */
  private linesAny(text: string, sink: SseSink): void {
    let start = 0;
    const length = text.length;
    // Each position is searched again only once the line passed it: searching both afresh for
    // every line made a mostly-LF read with one early CR cost its length times its line count.
    let lf = -2;
    let cr = -2;
    while (start < length) {
      if (lf !== -1 && lf < start) {
        lf = text.indexOf('\n', start);
      }
      if (cr !== -1 && cr < start) {
        cr = text.indexOf('\r', start);
      }
      let end: number;
      let next: number;
      if (cr !== -1 && (lf === -1 || cr < lf)) {
        if (cr === length - 1) {
          break;
        }
        end = cr;
        next = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
      } else if (lf !== -1) {
        end = lf;
        next = lf + 1;
      } else {
        break;
      }
      this.line(text.slice(start, end), sink);
      start = next;
    }
    this.pending.keep(start === 0 ? text : text.slice(start));
  }

  private line(line: string, sink: SseSink): void {
    if (line.length === 0) {
      this.dispatch(sink);
      return;
    }
    const first = line.charCodeAt(0);
    if (first === colon) {
      this.comments++;
      return;
    }
    // Fast path for the line nearly every event consists of.
    if (first === 100 && line.startsWith('data:')) {
      this.appendData(line.charCodeAt(5) === space ? line.slice(6) : line.slice(5));
      return;
    }
    const separator = line.indexOf(':');
    const field = separator === -1 ? line : line.slice(0, separator);
    let value = '';
    if (separator !== -1) {
      value = line.charCodeAt(separator + 1) === space ? line.slice(separator + 2) : line.slice(separator + 1);
    }
    switch (field) {
      case 'data':
        this.appendData(value);
        break;
      case 'event':
        // An empty type is the default type (WHATWG), which this decoder reports as undefined.
        this.eventType = value.length > 0 ? value : undefined;
        break;
      case 'id':
        if (!value.includes('\0')) {
          this.lastId = value;
        }
        break;
      default:
        // `retry` and unknown fields do not concern a client that does not reconnect.
        break;
    }
  }

  private appendData(value: string): void {
    const data = this.data === undefined ? value : this.data + '\n' + value;
    this.dataUnits += data.length - (this.data?.length ?? 0);
    // Each code unit is one to three bytes: bytes are counted only once the event is near the cap,
    // all of it once, then each new line, so an event of many lines is not counted again per line.
    if (this.dataUnits > this.maxEventBytes) {
      throw new BodyLimitExceeded('eventBytes', this.maxEventBytes);
    }
    if (this.dataUnits * 3 > this.maxEventBytes) {
      this.dataBytes = this.dataBytes === undefined ? Buffer.byteLength(data, 'utf8') : this.dataBytes + Buffer.byteLength(value, 'utf8') + 1;
      if (this.dataBytes > this.maxEventBytes) {
        throw new BodyLimitExceeded('eventBytes', this.maxEventBytes);
      }
    }
    this.data = data;
  }

  private dispatch(sink: SseSink): void {
    const data = this.data;
    const event = this.eventType;
    this.data = undefined;
    this.dataUnits = 0;
    this.dataBytes = undefined;
    this.eventType = undefined;
    if (data === undefined) {
      return;
    }
    sink({ event, data, id: this.lastId });
  }
}
