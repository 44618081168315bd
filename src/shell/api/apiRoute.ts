/**
 * Which provider or custom endpoint an API call's model names — decided before anything is sent,
 * so the key rule knows whose key is at stake and a bad model is refused with a message that names
 * the field. VS Code's own language models (`vscode-lm/…`) are refused here: VS Code allows them
 * only from a user's action, and offering them through our API would launder that.
 */

import { getModelInfo, listProviders, type ListedModel } from '../../core';
import { canonicalProviderId, findEndpoint, type CustomEndpoint, type SwitchboardConfig } from '../config';
import { badRequest } from './apiErrors';

/** The provider prefix of VS Code's language models in Switchboard's registry (chat only). */
export const vscodeLmPrefix = 'vscode-lm';

/** Providers whose models the API does not list: VS Code's own (chat only) and the offline mock. */
const unlistedProviders: ReadonlySet<string> = new Set([vscodeLmPrefix, 'mock']);

/** The models API callers are offered, of those the chat lists. */
export function listedForApi(models: readonly ListedModel[]): ListedModel[] {
  return models.filter((model) => !unlistedProviders.has(model.provider.toLowerCase()) && !unlistedProviders.has(model.id.slice(0, model.id.indexOf('/')).toLowerCase()));
}

export type ApiRoute = { kind: 'provider'; providerId: string } | { kind: 'endpoint'; endpoint: CustomEndpoint };

/** The provider id or endpoint name an error should report. */
export function routeOwner(route: ApiRoute): string {
  return route.kind === 'provider' ? route.providerId : route.endpoint.name;
}

/** Routes `provider/model`, `<endpoint>/<model>` or a bare catalogue name; `param` names the field for errors. */
export function routeApiModel(model: string, config: SwitchboardConfig, param = 'model'): ApiRoute {
  const name = model.trim();
  const slash = name.indexOf('/');
  if (slash === -1) {
    const info = getModelInfo(name);
    if (!info.known || canonicalProviderId(info.litellm_provider) === undefined) {
      throw badRequest(param, `'${name}' names no provider. Write it as 'provider/model', e.g. 'openai/${name}'.`, name);
    }
    return { kind: 'provider', providerId: canonicalProviderId(info.litellm_provider) as string };
  }
  const prefix = name.slice(0, slash);
  if (name.slice(slash + 1).trim().length === 0) {
    throw badRequest(param, `'${name}' names no model after the provider.`, name);
  }
  if (prefix.toLowerCase() === vscodeLmPrefix) {
    throw badRequest(param, `'${name}' is one of VS Code's own language models: Switchboard offers those in its chat only. Use vscode.lm to call them.`, name);
  }
  const endpoint = findEndpoint(config, prefix);
  if (endpoint !== undefined) {
    return { kind: 'endpoint', endpoint };
  }
  const providerId = canonicalProviderId(prefix);
  if (providerId === undefined) {
    const known = [...listProviders().map((provider) => provider.id), ...config.customEndpoints.map((entry) => entry.name)].join(', ');
    throw badRequest(param, `unknown provider '${prefix}' in '${name}'. Known providers and endpoints: ${known}.`, name);
  }
  return { kind: 'provider', providerId };
}
