/**
 * The public API's gate, without vscode: every call from another extension passes, in order, the
 * switch (`switchboard.api.enabled`), the user's consent for that extension, validation (each
 * error names the field), routing (no `vscode-lm/…`), and the key rule; then it runs on the
 * shell's client with the user's keys and settings, and its usage is counted for the extension.
 * Whatever fails reaches the caller as an error with `name`, `status_code` and `llm_provider`.
 */

import {
  getModelInfo,
  type CompletionParams,
  type CompletionStream,
  type EmbeddingParams,
  type EmbeddingResponse,
  type ListedModel,
  type ModelInfo,
  type ModelResponse,
  type ModelResponseChunk,
  type Usage,
} from '../../core';
import type { SwitchboardConfig } from '../config';
import type { Event } from '../event';
import { ApiAbortError, badRequest, permissionDenied, toApiError, toCommandError } from './apiErrors';
import { errorText } from '../errorText';
import { serverName } from '../modelAddress';
import { plain, withHiddenParamsShown } from './apiResults';
import { listedForApi } from './apiRoute';
import { ApiStream } from './apiStream';
import { coreCompletionParams, coreEmbeddingParams, type EndpointKey } from './apiTargets';
import type { CancellationTokenLike, SwitchboardApiV1 } from '../../../api';
import { supportedApiVersions } from './apiVersions';
import { checkExtensionId, validateApiCompletion, validateApiEmbedding } from './apiValidation';
import { bridgeCancellation, isCancellationToken, type CancellationBridge } from './cancellation';
import type { AccessDecision, AccessOutcome } from './consent';
import { attemptsOf, checkKeyRule, type Attempt, type KeyHolder } from './keyRule';

/** What the API needs of the extension's client (`ConfiguredClient` fits). */
export interface ApiClient {
  completion(params: CompletionParams & { stream: true }): Promise<CompletionStream>;
  completion(params: CompletionParams & { stream?: false }): Promise<ModelResponse>;
  embedding(params: EmbeddingParams): Promise<EmbeddingResponse>;
}

export interface ApiServiceOptions {
  /** `switchboard.api.enabled`, read per call. */
  enabled: () => boolean;
  config: () => SwitchboardConfig;
  consent: { check(extensionId: string): Promise<AccessOutcome>; decision(extensionId: string): AccessDecision | undefined };
  ledger: { record(extensionId: string, model: string, usage: Pick<Usage, 'prompt_tokens' | 'completion_tokens'> | undefined, cost: number | undefined): Promise<void> };
  client: ApiClient;
  holdsKey: KeyHolder;
  endpointKey: EndpointKey;
  /** The models the user set up, as the chat lists them (`vscode-lm/…` and the mock are left out here). */
  listModels: () => Promise<ListedModel[]>;
  onDidChangeModels: Event<void>;
  /** Whether an extension with this id is installed (a caller cannot name one that is not). */
  isInstalled: (extensionId: string) => boolean;
  log: { warn(message: string): void };
}

/** A call that passed the gate, as `send` gets it. */
interface GatedCall<P> {
  params: P;
  attempts: Attempt[];
  /** The provider id or endpoint name errors report. */
  provider: string;
  signal: AbortSignal | undefined;
  /** The request is about to leave: from here on a failure still counts as a request. */
  markSent(): void;
  /** Keeps the cancellation bridge alive past the call (a stream lets go of it when it ends). */
  takeBridge(): CancellationBridge;
}

export class SwitchboardApiService {
  constructor(private readonly deps: ApiServiceOptions) {}

  /** The API object for one calling extension. */
  getApi(version: unknown, options: unknown): SwitchboardApiV1 {
    if (version !== 1) {
      throw badRequest('version', `Switchboard's API has no version ${JSON.stringify(version) ?? String(version)}; the versions there are: ${supportedApiVersions.join(', ')}. Call getApi(1, { extensionId }).`);
    }
    const extensionId = this.checkCaller(options);
    const completion = (params: CompletionParams, token?: CancellationTokenLike): Promise<ModelResponse | AsyncIterable<ModelResponseChunk>> => this.completion(extensionId, params, token);
    return {
      version: 1,
      completion: completion as SwitchboardApiV1['completion'],
      embedding: (params, token) => this.embedding(extensionId, params, token),
      listModels: () => this.listModels(extensionId),
      getModelInfo: (model) => this.modelInfo(extensionId, model),
      onDidChangeModels: (listener, thisArgs, disposables) => {
        const subscription = this.deps.onDidChangeModels(() => listener.call(thisArgs));
        disposables?.push(subscription);
        return subscription;
      },
    };
  }

  /** `switchboard.completion`: like the API's non-streaming completion, with a plain-JSON result. */
  async completionCommand(params: unknown, options: unknown): Promise<ModelResponse> {
    try {
      const extensionId = this.checkCaller(options);
      const stream = typeof params === 'object' && params !== null ? (params as { stream?: unknown }).stream : undefined;
      const response = await this.completion(extensionId, params, undefined, () => {
        if (stream === true) {
          throw badRequest('stream', "the switchboard.completion command answers whole responses; use getApi(1, { extensionId }).completion for streams.");
        }
      });
      return plain(response as ModelResponse);
    } catch (error) {
      throw toCommandError(error, undefined);
    }
  }

  /** `switchboard.embedding`: like the API's embedding, with a plain-JSON result. */
  async embeddingCommand(params: unknown, options: unknown): Promise<EmbeddingResponse> {
    try {
      return plain(await this.embedding(this.checkCaller(options), params, undefined));
    } catch (error) {
      throw toCommandError(error, undefined);
    }
  }

  private checkCaller(options: unknown): string {
    const extensionId = checkExtensionId(options);
    if (!this.deps.isInstalled(extensionId)) {
      throw badRequest('extensionId', `no installed extension has the id '${extensionId}'; pass your own (context.extension.id).`);
    }
    return extensionId;
  }

  /** The switch, then consent (asking the user once). */
  private async admit(extensionId: string): Promise<void> {
    if (!this.deps.enabled()) {
      throw permissionDenied("Switchboard's API is turned off (the user's setting switchboard.api.enabled is false).");
    }
    const outcome = await this.deps.consent.check(extensionId);
    if (outcome === 'denied') {
      throw permissionDenied(`The user has not allowed ${extensionId} to use their Switchboard models. They can allow it with 'Switchboard: Manage Extension Access'.`);
    }
    if (outcome === 'dismissed') {
      throw permissionDenied(`The user has not answered whether ${extensionId} may use their Switchboard models; the next call asks again (or they can allow it with 'Switchboard: Manage Extension Access').`);
    }
  }

  private bridge(token: unknown, signal: AbortSignal | undefined, provider: string): CancellationBridge {
    if (token !== undefined && token !== null && !isCancellationToken(token)) {
      throw badRequest('token', 'expected a CancellationToken (or nothing).');
    }
    const bridge = bridgeCancellation(token ?? undefined, signal);
    if (bridge.cancelled) {
      bridge.dispose();
      throw new ApiAbortError(provider);
    }
    return bridge;
  }

  /** Counts one sent request to `model` (the model the caller named). */
  private record(extensionId: string, model: string, usage: Pick<Usage, 'prompt_tokens' | 'completion_tokens'> | undefined, cost: number | undefined): void {
    this.deps.ledger.record(extensionId, model, usage, cost).catch((error: unknown) => this.deps.log.warn(`Counting ${extensionId}'s usage failed: ${errorText(error, 'named')}`));
  }

  /**
   * One call through the gate, in order: the switch and consent, `check` (validation), routing and
   * the key rule, the cancellation bridge; then `send`. Whatever fails reaches the caller in the
   * API's shape; a call that was sent is counted even when it failed. The bridge is let go when
   * the call ends, unless `send` takes it over (a stream keeps it until its iteration ends).
   */
  private async gate<P extends CompletionParams | EmbeddingParams, R>(
    extensionId: string,
    params: unknown,
    token: unknown,
    check: (params: unknown) => asserts params is P,
    send: (call: GatedCall<P>) => Promise<R>,
  ): Promise<R> {
    let provider: string | undefined;
    let bridge: CancellationBridge | undefined;
    let sent = false;
    let model: string | undefined;
    try {
      await this.admit(extensionId);
      check(params);
      model = params.model;
      const attempts = attemptsOf(params, this.deps.config());
      provider = serverName((attempts[0] as Attempt).route);
      await checkKeyRule(attempts, this.deps.holdsKey);
      bridge = this.bridge(token, params.signal, provider);
      const owned = bridge;
      return await send({
        params,
        attempts,
        provider,
        signal: owned.signal,
        markSent: () => {
          sent = true;
        },
        takeBridge: () => {
          bridge = undefined;
          return owned;
        },
      });
    } catch (error) {
      if (sent && model !== undefined) {
        this.record(extensionId, model, undefined, undefined);
      }
      throw toApiError(error, provider);
    } finally {
      bridge?.dispose();
    }
  }

  private completion(extensionId: string, params: unknown, token: unknown, extraCheck?: () => void): Promise<ModelResponse | AsyncIterable<ModelResponseChunk>> {
    const check: (params: unknown) => asserts params is CompletionParams = (value) => {
      extraCheck?.();
      validateApiCompletion(value);
    };
    return this.gate(extensionId, params, token, check, async (call): Promise<ModelResponse | AsyncIterable<ModelResponseChunk>> => {
      const core = await coreCompletionParams(call.params, call.attempts, this.deps.endpointKey, call.signal);
      call.markSent();
      if (core.stream === true) {
        const stream = await this.deps.client.completion({ ...core, stream: true });
        const bridge = call.takeBridge();
        return new ApiStream(stream, call.provider, () => bridge.cancelled, (response) => {
          bridge.dispose();
          this.record(extensionId, call.params.model, response.usage, response._hidden_params?.response_cost);
        });
      }
      const response = await this.deps.client.completion({ ...core, stream: false });
      this.record(extensionId, call.params.model, response.usage, response._hidden_params?.response_cost);
      return withHiddenParamsShown(response, call.attempts);
    });
  }

  private embedding(extensionId: string, params: unknown, token: unknown): Promise<EmbeddingResponse> {
    return this.gate(extensionId, params, token, validateApiEmbedding, async (call) => {
      const core = await coreEmbeddingParams(call.params, call.attempts[0] as Attempt, this.deps.endpointKey, call.signal);
      call.markSent();
      const response = await this.deps.client.embedding(core);
      this.record(extensionId, call.params.model, response.usage === undefined ? undefined : { prompt_tokens: response.usage.prompt_tokens, completion_tokens: 0 }, response._hidden_params?.response_cost);
      return withHiddenParamsShown(response, call.attempts);
    });
  }

  private async listModels(extensionId: string): Promise<ListedModel[]> {
    try {
      await this.admit(extensionId);
      const models = await this.deps.listModels();
      return plain(listedForApi(models));
    } catch (error) {
      throw toApiError(error, undefined);
    }
  }

  /** Synchronous, so it cannot ask: catalogue facts only, refused when the API is off or the user said no. */
  private modelInfo(extensionId: string, model: unknown): ModelInfo {
    if (!this.deps.enabled()) {
      throw permissionDenied("Switchboard's API is turned off (the user's setting switchboard.api.enabled is false).");
    }
    if (this.deps.consent.decision(extensionId) === 'denied') {
      throw permissionDenied(`The user has not allowed ${extensionId} to use their Switchboard models. They can allow it with 'Switchboard: Manage Extension Access'.`);
    }
    if (typeof model !== 'string' || model.trim().length === 0) {
      throw badRequest('model', "expected 'provider/model' (e.g. 'openai/gpt-4o-mini').");
    }
    return plain(getModelInfo(model));
  }
}
