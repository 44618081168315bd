/**
 * The stream an API caller iterates: the core's `CompletionStream` (single use, `break` closes
 * the connection, a cancel ends it quietly — at once, not after chunks already read), with errors
 * in the API's shape and one `onEnd` when the iteration is over however it ends: there the usage
 * is counted and the cancellation bridge let go.
 */

import { APIError, type CompletionStream, type ModelResponse, type ModelResponseChunk } from '../../core';
import { toApiError } from './apiErrors';

export class ApiStream implements AsyncIterable<ModelResponseChunk> {
  private iterated = false;
  private ended = false;

  constructor(
    private readonly inner: CompletionStream,
    private readonly provider: string,
    /** True once the caller cancelled: chunks the core had already read are not handed out after it. */
    private readonly cancelled: () => boolean,
    /** Called once, with what the stream delivered, when the iteration ends (done, break, error). */
    private readonly onEnd: (response: ModelResponse) => void,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<ModelResponseChunk> {
    if (this.iterated) {
      throw new APIError({ message: 'A completion stream can be iterated only once.', llm_provider: this.provider });
    }
    this.iterated = true;
    const iterator = this.inner[Symbol.asyncIterator]();
    return {
      next: async () => {
        if (this.cancelled()) {
          await iterator.return?.();
          this.end();
          return { done: true, value: undefined };
        }
        try {
          const result = await iterator.next();
          if (result.done === true) {
            this.end();
          }
          return result;
        } catch (error) {
          this.end();
          throw toApiError(error, this.provider);
        }
      },
      return: async () => {
        await iterator.return?.();
        this.end();
        return { done: true, value: undefined };
      },
    };
  }

  private end(): void {
    if (!this.ended) {
      this.ended = true;
      this.onEnd(this.inner.response());
    }
  }
}
