/**
 * The Ollama adapter: Ollama's native API (`/api/chat`, `/api/embed`, `/api/tags`, `/api/show`)
 * wired to the mappers of this folder.
 */

import type { CompletionParams, EmbeddingParams, EmbeddingResponse, ModelResponse } from '../../types';
import type { HttpResponse } from '../../http/transport';
import { headerValue } from '../../http/headers';
import { ndjsonChunkSource } from '../chunkSource';
import { chunksFromResponse, staticChunkSource } from '../responseChunks';
import { readAnswer, readJson, send, type OutgoingRequest } from '../exchange';
import type { CallContext, ChunkSource, ProviderAdapter, ProviderModel } from '../types';
import { embeddingResponse, embedRequest } from './embeddings';
import { mapOllamaError, withServerAdvice } from './errors';
import { modelFacts } from './modelFacts';
import { listOllamaModels } from './models';
import { chatBody, chatRequest, needsModelFacts } from './request';
import { ollamaResponse } from './response';
import { OllamaStreamMapper } from './streamMapper';

/** Sends a request; a refused connection says how to start Ollama. */
async function sendToOllama(call: CallContext, request: OutgoingRequest): Promise<HttpResponse> {
  try {
    return await send(call, request, mapOllamaError);
  } catch (error) {
    throw withServerAdvice(error, call);
  }
}

async function prepareChat(params: CompletionParams, call: CallContext, stream: boolean): Promise<OutgoingRequest> {
  const baseUrl = call.provider.apiBase;
  const body = chatBody(params, call, stream);
  const facts = needsModelFacts(params) ? await modelFacts(call, baseUrl) : {};
  return chatRequest(body, params, call, baseUrl, facts);
}

export const ollamaAdapter: ProviderAdapter = {
  async completion(params: CompletionParams, call: CallContext): Promise<ModelResponse> {
    const response = await sendToOllama(call, await prepareChat(params, call, false));
    return ollamaResponse(await readAnswer(response, call), call);
  },

  async stream(params: CompletionParams, call: CallContext): Promise<ChunkSource> {
    const response = await sendToOllama(call, await prepareChat(params, call, true));
    if (headerValue(response.headers, 'content-type')?.startsWith('application/json') === true) {
      // A proxy that buffered the stream, or a server that ignored `stream`: one whole answer.
      return staticChunkSource(chunksFromResponse(ollamaResponse(await readAnswer(response, call), call)));
    }
    return ndjsonChunkSource(response, new OllamaStreamMapper(call), call);
  },

  async embedding(params: EmbeddingParams, call: CallContext): Promise<EmbeddingResponse> {
    const response = await sendToOllama(call, embedRequest(params, call, call.provider.apiBase));
    return embeddingResponse(await readJson(response, call), params, call);
  },

  async listModels(call: CallContext): Promise<ProviderModel[]> {
    try {
      return await listOllamaModels(call, call.provider.apiBase);
    } catch (error) {
      throw withServerAdvice(error, call);
    }
  },
};
