/**
 * The OpenAI wire as servers actually send it: looser than the public types (fields may be
 * missing, null or vendor-specific), so mappers check before they trust.
 */

export interface RawToolCall {
  /** Anything a server sent; read only through `wireIndex`. */
  index?: unknown;
  id?: string | null;
  type?: 'function';
  function?: { name?: string; arguments?: string };
  [key: string]: unknown;
}

export interface RawMessage {
  role?: string;
  content?: string | unknown[] | null;
  reasoning_content?: string | null;
  reasoning?: unknown;
  tool_calls?: RawToolCall[];
  refusal?: string | null;
  [key: string]: unknown;
}

export type ChoiceDelta = RawMessage;

export interface RawChoice {
  /** Anything a server sent; read only through `wireIndex`. */
  index?: unknown;
  message?: RawMessage;
  delta?: ChoiceDelta;
  finish_reason?: string | null;
  native_finish_reason?: string | null;
  [key: string]: unknown;
}

export interface RawResponse {
  id?: string;
  object?: string;
  created?: number;
  model?: string;
  choices?: RawChoice[];
  usage?: unknown;
  error?: unknown;
  x_groq?: { usage?: unknown };
  [key: string]: unknown;
}
