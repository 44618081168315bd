/**
 * Switchboard's core: a LiteLLM-compatible LLM client for Node. The one public door: everything a
 * caller needs is exported here, with LiteLLM's names and OpenAI's shapes.
 *
 * ```ts
 * import { completion } from './core';
 * const response = await completion({ model: 'openai/gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] });
 * console.log(response.choices[0].message.content);
 * ```
 */

import { Client, type ClientOptions } from './client';
import type { CompletionStream } from './stream';
import type { CallOptions, CompletionParams, EmbeddingParams, EmbeddingResponse, ListedModel, ModelResponse } from './types';

export type * from './types';
export { Client, type ClientOptions } from './client';
export type { CompletionStream } from './stream';
export type { Logger } from './logger';
export type { NetworkSettings } from './http/networkTypes';
/** The caps on how much of a server's answer the client reads (`createClient({ limits })`), and their defaults. */
export { defaultBodyLimits, type BodyLimits } from './http/bodyLimits';
export type { RetryPolicy } from './http/retry';
export type { TransportOptions } from './http/transport';
// What `client.testConnection()` reports, step by step.
export type { ConnectionReport, ConnectionStep, ConnectionStepName } from './diagnose/types';
export type { GatewayKeyInfo } from './providers/litellmProxy/keyInfo';
// For programs that add a provider of their own (the extension's `vscode-lm`): its adapter sees
// the same call context the built-in adapters do.
export type { CallContext, ChunkSource, ProviderAdapter, ProviderDefinition, ProviderModel, ProviderSettings, ResolvedProvider } from './providers/types';
export type { CloudCallOptions } from './cloudOptions';
export {
  LLMError,
  BadRequestError,
  ContextWindowExceededError,
  ContentPolicyViolationError,
  UnsupportedParamsError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  UnprocessableEntityError,
  RateLimitError,
  Timeout,
  APIConnectionError,
  InternalServerError,
  ServiceUnavailableError,
  APIError,
  AbortError,
  isAbortError,
  errorMessage,
  type LLMErrorInit,
} from './errors';
export { streamChunkBuilder } from './streamChunkBuilder';
// For programs that check a call at their own door before routing it (the extension's public API).
export { validateCompletionParams, validateEmbeddingParams } from './validate';
export { describeValue, isRecord, parseToolArguments, type ToolArguments } from './jsonValues';
export { getModelInfo } from './models/modelInfo';
export { catalogueModels } from './models/listing';
export { completionCost } from './cost';
export { listProviders, findProvider } from './providers/registry';
// How a model name is read: `provider/model` split at the first slash; bare names by the catalogue.
export { splitModelName, type ModelNameParts } from './modelName';
export { parseModelName, type ParsedModelName } from './router';
export { maskKey } from './redact';
export { certificateErrorCodes } from './http/certificateCodes';
export { headerProblem, isCredentialHeader, isKeyHeader } from './http/headers';
export { expandHome } from './homePath';
export { firstSetVariable, type Environment } from './environment';

let defaultClient: Client | undefined;

/** The process-wide client the free functions use (created on first use, reading `process.env`). */
function client(): Client {
  defaultClient ??= new Client();
  return defaultClient;
}

/** Creates a client with its own connection pool, key source, settings and logger. */
export function createClient(options: ClientOptions = {}): Client {
  return new Client(options);
}

/**
 * A chat completion, LiteLLM-style. `model` is `provider/model`; the result is an OpenAI
 * `chat.completion`. With `stream: true` it resolves, once the first chunk arrived, to a
 * single-use async iterable of `chat.completion.chunk`s. Errors are the classes exported here.
 */
export function completion(params: CompletionParams & { stream: true }): Promise<CompletionStream>;
export function completion(params: CompletionParams & { stream?: false }): Promise<ModelResponse>;
export function completion(params: CompletionParams): Promise<ModelResponse | CompletionStream>;
export function completion(params: CompletionParams): Promise<ModelResponse | CompletionStream> {
  return client().completion(params);
}

/**
 * Makes ready, without sending anything, what a request to `model` needs (the HTTP stack, the
 * provider's connection pool, its own libraries), so the first request pays only for itself.
 * Call it when a request is likely soon; once per model, and it never rejects (see `Client.prepare`).
 */
export function prepare(model: string, options?: CallOptions): Promise<void> {
  return client().prepare(model, options);
}

/**
 * The models a provider offers — its own list (`GET /models`, Anthropic's and Gemini's model
 * lists, Ollama's installed models), else configured models and the catalogue's — each merged
 * with the catalogue's context window, prices and capabilities.
 */
export function listModels(provider: string, options?: CallOptions): Promise<ListedModel[]> {
  return client().listModels(provider, options);
}

/** Embeddings for a string or a list of them, as an OpenAI embeddings `list`. */
export function embedding(params: EmbeddingParams): Promise<EmbeddingResponse> {
  return client().embedding(params);
}
