/**
 * Switchboard's API for other VS Code extensions — version 1.
 *
 * Self-contained: copy this file into your extension (no imports, no runtime code) and import its
 * types. Shapes are LiteLLM's and OpenAI's (snake_case fields, `chat.completion`,
 * `chat.completion.chunk`, embeddings `list`), so code written for the OpenAI SDK reads the same.
 *
 * ```ts
 * import * as vscode from 'vscode';
 * import type { SwitchboardError, SwitchboardExports } from './switchboard-api';
 *
 * const extension = vscode.extensions.getExtension<SwitchboardExports>('switchboard.switchboard');
 * const exports = await extension?.activate();
 * const api = exports?.getApi(1, { extensionId: context.extension.id });
 * const response = await api?.completion({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
 * console.log(response?.choices[0].message.content);
 *
 * // Streamed, cancellable with a CancellationToken (or `signal`); usage comes with the last chunk.
 * try {
 *   const chunks = await api!.completion({ model: 'openai/gpt-4o-mini', messages, stream: true }, token);
 *   for await (const chunk of chunks) {
 *     output.append(chunk.choices[0]?.delta.content ?? '');
 *   }
 * } catch (error) {
 *   const { name, status_code, llm_provider } = error as SwitchboardError;
 *   if (name === 'PermissionDeniedError' && llm_provider === 'switchboard') {
 *     // The user said no, or turned the API off: do not keep asking.
 *   } else if (name !== 'AbortError') {
 *     console.warn(`${name} (${status_code}) from ${llm_provider}`);
 *   }
 * }
 * ```
 *
 * The first call asks the user, once, whether your extension may use their Switchboard models;
 * until they allow it, calls fail with a `PermissionDeniedError`. Keys never leave Switchboard:
 * you name a model, Switchboard uses the user's stored key and settings.
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
  /** An `https:` URL or a `data:image/…;base64,…` URL. */
  image_url: { url: string; detail?: 'auto' | 'low' | 'high' };
  cache_control?: CacheControl;
}

export interface FileContentPart {
  type: 'file';
  file: { file_id?: string; file_data?: string; filename?: string };
}

export type ContentPart = TextContentPart | ImageContentPart | FileContentPart;

/** A reasoning block as Anthropic returns it; send it back unchanged in tool-use loops. */
export type ThinkingBlock = { type: 'thinking'; thinking: string; signature?: string } | { type: 'redacted_thinking'; data: string };

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
  /** The `id` of the tool call this message answers. */
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
  /** JSON Schema of the arguments. */
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
  /** `arguments` is a JSON string, complete (a stream's fragments are joined in the response). */
  function: { name: string; arguments: string };
}

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; json_schema: { name: string; schema?: JsonSchema; strict?: boolean; description?: string } };

export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high';

export type ThinkingParam = { type: 'enabled'; budget_tokens: number } | { type: 'disabled' };

// ---------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------

/** Per-call options shared by completion and embedding (LiteLLM's names). */
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
  /**
   * Another base URL for the provider. Refused (`PermissionDeniedError`, `param: 'api_base'`) when
   * Switchboard holds a key for that provider, unless you also pass your own `api_key`: the user's
   * key is never sent to an address they did not configure.
   */
  api_base?: string;
  /** Your own key for this call; the user's stored key is then not used at all. */
  api_key?: string;
  /** Azure `api-version`. */
  api_version?: string;
  /** Extra request headers. Credential headers (`authorization`, `api-key`, `x-api-key`, …) are refused. */
  extra_headers?: Record<string, string>;
  /** Extra top-level body fields passed to the provider unchanged. */
  extra_body?: Record<string, unknown>;
  /** Seconds to wait for a response, and the longest silence inside one. */
  timeout?: number;
  /** Retries on 408, 409, 429 and 5xx before any output was delivered. Default 2. */
  num_retries?: number;
  /** Cancels the request and closes its connection (as the `token` argument does). */
  signal?: AbortSignal;
  /**
   * A proxy for this call, `http://[user:pass@]host:port` (or https://), used for every host,
   * loopback included. Without it: the user's proxy settings, then HTTPS_PROXY / HTTP_PROXY / NO_PROXY.
   * Refused (`PermissionDeniedError`, `param: 'proxy'`) when Switchboard holds a key for the
   * provider, unless you also pass your own `api_key`: a proxy of your choosing could read the key.
   */
  proxy?: string;
  /**
   * Certificate checks, as LiteLLM has them: `true` (default); `false` to skip them (logged as a
   * warning for every new connection); or the path of a PEM CA bundle trusted in addition to the usual ones.
   * `false` or a bundle is refused (`PermissionDeniedError`, `param: 'ssl_verify'`) when Switchboard
   * holds a key for the provider, unless you also pass your own `api_key`; the user's own certificate
   * settings apply without it.
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
  /** `provider/model` (`openai/gpt-4o-mini`, `anthropic/claude-sonnet-4-5`, `ollama/llama3.2`), or `<endpoint>/<model>` for a custom endpoint. */
  model: string;
  /** At least one message. */
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
  /** The offline `mock` provider answers with this text. */
  mock_response?: string;
}

export interface EmbeddingParams extends CallOptions {
  model: string;
  /** A non-empty string or a non-empty list of them. */
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

/** Token counts. A count the provider did not report is absent, never a made-up 0. */
export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number; audio_tokens?: number | null };
  completion_tokens_details?: { reasoning_tokens?: number; audio_tokens?: number | null };
  cache_creation_input_tokens?: number;
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

/** OpenAI `chat.completion.chunk`; every chunk has at least one choice. The last may carry `usage`. */
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
// Models
// ---------------------------------------------------------------------------------------------

export type ModelMode = 'chat' | 'responses' | 'embedding' | 'completion' | 'image_generation' | 'audio_transcription' | 'audio_speech' | 'moderation' | 'rerank';

/** What is known about a model (LiteLLM's `get_model_info` names). Unknown facts are absent. */
export interface ModelInfo {
  /** The catalogue key that matched, or the requested id when the model is unknown. */
  key: string;
  /** The provider id (`openai`, `anthropic`, …). */
  litellm_provider: string;
  /** False when the catalogue has no entry. */
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

/** A model the user set up, ready to pass as `model`. */
export interface ListedModel {
  /** `provider/model` or `<endpoint>/<model>`. */
  id: string;
  /** The provider id or custom endpoint name. */
  provider: string;
  /** The provider's own id for it. */
  model: string;
  display_name?: string;
  /** Unix seconds, when the provider says. */
  created?: number;
  owned_by?: string;
  /** Where the entry came from: the provider's own list, the user's configuration, or the catalogue. */
  source: 'provider' | 'configuration' | 'catalogue';
  info: ModelInfo;
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

/** LiteLLM's error names, plus `AbortError` for a call the caller cancelled. */
export type SwitchboardErrorName =
  | 'BadRequestError'
  | 'ContextWindowExceededError'
  | 'ContentPolicyViolationError'
  | 'UnsupportedParamsError'
  | 'AuthenticationError'
  | 'PermissionDeniedError'
  | 'NotFoundError'
  | 'UnprocessableEntityError'
  | 'RateLimitError'
  | 'Timeout'
  | 'APIConnectionError'
  | 'InternalServerError'
  | 'ServiceUnavailableError'
  | 'APIError'
  | 'AbortError';

/**
 * What every rejection of the API is. Tell errors apart by `name` and `status_code` (not
 * `instanceof`: the classes live in Switchboard's extension host module, not yours).
 * - `PermissionDeniedError` (403) with `llm_provider: 'switchboard'`: the user denied your
 *   extension, `switchboard.api.enabled` is off, or `api_base` was refused.
 * - `BadRequestError` (400): invalid input; `param` names the field (`messages[1].role`).
 * - `AbortError` (499): you cancelled (token or `signal`).
 * Errors never carry keys or request headers.
 */
export interface SwitchboardError extends Error {
  name: SwitchboardErrorName;
  /** The HTTP status, or the status LiteLLM uses for the class when nothing came over the wire. */
  status_code: number;
  /** The provider id (`openai`, …); `switchboard` for refusals by Switchboard itself. */
  llm_provider: string | undefined;
  model?: string;
  /** The field at fault, for `BadRequestError`s raised before sending. */
  param?: string;
  /** The provider's error `code` (`invalid_api_key`, `context_length_exceeded`, …). */
  code?: string;
  request_id?: string;
  /** Seconds the provider asked to wait. */
  retry_after?: number;
  /** Whether retrying the same request may succeed. */
  retryable?: boolean;
  /** What a stream delivered before it failed. */
  partial_response?: ModelResponse;
}

// ---------------------------------------------------------------------------------------------
// The API
// ---------------------------------------------------------------------------------------------

/** VS Code's `CancellationToken` fits this. */
export interface CancellationTokenLike {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

/**
 * Subscribes a listener; disposing the result unsubscribes it. Shaped as VS Code's `Event<void>`:
 * `thisArgs` is the listener's `this`, and the subscription is pushed onto `disposables` when given.
 */
export type ModelsChangedEvent = (listener: () => void, thisArgs?: unknown, disposables?: { dispose(): void }[]) => { dispose(): void };

/** How the caller names itself: the consent prompt and the usage ledger are per extension. */
export interface SwitchboardApiOptions {
  /** Your extension's id, `publisher.name` (`context.extension.id`). */
  extensionId: string;
}

/** Version 1. Every method rejects with a {@link SwitchboardError}. */
export interface SwitchboardApiV1 {
  readonly version: 1;
  /**
   * A streamed chat completion: the chunks as an async iterable. Leaving the loop early (`break`)
   * or cancelling closes the request; a cancel ends the iteration quietly.
   */
  completion(params: CompletionParams & { stream: true }, token?: CancellationTokenLike): Promise<AsyncIterable<ModelResponseChunk>>;
  /** A chat completion (`chat.completion`). */
  completion(params: CompletionParams & { stream?: false }, token?: CancellationTokenLike): Promise<ModelResponse>;
  /** Either, when `stream` is only known at run time (check with `Symbol.asyncIterator in result`). */
  completion(params: CompletionParams, token?: CancellationTokenLike): Promise<ModelResponse | AsyncIterable<ModelResponseChunk>>;
  /** Embeddings for a string or a list of them. */
  embedding(params: EmbeddingParams, token?: CancellationTokenLike): Promise<EmbeddingResponse>;
  /** The models the user set up (with keys, local servers, custom endpoints). */
  listModels(): Promise<ListedModel[]>;
  /** What the catalogue knows about a model: context window, prices, capabilities. */
  getModelInfo(model: string): ModelInfo;
  /** Fires when the list of models may have changed (a key set or cleared, settings changed). */
  readonly onDidChangeModels: ModelsChangedEvent;
}

/** What `vscode.extensions.getExtension<SwitchboardExports>('switchboard.switchboard').activate()` resolves to. */
export interface SwitchboardExports {
  /** The API of one version; throws an Error naming the versions there are for any other. */
  getApi(version: 1, options: SwitchboardApiOptions): SwitchboardApiV1;
}
