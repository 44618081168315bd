/**
 * Whose keys Switchboard holds, for the key rule: a provider's key stored in SecretStorage or
 * found in the environment (the core would send either), a custom endpoint's stored key — or a
 * provider or endpoint whose configured headers carry a credential (`CF-Access-Client-Secret`,
 * `X-Gateway-Token`, …): those are secrets the user's settings send, as much as a key is. A
 * provider that finds credentials itself (Vertex AI's application default credentials) always
 * holds the user's.
 */

import { findProvider, firstSetVariable, isCredentialHeader, type Environment } from '../../core';
import type { CustomEndpoint, SwitchboardConfig } from '../config';
import { endpointKeyOwner, providerKeyOwner, type KeyOwner } from '../secrets';
import type { ApiTarget } from './apiRoute';
import type { EndpointKey } from './apiTargets';
import type { KeyHolder } from './keyRule';

export interface StoredKeys {
  get(owner: KeyOwner): Promise<string | undefined>;
}

function hasEnvironmentKey(providerId: string, env: Environment): boolean {
  return firstSetVariable(env, findProvider(providerId)?.apiKeyEnv) !== undefined;
}

function hasCredentialHeader(headers: Readonly<Record<string, string>> | undefined): boolean {
  return Object.keys(headers ?? {}).some(isCredentialHeader);
}

export function keyHolder(keys: StoredKeys, env: Environment, config: () => SwitchboardConfig): KeyHolder {
  return async (route: ApiTarget) => {
    if (route.kind === 'endpoint') {
      return hasCredentialHeader(route.endpoint.headers) || (await keys.get(endpointKeyOwner(route.endpoint.name))) !== undefined;
    }
    return (
      findProvider(route.providerId)?.ambientCredentials === true ||
      hasCredentialHeader(config().providers[route.providerId]?.headers) ||
      (await keys.get(providerKeyOwner(route.providerId))) !== undefined ||
      hasEnvironmentKey(route.providerId, env)
    );
  };
}

export function endpointKeys(keys: StoredKeys): EndpointKey {
  return (endpoint: CustomEndpoint) => keys.get(endpointKeyOwner(endpoint.name));
}
