/**
 * Turns a streamed HTTP body into batches of OpenAI chunks: bytes → decoder (SSE, NDJSON or AWS
 * event stream) → the provider's event mapper → chunks. One batch per network read keeps the per-chunk cost to
 * the mapping itself. An error the mapper raises after some chunks of a read is held back until
 * those chunks were delivered, so no text is lost; so is a decoder's refusal of an event or a line
 * over its cap (`limits.eventBytes`, `limits.lineBytes`), after which nothing more is read.
 */

import { APIError, LLMError } from '../errors';
import { BodyLimitExceeded, bodyTooLarge } from '../http/bodyLimits';
import { EventStreamDecoder, MalformedEventStream, type EventStreamMessage, type EventStreamMessageDecoder } from '../http/eventStream';
import { headerValue } from '../http/headers';
import { NdjsonDecoder } from '../http/ndjson';
import { SseDecoder, type SseEvent } from '../http/sse';
import type { HttpResponse } from '../http/transport';
import { redact } from '../redact';
import type { ModelResponseChunk } from '../types';
import { limitsOf, requestIdFor } from './exchange';
import { readableText } from './readableText';
import type { CallContext, ChunkSource } from './types';

/** How much of a body that held no event we keep, to show what came instead. */
const headLimit = 2048;

/** Maps one decoded event to zero or more chunks (pushed to `out`); throws for in-stream errors. */
export interface StreamMapper<Event> {
  map(event: Event, out: ModelResponseChunk[]): void;
  /** Called once when the body ended; may push a last chunk or throw if the stream was cut short. */
  end?(out: ModelResponseChunk[]): void;
}

interface Decoder<Event> {
  push(bytes: Uint8Array, sink: (event: Event) => void): void;
  end(sink: (event: Event) => void): void;
}

class DecodedChunkSource<Event> implements ChunkSource {
  private readonly iterator: AsyncIterator<Uint8Array>;
  private out: ModelResponseChunk[] = [];
  private readonly sink: (event: Event) => void;
  private pendingError: Error | undefined;
  private finished = false;
  private sawEvent = false;
  /** The first bytes of the body, until an event shows it is a stream. */
  private head: Uint8Array[] = [];
  private headBytes = 0;

  constructor(
    private readonly response: HttpResponse,
    private readonly decoder: Decoder<Event>,
    private readonly mapper: StreamMapper<Event>,
    private readonly call: CallContext,
    /** What the body should have been, for the message when it was not: `an event stream`. */
    private readonly kind: string,
  ) {
    this.iterator = response.body[Symbol.asyncIterator]();
    this.sink = (event) => {
      this.sawEvent = true;
      this.mapper.map(event, this.out);
    };
  }

  async next(): Promise<ModelResponseChunk[] | undefined> {
    if (this.pendingError !== undefined) {
      const error = this.pendingError;
      this.pendingError = undefined;
      this.finished = true;
      throw error;
    }
    while (!this.finished) {
      const read = await this.iterator.next();
      try {
        if (read.done) {
          this.finished = true;
          this.decoder.end(this.sink);
          if (!this.sawEvent) {
            // A 200 HTML page (a web UI at a base URL missing its /v1) or an empty body would
            // otherwise end as a silent, empty answer.
            throw this.notAStream();
          }
          this.mapper.end?.(this.out);
        } else {
          if (!this.sawEvent && this.headBytes < headLimit) {
            this.head.push(read.value);
            this.headBytes += read.value.byteLength;
          }
          this.decoder.push(read.value, this.sink);
          if (this.sawEvent && this.headBytes > 0) {
            this.head = [];
            this.headBytes = 0;
          }
        }
      } catch (error) {
        this.finished = true;
        this.response.close();
        const typed = this.typed(error);
        if (this.out.length === 0) {
          throw typed;
        }
        this.pendingError = typed;
      }
      if (this.out.length > 0) {
        const batch = this.out;
        this.out = [];
        return batch;
      }
    }
    return undefined;
  }

  cancel(): void {
    this.finished = true;
    this.response.close();
  }

  private notAStream(): APIError {
    const text = Buffer.concat(this.head).toString('utf8').slice(0, headLimit).trim();
    const readable = redact(readableText(text, headerValue(this.response.headers, 'content-type')), [this.call.provider.apiKey]);
    return new APIError({
      llm_provider: this.call.provider.id,
      model: this.call.requestedModel,
      status_code: this.response.status,
      request_id: requestIdFor(this.response, this.call),
      message: `${this.call.provider.displayName} answered ${this.response.status} with something that is not ${this.kind}: ${readable}`,
    });
  }

  private typed(error: unknown): Error {
    if (error instanceof LLMError) {
      return error;
    }
    if (error instanceof BodyLimitExceeded) {
      const { call, response } = this;
      return bodyTooLarge(error.limit, error.limitBytes, {
        llm_provider: call.provider.id,
        model: call.requestedModel,
        providerName: call.provider.displayName,
        status: response.status,
        request_id: requestIdFor(response, call),
      });
    }
    if (error instanceof MalformedEventStream) {
      return new APIError({
        llm_provider: this.call.provider.id,
        model: this.call.requestedModel,
        status_code: this.response.status,
        request_id: requestIdFor(this.response, this.call),
        message: `${this.call.provider.displayName} sent a corrupted event-stream message (${error.message}).`,
        cause: error,
      });
    }
    if (error instanceof SyntaxError) {
      // V8 quotes a piece of the bad JSON in its message, and that piece may be an echoed key.
      const detail = redact(error.message, [this.call.provider.apiKey]);
      return new APIError({
        llm_provider: this.call.provider.id,
        model: this.call.requestedModel,
        status_code: this.response.status,
        message: `${this.call.provider.displayName} sent a malformed stream event (${detail}).`,
        cause: new SyntaxError(detail),
      });
    }
    if (error instanceof TypeError) {
      // The mappers read only what the server sent: a TypeError there is an event of a shape no
      // provider sends (`null`, a string where an object belongs), and the call says so, typed.
      const detail = redact(error.message, [this.call.provider.apiKey]);
      return new APIError({
        llm_provider: this.call.provider.id,
        model: this.call.requestedModel,
        status_code: this.response.status,
        message: `${this.call.provider.displayName} sent a stream event of a shape it never sends (${detail}).`,
        cause: error,
      });
    }
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** A chunk source over a `text/event-stream` body. */
export function sseChunkSource(response: HttpResponse, mapper: StreamMapper<SseEvent>, call: CallContext): ChunkSource {
  return new DecodedChunkSource(response, new SseDecoder(limitsOf(call).eventBytes), mapper, call, 'an event stream');
}

/** A chunk source over an NDJSON body (one JSON value per line). */
export function ndjsonChunkSource(response: HttpResponse, mapper: StreamMapper<unknown>, call: CallContext): ChunkSource {
  // The decoder's sink also gets the line's text, which the mapper does not take: handed the
  // mapper's sink directly, it costs no wrapping call per line.
  return new DecodedChunkSource<unknown>(response, new NdjsonDecoder(limitsOf(call).lineBytes), mapper, call, 'a stream of JSON lines');
}

/** A chunk source over an AWS binary event stream (`application/vnd.amazon.eventstream`). */
export function eventStreamChunkSource(response: HttpResponse, mapper: StreamMapper<EventStreamMessage>, decodeMessage: EventStreamMessageDecoder, call: CallContext): ChunkSource {
  const decoder = new EventStreamDecoder(decodeMessage, limitsOf(call).eventBytes);
  return new DecodedChunkSource<EventStreamMessage>(response, { push: (bytes, sink) => decoder.push(bytes, sink), end: () => decoder.end() }, mapper, call, 'an AWS event stream');
}
