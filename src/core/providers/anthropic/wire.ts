/**
 * Anthropic's Messages API as servers actually send it: looser than the documented types (fields
 * may be missing or null, new block and event types may appear), so mappers check before they
 * trust. Names follow Anthropic's own.
 */

export interface RawUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
  [key: string]: unknown;
}

/** A content block of a response: text, thinking, redacted_thinking, tool_use, or a newer kind. */
export interface RawContentBlock {
  type?: string;
  text?: string;
  thinking?: string;
  signature?: string;
  data?: string;
  id?: string;
  name?: string;
  input?: unknown;
  [key: string]: unknown;
}

/** A whole `message` (the non-streamed answer, and `message_start.message`). */
export interface RawMessage {
  id?: string;
  type?: string;
  role?: string;
  model?: string;
  content?: RawContentBlock[];
  stop_reason?: string | null;
  stop_sequence?: string | null;
  usage?: RawUsage;
  [key: string]: unknown;
}

/** `content_block_delta.delta`. */
export interface RawBlockDelta {
  type?: string;
  text?: string;
  thinking?: string;
  signature?: string;
  partial_json?: string;
}

/** One SSE event's data: the `type` names the event even where the `event:` line is missing. */
export interface RawStreamEvent {
  type?: string;
  /** Anything a server sent; read only through `wireIndex`. */
  index?: unknown;
  message?: RawMessage;
  content_block?: RawContentBlock;
  delta?: RawBlockDelta & { stop_reason?: string | null; stop_sequence?: string | null };
  usage?: RawUsage;
  error?: unknown;
  request_id?: string;
}
