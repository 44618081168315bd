/**
 * The OpenAI-wire adapter: wires HTTP to the mappers. One instance per vendor config.
 */

import { BadRequestError, UnprocessableEntityError } from '../../errors';
import type { CompletionParams, EmbeddingParams, EmbeddingResponse, ModelResponse } from '../../types';
import { headerValue } from '../../http/headers';
import type { HttpResponse } from '../../http/transport';
import { sseChunkSource } from '../chunkSource';
import { chunksFromResponse, staticChunkSource } from '../responseChunks';
import { readJson, send } from '../exchange';
import type { CallContext, ChunkSource, ProviderAdapter } from '../types';
import { normalizeEmbeddingResponse } from './embeddings';
import { mapOpenAIError } from './errors';
import { listOpenAIModels } from './models';
import { chatRequest, chatUrl, embeddingRequest } from './request';
import { normalizeResponse } from './response';
import { checkedResponse } from './shape';
import { wireSourceOf } from '../../wireIndex';
import { OpenAIStreamMapper } from './streamMapper';
import { responsesCompletion, responsesStream } from './responses/adapter';
import { responsesCall } from './responses/route';
import type { OpenAIWireConfig } from './wireConfig';

/** True when a server said it does not know `stream_options` (older vLLM, llama.cpp, proxies). */
function rejectsStreamOptions(error: unknown): boolean {
  if (!(error instanceof BadRequestError || error instanceof UnprocessableEntityError)) {
    return false;
  }
  return error.param === 'stream_options' || error.message.includes('stream_options') || JSON.stringify(error.body ?? '').includes('stream_options');
}

/** The chunks of a streamed answer; a server that ignored `stream` and sent JSON is read whole. */
async function streamFrom(response: HttpResponse, call: CallContext): Promise<ChunkSource> {
  if (headerValue(response.headers, 'content-type')?.includes('application/json') === true) {
    const source = wireSourceOf(call);
    return staticChunkSource(chunksFromResponse(normalizeResponse(checkedResponse(await readJson(response, call), source), source)));
  }
  return sseChunkSource(response, new OpenAIStreamMapper(call), call);
}

export function createOpenAIAdapter(wire: OpenAIWireConfig): ProviderAdapter {
  const adapter: ProviderAdapter = {
    async completion(params: CompletionParams, call: CallContext): Promise<ModelResponse> {
      const responses = wire.responsesApi ? responsesCall(call) : undefined;
      if (responses !== undefined) {
        return responsesCompletion(params, responses, wire);
      }
      const response = await send(call, chatRequest(params, call, wire, { stream: false, includeUsage: false }), mapOpenAIError);
      const source = wireSourceOf(call);
      return normalizeResponse(checkedResponse(await readJson(response, call), source), source);
    },

    async stream(params: CompletionParams, call: CallContext): Promise<ChunkSource> {
      const responses = wire.responsesApi ? responsesCall(call) : undefined;
      if (responses !== undefined) {
        return responsesStream(params, responses, wire);
      }
      const endpoint = chatUrl(call, wire);
      const includeUsage =
        wire.streamUsage && params.stream_options?.include_usage !== false && !call.memory.has(endpoint, 'rejects-stream-options');
      try {
        return await streamFrom(await send(call, chatRequest(params, call, wire, { stream: true, includeUsage }), mapOpenAIError), call);
      } catch (error) {
        if (!includeUsage || !rejectsStreamOptions(error)) {
          throw error;
        }
        call.memory.add(endpoint, 'rejects-stream-options');
        call.logger.info(`${call.provider.displayName}: ${endpoint} does not accept stream_options; sending without it from now on.`);
        return await streamFrom(await send(call, chatRequest(params, call, wire, { stream: true, includeUsage: false }), mapOpenAIError), call);
      }
    },

    async embedding(params: EmbeddingParams, call: CallContext): Promise<EmbeddingResponse> {
      const { request, decodeBase64 } = embeddingRequest(params, call, wire);
      const response = await send(call, request, mapOpenAIError);
      return normalizeEmbeddingResponse(await readJson(response, call), call, decodeBase64);
    },
  };
  if (wire.listModels) {
    adapter.listModels = (call) => listOpenAIModels(call, wire);
  }
  return adapter;
}
