/**
 * AWS Bedrock's Converse and ConverseStream: wires HTTP, signing and the mappers. Embeddings
 * (InvokeModel) and the model listing (ListFoundationModels) are outside this adapter: the
 * registry says `embeddings: false`, and Bedrock's models come from the catalogue.
 */

import { BadRequestError } from '../../errors';
import type { HttpResponse } from '../../http/transport';
import type { CompletionParams, EmbeddingParams, EmbeddingResponse, ModelResponse } from '../../types';
import { eventStreamChunkSource } from '../chunkSource';
import { readAnswer, requestIdFor, send, userAgent } from '../exchange';
import type { CallContext, ChunkSource, ProviderAdapter } from '../types';
import type { AwsLibraries } from './awsLibraries';
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

async function sendConverse(params: CompletionParams, call: CallContext, stream: boolean, aws: AwsLibraries): Promise<HttpResponse> {
  const target = bedrockTarget(params, aws, call);
  const url = new URL(`${target.endpoint}${conversePath(call.modelId, stream)}`);
  const body = converseBody(params, call);
  const headers: Record<string, string> = {
    ...call.provider.headers,
    'content-type': 'application/json',
    accept: stream ? 'application/vnd.amazon.eventstream' : 'application/json',
    'user-agent': userAgent,
  };
  // `send` serialises the body with JSON.stringify too, so the bytes signed are the bytes sent.
  const signed = await signedHeaders(target, url, JSON.stringify(body), headers, aws, call);
  return send(call, { url: url.toString(), headers: signed, body }, mapBedrockError);
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

  async embedding(_params: EmbeddingParams, call: CallContext): Promise<EmbeddingResponse> {
    // The registry says `embeddings: false`, so the client refuses first; this keeps the adapter honest.
    throw new BadRequestError({
      message: `Switchboard does not send embeddings to ${call.provider.displayName}; use an embedding model of another provider (e.g. openai/text-embedding-3-small).`,
      param: 'model',
      llm_provider: call.provider.id,
      model: call.requestedModel,
    });
  },
};
