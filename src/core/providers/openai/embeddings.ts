import { APIError } from '../../errors';
import type { Embedding, EmbeddingResponse } from '../../types';
import { asRecord } from '../../jsonValues';
import type { CallContext } from '../types';

/** Little-endian float32 values from a base64 string, as OpenAI encodes them. */
function decodeBase64Embedding(encoded: string): number[] {
  const bytes = Buffer.from(encoded, 'base64');
  const values = new Array<number>(bytes.length >>> 2);
  for (let i = 0; i < values.length; i++) {
    values[i] = bytes.readFloatLE(i * 4);
  }
  return values;
}

/** An embeddings `list` body in the public shape; base64 vectors decoded unless asked for. */
export function normalizeEmbeddingResponse(body: unknown, call: CallContext, decodeBase64: boolean): EmbeddingResponse {
  const record = asRecord(body);
  const data = record?.['data'];
  if (!Array.isArray(data)) {
    throw new APIError({
      llm_provider: call.provider.id,
      model: call.requestedModel,
      message: `${call.provider.displayName} answered the embeddings request without a 'data' list.`,
      body,
    });
  }
  const embeddings: Embedding[] = data.map((item: unknown, position) => {
    const entry = asRecord(item) ?? {};
    const vector = entry['embedding'];
    const embedding = typeof vector === 'string' && decodeBase64 ? decodeBase64Embedding(vector) : (vector as number[] | string);
    return { object: 'embedding', index: typeof entry['index'] === 'number' ? entry['index'] : position, embedding };
  });
  embeddings.sort((a, b) => a.index - b.index);
  const usage = asRecord(record?.['usage']);
  const response: EmbeddingResponse = {
    object: 'list',
    data: embeddings,
    model: typeof record?.['model'] === 'string' ? record['model'] : call.modelId,
  };
  if (usage !== undefined && typeof usage['prompt_tokens'] === 'number') {
    response.usage = {
      prompt_tokens: usage['prompt_tokens'],
      total_tokens: typeof usage['total_tokens'] === 'number' ? usage['total_tokens'] : usage['prompt_tokens'],
    };
  }
  return response;
}
