/**
 * How one vendor's dialect of the OpenAI wire differs. A new OpenAI-compatible vendor is a config
 * (see vendors.ts), not a class.
 */
export interface OpenAIWireConfig {
  /** `Authorization: Bearer <key>` or Azure's `api-key: <key>`. */
  auth: 'bearer' | 'api-key';
  /** Plain `/chat/completions`, or Azure's deployment URLs (`/openai/v1` bases use the plain form). */
  urls: 'openai' | 'azure';
  /** Send `stream_options: {include_usage: true}` (dropped once per endpoint if rejected). */
  streamUsage: boolean;
  /**
   * Where `max_tokens` goes: as is; always as `max_completion_tokens` (OpenAI, which rejects
   * `max_tokens` for reasoning models); or only for reasoning models (Azure's older API versions
   * do not know `max_completion_tokens`).
   */
  maxTokens: 'max_tokens' | 'max_completion_tokens' | 'max_completion_tokens_for_reasoning_models';
  /** Mistral calls `tool_choice: "required"` `"any"`. */
  toolChoiceRequired: 'required' | 'any';
  /** OpenRouter takes `reasoning: {effort}`; everyone else `reasoning_effort`. */
  reasoningEffort: 'reasoning_effort' | 'reasoning_object';
  /** Keep Anthropic-style `cache_control` on content parts (OpenRouter forwards it). */
  cacheControl: boolean;
  /** Ask for base64 embeddings (smaller on the wire) and decode them, as the OpenAI SDK does. */
  base64Embeddings: boolean;
  /** Offers `GET /models` (Azure lists no deployments there; Jina has no such endpoint). */
  listModels: boolean;
  /**
   * Speaks OpenAI's Responses API too (OpenAI, Azure): `responses/<model>` and the models the
   * catalogue marks Responses-only go there.
   */
  responsesApi: boolean;
  /** Default headers for every request (e.g. OpenRouter's app attribution). */
  headers?: Readonly<Record<string, string>>;
}

export const openAIWire: OpenAIWireConfig = {
  auth: 'bearer',
  urls: 'openai',
  streamUsage: true,
  maxTokens: 'max_tokens',
  toolChoiceRequired: 'required',
  reasoningEffort: 'reasoning_effort',
  cacheControl: false,
  base64Embeddings: false,
  listModels: true,
  responsesApi: false,
};
