/**
 * `getModelInfo`, LiteLLM's `get_model_info`: what the catalogue knows about a model, as a plain
 * `ModelInfo`. Unknown models answer with what routing knows instead of throwing, because callers
 * (the chat view, the cost meter) show what is known and carry on.
 */
import { splitModelName } from '../modelName';
import type { ModelInfo } from '../types';
import { findCatalogueEntry, isCatalogueProvider } from './catalogue';

/** Provider ids the router accepts that have no catalogue rows of their own (local or user-configured servers; Bedrock, answered by its vendors' rows). */
const ROUTE_ONLY_PROVIDERS: ReadonlySet<string> = new Set(['lmstudio', 'openai-compatible', 'litellm_proxy', 'mock', 'bedrock']);

function isRoutingProvider(prefix: string): boolean {
  return isCatalogueProvider(prefix) || ROUTE_ONLY_PROVIDERS.has(prefix);
}

/**
 * What the catalogue knows about `modelId` served by `provider` (or, with no provider, about a
 * bare name such as `gpt-4o-mini`). For the router, which has already split `provider/model`.
 * A miss answers `known: false` with `key` = the requested id and `litellm_provider` = the
 * provider (for a bare name, the part before its first `/`, or `''` when there is none).
 */
export function lookupModelInfo(provider: string | undefined, modelId: string): ModelInfo {
  const providerId = provider?.trim().toLowerCase();
  const match = findCatalogueEntry(providerId, modelId);
  if (match) {
    return { ...match.entry, key: match.key, litellm_provider: providerId ?? match.provider, known: true };
  }
  if (providerId !== undefined) {
    return { key: `${providerId}/${modelId}`, litellm_provider: providerId, known: false };
  }
  return { key: modelId, litellm_provider: splitModelName(modelId)?.provider ?? '', known: false };
}

/**
 * Context window, prices and capabilities of a model, LiteLLM's `get_model_info`. `model` is
 * `provider/model` (`openai/gpt-4o-mini`, `openrouter/x-ai/grok-4`) or a bare known name
 * (`gpt-4o-mini`, a response's `claude-sonnet-4-5-20250929`). Never throws: an unknown model
 * answers `{ key, litellm_provider, known: false }`.
 */
export function getModelInfo(model: string): ModelInfo {
  const trimmed = model.trim();
  const parts = splitModelName(trimmed);
  if (parts !== undefined && isRoutingProvider(parts.provider.toLowerCase())) {
    return lookupModelInfo(parts.provider.toLowerCase(), parts.modelId);
  }
  return lookupModelInfo(undefined, trimmed);
}
