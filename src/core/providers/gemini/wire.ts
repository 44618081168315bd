/**
 * Gemini's `v1beta` wire as servers actually send it (GenerateContentResponse, embeddings, model
 * list, error envelope): looser than Google's reference (fields may be missing), so mappers check
 * before they trust. Request shapes are what we build.
 */

export interface GeminiFunctionCall {
  name?: string;
  args?: unknown;
  /** Newer models (and our own requests) carry a call id; older answers have none. */
  id?: string;
}

export interface GeminiFunctionResponse {
  name: string;
  response: Record<string, unknown>;
  id?: string;
}

export interface GeminiPart {
  text?: string;
  /** True on a thought (summary) part: reasoning, not answer. */
  thought?: boolean;
  /** Opaque token to send back with the part it came on, so the model keeps its reasoning. */
  thoughtSignature?: string;
  functionCall?: GeminiFunctionCall;
  functionResponse?: GeminiFunctionResponse;
  inlineData?: { mimeType: string; data: string };
  fileData?: { fileUri: string; mimeType?: string };
  [key: string]: unknown;
}

export interface GeminiContent {
  role?: string;
  parts?: GeminiPart[];
}

export interface GeminiCandidate {
  content?: GeminiContent;
  finishReason?: string;
  /** Anything a server sent; read only through `wireIndex`. */
  index?: unknown;
  [key: string]: unknown;
}

export interface GeminiUsageMetadata {
  promptTokenCount?: number;
  candidatesTokenCount?: number;
  thoughtsTokenCount?: number;
  cachedContentTokenCount?: number;
  totalTokenCount?: number;
  [key: string]: unknown;
}

export interface GeminiPromptFeedback {
  blockReason?: string;
  blockReasonMessage?: string;
  safetyRatings?: unknown[];
}

export interface GeminiResponse {
  candidates?: GeminiCandidate[];
  promptFeedback?: GeminiPromptFeedback;
  usageMetadata?: GeminiUsageMetadata;
  modelVersion?: string;
  responseId?: string;
  /** An error sent inside a 200 stream. */
  error?: unknown;
  [key: string]: unknown;
}
