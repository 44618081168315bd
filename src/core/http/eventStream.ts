/**
 * AWS's binary event stream (`application/vnd.amazon.eventstream`, Bedrock's ConverseStream):
 * length-prefixed messages with typed headers and CRCs. A message decoder (`@smithy/eventstream-codec`,
 * which Bedrock loads lazily) decodes and checks each message; this only gathers the bytes of one
 * message, at any split, before handing it over. A message longer than `maxMessageBytes` throws
 * `BodyLimitExceeded` before it is read; one the decoder refuses throws `MalformedEventStream`.
 */

import { BodyLimitExceeded, defaultBodyLimits } from './bodyLimits';

/** One decoded message: its typed headers (`:event-type` → `{type: 'string', value}`) and its payload. */
export interface EventStreamMessage {
  headers: Record<string, { type: string; value: unknown }>;
  body: Uint8Array;
}

/** Decodes the bytes of exactly one message; throws when its prelude, CRC or length is wrong. */
export type EventStreamMessageDecoder = (bytes: Uint8Array) => EventStreamMessage;

export type EventStreamSink = (message: EventStreamMessage) => void;

/** The body is not a well-formed event stream (a corrupted frame): the decoder's reason as message. */
export class MalformedEventStream extends Error {
  constructor(reason: string, options?: { cause?: unknown }) {
    super(reason, options);
    this.name = 'MalformedEventStream';
  }
}

/** The prelude's first field: the message's total length, big-endian, the 4 bytes themselves included. */
const lengthFieldBytes = 4;

export class EventStreamDecoder {
  /** Bytes not yet part of a whole message. */
  private pending: Uint8Array = new Uint8Array(0);

  constructor(
    private readonly decodeMessage: EventStreamMessageDecoder,
    private readonly maxMessageBytes: number = defaultBodyLimits.eventBytes,
  ) {}

  push(bytes: Uint8Array, sink: EventStreamSink): void {
    let buffer = this.pending.byteLength === 0 ? bytes : concat(this.pending, bytes);
    for (;;) {
      if (buffer.byteLength < lengthFieldBytes) {
        break;
      }
      const total = messageLength(buffer);
      if (total > this.maxMessageBytes) {
        throw new BodyLimitExceeded('eventBytes', this.maxMessageBytes);
      }
      if (buffer.byteLength < total) {
        break;
      }
      sink(this.decoded(buffer.subarray(0, total)));
      buffer = buffer.subarray(total);
    }
    // A copy, so the pending bytes do not pin the transport's (possibly large) read buffer.
    this.pending = buffer.byteLength === 0 ? new Uint8Array(0) : buffer.slice();
  }

  /** The decoder throws for a bad prelude or CRC, or a length shorter than a message can be. */
  private decoded(bytes: Uint8Array): EventStreamMessage {
    try {
      return this.decodeMessage(bytes);
    } catch (error) {
      throw new MalformedEventStream(error instanceof Error ? error.message : String(error), { cause: error });
    }
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

/** The prelude's total length, big-endian (read by hand: a DataView per message costs more than the read). */
function messageLength(bytes: Uint8Array): number {
  return (((bytes[0] as number) << 24) | ((bytes[1] as number) << 16) | ((bytes[2] as number) << 8) | (bytes[3] as number)) >>> 0;
}

function concat(first: Uint8Array, second: Uint8Array): Uint8Array {
  const joined = new Uint8Array(first.byteLength + second.byteLength);
  joined.set(first, 0);
  joined.set(second, first.byteLength);
  return joined;
}
