/**
 * AWS Bedrock: Converse and ConverseStream for chat, InvokeModel for embeddings (Titan, Cohere);
 * wires HTTP, signing and the mappers. The AWS libraries load on the first call, not with the core.
 */

import { headerValue } from '../../http/headers';
import type { HttpResponse } from '../../http/transport';
import type { AwsCallOptions, CompletionParams, EmbeddingParams, EmbeddingResponse, ModelResponse } from '../../types';
import { eventStreamChunkSource } from '../chunkSource';
import { readAnswer, readJson, requestIdFor, send, userAgent } from '../exchange';
import type { CallContext, ChunkSource, ProviderAdapter } from '../types';
import type { AwsLibraries } from './awsLibraries';
import { embeddingCalls, embeddingResponse, type EmbeddingAnswer } from './embeddings';
import { mapBedrockError } from './errors';
import { converseBody, conversePath } from './request';
import { mapConverseResponse } from './response';
import { signedHeaders } from './signing';
import { BedrockStreamMapper } from './streamMapper';
import { bedrockTarget } from './target';

let awsLibrariesLoad: Promise<AwsLibraries> | undefined;

/** The AWS libraries, loaded on the first Bedrock call so that importing the core costs nothing for them. */
function loadAwsLibraries(): Promise<AwsLibraries> {
  awsLibrariesLoad ??= import('./awsLibraries').then(({ awsLibraries }) => awsLibraries);
  return awsLibrariesLoad;
}

interface SignedPost {
  path: string;
  body: Record<string, unknown>;
  accept: string;
}

async function sendSigned(options: AwsCallOptions, post: SignedPost, call: CallContext, aws: AwsLibraries): Promise<HttpResponse> {
  const target = bedrockTarget(options, aws, call);
  const url = new URL(`${target.endpoint}${post.path}`);
  const headers: Record<string, string> = { ...call.provider.headers, 'content-type': 'application/json', accept: post.accept, 'user-agent': userAgent };
  // `send` serialises the body with JSON.stringify too, so the bytes signed are the bytes sent.
  const signed = await signedHeaders(target, url, JSON.stringify(post.body), headers, aws, call);
  return send(call, { url: url.toString(), headers: signed, body: post.body }, mapBedrockError);
}

function sendConverse(params: CompletionParams, call: CallContext, stream: boolean, aws: AwsLibraries): Promise<HttpResponse> {
  const post = { path: conversePath(call.modelId, stream), body: converseBody(params, call), accept: stream ? 'application/vnd.amazon.eventstream' : 'application/json' };
  return sendSigned(params, post, call, aws);
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
      const response = await sendSigned(params, { path: invokePath(call.modelId), body: embeddingCall.body, accept: 'application/json' }, call, aws);
      answers.push({ body: await readJson(response, call), headerTokens: headerCount(response, 'x-amzn-bedrock-input-token-count') });
    }
    return embeddingResponse(calls, answers, params, call);
  },
};
