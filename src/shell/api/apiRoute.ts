/**
 * Which provider or custom endpoint an API call's model names — decided before anything is sent,
 * so the key rule knows whose key is at stake and a bad model is refused with a message that names
 * the field. VS Code's own language models (`vscode-lm/…`) are refused here: VS Code allows them
 * only from a user's action, and offering them through our API would launder that.
 */

import { listProviders, splitModelName, type ListedModel } from '../../core';
import type { CustomEndpoint, SwitchboardConfig } from '../config';
import { readModelAddress, vscodeLmProviderId, type ModelServer } from '../modelAddress';
import { badRequest } from './apiErrors';

/** Providers whose models the API does not list: VS Code's own (chat only) and the offline mock. */
const unlistedProviders: ReadonlySet<string> = new Set([vscodeLmProviderId, 'mock']);

/** The models API callers are offered, of those the chat lists. */
export function listedForApi(models: readonly ListedModel[]): ListedModel[] {
  return models.filter((model) => !unlistedProviders.has(model.provider.toLowerCase()) && !unlistedProviders.has((splitModelName(model.id)?.provider ?? '').toLowerCase()));
}

/** Where an API call's model goes, and the id that server knows it by. */
export type ApiTarget = ModelServer<CustomEndpoint> & { modelId: string };

/** Routes `provider/model`, `<endpoint>/<model>` or a bare catalogue name; `param` names the field for errors. */
export function routeApiModel(model: string, config: SwitchboardConfig, param = 'model'): ApiTarget {
  const name = model.trim();
  const address = readModelAddress(name, config.customEndpoints);
  switch (address.kind) {
    case 'provider':
    case 'endpoint':
      return address;
    case 'vscode-lm':
      throw badRequest(param, `'${name}' is one of VS Code's own language models: Switchboard offers those in its chat only. Use vscode.lm to call them.`, name);
    case 'invalid':
      if (address.reason === 'no-provider') {
        throw badRequest(param, `'${name}' names no provider. Write it as 'provider/model', e.g. 'openai/${name}'.`, name);
      }
      if (address.reason === 'no-model') {
        throw badRequest(param, `'${name}' names no model after the provider.`, name);
      }
      throw badRequest(param, `unknown provider '${address.prefix ?? ''}' in '${name}'. Known providers and endpoints: ${[...listProviders().map((provider) => provider.id), ...config.customEndpoints.map((entry) => entry.name)].join(', ')}.`, name);
  }
}
