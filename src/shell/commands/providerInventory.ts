/**
 * What "Manage Providers" lists: the providers the user configured (an entry in
 * `switchboard.providers` — Azure's resource among them — or a stored key), then the custom
 * endpoints, each with what is set and whether a key is stored (never the key). And the answers an
 * edit starts from. Plain values, tested without VS Code.
 */

import { listProviders } from '../../core';
import type { Localize } from '../chat/localize';
import type { SwitchboardConfig } from '../config';
import { endpointKeyOwner, providerKeyOwner, type KeyOwner } from '../secrets';
import { headerPairsText } from './providerSetupChecks';
import { customEndpointChoice } from './providerSetupPlan';
import type { SetupSubject } from './providerSetupWrites';

export interface ConfiguredEntry {
  subject: SetupSubject;
  /** "Azure OpenAI", or the endpoint's name. */
  label: string;
  /** The provider id, or "custom endpoint". */
  description: string;
  /** What is set: base URL, API version, deployments, region…, and whether a key is stored. */
  detail: string;
  hasKey: boolean;
}

/** The answers an edit starts from, as the steps show them (text). */
export interface StepDefaults {
  endpointName?: string;
  baseUrl?: string;
  apiVersion?: string;
  deployments?: string;
  headers?: string;
}

/** Providers with settings or a stored key, in the registry's order, then the custom endpoints. */
export function configuredProviders(config: SwitchboardConfig, owners: ReadonlySet<KeyOwner>, localize: Localize): ConfiguredEntry[] {
  const keyState = (stored: boolean): string => (stored ? localize('key stored') : localize('no key stored'));
  const providers = listProviders()
    .filter((provider) => provider.offline !== true && (config.providers[provider.id] !== undefined || owners.has(providerKeyOwner(provider.id))))
    .map((provider): ConfiguredEntry => {
      const settings = config.providers[provider.id] ?? {};
      const hasKey = owners.has(providerKeyOwner(provider.id));
      const facts = [
        settings.baseUrl,
        settings.apiVersion === undefined ? undefined : localize('API version {0}', settings.apiVersion),
        settings.models === undefined || settings.models.length === 0 ? undefined : localize('models: {0}', settings.models.join(', ')),
        settings.region === undefined ? undefined : localize('region {0}', settings.region),
        settings.profile === undefined ? undefined : localize('profile {0}', settings.profile),
        settings.project === undefined ? undefined : localize('project {0}', settings.project),
        settings.location === undefined ? undefined : localize('location {0}', settings.location),
        keyState(hasKey),
      ].filter((fact): fact is string => fact !== undefined);
      return { subject: { kind: 'provider', providerId: provider.id }, label: provider.displayName, description: provider.id, detail: facts.join(' · '), hasKey };
    });
  const endpoints = config.customEndpoints.map((endpoint): ConfiguredEntry => {
    const hasKey = owners.has(endpointKeyOwner(endpoint.name));
    const headers = Object.keys(endpoint.headers);
    const facts = [endpoint.baseUrl, headers.length === 0 ? undefined : localize('headers: {0}', headers.join(', ')), keyState(hasKey)].filter((fact): fact is string => fact !== undefined);
    return { subject: { kind: 'endpoint', name: endpoint.name }, label: endpoint.name, description: localize('custom endpoint'), detail: facts.join(' · '), hasKey };
  });
  return [...providers, ...endpoints];
}

/** The first step's choice that sets `subject` up. */
export function choiceOf(subject: SetupSubject): string {
  return subject.kind === 'endpoint' ? customEndpointChoice : subject.providerId;
}

/** What the steps show when editing `subject`: its settings now (a provider's own base URL where none is set). */
export function stepDefaults(config: SwitchboardConfig, subject: SetupSubject): StepDefaults {
  if (subject.kind === 'endpoint') {
    const endpoint = config.customEndpoints.find((candidate) => candidate.name.toLowerCase() === subject.name.toLowerCase());
    return endpoint === undefined ? { endpointName: subject.name } : { endpointName: endpoint.name, baseUrl: endpoint.baseUrl, headers: headerPairsText(endpoint.headers) };
  }
  const settings = config.providers[subject.providerId];
  const provider = listProviders().find((candidate) => candidate.id === subject.providerId);
  const defaults: StepDefaults = {};
  const baseUrl = settings?.baseUrl ?? provider?.defaultApiBase;
  if (baseUrl !== undefined) {
    defaults.baseUrl = baseUrl;
  }
  const apiVersion = settings?.apiVersion ?? provider?.defaultApiVersion;
  if (apiVersion !== undefined) {
    defaults.apiVersion = apiVersion;
  }
  if (settings?.models !== undefined) {
    defaults.deployments = settings.models.join(', ');
  }
  return defaults;
}
