/**
 * Ollama's native API as the server speaks it (docs/api.md, api/types.go). Responses are typed
 * loosely: fields may be missing (Go's `omitempty` drops zeros), so mappers check before they trust.
 */

/** A tool call on the wire: arguments are a JSON object, and there is no id. */
export interface OllamaToolCall {
  function: { name: string; arguments: Record<string, unknown> };
}

/** A message as `/api/chat` takes it. */
export interface OllamaMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  content: string;
  /** Base64 image data, without a `data:` prefix. */
  images?: string[];
  /** An earlier answer's reasoning, sent back so thinking models can continue a tool loop. */
  thinking?: string;
  tool_calls?: OllamaToolCall[];
  /** On a tool result: the function whose result it is (Ollama has no call ids). */
  tool_name?: string;
}

/** `think`: on/off, or a named level for models that take levels (gpt-oss). */
export type ThinkValue = boolean | 'low' | 'medium' | 'high';

export interface OllamaChatRequest {
  model: string;
  messages: OllamaMessage[];
  stream: boolean;
  tools?: unknown[];
  format?: 'json' | Record<string, unknown>;
  think?: ThinkValue;
  options?: Record<string, unknown>;
  [field: string]: unknown;
}

/** A received message: the same fields, all optional, arguments possibly anything. */
export interface RawOllamaMessage {
  role?: string;
  content?: string;
  thinking?: string;
  /** `function.index` is anything a server sent; read only through `wireIndex`. */
  tool_calls?: ({ function?: { name?: string; arguments?: unknown; index?: unknown } | null } | null)[] | null;
  images?: unknown;
}

/** One `/api/chat` answer: the whole body (`stream: false`) or one NDJSON line. */
export interface RawChatLine {
  model?: string;
  created_at?: string;
  message?: RawOllamaMessage | null;
  done?: boolean;
  done_reason?: string;
  prompt_eval_count?: number;
  eval_count?: number;
  /** A failure reported inside a 200 stream. */
  error?: unknown;
}
