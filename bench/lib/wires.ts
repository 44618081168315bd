/**
 * The wires the benchmark measures, and what a whole answer delivers on each. An answer has
 * `contentChunks` pieces of text; around them each wire has a few events of its own, and a client
 * that hands out OpenAI chunks turns them into a few chunks of its own. The harness checks every
 * client delivered exactly that many, so no client can look fast by losing events.
 */

export const wireNames = ['openai', 'anthropic', 'responses', 'bedrock', 'gemini', 'ollama'] as const;
export type WireName = (typeof wireNames)[number];

export function isWireName(value: unknown): value is WireName {
  return typeof value === 'string' && (wireNames as readonly string[]).includes(value);
}

export interface Wire {
  name: WireName;
  /** The route the server answers, as the request path ends (the query left out). */
  path: string;
  /** Events (SSE `data` payloads, `[DONE]` left out; Bedrock's event-stream messages; Ollama's NDJSON lines) in the body of an answer. */
  events: (contentChunks: number) => number;
  /** OpenAI chunks a client that translates the wire delivers for the answer. */
  chunks: (contentChunks: number) => number;
}

export const wires: Readonly<Record<WireName, Wire>> = {
  openai: {
    name: 'openai',
    path: '/v1/chat/completions',
    // The content chunks, the finish chunk and the usage chunk.
    events: (contentChunks) => contentChunks + 2,
    chunks: (contentChunks) => contentChunks + 2,
  },
  anthropic: {
    name: 'anthropic',
    path: '/v1/messages',
    // message_start, content_block_start, the deltas, content_block_stop, message_delta, message_stop.
    events: (contentChunks) => contentChunks + 5,
    // Switchboard's AnthropicStreamMapper: one chunk per text_delta (the first also carries the
    // role), the finish chunk from message_delta, the usage chunk from message_stop; message_start,
    // the empty text block's start and content_block_stop give none.
    chunks: (contentChunks) => contentChunks + 2,
  },
  responses: {
    name: 'responses',
    path: '/v1/responses',
    // response.created, response.in_progress, output_item.added, content_part.added, the deltas,
    // output_text.done, content_part.done, output_item.done, response.completed.
    events: (contentChunks) => contentChunks + 8,
    // Switchboard's ResponsesStreamMapper: one chunk per output_text.delta, then the finish chunk
    // and the usage chunk from response.completed; the other events give none.
    chunks: (contentChunks) => contentChunks + 2,
  },
  bedrock: {
    name: 'bedrock',
    path: '/converse-stream',
    // messageStart, the contentBlockDeltas, contentBlockStop, messageStop, metadata.
    events: (contentChunks) => contentChunks + 4,
    // Switchboard's Bedrock stream mapper: one chunk per text delta, the finish chunk from
    // messageStop, the usage chunk from metadata.
    chunks: (contentChunks) => contentChunks + 2,
  },
  gemini: {
    name: 'gemini',
    path: ':streamGenerateContent',
    // One GenerateContentResponse per content chunk; the last also carries finishReason and the final usageMetadata.
    events: (contentChunks) => contentChunks,
    // Switchboard's GeminiStreamMapper: one chunk per response with text (the first also carries
    // the role, the last the finish), then the usage chunk once the body ends.
    chunks: (contentChunks) => contentChunks + 1,
  },
  ollama: {
    name: 'ollama',
    path: '/api/chat',
    // One NDJSON line per content chunk, then the `done: true` line (empty content, done_reason, eval counts).
    events: (contentChunks) => contentChunks + 1,
    // Switchboard's OllamaStreamMapper: one chunk per line with text (the first also carries the
    // role), the finish chunk with the usage from the done line.
    chunks: (contentChunks) => contentChunks + 1,
  },
};
