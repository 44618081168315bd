/**
 * A whole GenerateContentResponse → `chat.completion`. It is read as a one-event stream and
 * rebuilt with the stream builder, so thought parts, signatures, function calls, finish reasons
 * and usage come out exactly as they do when streamed.
 */

import { streamChunkBuilder } from '../../streamChunkBuilder';
import type { ModelResponse, ModelResponseChunk } from '../../types';
import type { CallContext } from '../types';
import { GeminiStreamMapper } from './streamMapper';
import type { GeminiResponse } from './wire';

/** The chunks a whole answer makes (for a stream request the server answered in one body). */
export function chunksFromGemini(bodies: readonly GeminiResponse[], call: CallContext): ModelResponseChunk[] {
  const mapper = new GeminiStreamMapper(call);
  const chunks: ModelResponseChunk[] = [];
  for (const body of bodies) {
    mapper.mapResponse(body, chunks);
  }
  mapper.end(chunks);
  return chunks;
}

export function normalizeResponse(body: GeminiResponse, call: CallContext): ModelResponse {
  return streamChunkBuilder(chunksFromGemini([body], call));
}
