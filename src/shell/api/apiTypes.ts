/**
 * The public API other extensions get from `activate()`, in the core's own types. Consumers read
 * the same shapes, self-contained, in `api.d.ts` at the repository root (a type-level test keeps
 * the two from drifting). Versioned like VS Code's git extension: `getApi(1, …)` today, and a
 * later version can change shapes without breaking callers of this one.
 */

import type { EmbeddingParams, EmbeddingResponse, CompletionParams, ListedModel, ModelInfo, ModelResponse, ModelResponseChunk } from '../../core';

/** How the caller names itself: the consent prompt and the usage ledger are per extension. */
export interface SwitchboardApiOptions {
  /** The calling extension's id, `publisher.name` (`context.extension.id`). */
  extensionId: string;
}

/** VS Code's `CancellationToken` fits this; so does any object with the same two members. */
export interface CancellationTokenLike {
  readonly isCancellationRequested: boolean;
  onCancellationRequested(listener: () => void): { dispose(): void };
}

/**
 * Subscribes a listener; disposing the result unsubscribes it. Shaped as VS Code's `Event<void>`:
 * `thisArgs` is the listener's `this`, and the subscription is pushed onto `disposables` when given.
 */
export type ModelsChangedEvent = (listener: () => void, thisArgs?: unknown, disposables?: { dispose(): void }[]) => { dispose(): void };

/** Version 1 of the API. Every call needs the user's consent for the calling extension. */
export interface SwitchboardApiV1 {
  readonly version: 1;
  /** A chat completion; with `stream: true`, the chunks as an async iterable (`break` closes the request). */
  completion(params: CompletionParams & { stream: true }, token?: CancellationTokenLike): Promise<AsyncIterable<ModelResponseChunk>>;
  completion(params: CompletionParams & { stream?: false }, token?: CancellationTokenLike): Promise<ModelResponse>;
  /** Either, when `stream` is only known at run time. */
  completion(params: CompletionParams, token?: CancellationTokenLike): Promise<ModelResponse | AsyncIterable<ModelResponseChunk>>;
  /** Embeddings for a string or a list of them. */
  embedding(params: EmbeddingParams, token?: CancellationTokenLike): Promise<EmbeddingResponse>;
  /** The models the user set up (keys, settings, custom endpoints); never VS Code's own (`vscode-lm/…`), never keys. */
  listModels(): Promise<ListedModel[]>;
  /** What the catalogue knows about a model: context window, prices, capabilities. */
  getModelInfo(model: string): ModelInfo;
  /** Fires when the list of models may have changed (a key set or cleared, settings changed). */
  readonly onDidChangeModels: ModelsChangedEvent;
}

/** What `activate()` returns. */
export interface SwitchboardExports {
  /** The API of one version; throws for a version that does not exist. */
  getApi(version: 1, options: SwitchboardApiOptions): SwitchboardApiV1;
}

/** The versions `getApi` answers. */
export const supportedApiVersions: readonly number[] = [1];
