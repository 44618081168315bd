/**
 * The core's public shapes. Names and fields follow LiteLLM and the OpenAI wire format exactly
 * (snake_case), so code written against either reads the same here. Responses and chunks also
 * carry, untyped, any further fields the provider sent (`service_tier`, `content_filter_results`,
 * OpenRouter's `cost`, …): they are passed through, not dropped.
 */

// ---------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------

/** Anthropic-style prompt caching marker; passed through to providers that understand it. */
export interface CacheControl {
  type: 'ephemeral';
  ttl?: string;
}

export interface TextContentPart {
  type: 'text';
  text: string;
  cache_control?: CacheControl;
}

export interface ImageContentPart {
  type: 'image_url';
  image_url: { url: string; detail?: 'auto' | 'low' | 'high' };
  cache_control?: CacheControl;
}

export interface FileContentPart {
  type: 'file';
  file: { file_id?: string; file_data?: string; filename?: string };
}

export type ContentPart = TextContentPart | ImageContentPart | FileContentPart;

/** A reasoning block as Anthropic returns it; sent back unchanged in tool-use loops. */
export type ThinkingBlock =
  | { type: 'thinking'; thinking: string; signature?: string }
  | { type: 'redacted_thinking'; data: string };

export interface SystemMessage {
  role: 'system' | 'developer';
  content: string | TextContentPart[];
  name?: string;
}

export interface UserMessage {
  role: 'user';
  content: string | ContentPart[];
  name?: string;
}

export interface AssistantMessage {
  role: 'assistant';
  content?: string | TextContentPart[] | null;
  tool_calls?: ToolCall[];
  reasoning_content?: string | null;
  thinking_blocks?: ThinkingBlock[];
  refusal?: string | null;
  name?: string;
}

export interface ToolMessage {
  role: 'tool';
  tool_call_id: string;
  content: string | TextContentPart[];
  name?: string;
}

export type Message = SystemMessage | UserMessage | AssistantMessage | ToolMessage;
export type Role = Message['role'];

// ---------------------------------------------------------------------------------------------
// Tools and structured output
// ---------------------------------------------------------------------------------------------

export type JsonSchema = Record<string, unknown>;

export interface FunctionDefinition {
  name: string;
  description?: string;
  parameters?: JsonSchema;
  strict?: boolean;
}

export interface Tool {
  type: 'function';
  function: FunctionDefinition;
  cache_control?: CacheControl;
}

export type ToolChoice = 'none' | 'auto' | 'required' | { type: 'function'; function: { name: string } };

export interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; json_schema: { name: string; schema?: JsonSchema; strict?: boolean; description?: string } };

export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high';

export type ThinkingParam = { type: 'enabled'; budget_tokens: number } | { type: 'disabled' };

// ---------------------------------------------------------------------------------------------
// Per-call options shared by completion and embedding (LiteLLM's names)
// ---------------------------------------------------------------------------------------------

/** AWS Bedrock's credentials and endpoint for one call, LiteLLM's names; unset → the AWS default chain. */
export interface AwsCallOptions {
  aws_access_key_id?: string;
  aws_secret_access_key?: string;
  aws_session_token?: string;
  /** `us-east-1`, …; else AWS_REGION / AWS_DEFAULT_REGION. */
  aws_region_name?: string;
  /** A profile of the shared config and credentials files. */
  aws_profile_name?: string;
  /** The runtime endpoint (a VPC endpoint, a proxy); `api_base` says the same. */
  aws_bedrock_runtime_endpoint?: string;
}

export interface CallOptions extends AwsCallOptions {
  /** The provider's base URL as its own docs write it (OpenAI: `https://api.openai.com/v1`). */
  api_base?: string;
  /** Overrides the key from the environment for this call. */
  api_key?: string;
  /** Azure `api-version`. */
  api_version?: string;
  /** Extra request headers (never logged). */
  extra_headers?: Record<string, string>;
  /** Extra top-level body fields passed to the provider unchanged. */
  extra_body?: Record<string, unknown>;
  /** Seconds to wait for a response, and the longest silence between two pieces of a body. */
  timeout?: number;
  /** Retries on 408, 409, 429 and 5xx before any output was delivered. Default 2. */
  num_retries?: number;
  /** Cancels the request and closes its connection. */
  signal?: AbortSignal;
  /**
   * A proxy for this call, `http://[user:pass@]host:port` (or https://), used for every host,
   * loopback included; NO_PROXY does not apply. Without it: the provider's settings, then
   * HTTPS_PROXY / HTTP_PROXY / NO_PROXY.
   */
  proxy?: string;
  /**
   * Certificate checks, as LiteLLM has them: `true` (default); `false` to skip them (a warning is
   * logged for every new connection); or the path of a PEM CA bundle, trusted in addition to
   * Node's roots and NODE_EXTRA_CA_CERTS.
   */
  ssl_verify?: boolean | string;
  /** Vertex AI: the Google Cloud project (else VERTEXAI_PROJECT, GOOGLE_CLOUD_PROJECT, the credentials' own). */
  vertex_project?: string;
  /** Vertex AI: the region, or `global` (else VERTEXAI_LOCATION, GOOGLE_CLOUD_LOCATION, `us-central1`). */
  vertex_location?: string;
  /** Vertex AI: a service-account or ADC JSON, as text or a file path (else VERTEXAI_CREDENTIALS, then application default credentials). */
  vertex_credentials?: string;
}

/** A fallback: another model, or another model with its own per-call settings. */
export type Fallback = string | (Partial<Omit<CompletionParams, 'fallbacks' | 'messages'>> & { model: string });

export interface CompletionParams extends CallOptions {
  /** `provider/model`, e.g. `openai/gpt-4o-mini`; the rest after the first `/` is the provider's id. */
  model: string;
  messages: Message[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
  temperature?: number;
  top_p?: number;
  n?: number;
  max_tokens?: number;
  max_completion_tokens?: number;
  stop?: string | string[];
  presence_penalty?: number;
  frequency_penalty?: number;
  logit_bias?: Record<string, number>;
  logprobs?: boolean;
  top_logprobs?: number;
  seed?: number;
  user?: string;
  tools?: Tool[];
  tool_choice?: ToolChoice;
  parallel_tool_calls?: boolean;
  response_format?: ResponseFormat;
  reasoning_effort?: ReasoningEffort;
  thinking?: ThinkingParam;
  /** Models to try, in order, when this one fails (after its own retries). */
  fallbacks?: Fallback[];
  /** The `mock` provider answers with this text. */
  mock_response?: string;
}

export interface EmbeddingParams extends CallOptions {
  model: string;
  input: string | string[] | number[] | number[][];
  dimensions?: number;
  /** `base64` returns the provider's base64 strings undecoded; otherwise numbers. */
  encoding_format?: 'float' | 'base64';
  user?: string;
  /** Gemini's `taskType` (`RETRIEVAL_QUERY`, `RETRIEVAL_DOCUMENT`, `SEMANTIC_SIMILARITY`, …). */
  task_type?: string;
}

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call';

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number; audio_tokens?: number | null };
  completion_tokens_details?: { reasoning_tokens?: number; audio_tokens?: number | null };
  /** Anthropic: input tokens written to the prompt cache (included in prompt_tokens). */
  cache_creation_input_tokens?: number;
  /** Anthropic: input tokens read from the prompt cache (included in prompt_tokens). */
  cache_read_input_tokens?: number;
}

export interface ResponseMessage {
  role: 'assistant';
  content: string | null;
  tool_calls?: ToolCall[];
  reasoning_content?: string;
  thinking_blocks?: ThinkingBlock[];
  refusal?: string | null;
}

export interface Choice {
  index: number;
  message: ResponseMessage;
  finish_reason: FinishReason | null;
  /** The provider's own finish reason when it differs from the normalised one. */
  native_finish_reason?: string;
}

/** Facts about the call that are not part of the OpenAI shape (LiteLLM keeps the same). */
export interface HiddenParams {
  /** The provider id that answered (`openai`, `azure`, …). */
  custom_llm_provider: string;
  /** The model as requested, `provider/model`. */
  model: string;
  api_base?: string;
  /** USD, when the catalogue knows the model's prices. */
  response_cost?: number;
}

/** OpenAI `chat.completion`. */
export interface ModelResponse {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  system_fingerprint?: string | null;
  choices: Choice[];
  usage?: Usage;
  _hidden_params?: HiddenParams;
}

export interface ToolCallDelta {
  index: number;
  id?: string;
  type?: 'function';
  function?: { name?: string; arguments?: string };
}

export interface Delta {
  role?: 'assistant';
  content?: string | null;
  reasoning_content?: string | null;
  thinking_blocks?: ThinkingBlock[];
  tool_calls?: ToolCallDelta[];
  refusal?: string | null;
}

export interface StreamChoice {
  index: number;
  delta: Delta;
  finish_reason: FinishReason | null;
  native_finish_reason?: string | null;
}

/** OpenAI `chat.completion.chunk`. Every chunk has at least one choice, so `choices[0].delta` is safe. */
export interface ModelResponseChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  system_fingerprint?: string | null;
  choices: StreamChoice[];
  usage?: Usage | null;
}

export interface Embedding {
  object: 'embedding';
  index: number;
  embedding: number[] | string;
}

/** OpenAI embeddings `list`. */
export interface EmbeddingResponse {
  object: 'list';
  data: Embedding[];
  model: string;
  usage?: { prompt_tokens: number; total_tokens: number };
  _hidden_params?: HiddenParams;
}

// ---------------------------------------------------------------------------------------------
// Model catalogue
// ---------------------------------------------------------------------------------------------

/** LiteLLM's modes; the chat panel offers `chat` models, embedding callers `embedding` ones. */
export type ModelMode = 'chat' | 'responses' | 'embedding' | 'completion' | 'image_generation' | 'audio_transcription' | 'audio_speech' | 'moderation' | 'rerank';

/** What is known about a model (LiteLLM's `get_model_info` names). Unknown facts are absent. */
export interface ModelInfo {
  /** The catalogue key that matched, or the requested id when the model is unknown. */
  key: string;
  /** The provider id (`openai`, `anthropic`, …). */
  litellm_provider: string;
  /** False when the catalogue has no entry; the other facts are then only what routing knows. */
  known: boolean;
  mode?: ModelMode;
  max_tokens?: number;
  max_input_tokens?: number;
  max_output_tokens?: number;
  input_cost_per_token?: number;
  output_cost_per_token?: number;
  cache_read_input_token_cost?: number;
  cache_creation_input_token_cost?: number;
  output_cost_per_reasoning_token?: number;
  output_vector_size?: number;
  supports_function_calling?: boolean;
  supports_parallel_function_calling?: boolean;
  supports_vision?: boolean;
  supports_reasoning?: boolean;
  supports_response_schema?: boolean;
  supports_prompt_caching?: boolean;
}

/** A model a provider offers, as `listModels()` reports it: ready to pass as `model`. */
export interface ListedModel {
  /** `provider/model`, ready for `completion({ model })`. */
  id: string;
  provider: string;
  /** The provider's own id for it. */
  model: string;
  display_name?: string;
  /** Unix seconds, when the provider says. */
  created?: number;
  owned_by?: string;
  /** Where the entry came from: the provider's own list, the caller's configuration, or the catalogue. */
  source: 'provider' | 'configuration' | 'catalogue';
  /** The catalogue's facts, completed by what the provider reported (e.g. Ollama's context length). */
  info: ModelInfo;
}
