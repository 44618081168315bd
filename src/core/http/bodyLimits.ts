/**
 * How much of a body the client reads, counted after decompression: a few hundred KB of gzip can
 * unpack to gigabytes, and a server that never ends a line can grow one without end. Every reader
 * stops at its cap, drops the connection (the rest is neither read nor decompressed) and reports
 * which option sets the cap.
 */

import { APIError } from '../errors';

/** The caps, in bytes of decoded body. */
export interface BodyLimits {
  /** A whole JSON answer: a completion, embeddings, a model list, a model's facts. 32 MiB by default. */
  jsonBodyBytes: number;
  /** One server-sent event (its data, or one line of it). 1 MiB by default. */
  eventBytes: number;
  /** One line of an NDJSON stream (Ollama). 1 MiB by default. */
  lineBytes: number;
  /** A failed response's body; past it, the error says the body was cut. 1 MiB by default. */
  errorBodyBytes: number;
}

const mebibyte = 1024 * 1024;

export const defaultBodyLimits: Readonly<BodyLimits> = Object.freeze({
  jsonBodyBytes: 32 * mebibyte,
  eventBytes: mebibyte,
  lineBytes: mebibyte,
  errorBodyBytes: mebibyte,
});

export type BodyLimitName = keyof BodyLimits;

/** The caller's caps over the defaults; a cap that is not a positive whole number is refused at once. */
export function bodyLimitsOf(given: Partial<BodyLimits> | undefined): BodyLimits {
  const limits = { ...defaultBodyLimits, ...given };
  for (const [name, value] of Object.entries(limits)) {
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
      throw new RangeError(`limits.${name} must be a positive whole number of bytes, not ${String(value)}.`);
    }
  }
  return limits;
}

/** `32 MiB`, or `0.06 MiB (65536 bytes)` for a cap that is no whole number of MiB. */
export function describeBytes(bytes: number): string {
  return bytes % mebibyte === 0 ? `${bytes / mebibyte} MiB` : `${(bytes / mebibyte).toFixed(2)} MiB (${bytes} bytes)`;
}

/** The words for what a cap limits, in messages. */
const limitedThing: Record<BodyLimitName, string> = {
  jsonBodyBytes: 'a response body',
  eventBytes: 'a stream event',
  lineBytes: 'a stream line',
  errorBodyBytes: 'an error body',
};

/** `larger than 32 MiB (the cap set by limits.jsonBodyBytes)`: what every over-cap message says. */
export function overCapText(name: BodyLimitName, limitBytes: number): string {
  return `larger than ${describeBytes(limitBytes)} (the cap set by limits.${name})`;
}

/**
 * Thrown by the decoders, which know neither the provider nor the call; the chunk source turns it
 * into the APIError of `bodyTooLarge`.
 */
export class BodyLimitExceeded extends Error {
  constructor(
    readonly limit: BodyLimitName,
    readonly limitBytes: number,
  ) {
    super(`${limitedThing[limit]} ${overCapText(limit, limitBytes)}`);
    this.name = 'BodyLimitExceeded';
  }
}

/** Who answered, for the error. */
export interface BodySender {
  llm_provider: string;
  model: string;
  providerName: string;
  status: number;
  request_id?: string;
}

/** The typed error for a body over its cap: the provider, what was too large, the cap and its option. */
export function bodyTooLarge(limit: BodyLimitName, limitBytes: number, sender: BodySender): APIError {
  return new APIError({
    llm_provider: sender.llm_provider,
    model: sender.model,
    status_code: sender.status,
    request_id: sender.request_id,
    message: `${sender.providerName} sent ${limitedThing[limit]} ${overCapText(limit, limitBytes)}; reading stopped there and the connection was closed.`,
  });
}

export interface CappedText {
  text: string;
  /** The body was longer than the limit; `text` holds its first `limitBytes`. */
  over: boolean;
}

/**
 * A body as text, at most `limitBytes` of it. Leaving the loop early ends the body's iterator,
 * which (for the transport's bodies) destroys the stream and its decompressor: the rest is never
 * read nor decompressed.
 */
export async function readCapped(body: AsyncIterable<Uint8Array>, limitBytes: number): Promise<CappedText> {
  const parts: Buffer[] = [];
  let size = 0;
  let over = false;
  for await (const part of body) {
    const room = limitBytes - size;
    if (part.byteLength > room) {
      parts.push(Buffer.from(part.buffer, part.byteOffset, room));
      size += room;
      over = true;
      break;
    }
    parts.push(Buffer.from(part.buffer, part.byteOffset, part.byteLength));
    size += part.byteLength;
  }
  return { text: Buffer.concat(parts, size).toString('utf8'), over };
}

/**
 * True when `text` is more than `limitBytes` of UTF-8. A UTF-16 code unit is 1 to 3 UTF-8 bytes,
 * so the length answers alone unless the text is near the cap; only then are its bytes counted.
 */
export function utf8Over(text: string, limitBytes: number): boolean {
  if (text.length > limitBytes) {
    return true;
  }
  if (text.length * 3 <= limitBytes) {
    return false;
  }
  return Buffer.byteLength(text, 'utf8') > limitBytes;
}
