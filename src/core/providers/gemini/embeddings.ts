/**
 * Embeddings: one string → `:embedContent` (`{embedding: {values}}`), several → `:batchEmbedContents`
 * (`{embeddings: [{values}]}`); both come back as an OpenAI `list`. `task_type` → `taskType`,
 * `dimensions` → `outputDimensionality`.
 */

import { APIError, UnsupportedParamsError } from '../../errors';
import type { Embedding, EmbeddingParams, EmbeddingResponse } from '../../types';
import { asRecord } from '../../jsonValues';
import { type OutgoingRequest } from '../exchange';
import type { CallContext } from '../types';
import { modelPath, requestHeaders, versionedBase } from './request';

export interface GeminiEmbeddingRequest {
  request: OutgoingRequest;
  batch: boolean;
}

/** Gemini (and Vertex) embed text only; token arrays (OpenAI's pre-tokenised input) have no meaning there. */
export function embeddingTexts(params: EmbeddingParams, call: CallContext): string | string[] {
  const input = params.input;
  if (typeof input === 'string' || (Array.isArray(input) && input.every((item) => typeof item === 'string'))) {
    return input;
  }
  throw new UnsupportedParamsError({
    message: `${call.provider.displayName} embeds text only: 'input' must be a string or an array of strings, not token ids.`,
    llm_provider: call.provider.id,
    model: call.requestedModel,
    param: 'input',
  });
}

function contentRequest(text: string, params: EmbeddingParams): Record<string, unknown> {
  const request: Record<string, unknown> = { content: { parts: [{ text }] } };
  if (params.task_type !== undefined) {
    request['taskType'] = params.task_type;
  }
  if (params.dimensions !== undefined) {
    request['outputDimensionality'] = params.dimensions;
  }
  return request;
}

export function embeddingRequest(params: EmbeddingParams, call: CallContext): GeminiEmbeddingRequest {
  const input = embeddingTexts(params, call);
  const model = modelPath(call.modelId);
  const base = `${versionedBase(call.provider)}/${model}`;
  const headers = requestHeaders(call.provider, false);
  if (typeof input === 'string') {
    const body = { model, ...contentRequest(input, params), ...params.extra_body };
    return { request: { url: `${base}:embedContent`, headers, body }, batch: false };
  }
  const body = { requests: input.map((text) => ({ model, ...contentRequest(text, params) })), ...params.extra_body };
  return { request: { url: `${base}:batchEmbedContents`, headers, body }, batch: true };
}

/** OpenAI's base64 form: little-endian float32, as OpenAI sends it. */
export function toBase64(values: readonly number[]): string {
  const bytes = Buffer.alloc(values.length * 4);
  for (let i = 0; i < values.length; i++) {
    bytes.writeFloatLE(values[i] as number, i * 4);
  }
  return bytes.toString('base64');
}

function vectorsOf(body: unknown, batch: boolean): unknown[] | undefined {
  const record = asRecord(body);
  if (batch) {
    const embeddings = record?.['embeddings'];
    return Array.isArray(embeddings) ? embeddings : undefined;
  }
  const embedding = record?.['embedding'];
  return embedding === undefined ? undefined : [embedding];
}

/** Gemini's answer as an OpenAI `list`; usage only when Gemini counted the tokens. */
export function normalizeEmbeddingResponse(body: unknown, params: EmbeddingParams, call: CallContext, batch: boolean): EmbeddingResponse {
  const vectors = vectorsOf(body, batch);
  if (vectors === undefined) {
    throw new APIError({
      llm_provider: call.provider.id,
      model: call.requestedModel,
      message: `${call.provider.displayName} answered the embeddings request without ${batch ? "an 'embeddings' list" : "an 'embedding'"}.`,
      body,
    });
  }
  const data: Embedding[] = vectors.map((vector, index) => {
    const raw = asRecord(vector)?.['values'];
    const values = Array.isArray(raw) ? (raw as number[]) : [];
    return { object: 'embedding', index, embedding: params.encoding_format === 'base64' ? toBase64(values) : values };
  });
  const response: EmbeddingResponse = { object: 'list', data, model: call.modelId };
  const prompt = asRecord(asRecord(body)?.['usageMetadata'])?.['promptTokenCount'];
  if (typeof prompt === 'number') {
    response.usage = { prompt_tokens: prompt, total_tokens: prompt };
  }
  return response;
}
