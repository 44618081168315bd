/**
 * A whole response as a stream: for servers that answer a `stream: true` request with one JSON
 * body (some proxies and older self-hosted servers ignore `stream`). The caller still gets the
 * chunks it asked for, and `streamChunkBuilder` rebuilds the same response.
 */

import type { ModelResponse, ModelResponseChunk, StreamChoice } from '../types';
import type { ChunkSource } from './types';

/** The chunks that carry the same content as `response`: one per choice, then usage. */
export function chunksFromResponse(response: ModelResponse): ModelResponseChunk[] {
  const base = { id: response.id, object: 'chat.completion.chunk' as const, created: response.created, model: response.model };
  const chunks: ModelResponseChunk[] = response.choices.map((choice) => {
    const { message } = choice;
    const delta: StreamChoice['delta'] = { role: 'assistant', content: message.content };
    if (message.reasoning_content !== undefined) {
      delta.reasoning_content = message.reasoning_content;
    }
    if (message.thinking_blocks !== undefined) {
      delta.thinking_blocks = message.thinking_blocks;
    }
    if (message.refusal !== undefined && message.refusal !== null) {
      delta.refusal = message.refusal;
    }
    if (message.tool_calls !== undefined) {
      delta.tool_calls = message.tool_calls.map((call, index) => ({ index, id: call.id, type: 'function', function: { ...call.function } }));
    }
    const streamChoice: StreamChoice = { index: choice.index, delta, finish_reason: choice.finish_reason };
    if (choice.native_finish_reason !== undefined) {
      streamChoice.native_finish_reason = choice.native_finish_reason;
    }
    return { ...base, choices: [streamChoice] };
  });
  if (response.usage !== undefined) {
    chunks.push({ ...base, choices: [{ index: 0, delta: {}, finish_reason: null }], usage: response.usage });
  }
  return chunks;
}

/** A chunk source that hands out chunks it already has, all at once. */
export function staticChunkSource(chunks: ModelResponseChunk[]): ChunkSource {
  let pending: ModelResponseChunk[] | undefined = chunks.length > 0 ? chunks : undefined;
  return {
    next: async () => {
      const batch = pending;
      pending = undefined;
      return batch;
    },
    cancel: () => {
      pending = undefined;
    },
  };
}
