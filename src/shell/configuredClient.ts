/**
 * The core client as the extension configures it — one for the whole extension, behind the chat,
 * the model list, Test Connection, the API for other extensions and VS Code's language models,
 * each of which sees only the part it needs (its port). It reads the extension's settings
 * (`switchboard.providers.<id>`: base URL, headers, API version, models; the proxy and certificate
 * settings) and its stored keys per request; custom endpoints (`<name>/<model>`) are routed to the core's `openai-compatible`
 * provider with the endpoint's base URL, headers and own key. The HTTP stack loads on the first
 * request or `prepare`, not when this is built (activation stays fast).
 */

import {
  createClient,
  type CallOptions,
  type Client,
  type CompletionParams,
  type CompletionStream,
  type ConnectionReport,
  type EmbeddingParams,
  type EmbeddingResponse,
  type GatewayKeyInfo,
  type Environment,
  type ListedModel,
  type Logger,
  type ModelResponse,
  type ProviderDefinition,
  type ProviderSettings,
  type RetryPolicy,
} from '../core';
import type { ChatCompletions, ChatRequest } from './chat/ports';
import type { CustomEndpoint, SwitchboardConfig } from './config';
import type { IDisposable } from './lifecycle';
import { errorText } from './errorText';
import { readModelAddress, type ModelServer } from './modelAddress';
import { cloudOptionsFor, cloudSettingNames } from './cloudSettings';
import { certificateHint, endpointAtBase, networkSettingsFor } from './network';
import { endpointKeyOwner, providerKeyOwner, type KeyOwner } from './secrets';

export interface CompletionsOptions {
  /** The settings now (read per request, so a change applies to the next one). */
  config: () => SwitchboardConfig;
  keys: { get(owner: KeyOwner): Promise<string | undefined>; getCloudCredentials(owner: KeyOwner): Promise<string | undefined> };
  logger: Logger;
  /** Where environment keys and base URLs come from; `process.env` by default. */
  env?: Environment;
  retry?: Partial<RetryPolicy>;
  /** Providers of the extension's own (`vscode-lm`: VS Code's language models), routed before the core's. */
  providers?: readonly ProviderDefinition[];
}

/** A model as the core should be asked for it, with the per-call options of a custom endpoint. */
export interface CallTarget {
  model: string;
  options: CallOptions;
  endpoint?: CustomEndpoint;
}

/**
 * The core's view of `switchboard.providers.<id>` and the network settings. A request to
 * `openai-compatible` at a custom endpoint's base URL (`apiBase`, the call's) gets that endpoint's
 * settings — its base URL, headers, proxy and certificates — and nothing of
 * `providers.openai-compatible`: one server's settings never reach another. The core sends
 * configured headers only to their own base URL. Network settings come with every provider:
 * VS Code's proxy applies to providers nobody configured too.
 */
export function providerSettingsFrom(config: SwitchboardConfig, providerId: string, apiBase?: string): ProviderSettings {
  const endpoint = providerId === 'openai-compatible' ? endpointAtBase(config, apiBase) : undefined;
  if (endpoint !== undefined) {
    return { apiBase: endpoint.baseUrl, headers: endpoint.headers, network: networkSettingsFor(config.http, endpoint) };
  }
  const overrides = config.providers[providerId];
  const settings: ProviderSettings = { network: networkSettingsFor(config.http, overrides) };
  if (overrides === undefined) {
    return settings;
  }
  if (overrides.baseUrl !== undefined) {
    settings.apiBase = overrides.baseUrl;
  }
  if (overrides.headers !== undefined) {
    settings.headers = overrides.headers;
  }
  if (overrides.apiVersion !== undefined) {
    settings.apiVersion = overrides.apiVersion;
  }
  if (overrides.models !== undefined) {
    settings.models = overrides.models;
  }
  return settings;
}

/**
 * Per-call options that send a request to a custom endpoint, and nowhere else. Its headers are not
 * here: they are its settings at its base URL (above), so they go only there.
 */
export function endpointCallOptions(endpoint: CustomEndpoint, key: string | undefined): CallOptions {
  return {
    api_base: endpoint.baseUrl,
    // An empty key rather than none: the core would otherwise fall back to the generic
    // OPENAI_COMPATIBLE_API_KEY, which belongs to some other server.
    api_key: key ?? '',
  };
}

export class ConfiguredClient implements ChatCompletions, IDisposable {
  private readonly client: Client;

  constructor(private readonly options: CompletionsOptions) {
    const clientOptions: Parameters<typeof createClient>[0] = {
      logger: options.logger,
      getApiKey: (provider) => options.keys.get(providerKeyOwner(provider)),
      providerSettings: (provider, call) => providerSettingsFrom(options.config(), provider, call.api_base),
      // Bedrock's region and keys, Vertex's project and credentials: settings and SecretStorage, per call.
      cloudOptions: async (provider) =>
        cloudSettingNames[provider] === undefined ? undefined : cloudOptionsFor(provider, options.config().providers[provider], await options.keys.getCloudCredentials(providerKeyOwner(provider))),
      // Certificate errors in the chat and the API point at the extension's setting.
      transport: { hints: { untrustedCertificate: certificateHint } },
    };
    if (options.env !== undefined) {
      clientOptions.env = options.env;
    }
    if (options.retry !== undefined) {
      clientOptions.retry = options.retry;
    }
    if (options.providers !== undefined) {
      clientOptions.providers = options.providers;
    }
    this.client = createClient(clientOptions);
  }

  /** Where a model's requests go: a custom endpoint's server, or the provider the core routes to. */
  async target(model: string): Promise<CallTarget> {
    const named = readModelAddress(model, this.options.config().customEndpoints);
    if (named.kind !== 'endpoint') {
      return { model, options: {} };
    }
    const key = await this.options.keys.get(endpointKeyOwner(named.endpoint.name));
    return { model: `openai-compatible/${named.modelId}`, options: endpointCallOptions(named.endpoint, key), endpoint: named.endpoint };
  }

  /**
   * Makes ready what a request to `model` needs — a custom endpoint's at its base URL — without
   * sending anything (`Client.prepare`). Never rejects: a problem is logged, the real request reports it.
   */
  async prepare(model: string): Promise<void> {
    try {
      const target = await this.target(model);
      await this.client.prepare(target.model, target.options);
    } catch (error) {
      this.options.logger.debug(`Preparing ${model} failed (its request will say why): ${errorText(error)}`);
    }
  }

  async stream(request: ChatRequest): Promise<CompletionStream> {
    const target = await this.target(request.model);
    return this.client.completion({ ...request.params, ...target.options, model: target.model, messages: request.messages, signal: request.signal, stream: true });
  }

  /**
   * A completion exactly as given, on the shell's client (stored keys, `switchboard.providers`).
   * For the public API, which has resolved custom endpoints and checked credentials already.
   */
  completion(params: CompletionParams & { stream: true }): Promise<CompletionStream>;
  completion(params: CompletionParams & { stream?: false }): Promise<ModelResponse>;
  completion(params: CompletionParams): Promise<ModelResponse | CompletionStream> {
    return this.client.completion(params);
  }

  /** Embeddings exactly as given, on the shell's client (see `completion`). */
  embedding(params: EmbeddingParams): Promise<EmbeddingResponse> {
    return this.client.embedding(params);
  }

  /** The team gateway's (LiteLLM proxy's) word on the member's virtual key: spend, budget, limits. */
  gatewayKeyInfo(options: CallOptions = {}): Promise<GatewayKeyInfo> {
    return this.client.gatewayKeyInfo(options);
  }

  /** A provider's models (its own list, configured ones and the catalogue's), as the core lists them. */
  listModels(provider: string, options: CallOptions = {}): Promise<ListedModel[]> {
    return this.client.listModels(provider, options);
  }

  /** The models a custom endpoint's server lists at `GET {baseUrl}/models`, named `<endpoint>/<model>`. */
  async listEndpointModels(endpoint: CustomEndpoint, options: CallOptions = {}): Promise<ListedModel[]> {
    const key = await this.options.keys.get(endpointKeyOwner(endpoint.name));
    const listed = await this.client.listModels('openai-compatible', { ...options, ...endpointCallOptions(endpoint, key) });
    return listed.map((model) => ({ ...model, id: `${endpoint.name}/${model.model}`, provider: endpoint.name }));
  }

  /**
   * The connection test for a provider or custom endpoint, made exactly as its requests are (the
   * endpoint's base URL, headers, stored key, proxy and certificates).
   */
  async testConnection(target: ModelServer<CustomEndpoint>, signal: AbortSignal): Promise<ConnectionReport> {
    if (target.kind === 'provider') {
      return this.client.testConnection(target.providerId, { signal });
    }
    const key = await this.options.keys.get(endpointKeyOwner(target.endpoint.name));
    const report = await this.client.testConnection('openai-compatible', { ...endpointCallOptions(target.endpoint, key), signal });
    return { ...report, provider: target.endpoint.name, providerName: target.endpoint.name };
  }

  dispose(): void {
    this.client.close().catch((error: unknown) => this.options.logger.debug(`Closing connections failed: ${errorText(error)}`));
  }
}
