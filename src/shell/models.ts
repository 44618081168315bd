/**
 * The `ModelChoice` port: which model the chat uses and which it could use.
 *
 * The model is the one the user selected (kept in global state), else `switchboard.defaultModel`,
 * else the first-run choice (a local Ollama model, or the offline `mock/typewriter`). The options
 * are listed lazily and cached: the models of providers that have a key (stored, or in the
 * environment) or need none, custom endpoints' models, the mock's, and those of the extension's
 * own providers (VS Code's language models, `vscode-lm/…`). A provider whose list fails is logged,
 * not fatal: a keyed provider then shows the catalogue's chat models.
 */

import { getModelInfo, listProviders, splitModelName, type Environment, type ListedModel } from '../core';
import type { ModelOption } from '../protocol/messages';
import type { ChatLog, ModelChoice } from './chat/ports';
import type { SwitchboardConfig } from './config';
import { modelFacts, type ModelFacts } from './modelLimits';
import { Emitter, type Event } from './event';
import { Disposable } from './lifecycle';
import type { Localize } from './chat/localize';
import { errorText } from './errorText';
import { modelServer } from './modelAddress';
import { listEndpointGroup, listProviderGroup, providersToList, type GroupLister, type ModelLister, type ProviderDefinition } from './modelGroups';
import { toModelOptions, type ModelGroup } from './modelOptions';
import type { KeyOwner } from './secrets';

export type { ModelLister } from './modelGroups';

/** Where the selection survives restarts (`context.globalState` fits). */
export interface ModelState {
  get(key: string): string | undefined;
  update(key: string, value: string | undefined): PromiseLike<void>;
}

export interface ModelServiceOptions {
  config: () => SwitchboardConfig;
  keys: { owners(): Promise<KeyOwner[]> };
  client: ModelLister;
  state: ModelState;
  log: ChatLog;
  localize: Localize;
  /** Where environment keys are looked for; `process.env` by default (the core reads the same). */
  env?: Environment;
  /** Seconds one provider's list may take before it counts as failed. */
  listTimeoutSeconds?: number;
  /**
   * The extension's own providers (`vscode-lm`: VS Code's language models), listed after the
   * others and apart from them: listing VS Code's models makes VS Code ask Switchboard's own vendor
   * for its models, which waits for the configured ones (`configuredGroups`), never for these.
   */
  providers?: readonly ProviderDefinition[];
}

/** The model the chat uses when nothing is configured and no local server answers. */
export const offlineModel = 'mock/typewriter';

const selectedModelKey = 'switchboard.selectedModel';

export class ModelService extends Disposable implements ModelChoice {
  private readonly changed = this._register(new Emitter<void>());
  /** The current model or the options changed. */
  readonly onDidChange: Event<void> = this.changed.event;

  private fallback = offlineModel;
  private groups: ModelGroup[] = [];
  /** The latest listing; undefined until someone first looked at the options. */
  private listing: Promise<void> | undefined;
  private generation = 0;
  private ownGroups: ModelGroup[] = [];
  /** The latest listing of the own providers (see `ModelServiceOptions.providers`). */
  private ownListing: Promise<void> = Promise.resolve();
  private ownGeneration = 0;

  /** The default model as last read, to tell a real change of it from an event about another scope. */
  private knownDefault: string | undefined;

  constructor(private readonly deps: ModelServiceOptions) {
    super();
    this.knownDefault = deps.config().defaultModel;
  }

  current(): string {
    return this.deps.state.get(selectedModelKey) ?? this.deps.config().defaultModel ?? this.fallback;
  }

  /** True when the user chose a model (a selection or `switchboard.defaultModel`), not the first run. */
  isChosen(): boolean {
    return this.deps.state.get(selectedModelKey) !== undefined || this.deps.config().defaultModel !== undefined;
  }

  async select(model: string): Promise<void> {
    const trimmed = model.trim();
    if ((splitModelName(trimmed)?.provider ?? '') === '') {
      throw new Error(`A model is written 'provider/model'; got '${model}'.`);
    }
    await this.deps.state.update(selectedModelKey, trimmed);
    this.changed.fire();
  }

  /** The first run's choice, used while the user has chosen nothing. */
  setFallback(model: string): void {
    if (model !== this.fallback) {
      this.fallback = model;
      this.changed.fire();
    }
  }

  /**
   * `switchboard.defaultModel` may have changed: a new value of the user's wins over an earlier
   * selection from now on. VS Code reports a change to the setting in any scope — a workspace's
   * too, which it does not apply (the setting is user-scoped) — so only a real change of the value
   * in use drops the user's selection: a `git pull` never does.
   */
  async defaultModelChanged(): Promise<void> {
    const now = this.deps.config().defaultModel;
    if (now === this.knownDefault) {
      return;
    }
    this.knownDefault = now;
    await this.deps.state.update(selectedModelKey, undefined);
    this.changed.fire();
  }

  /** The options known now; the first call starts listing them (lazily: never at activation). */
  options(): ModelOption[] {
    this.startListing();
    return toModelOptions(this.allGroups(), this.current(), this.deps.localize);
  }

  /** Resolves once the latest listing has finished (starting one if none ran yet). */
  async whenListed(): Promise<void> {
    this.startListing();
    await Promise.all([this.listing, this.ownListing]);
  }

  /**
   * The groups of the configured sources (providers with keys or local servers, custom endpoints,
   * the mock) once listed, without the own providers' (VS Code's models).
   */
  async configuredGroups(): Promise<readonly ModelGroup[]> {
    this.startListing();
    await this.listing;
    return this.groups;
  }

  /** Every model listed so far, of every group (starts no listing: see `whenListed`). */
  listedSoFar(): ListedModel[] {
    return this.groups.flatMap((group) => group.models);
  }

  supportsVision(model: string): boolean {
    const config = this.deps.config();
    const server = modelServer(model, config.customEndpoints);
    const override = server === undefined ? undefined : server.kind === 'endpoint' ? server.endpoint.supportsVision : config.providers[server.providerId]?.supportsVision;
    if (override !== undefined) {
      return override;
    }
    const listed = toModelOptions(this.allGroups(), '', this.deps.localize).find((option) => option.id === model)?.supportsVision;
    return listed ?? (server?.kind === 'endpoint' ? undefined : getModelInfo(model).supports_vision) ?? false;
  }

  /**
   * What the chat needs of `model`: its window (the listed model's or the catalogue's, else the
   * provider's or endpoint's `contextWindow` setting, else a conservative fallback), its output
   * limit and whether it reasons.
   */
  facts(model: string): ModelFacts {
    const config = this.deps.config();
    const server = modelServer(model, config.customEndpoints);
    const contextWindow = server === undefined ? undefined : server.kind === 'endpoint' ? server.endpoint.contextWindow : config.providers[server.providerId]?.contextWindow;
    const listed = this.allGroups()
      .flatMap((group) => group.models.map((entry) => ({ id: `${group.prefix}/${entry.model}`, info: entry.info })))
      .find((entry) => entry.id === model);
    const info = listed?.info ?? (server?.kind === 'endpoint' ? {} : getModelInfo(model));
    return modelFacts(info, contextWindow);
  }

  /** Keys or settings changed: list again, if anyone has looked at the list yet. */
  invalidate(): void {
    if (this.listing !== undefined) {
      void this.refresh();
    }
  }

  /** The own providers' models changed (VS Code's `onDidChangeChatModels`): list those again, if anyone has looked. */
  ownProvidersChanged(): void {
    if (this.listing !== undefined) {
      this.ownListing = this.listOwn().catch((error: unknown) => this.deps.log.error(`Listing models failed: ${errorText(error, 'named')}`));
    }
  }

  /** Lists every source again; the latest listing wins when several overlap. Never rejects. */
  refresh(): Promise<void> {
    const failed = (error: unknown): void => this.deps.log.error(`Listing models failed: ${errorText(error, 'named')}`);
    this.listing = this.listAll().catch(failed);
    this.ownListing = this.listOwn().catch(failed);
    return Promise.all([this.listing, this.ownListing]).then(() => undefined);
  }

  private startListing(): void {
    if (this.listing === undefined) {
      void this.refresh();
    }
  }

  private allGroups(): ModelGroup[] {
    return [...this.groups, ...this.ownGroups];
  }

  private async listOwn(): Promise<void> {
    const providers = this.deps.providers ?? [];
    if (providers.length === 0) {
      return;
    }
    const generation = ++this.ownGeneration;
    const config = this.deps.config();
    const groups = await Promise.all(providers.map((provider) => listProviderGroup(this.lister(), provider, config.providers[provider.id])));
    if (generation === this.ownGeneration && !this._store.isDisposed) {
      this.ownGroups = groups.filter((group): group is ModelGroup => group !== undefined);
      this.changed.fire();
    }
  }

  private async listAll(): Promise<void> {
    const generation = ++this.generation;
    const config = this.deps.config();
    const owners = new Set(await this.deps.keys.owners());
    const env = this.deps.env ?? process.env;
    const lists: Promise<ModelGroup | undefined>[] = [];
    for (const provider of providersToList(config, owners, env)) {
      lists.push(listProviderGroup(this.lister(), provider, config.providers[provider.id]));
    }
    for (const endpoint of config.customEndpoints) {
      lists.push(listEndpointGroup(this.lister(), endpoint));
    }
    lists.push(listProviderGroup(this.lister(), listProviders().find((provider) => provider.id === 'mock') as ProviderDefinition, undefined));
    const groups = (await Promise.all(lists)).filter((group): group is ModelGroup => group !== undefined);
    if (generation === this.generation && !this._store.isDisposed) {
      this.groups = groups;
      this.changed.fire();
    }
  }

  private lister(): GroupLister {
    return { client: this.deps.client, log: this.deps.log, timeoutSeconds: this.deps.listTimeoutSeconds ?? 10 };
  }
}
