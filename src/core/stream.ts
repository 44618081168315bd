/**
 * The public stream: an async iterable of OpenAI chunks. Single use; `break` closes the
 * connection; a cancel through the caller's signal ends it quietly; an error after output keeps
 * what arrived on `error.partial_response`. Its `response()` is the one accumulation of a stream
 * (text, tool calls, thinking, usage, cost): callers read it instead of joining chunks themselves.
 */

import { isAbortError, LLMError } from './errors';
import type { ChunkSource } from './providers/types';
import { ChunkAccumulator } from './streamChunkBuilder';
import type { HiddenParams, ModelResponse, ModelResponseChunk } from './types';

const finished: IteratorReturnResult<undefined> = { done: true, value: undefined };

export class CompletionStream implements AsyncIterable<ModelResponseChunk> {
  private batch: ModelResponseChunk[];
  private position = 0;
  private done = false;
  private iterated = false;
  private readonly accumulator: ChunkAccumulator;

  /** @internal Created by `completion({stream: true})`. */
  constructor(
    private readonly source: ChunkSource,
    firstBatch: ModelResponseChunk[],
    /** Which provider and model answer, and where. */
    readonly _hidden_params: HiddenParams,
    /** The cost of the response so far (from its usage), when the model's prices are known. */
    private readonly price: (response: ModelResponse) => number | undefined,
  ) {
    this.batch = firstBatch;
    // Adapters check the indexes they read; a provider of the caller's own is checked here.
    this.accumulator = new ChunkAccumulator({ llm_provider: _hidden_params.custom_llm_provider, model: _hidden_params.model, sender: _hidden_params.custom_llm_provider });
  }

  [Symbol.asyncIterator](): AsyncIterator<ModelResponseChunk> {
    if (this.iterated) {
      throw new Error('A completion stream can be iterated only once.');
    }
    this.iterated = true;
    return {
      next: () => this.next(),
      return: () => this.stop(),
    };
  }

  /**
   * The response the chunks delivered so far make up (the whole answer once iteration ended),
   * accumulated as `streamChunkBuilder` does, with `_hidden_params.response_cost` once usage came.
   */
  response(): ModelResponse {
    const response = this.accumulator.build();
    const cost = response.usage === undefined ? undefined : this.price(response);
    return { ...response, _hidden_params: cost === undefined ? this._hidden_params : { ...this._hidden_params, response_cost: cost } };
  }

  /** Stops the stream and closes its connection; further iteration ends at once. */
  cancel(): void {
    void this.stop();
  }

  private next(): Promise<IteratorResult<ModelResponseChunk>> {
    if (this.position < this.batch.length) {
      try {
        return Promise.resolve(this.deliver(this.batch[this.position++] as ModelResponseChunk));
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
    if (this.done) {
      return Promise.resolve(finished);
    }
    return this.pull();
  }

  private async pull(): Promise<IteratorResult<ModelResponseChunk>> {
    let batch: ModelResponseChunk[] | undefined;
    try {
      batch = await this.source.next();
    } catch (error) {
      // Stopped (break, cancel()) while this read waited: whatever the read says, it was us.
      const stopped = this.done;
      this.done = true;
      this.source.cancel();
      if (stopped || isAbortError(error)) {
        return finished;
      }
      throw this.withPartialResponse(error);
    }
    if (batch === undefined || batch.length === 0 || this.done) {
      this.done = true;
      return finished;
    }
    this.batch = batch;
    this.position = 1;
    return this.deliver(batch[0] as ModelResponseChunk);
  }

  /** Adds the chunk to the answer and hands it out; a chunk the accumulator refuses ends the stream. */
  private deliver(chunk: ModelResponseChunk): IteratorResult<ModelResponseChunk> {
    try {
      this.accumulator.add(chunk);
    } catch (error) {
      void this.stop();
      throw this.withPartialResponse(error);
    }
    return { done: false, value: chunk };
  }

  /** The error, carrying what was answered before it when it is the core's. */
  private withPartialResponse(error: unknown): unknown {
    if (error instanceof LLMError) {
      error.partial_response = this.response();
    }
    return error;
  }

  private stop(): Promise<IteratorReturnResult<undefined>> {
    if (!this.done) {
      this.done = true;
      this.source.cancel();
    }
    this.batch = [];
    this.position = 0;
    return Promise.resolve(finished);
  }
}
