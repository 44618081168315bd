/**
 * Bedrock's Converse API as servers send it: every field may be missing, and new block and event
 * kinds may appear, so mappers check before they trust. Names follow AWS's own.
 */

export interface RawTokenUsage {
  inputTokens?: number | null;
  outputTokens?: number | null;
  totalTokens?: number | null;
  cacheReadInputTokens?: number | null;
  cacheWriteInputTokens?: number | null;
  [key: string]: unknown;
}

export interface RawReasoningContent {
  reasoningText?: { text?: string; signature?: string };
  /** Base64 of a redacted reasoning block. */
  redactedContent?: string;
}

/** A content block of an answer: text, toolUse, reasoningContent, or a newer kind. */
export interface RawContentBlock {
  text?: string;
  toolUse?: { toolUseId?: string; name?: string; input?: unknown };
  reasoningContent?: RawReasoningContent;
  [key: string]: unknown;
}

/** The whole answer of Converse. */
export interface RawConverseResponse {
  output?: { message?: { role?: string; content?: RawContentBlock[] } };
  stopReason?: string;
  usage?: RawTokenUsage;
  [key: string]: unknown;
}

/** `contentBlockDelta.delta`: one of text, toolUse input, reasoningContent (text, signature, redacted). */
export interface RawBlockDelta {
  text?: string;
  toolUse?: { input?: string };
  reasoningContent?: { text?: string; signature?: string; redactedContent?: string };
}

/** The payload of one ConverseStream event; which fields are set depends on the event type. */
export interface RawStreamEvent {
  contentBlockIndex?: unknown;
  start?: { toolUse?: { toolUseId?: string; name?: string } };
  delta?: RawBlockDelta;
  stopReason?: string;
  usage?: RawTokenUsage;
  message?: string;
  originalStatusCode?: number;
  [key: string]: unknown;
}
