/**
 * The Vertex AI adapter: Gemini and Claude models on Google Cloud, through the Gemini and
 * Anthropic mappers (Vertex speaks their wires) with Vertex's paths and credentials; embeddings
 * through Vertex's own `:predict`.
 */

import type { CompletionParams, EmbeddingParams, EmbeddingResponse, ModelResponse } from '../../types';
import { readMessage, streamFrom } from '../anthropic/adapter';
import { readJson, send } from '../exchange';
import { geminiAnswer, geminiChunkSource } from '../gemini/adapter';
import { mapGeminiError } from '../gemini/errors';
import type { CallContext, ChunkSource, ProviderAdapter } from '../types';
import { vertexEmbeddingRequest, vertexEmbeddingResponse } from './embeddings';
import { mapVertexAnthropicError } from './errors';
import { isClaudeModel, vertexAnthropicRequest, vertexGeminiRequest } from './request';

export const vertexAdapter: ProviderAdapter = {
  async completion(params: CompletionParams, call: CallContext): Promise<ModelResponse> {
    if (isClaudeModel(call.modelId)) {
      const { request, jsonMode } = await vertexAnthropicRequest(params, call, false);
      return readMessage(await send(call, request, mapVertexAnthropicError), call, jsonMode);
    }
    return geminiAnswer(await send(call, await vertexGeminiRequest(params, call, false), mapGeminiError), call);
  },

  async stream(params: CompletionParams, call: CallContext): Promise<ChunkSource> {
    if (isClaudeModel(call.modelId)) {
      const { request, jsonMode } = await vertexAnthropicRequest(params, call, true);
      return streamFrom(await send(call, request, mapVertexAnthropicError), call, jsonMode);
    }
    return geminiChunkSource(await send(call, await vertexGeminiRequest(params, call, true), mapGeminiError), call);
  },

  async embedding(params: EmbeddingParams, call: CallContext): Promise<EmbeddingResponse> {
    const response = await send(call, await vertexEmbeddingRequest(params, call), mapGeminiError);
    return vertexEmbeddingResponse(await readJson(response, call), params, call);
  },
};
