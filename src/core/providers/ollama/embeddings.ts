/**
 * `POST /api/embed` ⇄ OpenAI embeddings: `{model, input, dimensions?}` out, `{embeddings:
 * number[][], prompt_eval_count?}` back as a `list`. Ollama embeds text only, and answers with
 * numbers; a caller that asked for base64 gets OpenAI's encoding (little-endian float32).
 */

import { APIError, BadRequestError } from '../../errors';
import type { Embedding, EmbeddingParams, EmbeddingResponse } from '../../types';
import { asRecord } from '../../jsonValues';
import { type OutgoingRequest } from '../exchange';
import type { CallContext } from '../types';
import { ollamaHeaders } from './headers';

function holdsTokenIds(input: EmbeddingParams['input']): boolean {
  return Array.isArray(input) && input.some((item) => typeof item !== 'string');
}

/** The `/api/embed` request; `extra_body` adds Ollama's own fields (`truncate`, `keep_alive`, `options`). */
export function embedRequest(params: EmbeddingParams, call: CallContext, baseUrl: string): OutgoingRequest {
  if (holdsTokenIds(params.input)) {
    throw new BadRequestError({
      message: `${call.provider.displayName} embeds text only; 'input' holds token ids.`,
      param: 'input',
      llm_provider: call.provider.id,
      model: call.requestedModel,
    });
  }
  const body: Record<string, unknown> = { model: call.modelId, input: params.input };
  if (params.dimensions !== undefined) {
    body['dimensions'] = params.dimensions;
  }
  Object.assign(body, params.extra_body);
  return { url: `${baseUrl}/api/embed`, headers: ollamaHeaders(call.provider, false), body };
}

/** OpenAI's base64 form of a vector: little-endian float32. */
export function base64Of(vector: readonly number[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, index) => bytes.writeFloatLE(value, index * 4));
  return bytes.toString('base64');
}

/** An `/api/embed` body in OpenAI's `list` shape. */
export function embeddingResponse(body: unknown, params: EmbeddingParams, call: CallContext): EmbeddingResponse {
  const record = asRecord(body);
  const vectors = record?.['embeddings'];
  if (!Array.isArray(vectors)) {
    throw new APIError({
      message: `${call.provider.displayName} answered the embeddings request without an 'embeddings' list.`,
      llm_provider: call.provider.id,
      model: call.requestedModel,
      body,
    });
  }
  const encode = params.encoding_format === 'base64';
  const data = vectors.map(
    (vector: unknown, index): Embedding => ({
      object: 'embedding',
      index,
      embedding: encode && Array.isArray(vector) ? base64Of(vector as number[]) : (vector as number[]),
    }),
  );
  const response: EmbeddingResponse = { object: 'list', data, model: typeof record?.['model'] === 'string' ? record['model'] : call.modelId };
  const promptTokens = record?.['prompt_eval_count'];
  if (typeof promptTokens === 'number') {
    response.usage = { prompt_tokens: promptTokens, total_tokens: promptTokens };
  }
  return response;
}
