/**
 * Embeddings on Vertex AI (`text-embedding-*`, `gemini-embedding-*`): Google's models answer
 * `:predict` with `instances: [{content, task_type?}]` (one per text) and `parameters:
 * {outputDimensionality}`, and say `predictions[].embeddings.values` with each text's
 * `statistics.token_count`, whose sum is the call's prompt tokens.
 */

import { APIError } from '../../errors';
import { asRecord } from '../../jsonValues';
import type { Embedding, EmbeddingParams, EmbeddingResponse } from '../../types';
import type { OutgoingRequest } from '../exchange';
import { embeddingTexts, toBase64 } from '../gemini/embeddings';
import type { CallContext } from '../types';
import { vertexGoogleTarget } from './request';

export async function vertexEmbeddingRequest(params: EmbeddingParams, call: CallContext): Promise<OutgoingRequest> {
  const input = embeddingTexts(params, call);
  const instances = (typeof input === 'string' ? [input] : input).map((content) => (params.task_type === undefined ? { content } : { content, task_type: params.task_type }));
  const body: Record<string, unknown> = { instances };
  if (params.dimensions !== undefined) {
    body['parameters'] = { outputDimensionality: params.dimensions };
  }
  return { ...(await vertexGoogleTarget(params, call, 'predict', false)), body: { ...body, ...params.extra_body } };
}

/** The `:predict` answer as an OpenAI `list`; usage only when every prediction counted its tokens. */
export function vertexEmbeddingResponse(body: unknown, params: EmbeddingParams, call: CallContext): EmbeddingResponse {
  const predictions = asRecord(body)?.['predictions'];
  if (!Array.isArray(predictions)) {
    throw new APIError({
      llm_provider: call.provider.id,
      model: call.requestedModel,
      message: `${call.provider.displayName} answered the embeddings request without a 'predictions' list.`,
      body,
    });
  }
  let promptTokens: number | undefined = 0;
  const data: Embedding[] = predictions.map((prediction, index) => {
    const embeddings = asRecord(asRecord(prediction)?.['embeddings']);
    const raw = embeddings?.['values'];
    const values = Array.isArray(raw) ? (raw as number[]) : [];
    const count = asRecord(embeddings?.['statistics'])?.['token_count'];
    promptTokens = typeof count === 'number' && promptTokens !== undefined ? promptTokens + count : undefined;
    return { object: 'embedding', index, embedding: params.encoding_format === 'base64' ? toBase64(values) : values };
  });
  const response: EmbeddingResponse = { object: 'list', data, model: call.modelId };
  if (promptTokens !== undefined && predictions.length > 0) {
    response.usage = { prompt_tokens: promptTokens, total_tokens: promptTokens };
  }
  return response;
}
