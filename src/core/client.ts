/**
 * The client behind `completion()` and `embedding()`: routing, per-call settings, retries before
 * any output, fallbacks, cost, and the lazily loaded HTTP stack. The extension creates one with
 * its settings and key store; plain Node callers use the default one.
 */

import { BadRequestError, LLMError } from './errors';
import { bodyLimitsOf, type BodyLimits } from './http/bodyLimits';
import type { HttpTransport, TransportOptions } from './http/transport';
import { defaultRetryPolicy, withRetries, type RetryPolicy } from './http/retry';
import { silentLogger, type Logger } from './logger';
import { callCost } from './cost';
import { addsCredentials, withCloudOptions, type CloudCallOptions } from './cloudOptions';
import { splitModelName } from './modelName';
import type { CallContext, ModelRoute, ProviderDefinition, ProviderLookup, ProviderSettings } from './providers/types';
import { QuirkMemory } from './providers/endpointMemory';
import { resolveProvider, routeModel, withOwnProviders } from './router';
import { mergeModelLists } from './models/listing';
import type { ConnectionReport } from './diagnose/types';
import { litellmProxyProvider } from './providers/litellmProxy/definition';
import { fetchKeyInfo, type GatewayKeyInfo } from './providers/litellmProxy/keyInfo';
import { CompletionStream } from './stream';
import type { Environment } from './environment';
import type { CallOptions, CompletionParams, EmbeddingParams, EmbeddingResponse, HiddenParams, ListedModel, ModelResponse } from './types';
import { validateCompletionParams, validateEmbeddingParams } from './validate';
import { attemptsOf } from './fallbacks';
import { Preparations } from './preparation';

export interface ClientOptions {
  logger?: Logger;
  /** Where keys and base URLs come from when a call does not say; `process.env` by default. */
  env?: Environment;
  /** The key the embedding program stores for a provider (the extension's SecretStorage). */
  getApiKey?: (provider: string) => string | undefined | Promise<string | undefined>;
  /**
   * Base URL, headers, API version, proxy and certificates the embedding program configured for a
   * provider. `call.api_base` is the call's base URL, when it names one: a program that keeps
   * settings per server (the extension's custom endpoints) finds that server's by it.
   */
  providerSettings?: (provider: string, call: { api_base?: string }) => ProviderSettings | undefined;
  /**
   * What the embedding program configured for a cloud provider — Bedrock's region, profile or
   * keys; Vertex AI's project, location or credentials JSON (the extension's settings and
   * SecretStorage) — filled into calls that do not name them (see cloudOptions.ts). Read per call.
   */
  cloudOptions?: (provider: string) => CloudCallOptions | undefined | Promise<CloudCallOptions | undefined>;
  transport?: TransportOptions;
  retry?: Partial<RetryPolicy>;
  /** Seconds; 600 by default, as LiteLLM and the OpenAI SDKs. */
  defaultTimeout?: number;
  /**
   * Providers of the embedding program's own, looked up before the built-in ones (the extension
   * adds `vscode-lm`, whose adapter calls VS Code's language-model API).
   */
  providers?: readonly ProviderDefinition[];
  /**
   * How much of a server's answer is read, in bytes after decompression: a whole JSON body
   * (`jsonBodyBytes`, 32 MiB), one stream event (`eventBytes`, 1 MiB), one NDJSON line
   * (`lineBytes`, 1 MiB), an error body (`errorBodyBytes`, 1 MiB). Past a cap the reading stops
   * and the call fails with an APIError naming it (an error body is cut instead).
   */
  limits?: Partial<BodyLimits>;
}

export class Client {
  private transportLoad: Promise<HttpTransport> | undefined;
  private readonly memory = new QuirkMemory();
  private readonly memo = new Map<string, unknown>();
  private readonly logger: Logger;
  private readonly retryPolicy: RetryPolicy;
  private readonly providers: ProviderLookup;
  private readonly limits: BodyLimits;
  private readonly preparations: Preparations;

  constructor(private readonly options: ClientOptions = {}) {
    this.limits = bodyLimitsOf(options.limits);
    this.logger = options.logger ?? silentLogger;
    this.preparations = new Preparations((model, callOptions) => this.prepareOnce(model, callOptions), this.logger);
    this.retryPolicy = { ...defaultRetryPolicy, ...options.retry };
    this.providers = withOwnProviders(options.providers ?? []);
  }

  /** A chat completion; with `stream: true`, a stream that resolves once the first chunk arrived. */
  completion(params: CompletionParams & { stream: true }): Promise<CompletionStream>;
  completion(params: CompletionParams & { stream?: false }): Promise<ModelResponse>;
  completion(params: CompletionParams): Promise<ModelResponse | CompletionStream>;
  async completion(params: CompletionParams): Promise<ModelResponse | CompletionStream> {
    validateCompletionParams(params);
    const attempts = attemptsOf(params, this.providers);
    for (let index = 0; ; index++) {
      const attempt = attempts[index] as CompletionParams;
      try {
        return await this.completeOnce(attempt);
      } catch (error) {
        const next = attempts[index + 1];
        // A cancel is not a failure (AbortError is no LLMError): it never falls back.
        if (next === undefined || !(error instanceof LLMError)) {
          throw error;
        }
        this.logger.warn(`${attempt.model} failed (${error.name}); falling back to ${next.model}.`);
      }
    }
  }

  /**
   * Makes ready what a request to `model` needs — the HTTP stack, the connection pool for the
   * provider's base URL (proxy and certificates as the call would have them), the provider's own
   * libraries (Bedrock's AWS signing) — without sending anything, so the first request pays only
   * for itself. `options` are the call's (`api_base`, `api_key`, `proxy`, …). Done once per model
   * and base URL (later calls resolve at once); never rejects: a problem is logged at debug, and
   * the real request reports it.
   */
  prepare(model: string, options: CallOptions = {}): Promise<void> {
    return this.preparations.prepare(model, options);
  }

  /** Embeddings for one input or many. */
  async embedding(given: EmbeddingParams): Promise<EmbeddingResponse> {
    validateEmbeddingParams(given);
    const route = routeModel(given.model, this.providers);
    if (!route.provider.embeddings) {
      throw new BadRequestError({ param: 'model', llm_provider: route.provider.id, model: route.requestedModel, message: `${route.provider.displayName} does not offer embeddings.` });
    }
    const params = await this.withCloudOptions(route.provider.id, given);
    const call = await this.callContext(route, params);
    const response = await withRetries(() => route.provider.adapter.embedding(params, call), this.policyFor(params), {
      signal: params.signal,
      logger: this.logger,
      label: route.requestedModel,
    });
    // An adapter that knows what the call cost (a gateway's own charge) says so; else the catalogue prices it.
    const charged = response._hidden_params?.response_cost;
    response._hidden_params = this.hiddenParams(route, call, params);
    const usage = response.usage === undefined ? undefined : { prompt_tokens: response.usage.prompt_tokens, completion_tokens: 0, total_tokens: response.usage.total_tokens };
    const cost = charged ?? callCost(route.provider.id, route.modelId, response.model, usage);
    if (cost !== undefined) {
      response._hidden_params.response_cost = cost;
    }
    return response;
  }

  /**
   * The models a provider offers (its own list where it has one, else the configured models and
   * the catalogue's), each with the catalogue's context window, prices and capabilities.
   */
  async listModels(provider: string, given: CallOptions = {}): Promise<ListedModel[]> {
    const definition = this.providers.find(provider);
    if (definition === undefined) {
      throw new BadRequestError({ param: 'provider', message: `Unknown provider '${provider}'. Known providers: ${this.providers.all().map((known) => known.id).join(', ')}.` });
    }
    const options = await this.withCloudOptions(definition.id, given);
    const route: ModelRoute = { provider: definition, modelId: '', requestedModel: `${definition.id}/` };
    const call = await this.callContext(route, options);
    const listModels = definition.adapter.listModels?.bind(definition.adapter);
    const offered =
      listModels === undefined
        ? undefined
        : await withRetries(() => listModels(call, options), this.policyFor(options), { signal: options.signal, logger: this.logger, label: `${definition.id} models` });
    const configured = this.options.providerSettings?.(definition.id, { api_base: options.api_base })?.models ?? [];
    return mergeModelLists(definition.id, offered, configured);
  }

  /**
   * Checks that a provider (`openai`, or a `provider/model`) can be reached as a request would
   * reach it — settings, proxy, DNS, TCP, TLS, an HTTP request, the key — and reports each step in
   * plain words. `options` are a call's (`api_base`, `api_key`, `proxy`, `ssl_verify`, `signal`;
   * `timeout`: seconds per step, 10 by default). Rejects only when cancelled.
   */
  async testConnection(target: string, given: CallOptions = {}): Promise<ConnectionReport> {
    const { testConnection } = await import('./diagnose/testConnection');
    const { defaultHints } = await import('./http/transportErrors');
    const definition = this.providers.find(splitModelName(target.trim())?.provider ?? target.trim());
    const configured = definition === undefined ? undefined : await this.options.cloudOptions?.(definition.id);
    return testConnection(target, withCloudOptions(given, configured), {
      configuredCredentials: addsCredentials(given, configured),
      providers: this.providers,
      providerSettings: (provider, call) => this.options.providerSettings?.(provider, call),
      getApiKey: async (provider) => this.options.getApiKey?.(provider),
      env: this.options.env ?? process.env,
      hints: this.options.transport?.hints ?? defaultHints,
      listModels: (provider, callOptions) => this.listModels(provider, callOptions),
      completion: (params) => this.completion(params),
      gatewayKeyInfo: (callOptions) => this.gatewayKeyInfo(callOptions),
    });
  }

  /**
   * The spend and budget of the virtual key a LiteLLM gateway (`litellm_proxy`) is called with,
   * from its `/key/info`; `options` are a call's (`api_base`, `api_key`, `signal`, …).
   */
  async gatewayKeyInfo(options: CallOptions = {}): Promise<GatewayKeyInfo> {
    const route: ModelRoute = { provider: litellmProxyProvider, modelId: '', requestedModel: `${litellmProxyProvider.id}/` };
    const call = await this.callContext(route, options);
    return withRetries(() => fetchKeyInfo(call), this.policyFor(options), { signal: options.signal, logger: this.logger, label: 'litellm_proxy key info' });
  }

  /** Closes pooled connections. */
  async close(): Promise<void> {
    const load = this.transportLoad;
    this.transportLoad = undefined;
    if (load !== undefined) {
      await (await load).close();
    }
  }

  private async completeOnce(given: CompletionParams): Promise<ModelResponse | CompletionStream> {
    const route = routeModel(given.model, this.providers);
    if (!route.provider.chat) {
      throw new BadRequestError({ param: 'model', llm_provider: route.provider.id, model: route.requestedModel, message: `${route.provider.displayName} offers embeddings only, not chat.` });
    }
    const params = await this.withCloudOptions(route.provider.id, given);
    const call = await this.callContext(route, params);
    const adapter = route.provider.adapter;
    const retry = { signal: params.signal, logger: this.logger, label: route.requestedModel };
    const hidden = this.hiddenParams(route, call, params);
    const price = (response: ModelResponse): number | undefined => callCost(route.provider.id, route.modelId, response.model, response.usage);
    if (params.stream === true) {
      // Retrying is safe until the first chunk: nothing has reached the caller yet.
      return withRetries(
        async () => {
          const source = await adapter.stream(params, call);
          try {
            return new CompletionStream(source, (await source.next()) ?? [], hidden, (response) => source.responseCost?.(response) ?? price(response));
          } catch (error) {
            source.cancel();
            throw error;
          }
        },
        this.policyFor(params),
        retry,
      );
    }
    const response = await withRetries(() => adapter.completion(params, call), this.policyFor(params), retry);
    // An adapter that knows what the call cost (a gateway's own charge) says so; else the catalogue prices it.
    const cost = response._hidden_params?.response_cost ?? price(response);
    response._hidden_params = cost === undefined ? hidden : { ...hidden, response_cost: cost };
    return response;
  }

  private async prepareOnce(model: string, given: CallOptions): Promise<void> {
    const route = routeModel(model, this.providers);
    if (!route.provider.offline) {
      // First, and apart from the key: a provider whose key is missing still gets its HTTP stack.
      await this.transport();
    }
    const params = await this.withCloudOptions(route.provider.id, given);
    const call = await this.callContext(route, params);
    await Promise.all([call.http?.prepare(call.provider.apiBase, call.network), route.provider.adapter.prepare?.(call)]);
  }

  /** The call with what the program configured for its (cloud) provider filled in. */
  private async withCloudOptions<T extends CallOptions>(provider: string, params: T): Promise<T> {
    const configured = await this.options.cloudOptions?.(provider);
    return withCloudOptions(params, configured);
  }

  private async callContext(route: ModelRoute, params: CallOptions): Promise<CallContext> {
    const definition = route.provider;
    const storedKey = params.api_key === undefined ? await this.options.getApiKey?.(definition.id) : undefined;
    // Read per call, so a changed setting (base URL, proxy, certificates) applies to the next request.
    const settings = this.options.providerSettings?.(definition.id, { api_base: params.api_base });
    const env = this.options.env ?? process.env;
    const provider = resolveProvider(route, params, settings, storedKey, env);
    return {
      provider,
      modelId: route.modelId,
      requestedModel: route.requestedModel,
      timeoutMs: (params.timeout ?? this.options.defaultTimeout ?? 600) * 1000,
      signal: params.signal,
      http: definition.offline ? undefined : await this.transport(),
      logger: this.logger,
      memory: this.memory,
      memo: this.memo,
      network: { call: { proxy: params.proxy, ssl_verify: params.ssl_verify }, settings: settings?.network, env },
      limits: this.limits,
    };
  }

  private hiddenParams(route: ModelRoute, call: CallContext, params: CallOptions): HiddenParams {
    const hidden: HiddenParams = { custom_llm_provider: call.provider.id, model: call.requestedModel };
    const apiBase = route.provider.callApiBase?.(params, call) ?? call.provider.apiBase;
    if (apiBase.length > 0) {
      hidden.api_base = apiBase;
    }
    return hidden;
  }

  private policyFor(params: CallOptions): RetryPolicy {
    return params.num_retries === undefined ? this.retryPolicy : { ...this.retryPolicy, maxRetries: Math.max(0, params.num_retries) };
  }

  /** The HTTP stack, loaded on the first request that needs it. */
  private transport(): Promise<HttpTransport> {
    this.transportLoad ??= import('./http/transport').then(({ HttpTransport }) => new HttpTransport({ logger: this.logger, ...this.options.transport }));
    return this.transportLoad;
  }
}
