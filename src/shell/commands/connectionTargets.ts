/**
 * What "Test Connection" offers, set-up ones first: providers with a key (stored, or from the
 * environment), custom endpoints, providers configured in `switchboard.providers`, local servers
 * (providers that need no key: Ollama, LM Studio, …), then the rest of the providers that need a
 * key or, for the cloud ones (Bedrock, Vertex AI), their setup. Plain values, so the list is tested without VS Code; the command makes a quick pick of it.
 */

import { firstSetVariable, listProviders, type Environment } from '../../core';
import type { Localize } from '../chat/localize';
import type { CustomEndpoint, SwitchboardConfig } from '../config';
import { modelServer, type ModelServer } from '../modelAddress';
import { endpointKeyOwner, providerKeyOwner, type KeyOwner } from '../secrets';

export interface ConnectionChoice {
  target: ModelServer<CustomEndpoint>;
  /** "OpenAI", or the endpoint's name. */
  label: string;
  /** The provider id, or the endpoint's base URL. */
  description: string;
  /** Why it is offered where it is ("key stored", "local server", …). */
  detail: string;
}

/** The choices in the order above; the offline mock is not offered (nothing to connect to). */
export function connectionChoices(config: SwitchboardConfig, storedOwners: ReadonlySet<KeyOwner>, env: Environment, localize: Localize): ConnectionChoice[] {
  const groups: ConnectionChoice[][] = [[], [], [], [], []];
  for (const provider of listProviders()) {
    if (provider.offline === true) {
      continue;
    }
    const stored = storedOwners.has(providerKeyOwner(provider.id));
    const variable = firstSetVariable(env, provider.apiKeyEnv);
    const configured = config.providers[provider.id] !== undefined;
    const choice = (detail: string): ConnectionChoice => ({ target: { kind: 'provider', providerId: provider.id }, label: provider.displayName, description: provider.id, detail });
    const cloud = provider.ambientCredentials === true;
    const cloudVariable = cloud ? firstSetVariable(env, provider.credentialsEnv) : undefined;
    if (stored || variable !== undefined) {
      groups[0]?.push(choice(stored ? (cloud ? localize('credentials stored') : localize('key stored')) : localize('key from {0}', variable ?? '')));
    } else if (cloudVariable !== undefined) {
      groups[0]?.push(choice(localize('credentials from {0}', cloudVariable)));
    } else if (configured) {
      groups[2]?.push(choice(localize('configured in switchboard.providers')));
    } else if (cloud) {
      groups[4]?.push(choice(localize('not set up yet')));
    } else if (!provider.keyRequired) {
      groups[3]?.push(choice(localize('local or keyless server')));
    } else {
      groups[4]?.push(choice(localize('no key yet')));
    }
  }
  groups[1] = config.customEndpoints.map((endpoint) => ({
    target: { kind: 'endpoint', endpoint },
    label: endpoint.name,
    description: endpoint.baseUrl,
    detail: storedOwners.has(endpointKeyOwner(endpoint.name)) ? localize('custom endpoint · key stored') : localize('custom endpoint'),
  }));
  return groups.flat();
}

/** The provider or custom endpoint whose connection a model's requests use (aliases folded). */
export function connectionTargetOfModel(config: SwitchboardConfig, model: string | undefined): ModelServer<CustomEndpoint> | undefined {
  return model === undefined ? undefined : modelServer(model, config.customEndpoints);
}
