/**
 * `provider/model` → the provider that answers and its settings for this call. Per-call options
 * win over the client's settings (the extension's), which win over the environment, which wins
 * over the provider's defaults.
 */

import { AuthenticationError, BadRequestError } from './errors';
import type { NetworkSettings } from './http/network';
import { providerForBareModel } from './models/catalogue';
import { findProvider, listProviders } from './providers/registry';
import type { ProviderDefinition, ResolvedProvider } from './providers/types';
import type { CallOptions } from './types';
import { checkModel } from './validate';

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

export type { NetworkSettings } from './http/network';

export type Environment = Readonly<Record<string, string | undefined>>;

/** Where provider ids are looked up: the built-in registry, or a client's own providers first. */
export interface ProviderLookup {
  find(id: string): ProviderDefinition | undefined;
  all(): readonly ProviderDefinition[];
}

export const builtInProviders: ProviderLookup = { find: findProvider, all: listProviders };

/** Splits `provider/model` and finds the provider; bare names the catalogue knows are routed too. */
export function routeModel(model: unknown, providers: ProviderLookup = builtInProviders): ModelRoute {
  checkModel(model);
  const name = (model as string).trim();
  const slash = name.indexOf('/');
  if (slash === -1) {
    const provider = providerForBareModel(name);
    const definition = provider === undefined ? undefined : providers.find(provider);
    if (definition === undefined) {
      throw new BadRequestError({
        param: 'model',
        model: name,
        message: `Invalid 'model': '${name}' has no provider. Write it as 'provider/model', e.g. 'openai/${name}'.`,
      });
    }
    return { provider: definition, modelId: name, requestedModel: `${definition.id}/${name}` };
  }
  const prefix = name.slice(0, slash);
  const modelId = name.slice(slash + 1);
  const definition = providers.find(prefix);
  if (definition === undefined) {
    const known = providers
      .all()
      .map((provider) => provider.id)
      .join(', ');
    throw new BadRequestError({
      param: 'model',
      model: name,
      message: `Invalid 'model': unknown provider '${prefix}' in '${name}'. Known providers: ${known}.`,
    });
  }
  if (modelId.length === 0) {
    throw new BadRequestError({ param: 'model', model: name, message: `Invalid 'model': '${name}' names no model after the provider.` });
  }
  return { provider: definition, modelId, requestedModel: `${definition.id}/${modelId}` };
}

function fromEnvironment(env: Environment, names: readonly string[] | undefined): string | undefined {
  for (const name of names ?? []) {
    const value = env[name]?.trim();
    if (value !== undefined && value.length > 0) {
      return value;
    }
  }
  return undefined;
}

/** A base URL without trailing slashes, in the provider's own form (Ollama: without `/v1`, …). */
export function normalizedBase(definition: ProviderDefinition, apiBase: string | undefined): string {
  const trimmed = (apiBase ?? '').trim().replace(/\/+$/, '');
  return trimmed.length > 0 && definition.normalizeApiBase !== undefined ? definition.normalizeApiBase(trimmed) : trimmed;
}

/** The base URL a call goes to, as given (not yet normalised): the call's, the settings', the environment's, the default. */
export function configuredApiBase(definition: ProviderDefinition, options: CallOptions, settings: ProviderSettings | undefined, env: Environment): string | undefined {
  return options.api_base ?? settings?.apiBase ?? fromEnvironment(env, definition.apiBaseEnv) ?? definition.defaultApiBase;
}

/** The provider's settings for one call. Throws when a required base URL or key is missing. */
export function resolveProvider(
  route: ModelRoute,
  options: CallOptions,
  settings: ProviderSettings | undefined,
  storedKey: string | undefined,
  env: Environment,
): ResolvedProvider {
  const definition = route.provider;
  const apiBase = configuredApiBase(definition, options, settings, env);
  if (!definition.offline && (apiBase === undefined || apiBase.trim().length === 0)) {
    const variable = definition.apiBaseEnv?.[0];
    throw new BadRequestError({
      param: 'api_base',
      llm_provider: definition.id,
      model: route.requestedModel,
      message: `${definition.displayName} needs a base URL: pass api_base${variable === undefined ? '' : ` or set ${variable}`}.`,
    });
  }
  const apiKey = options.api_key ?? storedKey ?? fromEnvironment(env, definition.apiKeyEnv);
  if (definition.keyRequired && (apiKey === undefined || apiKey.length === 0)) {
    const variable = definition.apiKeyEnv[0];
    throw new AuthenticationError({
      llm_provider: definition.id,
      model: route.requestedModel,
      message: `No API key for ${definition.displayName}: pass api_key${variable === undefined ? '' : ` or set ${variable}`}.`,
    });
  }
  return {
    id: definition.id,
    displayName: definition.displayName,
    apiBase: normalizedBase(definition, apiBase),
    apiKey,
    apiVersion: options.api_version ?? settings?.apiVersion ?? fromEnvironment(env, definition.apiVersionEnv) ?? definition.defaultApiVersion,
    headers: { ...settings?.headers, ...options.extra_headers },
  };
}
