/**
 * The Responses API for the OpenAI-wire adapter: one exchange per call, the answer or the stream
 * mapped to the chat-completions shapes every caller reads. HTTP failures have OpenAI's error
 * envelope, so they are mapped as chat completions' are.
 */

import type { CompletionParams, ModelResponse } from '../../../types';
import { headerValue } from '../../../http/headers';
import { wireSourceOf } from '../../../wireIndex';
import { sseChunkSource } from '../../chunkSource';
import { readJson, send } from '../../exchange';
import { chunksFromResponse, staticChunkSource } from '../../responseChunks';
import type { CallContext, ChunkSource } from '../../types';
import { mapOpenAIError } from '../errors';
import type { OpenAIWireConfig } from '../wireConfig';
import { responsesRequest } from './request';
import { normalizeResponsesAnswer } from './response';
import { ResponsesStreamMapper } from './streamMapper';

export async function responsesCompletion(params: CompletionParams, call: CallContext, wire: OpenAIWireConfig): Promise<ModelResponse> {
  const response = await send(call, responsesRequest(params, call, wire, false), mapOpenAIError);
  return normalizeResponsesAnswer(await readJson(response, call), call, wireSourceOf(call));
}

export async function responsesStream(params: CompletionParams, call: CallContext, wire: OpenAIWireConfig): Promise<ChunkSource> {
  const response = await send(call, responsesRequest(params, call, wire, true), mapOpenAIError);
  if (headerValue(response.headers, 'content-type')?.includes('application/json') === true) {
    // A proxy that ignored `stream` answered with the whole Response.
    return staticChunkSource(chunksFromResponse(normalizeResponsesAnswer(await readJson(response, call), call, wireSourceOf(call))));
  }
  return sseChunkSource(response, new ResponsesStreamMapper(call), call);
}
