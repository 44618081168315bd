/**
 * The Gemini adapter (Google AI Studio, `v1beta`): wires HTTP to the mappers.
 */

import type { CompletionParams, EmbeddingParams, EmbeddingResponse, ModelResponse } from '../../types';
import { headerValue } from '../../http/headers';
import type { HttpResponse } from '../../http/transport';
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

/** A whole generateContent answer (AI Studio's or Vertex's: one wire). */
export async function geminiAnswer(response: HttpResponse, call: CallContext): Promise<ModelResponse> {
  return normalizeResponse(await readAnswer(response, call), call);
}

/** The chunks of a streamGenerateContent answer (AI Studio's or Vertex's: one wire). */
export async function geminiChunkSource(response: HttpResponse, call: CallContext): Promise<ChunkSource> {
  if (headerValue(response.headers, 'content-type')?.includes('application/json') === true) {
    // Without `alt=sse` (a proxy that drops the query) Gemini streams one JSON array instead.
    const body = await readJson(response, call);
    return staticChunkSource(chunksFromGemini((Array.isArray(body) ? body : [body]) as GeminiResponse[], call));
  }
  return sseChunkSource(response, new GeminiStreamMapper(call), call);
}

export const geminiAdapter: ProviderAdapter = {
  async completion(params: CompletionParams, call: CallContext): Promise<ModelResponse> {
    return geminiAnswer(await send(call, generateContentRequest(params, call, false), mapGeminiError), call);
  },

  async stream(params: CompletionParams, call: CallContext): Promise<ChunkSource> {
    return geminiChunkSource(await send(call, generateContentRequest(params, call, true), mapGeminiError), call);
  },

  async embedding(params: EmbeddingParams, call: CallContext): Promise<EmbeddingResponse> {
    const { request, batch } = embeddingRequest(params, call);
    const response = await send(call, request, mapGeminiError);
    return normalizeEmbeddingResponse(await readJson(response, call), params, call, batch);
  },

  listModels: (call: CallContext) => listGeminiModels(call),
};
