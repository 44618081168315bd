/**
 * What an adapter is given and what it gives back. Adapters are small mappers around the shared
 * HTTP helpers; the client owns retries, fallbacks, cost and the public stream object.
 */

import type { BodyLimits } from '../http/bodyLimits';
import type { HeaderRecord } from '../http/headers';
import type { NetworkSettings, RequestNetwork } from '../http/networkTypes';
import type { HttpTransport } from '../http/transport';
import type { Logger } from '../logger';
import type {
  AwsCallOptions,
  CallOptions,
  CompletionParams,
  EmbeddingParams,
  EmbeddingResponse,
  ModelResponse,
  ModelInfo,
  ModelResponseChunk,
} from '../types';

/** A provider's settings after per-call options, environment and defaults were applied. */
export interface ResolvedProvider {
  /** `openai`, `azure`, … */
  id: string;
  /** `OpenAI`, `Azure OpenAI`, … for messages. */
  displayName: string;
  /** Base URL without a trailing slash. */
  apiBase: string;
  apiKey: string | undefined;
  apiVersion: string | undefined;
  /** Headers the caller added (`extra_headers`) on top of the provider's defaults. */
  headers: Record<string, string>;
}

/** Things learnt about endpoints while running, e.g. "this server rejects stream_options". */
export interface EndpointMemory {
  has(endpoint: string, quirk: EndpointQuirk): boolean;
  add(endpoint: string, quirk: EndpointQuirk): void;
}

export type EndpointQuirk = 'rejects-stream-options';

export interface CallContext {
  provider: ResolvedProvider;
  /** The provider's own model id: what follows `provider/`. */
  modelId: string;
  /** `provider/model` as the caller wrote it. */
  requestedModel: string;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  /** Undefined for offline providers (mock), which never touch the network. */
  http: HttpTransport | undefined;
  logger: Logger;
  memory: EndpointMemory;
  /** Facts an adapter learnt and may reuse for later calls of this client (e.g. a model's context length). */
  memo: Map<string, unknown>;
  /** The call's and the provider's proxy and certificate options; absent → the process environment's proxies. */
  network?: RequestNetwork;
  /** How much of each body is read (the client's `limits`); absent → `defaultBodyLimits`. */
  limits?: BodyLimits;
  /** Sees the headers of each accepted (2xx) response, e.g. a gateway's cost header. */
  onResponseHeaders?: (headers: HeaderRecord) => void;
}

export interface ChunkSource {
  /** The next chunks (at least one), or undefined when the stream ended. Throws typed errors. */
  next(): Promise<ModelResponseChunk[] | undefined>;
  /** Stops reading and closes the connection. */
  cancel(): void;
  /**
   * The cost of the streamed response as the provider prices it (a gateway's reported cost or its
   * own prices); when it answers a number, it is preferred to the catalogue's price.
   */
  responseCost?: (response: ModelResponse) => number | undefined;
}

export interface ProviderAdapter {
  completion(params: CompletionParams, call: CallContext): Promise<ModelResponse>;
  /** Resolves once the provider accepted the request (headers received, status checked). */
  stream(params: CompletionParams, call: CallContext): Promise<ChunkSource>;
  embedding(params: EmbeddingParams, call: CallContext): Promise<EmbeddingResponse>;
  /**
   * The models the account or server offers. Absent for providers without a listing endpoint
   * (Azure deployments and Jina come from configuration and the catalogue). `options` are the
   * call's own: Bedrock signs the listing with the AWS keys and region given there.
   */
  listModels?(call: CallContext, options: AwsCallOptions): Promise<ProviderModel[]>;
  /** Loads what this provider's requests need beyond the HTTP stack (`Client.prepare`); sends nothing. */
  prepare?(call: CallContext): Promise<void>;
}

/** One entry of a provider's own model list, before the catalogue's facts are merged in. */
export interface ProviderModel {
  /** The provider's id for the model (what goes after `provider/`). */
  model: string;
  display_name?: string;
  created?: number;
  owned_by?: string;
  /** Facts the provider reported itself; they fill what the catalogue does not know. */
  facts?: Partial<Omit<ModelInfo, 'key' | 'litellm_provider' | 'known'>>;
}

/** A provider as the registry knows it: where it lives, where its key comes from, who speaks it. */
export interface ProviderDefinition {
  id: string;
  displayName: string;
  /** Other ids LiteLLM users write for it (`together_ai`, `nvidia_nim`). */
  aliases?: readonly string[];
  defaultApiBase?: string;
  /** Environment variables for the base URL, first set wins. */
  apiBaseEnv?: readonly string[];
  /** Environment variables for the key, first set wins. */
  apiKeyEnv: readonly string[];
  apiVersionEnv?: readonly string[];
  defaultApiVersion?: string;
  /** False for local servers (LM Studio, a self-hosted vLLM): no key is fine. */
  keyRequired: boolean;
  /** Brings a base URL written the provider's own way to a URL (Ollama's `OLLAMA_HOST=0.0.0.0:11434`). */
  normalizeApiBase?: (apiBase: string) => string;
  /**
   * The base URL a call goes to, for `_hidden_params.api_base`, where the configured one is a
   * template (Bedrock's `{region}`) or depends on the call (Vertex AI's location's host).
   */
  callApiBase?: (params: CallOptions, call: CallContext) => string;
  /** True for mock: no network, no HTTP stack. */
  offline?: boolean;
  /**
   * True where the provider signs calls with credentials it finds itself (Bedrock: AWS's default
   * chain; Vertex AI: Google's application default credentials): the user's credentials are
   * always at hand, key or none.
   */
  ambientCredentials?: boolean;
  /**
   * Environment variables whose presence says the user set such a provider's credentials or
   * project up (`AWS_PROFILE`, `GOOGLE_APPLICATION_CREDENTIALS`): a model list offers the provider
   * then, as it does once its settings or stored credentials exist.
   */
  credentialsEnv?: readonly string[];
  chat: boolean;
  embeddings: boolean;
  adapter: ProviderAdapter;
}

/** Where provider ids are looked up: the built-in registry, or a client's own providers first. */
export interface ProviderLookup {
  find(id: string): ProviderDefinition | undefined;
  all(): readonly ProviderDefinition[];
}

/** A routed `provider/model`: the provider that answers and its own id for the model. */
export interface ModelRoute {
  provider: ProviderDefinition;
  /** The provider's own model id (may contain more slashes). */
  modelId: string;
  /** `provider/model` with the provider's canonical id. */
  requestedModel: string;
}

/** Settings the embedding program (the extension) holds for a provider. */
export interface ProviderSettings {
  apiBase?: string;
  apiVersion?: string;
  headers?: Record<string, string>;
  /** Models (Azure: deployments) the user configured; listed even where the provider has no list. */
  models?: readonly string[];
  /** Proxy and certificates for this provider's requests; read on every request. */
  network?: NetworkSettings;
}
