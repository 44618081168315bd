/**
 * One group of the model picker per provider or custom endpoint: which providers are listed at
 * all (a key, a base URL, a cloud provider set up), and each one's models — its own list, else
 * (a keyed provider whose list failed) the catalogue's, else the models its settings name.
 */

import { firstSetVariable, getModelInfo, listProviders, type CallOptions, type Environment, type ListedModel } from '../core';
import { catalogueChatModels } from './catalogueModels';
import type { ChatLog } from './chat/ports';
import type { CustomEndpoint, ProviderOverrides, SwitchboardConfig } from './config';
import { errorText } from './errorText';
import type { ModelGroup } from './modelOptions';
import type { KeyOwner } from './secrets';

export interface ModelLister {
  listModels(provider: string, options?: CallOptions): Promise<ListedModel[]>;
  listEndpointModels(endpoint: CustomEndpoint, options?: CallOptions): Promise<ListedModel[]>;
}

/** What listing a group needs. */
export interface GroupLister {
  client: ModelLister;
  log: ChatLog;
  /** Seconds one provider's list may take before it counts as failed. */
  timeoutSeconds: number;
}

export type ProviderDefinition = ReturnType<typeof listProviders>[number];

function hasEnvironmentKey(provider: ProviderDefinition, env: Environment): boolean {
  return firstSetVariable(env, provider.apiKeyEnv) !== undefined;
}

function hasBaseUrl(provider: ProviderDefinition, overrides: ProviderOverrides | undefined, env: Environment): boolean {
  return provider.defaultApiBase !== undefined || overrides?.baseUrl !== undefined || firstSetVariable(env, provider.apiBaseEnv) !== undefined;
}

function configuredModels(provider: string, overrides: ProviderOverrides | undefined): ListedModel[] {
  return (overrides?.models ?? []).map((model) => ({ id: `${provider}/${model}`, provider, model, source: 'configuration' as const, info: getModelInfo(`${provider}/${model}`) }));
}

/** The providers whose models the picker offers: chat providers with a key where one is required, a base URL, and (cloud ones) set up. */
export function providersToList(config: SwitchboardConfig, owners: ReadonlySet<KeyOwner>, env: Environment): ProviderDefinition[] {
  return listProviders().filter((provider) => {
    if (!provider.chat || provider.offline === true) {
      return false;
    }
    const overrides = config.providers[provider.id];
    const keyed = owners.has(provider.id) || hasEnvironmentKey(provider, env);
    if ((provider.keyRequired && !keyed) || !hasBaseUrl(provider, overrides, env)) {
      return false;
    }
    // A cloud provider (AWS's, Google's credential chains) is offered once the user set it up:
    // asking every user's machine for AWS credentials would probe instance metadata for nothing.
    return !(provider.ambientCredentials === true && overrides === undefined && !keyed && firstSetVariable(env, provider.credentialsEnv) === undefined);
  });
}

function listOptions(lister: GroupLister): CallOptions {
  return { timeout: lister.timeoutSeconds, num_retries: 0 };
}

/** A provider's group; undefined when a local server that needs no key did not answer and its settings name no models. */
export async function listProviderGroup(lister: GroupLister, provider: ProviderDefinition, overrides: ProviderOverrides | undefined): Promise<ModelGroup | undefined> {
  const group = { prefix: provider.id, label: provider.displayName, ...capabilities(overrides) };
  try {
    return { ...group, models: await lister.client.listModels(provider.id, listOptions(lister)) };
  } catch (error) {
    if (!provider.keyRequired && provider.ambientCredentials !== true) {
      // A local server that is not running is the normal case: say so quietly.
      lister.log.debug(`${provider.displayName} did not list its models (${errorText(error, 'named')}).`);
      const configured = configuredModels(provider.id, overrides);
      return configured.length > 0 ? { ...group, models: configured } : undefined;
    }
    lister.log.warn(`${provider.displayName} did not list its models (${errorText(error, 'named')}); showing the catalogue's.`);
    return { ...group, models: [...configuredModels(provider.id, overrides), ...catalogueChatModels(provider.id)] };
  }
}

/** A custom endpoint's group: the models its settings name, else its own list; undefined when it lists none. */
export async function listEndpointGroup(lister: GroupLister, endpoint: CustomEndpoint): Promise<ModelGroup | undefined> {
  const group = { prefix: endpoint.name, label: endpoint.name, ...capabilities(endpoint) };
  // A self-hosted server's models are unknown to the catalogue, whatever they are called:
  // a name like `gpt-4o` must not borrow OpenAI's prices.
  const configured: ListedModel[] = endpoint.models.map((model) => ({
    id: `${endpoint.name}/${model}`,
    provider: endpoint.name,
    model,
    source: 'configuration',
    info: { key: `${endpoint.name}/${model}`, litellm_provider: endpoint.name, known: false },
  }));
  if (configured.length > 0) {
    return { ...group, models: configured };
  }
  try {
    return { ...group, models: await lister.client.listEndpointModels(endpoint, listOptions(lister)) };
  } catch (error) {
    lister.log.warn(`Custom endpoint '${endpoint.name}' did not list its models (${errorText(error, 'named')}); add them to its "models" setting.`);
    return undefined;
  }
}

function capabilities(source: { supportsVision?: boolean; contextWindow?: number } | undefined): { supportsVision?: boolean; contextWindow?: number } {
  const result: { supportsVision?: boolean; contextWindow?: number } = {};
  if (source?.supportsVision !== undefined) {
    result.supportsVision = source.supportsVision;
  }
  if (source?.contextWindow !== undefined) {
    result.contextWindow = source.contextWindow;
  }
  return result;
}
