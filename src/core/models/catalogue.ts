/**
 * The model catalogue: context windows, prices and capabilities keyed by `provider/model`, and
 * the lookup rules people who know LiteLLM expect (dated names, any case, bare names). The data
 * lives in catalogue.json; where each fact comes from is in SOURCES.md.
 */
import catalogueData from './catalogue.json';
import { splitModelName } from '../modelName';
import { bedrockBaseModel, bedrockVendorModel } from './bedrockIds';
import type { ModelMode } from '../types';

/** One catalogue row, with LiteLLM's field names. A fact the sources do not give is absent. */
export interface CatalogueEntry {
  readonly mode: ModelMode;
  readonly max_input_tokens?: number;
  readonly max_output_tokens?: number;
  /** LiteLLM's legacy field: the output limit for chat models, the input limit for embeddings. */
  readonly max_tokens?: number;
  readonly input_cost_per_token?: number;
  readonly output_cost_per_token?: number;
  readonly cache_read_input_token_cost?: number;
  readonly cache_creation_input_token_cost?: number;
  readonly output_cost_per_reasoning_token?: number;
  readonly output_vector_size?: number;
  readonly supports_function_calling?: boolean;
  readonly supports_parallel_function_calling?: boolean;
  readonly supports_vision?: boolean;
  readonly supports_reasoning?: boolean;
  readonly supports_response_schema?: boolean;
  readonly supports_prompt_caching?: boolean;
}

/** A catalogue row and the key it is stored under. */
export interface CatalogueMatch {
  /** The catalogue key as written in catalogue.json, e.g. `openai/gpt-4o-mini`. */
  readonly key: string;
  /** The provider part of `key` (for a fallback match, the provider whose row answered). */
  readonly provider: string;
  readonly entry: CatalogueEntry;
}

type MutableEntry = { -readonly [K in keyof CatalogueEntry]: CatalogueEntry[K] };

/** LiteLLM's price fields, as its catalogue and a gateway's `/v1/model/info` write them. */
export const PRICE_FIELDS = [
  'input_cost_per_token',
  'output_cost_per_token',
  'cache_read_input_token_cost',
  'cache_creation_input_token_cost',
  'output_cost_per_reasoning_token',
] as const;

const NUMBER_FIELDS = ['max_input_tokens', 'max_output_tokens', 'max_tokens', ...PRICE_FIELDS, 'output_vector_size'] as const;

/** LiteLLM's capability flags, as its catalogue and a gateway's `/v1/model/info` write them. */
export const BOOLEAN_FIELDS = [
  'supports_function_calling',
  'supports_parallel_function_calling',
  'supports_vision',
  'supports_reasoning',
  'supports_response_schema',
  'supports_prompt_caching',
] as const;

/**
 * Search order for a bare model name. First-party providers come first, so `gpt-4o` is OpenAI's
 * and not Azure's or OpenRouter's copy; local Ollama names come last.
 */
const PROVIDER_PRIORITY: readonly string[] = [
  'openai', 'anthropic', 'gemini', 'mistral', 'xai', 'deepseek', 'groq', 'together',
  'fireworks', 'nvidia', 'huggingface', 'jina', 'azure', 'bedrock', 'vertex_ai', 'openrouter', 'ollama',
];

/**
 * Providers a bare name may be routed to, as LiteLLM routes `gpt-4o-mini` to OpenAI and
 * `claude-…` to Anthropic. Hosts of other vendors' models (Azure, OpenRouter, Together, …) and
 * local servers are left out: sending a bare name there by accident would surprise.
 */
const BARE_ROUTE_PROVIDERS: ReadonlySet<string> = new Set([
  'openai', 'anthropic', 'gemini', 'mistral', 'xai', 'deepseek', 'groq', 'jina',
]);

/** OpenRouter's vendor prefixes, mapped to our provider ids, for models we only list upstream. */
const OPENROUTER_VENDORS: ReadonlyMap<string, string> = new Map([
  ['openai', 'openai'], ['anthropic', 'anthropic'], ['google', 'gemini'],
  ['x-ai', 'xai'], ['mistralai', 'mistral'], ['deepseek', 'deepseek'],
]);

const DATE_SUFFIX = /-(?:\d{4}-\d{2}-\d{2}|\d{8})$/;
const LATEST_SUFFIX = /-latest$/;
const OLLAMA_TAG = /:[^/:]+$/;

function parseEntry(key: string, value: unknown): CatalogueEntry {
  if (typeof value !== 'object' || value === null) {
    throw new Error(`catalogue.json: "${key}" is not an object`);
  }
  const fields = value as Record<string, unknown>;
  const mode = fields['mode'];
  // `responses`: LiteLLM's mark for chat models OpenAI serves only on the Responses API.
  if (mode !== 'chat' && mode !== 'responses' && mode !== 'embedding') {
    throw new Error(`catalogue.json: "${key}" has no valid mode`);
  }
  const entry: MutableEntry = { mode };
  for (const field of NUMBER_FIELDS) {
    const fieldValue = fields[field];
    if (fieldValue === undefined) {
      continue;
    }
    if (typeof fieldValue !== 'number' || !Number.isFinite(fieldValue) || fieldValue < 0) {
      throw new Error(`catalogue.json: "${key}".${field} is not a non-negative number`);
    }
    entry[field] = fieldValue;
  }
  for (const field of BOOLEAN_FIELDS) {
    const fieldValue = fields[field];
    if (fieldValue === undefined) {
      continue;
    }
    if (typeof fieldValue !== 'boolean') {
      throw new Error(`catalogue.json: "${key}".${field} is not a boolean`);
    }
    entry[field] = fieldValue;
  }
  return Object.freeze(entry);
}

function priorityOf(provider: string): number {
  const index = PROVIDER_PRIORITY.indexOf(provider);
  return index === -1 ? PROVIDER_PRIORITY.length : index;
}

interface CatalogueIndex {
  /** Lower-cased full key → row. */
  readonly byKey: ReadonlyMap<string, CatalogueMatch>;
  /** Lower-cased model id (the part after the provider) → rows, best provider first. */
  readonly byModelId: ReadonlyMap<string, readonly CatalogueMatch[]>;
  readonly all: readonly CatalogueMatch[];
}

function buildIndex(data: Readonly<Record<string, unknown>>): CatalogueIndex {
  const byKey = new Map<string, CatalogueMatch>();
  const byModelId = new Map<string, CatalogueMatch[]>();
  for (const [key, value] of Object.entries(data)) {
    const provider = splitModelName(key)?.provider ?? '';
    if (!PROVIDER_PRIORITY.includes(provider)) {
      throw new Error(`catalogue.json: "${key}" does not start with a known provider id`);
    }
    const match: CatalogueMatch = Object.freeze({ key, provider, entry: parseEntry(key, value) });
    const lowerKey = key.toLowerCase();
    if (byKey.has(lowerKey)) {
      throw new Error(`catalogue.json: "${key}" is listed twice (keys are case-insensitive)`);
    }
    byKey.set(lowerKey, match);
    const modelId = lowerKey.slice(provider.length + 1);
    const sameId = byModelId.get(modelId) ?? [];
    sameId.push(match);
    sameId.sort((left, right) => priorityOf(left.provider) - priorityOf(right.provider));
    byModelId.set(modelId, sameId);
  }
  return { byKey, byModelId, all: Object.freeze([...byKey.values()]) };
}

// Built once when the module loads and never changed afterwards.
const INDEX: CatalogueIndex = buildIndex(catalogueData);

/**
 * The ids to try for one model id, most exact first: as given, without a date stamp
 * (`-2024-08-06`, `-20250929`), without `-latest`, and for Ollama without the `:tag`. The exact
 * id always comes first, so real ids such as `mistral-large-latest` are never rewritten.
 */
function idVariants(modelId: string, provider: string | undefined): string[] {
  const variants = [modelId];
  const add = (candidate: string): void => {
    if (candidate.length > 0 && !variants.includes(candidate)) {
      variants.push(candidate);
    }
  };
  add(modelId.replace(DATE_SUFFIX, ''));
  add(modelId.replace(LATEST_SUFFIX, ''));
  if (provider === undefined || provider === 'ollama') {
    add(modelId.replace(OLLAMA_TAG, ''));
  }
  return variants;
}

function findForProvider(provider: string, modelId: string): CatalogueMatch | undefined {
  for (const variant of idVariants(modelId, provider)) {
    const match = INDEX.byKey.get(`${provider}/${variant}`);
    if (match) {
      return match;
    }
  }
  return undefined;
}

/**
 * Where a host of other vendors' models has no row of its own, the upstream row stands in:
 * Azure serves OpenAI's models, OpenRouter passes the vendor's prices through, Bedrock's profile
 * and model ids name the vendor's model (bedrockIds.ts). Azure deployment
 * names that are not model names cannot be guessed and stay unknown.
 */
function findUpstream(provider: string, modelId: string): CatalogueMatch | undefined {
  if (provider === 'azure') {
    return findForProvider('openai', modelId);
  }
  if (provider === 'bedrock') {
    const base = bedrockBaseModel(modelId);
    const vendor = bedrockVendorModel(base);
    return (base === modelId ? undefined : findForProvider(provider, base)) ?? (vendor === undefined ? undefined : findForProvider(vendor.provider, vendor.modelId));
  }
  if (provider === 'vertex_ai') {
    // Vertex serves the vendors' models at their list prices: Claude's `@date` is Anthropic's `-date`.
    if (modelId.startsWith('claude')) {
      return findForProvider('anthropic', modelId.replace('@', '-'));
    }
    return findForProvider('gemini', modelId);
  }
  if (provider === 'openrouter') {
    const vendor = splitModelName(modelId);
    const upstream = vendor === undefined ? undefined : OPENROUTER_VENDORS.get(vendor.provider);
    if (vendor === undefined || upstream === undefined) {
      return undefined;
    }
    const rest = vendor.modelId;
    // OpenRouter writes Claude versions with dots (claude-sonnet-4.5), Anthropic with dashes.
    return findForProvider(upstream, upstream === 'anthropic' ? rest.replace(/\./g, '-') : rest);
  }
  return undefined;
}

function findBare(modelId: string, allow: (provider: string) => boolean): CatalogueMatch | undefined {
  for (const variant of idVariants(modelId, undefined)) {
    const match = INDEX.byModelId.get(variant)?.find((candidate) => allow(candidate.provider));
    if (match) {
      return match;
    }
  }
  return undefined;
}

/** True when `provider` has rows in the catalogue. */
export function isCatalogueProvider(provider: string): boolean {
  return PROVIDER_PRIORITY.includes(provider.toLowerCase());
}

/** LiteLLM's model prefix for the Responses API (`openai/responses/<model>`), and who serves it. */
export const RESPONSES_ROUTE_PREFIX = 'responses/';
const RESPONSES_API_PROVIDERS: ReadonlySet<string> = new Set(['openai', 'azure']);

/**
 * Finds a model's catalogue row. With a provider: the exact `provider/model`, then the model
 * without a date stamp or `-latest`, then (Azure, OpenRouter) the upstream vendor's row. Without
 * one (a bare name, or a response's `model` field): `model` as a full key if it starts with a
 * catalogue provider, else the model id across all providers, best-known provider first.
 * Matching ignores case. Answers `undefined` when nothing fits; never throws.
 */
export function findCatalogueEntry(provider: string | undefined, model: string): CatalogueMatch | undefined {
  const modelId = model.trim().toLowerCase();
  if (modelId.length === 0) {
    return undefined;
  }
  if (provider !== undefined) {
    const providerId = provider.trim().toLowerCase();
    // `openai/responses/<model>` only sends <model> to the Responses API: its row is the model's own.
    const rowId = RESPONSES_API_PROVIDERS.has(providerId) && modelId.startsWith(RESPONSES_ROUTE_PREFIX) ? modelId.slice(RESPONSES_ROUTE_PREFIX.length) : modelId;
    return findForProvider(providerId, rowId) ?? findUpstream(providerId, rowId);
  }
  const parts = splitModelName(modelId);
  if (parts !== undefined && isCatalogueProvider(parts.provider)) {
    const asKey = findCatalogueEntry(parts.provider, parts.modelId);
    if (asKey) {
      return asKey;
    }
  }
  return findBare(modelId, () => true);
}

/**
 * The provider a bare model name routes to (`gpt-4o-mini` → `openai`, `claude-sonnet-4-5` →
 * `anthropic`), or `undefined` when the catalogue does not know the name from a first-party
 * provider.
 */
export function providerForBareModel(model: string): string | undefined {
  const modelId = model.trim().toLowerCase();
  if (modelId.length === 0) {
    return undefined;
  }
  return findBare(modelId, (provider) => BARE_ROUTE_PROVIDERS.has(provider))?.provider;
}

/** Every catalogue row, or one provider's rows, in catalogue order. */
export function listCatalogueEntries(provider?: string): readonly CatalogueMatch[] {
  if (provider === undefined) {
    return INDEX.all;
  }
  const providerId = provider.trim().toLowerCase();
  return INDEX.all.filter((match) => match.provider === providerId);
}
