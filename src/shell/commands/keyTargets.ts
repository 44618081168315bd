/** Providers "Set API Key" sets up though they need no key: cloud sign-ins and the team gateway. */
export const setupProviders: ReadonlySet<string> = new Set(['bedrock', 'vertex_ai', 'litellm_proxy']);

/**
 * Whose keys "Set API Key" and "Clear API Key" offer: every provider that needs a key or has
 * setup steps (Bedrock, Vertex AI, the LiteLLM gateway); then every provider that takes a key it
 * does not need (an OpenAI-compatible server, Ollama or LM Studio behind an authenticating proxy
 * or gateway); then every custom endpoint (its key is optional too). Plain values, so the list is
 * tested without VS Code; the commands turn it into a quick pick.
 */

import { listProviders } from '../../core';
import type { SwitchboardConfig } from '../config';
import { findEndpoint, modelServer } from '../modelAddress';
import type { Localize } from '../chat/localize';
import { endpointKeyOwner, endpointOfOwner, providerKeyOwner, type KeyOwner } from '../secrets';

export interface KeyTarget {
  owner: KeyOwner;
  /** "OpenAI", or the endpoint's name. */
  label: string;
  /** The provider id, or the endpoint's base URL. */
  description: string;
  hasKey: boolean;
}

/** Providers that need a key or setup, then custom endpoints, each marked with whether a key is stored. */
export function keyTargets(config: SwitchboardConfig, storedOwners: ReadonlySet<KeyOwner>, localize: Localize): KeyTarget[] {
  const all = listProviders();
  const target = (provider: (typeof all)[number], description: string): KeyTarget => {
    const owner = providerKeyOwner(provider.id);
    return { owner, label: provider.displayName, description, hasKey: storedOwners.has(owner) };
  };
  const needed = all.filter((provider) => provider.keyRequired || setupProviders.has(provider.id)).map((provider) => target(provider, provider.id));
  // A provider takes a key when it reads one from the environment; the stored key goes the same way.
  const optional = all
    .filter((provider) => !provider.keyRequired && !setupProviders.has(provider.id) && provider.apiKeyEnv.length > 0)
    .map((provider) => target(provider, localize('{0} · optional, for a server behind a token', provider.id)));
  const providers = [...needed, ...optional];
  const endpoints = config.customEndpoints.map((endpoint) => {
    const owner = endpointKeyOwner(endpoint.name);
    return { owner, label: endpoint.name, description: localize('custom endpoint · {0}', endpoint.baseUrl), hasKey: storedOwners.has(owner) };
  });
  return [...providers, ...endpoints];
}

/** The label of an owner for messages ("OpenAI", "my-vllm"), whether or not it is still configured. */
export function keyOwnerLabel(config: SwitchboardConfig, owner: KeyOwner): string {
  const endpoint = endpointOfOwner(owner);
  if (endpoint !== undefined) {
    return findEndpoint(config.customEndpoints, endpoint)?.name ?? endpoint;
  }
  return listProviders().find((provider) => provider.id === owner)?.displayName ?? owner;
}

/** Whose key a model's requests use: its custom endpoint's, or its provider's (aliases folded). */
export function keyOwnerOfModel(config: SwitchboardConfig, model: string): KeyOwner | undefined {
  const server = modelServer(model, config.customEndpoints);
  if (server === undefined) {
    return undefined;
  }
  return server.kind === 'endpoint' ? endpointKeyOwner(server.endpoint.name) : providerKeyOwner(server.providerId);
}
