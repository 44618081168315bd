/**
 * The Anthropic Messages API adapter: wires HTTP to the mappers.
 */

import { BadRequestError } from '../../errors';
import { headerValue } from '../../http/headers';
import type { HttpResponse } from '../../http/transport';
import type { CompletionParams, EmbeddingParams, EmbeddingResponse, ModelResponse } from '../../types';
import { sseChunkSource } from '../chunkSource';
import { readAnswer, send } from '../exchange';
import { chunksFromResponse, staticChunkSource } from '../responseChunks';
import type { CallContext, ChunkSource, ProviderAdapter } from '../types';
import { mapAnthropicError } from './errors';
import { listAnthropicModels } from './models';
import { messagesRequest } from './request';
import { mapMessageResponse } from './response';
import { AnthropicStreamMapper } from './streamMapper';
import type { RawMessage } from './wire';

/** A whole Messages answer (Anthropic's or Vertex's: one wire). */
export async function readMessage(response: HttpResponse, call: CallContext, jsonMode: boolean): Promise<ModelResponse> {
  const body: RawMessage = await readAnswer(response, call);
  return mapMessageResponse(body, jsonMode, call.modelId);
}

/** The chunks of a streamed answer; a proxy that ignored `stream` and sent one JSON body is read whole. */
export async function streamFrom(response: HttpResponse, call: CallContext, jsonMode: boolean): Promise<ChunkSource> {
  if (headerValue(response.headers, 'content-type')?.includes('application/json') === true) {
    return staticChunkSource(chunksFromResponse(await readMessage(response, call, jsonMode)));
  }
  return sseChunkSource(response, new AnthropicStreamMapper(call, jsonMode), call);
}

export const anthropicAdapter: ProviderAdapter = {
  async completion(params: CompletionParams, call: CallContext): Promise<ModelResponse> {
    const { request, jsonMode } = messagesRequest(params, call, false);
    return readMessage(await send(call, request, mapAnthropicError), call, jsonMode);
  },

  async stream(params: CompletionParams, call: CallContext): Promise<ChunkSource> {
    const { request, jsonMode } = messagesRequest(params, call, true);
    return streamFrom(await send(call, request, mapAnthropicError), call, jsonMode);
  },

  async embedding(_params: EmbeddingParams, call: CallContext): Promise<EmbeddingResponse> {
    // The registry says `embeddings: false`, so the client refuses first; this keeps the adapter honest.
    throw new BadRequestError({
      message: `${call.provider.displayName} has no embeddings API; use an embedding model of another provider (e.g. openai/text-embedding-3-small).`,
      param: 'model',
      llm_provider: call.provider.id,
      model: call.requestedModel,
    });
  },

  listModels: (call: CallContext) => listAnthropicModels(call),
};
