/**
 * The Gemini adapter (Google AI Studio, `v1beta`): wires HTTP to the mappers.
 */

import type { CompletionParams, EmbeddingParams, EmbeddingResponse, ModelResponse } from '../../types';
import { headerValue } from '../../http/headers';
import { sseChunkSource } from '../chunkSource';
import { readAnswer, readJson, send } from '../exchange';
import { staticChunkSource } from '../responseChunks';
import type { CallContext, ChunkSource, ProviderAdapter } from '../types';
import { embeddingRequest, normalizeEmbeddingResponse } from './embeddings';
import { mapGeminiError } from './errors';
import { listGeminiModels } from './models';
import { generateContentRequest } from './request';
import { chunksFromGemini, normalizeResponse } from './response';
import { GeminiStreamMapper } from './streamMapper';
import type { GeminiResponse } from './wire';

export const geminiAdapter: ProviderAdapter = {
  async completion(params: CompletionParams, call: CallContext): Promise<ModelResponse> {
    const response = await send(call, generateContentRequest(params, call, false), mapGeminiError);
    return normalizeResponse(await readAnswer(response, call), call);
  },

  async stream(params: CompletionParams, call: CallContext): Promise<ChunkSource> {
    const response = await send(call, generateContentRequest(params, call, true), mapGeminiError);
    if (headerValue(response.headers, 'content-type')?.includes('application/json') === true) {
      // Without `alt=sse` (a proxy that drops the query) Gemini streams one JSON array instead.
      const body = await readJson(response, call);
      return staticChunkSource(chunksFromGemini((Array.isArray(body) ? body : [body]) as GeminiResponse[], call));
    }
    return sseChunkSource(response, new GeminiStreamMapper(call), call);
  },

  async embedding(params: EmbeddingParams, call: CallContext): Promise<EmbeddingResponse> {
    const { request, batch } = embeddingRequest(params, call);
    const response = await send(call, request, mapGeminiError);
    return normalizeEmbeddingResponse(await readJson(response, call), params, call, batch);
  },

  listModels: (call: CallContext) => listGeminiModels(call),
};
