/**
 * Merges what a provider says it offers with what the catalogue knows: the provider's list is
 * the truth about availability, the catalogue about context windows, prices and capabilities.
 */

import type { ProviderModel } from '../providers/types';
import type { ListedModel, ModelInfo } from '../types';
import { listCatalogueEntries } from './catalogue';
import { lookupModelInfo } from './modelInfo';

function listed(provider: string, entry: ProviderModel, source: ListedModel['source']): ListedModel {
  const catalogue = lookupModelInfo(provider, entry.model);
  // The catalogue wins where it knows; the provider's own report fills the gaps.
  const info: ModelInfo = { ...entry.facts, ...definedOnly(catalogue) };
  const model: ListedModel = { id: `${provider}/${entry.model}`, provider, model: entry.model, source, info };
  if (entry.display_name !== undefined) {
    model.display_name = entry.display_name;
  }
  if (entry.created !== undefined) {
    model.created = entry.created;
  }
  if (entry.owned_by !== undefined) {
    model.owned_by = entry.owned_by;
  }
  return model;
}

function definedOnly(info: ModelInfo): ModelInfo {
  return Object.fromEntries(Object.entries(info).filter(([, value]) => value !== undefined)) as unknown as ModelInfo;
}

/**
 * The list for one provider: its own entries (when it has a list), then configured models it did
 * not list, or — when it has no list at all — the configured models and the catalogue's entries.
 */
export function mergeModelLists(provider: string, offered: readonly ProviderModel[] | undefined, configured: readonly string[]): ListedModel[] {
  const byId = new Map<string, ListedModel>();
  for (const entry of offered ?? []) {
    byId.set(entry.model, listed(provider, entry, 'provider'));
  }
  for (const model of configured) {
    if (!byId.has(model)) {
      byId.set(model, listed(provider, { model }, 'configuration'));
    }
  }
  if (offered === undefined) {
    for (const entry of listCatalogueEntries(provider)) {
      const model = entry.key.slice(provider.length + 1);
      if (!byId.has(model)) {
        byId.set(model, listed(provider, { model }, 'catalogue'));
      }
    }
  }
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** Every model the catalogue knows for a provider, as `listModels` reports them (source `catalogue`). */
export function catalogueModels(provider: string): ListedModel[] {
  return mergeModelLists(provider, undefined, []);
}
