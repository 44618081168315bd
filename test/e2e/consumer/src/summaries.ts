/**
 * The parts of Switchboard's answers the end-to-end test compares: small enough to read in a
 * failure message, whole enough that one deepStrictEqual checks the shape (an embedding's 1536
 * numbers become their count and first values).
 */

import type { EmbeddingResponse, ListedModel, ModelResponse, ModelResponseChunk } from '../../../../api';

export function summariseResponse(response: ModelResponse): unknown {
  const choice = response.choices[0];
  return {
    object: response.object,
    id: response.id,
    model: response.model,
    choices: response.choices.length,
    role: choice?.message.role,
    content: choice?.message.content,
    finish_reason: choice?.finish_reason,
    usage: response.usage,
  };
}

/** A stream's chunks rebuilt by hand, the way a consumer without Switchboard's helpers would. */
export function summariseChunks(chunks: ModelResponseChunk[]): unknown {
  const finish = chunks.flatMap((chunk) => chunk.choices).find((choice) => choice.finish_reason !== null);
  return {
    objects: [...new Set(chunks.map((chunk) => chunk.object))],
    ids: [...new Set(chunks.map((chunk) => chunk.id))],
    text: streamedText(chunks),
    finish_reason: finish?.finish_reason,
    usage: chunks.findLast((chunk) => chunk.usage !== undefined && chunk.usage !== null)?.usage,
  };
}

export function streamedText(chunks: ModelResponseChunk[]): string {
  return chunks.map((chunk) => chunk.choices.map((choice) => choice.delta.content ?? '').join('')).join('');
}

export function summariseEmbedding(response: EmbeddingResponse): unknown {
  return {
    object: response.object,
    model: response.model,
    data: response.data.map((item) => ({
      object: item.object,
      index: item.index,
      type: typeof item.embedding === 'string' ? 'base64 string' : 'numbers',
      dimensions: item.embedding.length,
      // Six decimals: the fixture's values are float32, compared as the test writes them.
      first3: typeof item.embedding === 'string' ? [] : item.embedding.slice(0, 3).map((value) => Number(value.toFixed(6))),
    })),
    usage: response.usage,
  };
}

export function summariseModels(models: ListedModel[]): unknown {
  return models.map((model) => ({ id: model.id, provider: model.provider, model: model.model, source: model.source }));
}
