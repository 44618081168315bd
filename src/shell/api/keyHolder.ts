/**
 * Whose keys Switchboard holds, for the key rule: a provider's key stored in SecretStorage or
 * found in the environment (the core would send either), or a custom endpoint's stored key.
 */

import { findProvider, firstSetVariable, type Environment } from '../../core';
import type { CustomEndpoint } from '../config';
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

export function keyHolder(keys: StoredKeys, env: Environment): KeyHolder {
  return async (route: ApiTarget) => {
    if (route.kind === 'endpoint') {
      return (await keys.get(endpointKeyOwner(route.endpoint.name))) !== undefined;
    }
    return (await keys.get(providerKeyOwner(route.providerId))) !== undefined || hasEnvironmentKey(route.providerId, env);
  };
}

export function endpointKeys(keys: StoredKeys): EndpointKey {
  return (endpoint: CustomEndpoint) => keys.get(endpointKeyOwner(endpoint.name));
}
