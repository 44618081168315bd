/**
 * AWS Bedrock: Converse and ConverseStream for chat, InvokeModel for embeddings (Titan, Cohere),
 * ListFoundationModels for the model list; wires HTTP, signing and the mappers. The AWS libraries load on the first call, not with the core.
 */

import { headerValue } from '../../http/headers';
import type { HttpResponse } from '../../http/transport';
import type { CompletionParams, EmbeddingParams, EmbeddingResponse, ModelResponse } from '../../types';
import { eventStreamChunkSource } from '../chunkSource';
import { readAnswer, readJson, requestIdFor } from '../exchange';
import type { CallContext, ChunkSource, ProviderAdapter } from '../types';
import type { AwsLibraries } from './awsLibraries';
import { embeddingCalls, embeddingResponse, type EmbeddingAnswer } from './embeddings';
import { converseBody, conversePath } from './request';
import { listBedrockModels } from './models';
import { mapConverseResponse } from './response';
import { loadAwsLibraries, sendSigned } from './signedRequest';
import { BedrockStreamMapper } from './streamMapper';

function sendConverse(params: CompletionParams, call: CallContext, stream: boolean, aws: AwsLibraries): Promise<HttpResponse> {
  const request = { method: 'POST' as const, path: conversePath(call.modelId, stream), body: converseBody(params, call), accept: stream ? 'application/vnd.amazon.eventstream' : 'application/json' };
  return sendSigned(params, request, call, aws);
}

/** InvokeModel's path: the model id (a profile ARN included) URL-encoded as one path segment. */
function invokePath(modelId: string): string {
  return `/model/${encodeURIComponent(modelId)}/invoke`;
}

function headerCount(response: HttpResponse, name: string): number | undefined {
  const value = Number(headerValue(response.headers, name));
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

export const bedrockAdapter: ProviderAdapter = {
  async prepare(): Promise<void> {
    await loadAwsLibraries();
  },

  async completion(params: CompletionParams, call: CallContext): Promise<ModelResponse> {
    const response = await sendConverse(params, call, false, await loadAwsLibraries());
    return mapConverseResponse(await readAnswer(response, call), call.modelId, requestIdFor(response, call));
  },

  async stream(params: CompletionParams, call: CallContext): Promise<ChunkSource> {
    const aws = await loadAwsLibraries();
    const response = await sendConverse(params, call, true, aws);
    return eventStreamChunkSource(response, new BedrockStreamMapper(call, requestIdFor(response, call) ?? ''), aws.eventStreamMessageDecoder(), call);
  },

  async embedding(params: EmbeddingParams, call: CallContext): Promise<EmbeddingResponse> {
    const calls = embeddingCalls(params, call);
    const aws = await loadAwsLibraries();
    // One after another: Titan takes one text per request, and a burst of them would meet AWS's throttling sooner.
    const answers: EmbeddingAnswer[] = [];
    for (const embeddingCall of calls) {
      const response = await sendSigned(params, { method: 'POST', path: invokePath(call.modelId), body: embeddingCall.body, accept: 'application/json' }, call, aws);
      answers.push({ body: await readJson(response, call), headerTokens: headerCount(response, 'x-amzn-bedrock-input-token-count') });
    }
    return embeddingResponse(calls, answers, params, call);
  },

  listModels: (call, options) => listBedrockModels(call, options),
};
