/**
 * `provider/model` → the provider that answers and its settings for this call. Per-call options
 * win over the client's settings (the extension's), which win over the environment, which wins
 * over the provider's defaults.
 */

import { environmentValue, type Environment } from './environment';
import { AuthenticationError, BadRequestError } from './errors';
import { headerProblem } from './http/headers';
import { splitModelName } from './modelName';
import { providerForBareModel } from './models/catalogue';
import { findProvider, listProviders } from './providers/registry';
import type { ModelRoute, ProviderDefinition, ProviderLookup, ProviderSettings, ResolvedProvider } from './providers/types';
import type { CallOptions } from './types';
import { checkModel } from './validate';

export const builtInProviders: ProviderLookup = { find: findProvider, all: listProviders };

/** The built-in providers behind a program's own (`createClient({ providers })`), which are found first. */
export function withOwnProviders(own: readonly ProviderDefinition[]): ProviderLookup {
  if (own.length === 0) {
    return builtInProviders;
  }
  const byId = new Map<string, ProviderDefinition>();
  for (const definition of own) {
    for (const id of [definition.id, ...(definition.aliases ?? [])]) {
      byId.set(id.toLowerCase(), definition);
    }
  }
  return {
    find: (id) => byId.get(id.toLowerCase()) ?? builtInProviders.find(id),
    all: () => [...own, ...builtInProviders.all()],
  };
}

/** A model name read for routing: its provider part and the provider's model id. */
export interface ParsedModelName {
  /** The provider id or alias as written, or — for a bare name — the catalogue's provider for it. */
  provider: string;
  modelId: string;
  /** True for a name written without a provider (`gpt-4o-mini`), routed by the catalogue. */
  bare: boolean;
}

/**
 * How the router reads a model name: `provider/model` split at the first slash, or a bare name
 * the catalogue knows from a first-party provider (`gpt-4o-mini` → `openai`). Undefined for a bare
 * name it does not know. The extension reads names with this too (then adds its own endpoints).
 */
export function parseModelName(model: string): ParsedModelName | undefined {
  const name = model.trim();
  const parts = splitModelName(name);
  if (parts !== undefined) {
    return { ...parts, bare: false };
  }
  const provider = providerForBareModel(name);
  return provider === undefined ? undefined : { provider, modelId: name, bare: true };
}

/** Splits `provider/model` and finds the provider; bare names the catalogue knows are routed too. */
export function routeModel(model: unknown, providers: ProviderLookup = builtInProviders): ModelRoute {
  checkModel(model);
  const name = (model as string).trim();
  const parsed = parseModelName(name);
  const definition = parsed === undefined ? undefined : providers.find(parsed.provider);
  if (parsed === undefined || (parsed.bare && definition === undefined)) {
    throw new BadRequestError({
      param: 'model',
      model: name,
      message: `Invalid 'model': '${name}' has no provider. Write it as 'provider/model', e.g. 'openai/${name}'.`,
    });
  }
  if (definition === undefined) {
    const known = providers
      .all()
      .map((provider) => provider.id)
      .join(', ');
    throw new BadRequestError({
      param: 'model',
      model: name,
      message: `Invalid 'model': unknown provider '${parsed.provider}' in '${name}'. Known providers: ${known}.`,
    });
  }
  if (parsed.modelId.length === 0) {
    throw new BadRequestError({ param: 'model', model: name, message: `Invalid 'model': '${name}' names no model after the provider.` });
  }
  return { provider: definition, modelId: parsed.modelId, requestedModel: `${definition.id}/${parsed.modelId}` };
}

/** A base URL without trailing slashes, in the provider's own form (Ollama: without `/v1`, …). */
export function normalizedBase(definition: ProviderDefinition, apiBase: string | undefined): string {
  const trimmed = (apiBase ?? '').trim().replace(/\/+$/, '');
  return trimmed.length > 0 && definition.normalizeApiBase !== undefined ? definition.normalizeApiBase(trimmed) : trimmed;
}

/** The base URL a call goes to, as given (not yet normalised): the call's, the settings', the environment's, the default. */
export function configuredApiBase(definition: ProviderDefinition, options: CallOptions, settings: ProviderSettings | undefined, env: Environment): string | undefined {
  return options.api_base ?? settings?.apiBase ?? environmentValue(env, definition.apiBaseEnv) ?? definition.defaultApiBase;
}

/**
 * The settings' headers, when the call goes to the settings' own base URL by the settings' own
 * route. Configured headers hold secrets in practice (`CF-Access-Client-Secret`, `X-Gateway-Token`),
 * so a call that names another base URL (`api_base`), a proxy of its own, or weaker certificate
 * checks (which let another server pose as this one) gets none of them; a custom endpoint's are
 * its settings at its own base.
 */
function settingsHeadersFor(
  definition: ProviderDefinition,
  options: CallOptions,
  settings: ProviderSettings | undefined,
  env: Environment,
): Record<string, string> | undefined {
  const headers = settings?.headers;
  if (headers === undefined) {
    return undefined;
  }
  for (const [name, value] of Object.entries(headers)) {
    const problem = headerProblem(name, value);
    if (problem !== undefined) {
      throw new BadRequestError({ param: `headers.${name}`, llm_provider: definition.id, message: `${definition.displayName}'s configured headers: ${problem}.` });
    }
  }
  const ownRoute = options.proxy === undefined && (options.ssl_verify === undefined || options.ssl_verify === true);
  if (!ownRoute) {
    return undefined;
  }
  if (options.api_base === undefined) {
    return headers;
  }
  const ownBase = settings?.apiBase ?? environmentValue(env, definition.apiBaseEnv) ?? definition.defaultApiBase;
  return normalizedBase(definition, options.api_base) === normalizedBase(definition, ownBase) ? headers : undefined;
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
  const apiKey = options.api_key ?? storedKey ?? environmentValue(env, definition.apiKeyEnv);
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
    apiVersion: options.api_version ?? settings?.apiVersion ?? environmentValue(env, definition.apiVersionEnv) ?? definition.defaultApiVersion,
    headers: { ...settingsHeadersFor(definition, options, settings, env), ...options.extra_headers },
  };
}
