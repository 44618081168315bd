/**
 * AWS's binary event stream (`application/vnd.amazon.eventstream`, Bedrock's ConverseStream):
 * length-prefixed messages with typed headers and CRCs. `@smithy/eventstream-codec` decodes and
 * checks each message; this only gathers the bytes of one message, at any split, before handing
 * it over. A message longer than `maxMessageBytes` throws `BodyLimitExceeded` before it is read.
 */

import { EventStreamCodec, type Message } from '@smithy/eventstream-codec';
import { BodyLimitExceeded, defaultBodyLimits } from './bodyLimits';

export type EventStreamSink = (message: Message) => void;

/** The prelude's first field: the message's total length, big-endian, the 4 bytes themselves included. */
const lengthFieldBytes = 4;

const textDecoder = new TextDecoder('utf-8');
const textEncoder = new TextEncoder();

export class EventStreamDecoder {
  private readonly codec = new EventStreamCodec(
    (bytes: Uint8Array) => textDecoder.decode(bytes),
    (text) => textEncoder.encode(text),
  );
  /** Bytes not yet part of a whole message. */
  private pending: Uint8Array = new Uint8Array(0);

  constructor(private readonly maxMessageBytes: number = defaultBodyLimits.eventBytes) {}

  push(bytes: Uint8Array, sink: EventStreamSink): void {
    let buffer = this.pending.byteLength === 0 ? bytes : concat(this.pending, bytes);
    for (;;) {
      if (buffer.byteLength < lengthFieldBytes) {
        break;
      }
      const total = new DataView(buffer.buffer, buffer.byteOffset, lengthFieldBytes).getUint32(0, false);
      if (total > this.maxMessageBytes) {
        throw new BodyLimitExceeded('eventBytes', this.maxMessageBytes);
      }
      if (buffer.byteLength < total) {
        break;
      }
      // The codec throws for a bad prelude or CRC, or a length shorter than a message can be.
      sink(this.codec.decode(buffer.subarray(0, total)));
      buffer = buffer.subarray(total);
    }
    // A copy, so the pending bytes do not pin the transport's (possibly large) read buffer.
    this.pending = buffer.byteLength === 0 ? new Uint8Array(0) : buffer.slice();
  }

  /** A stream that stops inside a message was cut short; the stream mapper's own end says so. */
  end(): void {
    this.pending = new Uint8Array(0);
  }

  /** True while part of a message is held (the body ended mid-message if it ends now). */
  get midMessage(): boolean {
    return this.pending.byteLength > 0;
  }
}

function concat(first: Uint8Array, second: Uint8Array): Uint8Array {
  const joined = new Uint8Array(first.byteLength + second.byteLength);
  joined.set(first, 0);
  joined.set(second, first.byteLength);
  return joined;
}
