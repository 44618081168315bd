/**
 * The settings → the core's `NetworkSettings` for one provider or custom endpoint. Strongest
 * first: the provider's (or endpoint's) own `proxy` / `strictSSL`, then `switchboard.http.*`, then
 * VS Code's `http.*`; what none of them says is left to the core, which reads the environment
 * (HTTPS_PROXY, NO_PROXY, NODE_EXTRA_CA_CERTS).
 *
 * Certificate files add up rather than replace each other: a company CA in
 * `switchboard.http.caCertificates` must stay trusted for a provider that adds its own (a
 * self-signed vLLM behind the same intercepting proxy needs both).
 */

import type { NetworkSettings } from '../core';
import type { CustomEndpoint, SwitchboardConfig } from './config';
import type { HttpConfig, NetworkOverrides } from './networkConfig';

/** Appended to "certificate not trusted" errors in the chat, the API and Test Connection. */
export const certificateHint = "If your company uses its own certificate authority, add it in 'switchboard.http.caCertificates'.";

/** The network settings a request for a provider or endpoint with these overrides uses. */
export function networkSettingsFor(http: HttpConfig, own: NetworkOverrides | undefined): NetworkSettings {
  const settings: NetworkSettings = {};
  const proxy = own?.proxy ?? http.proxy;
  if (proxy !== undefined) {
    settings.proxy = proxy;
  }
  if (http.noProxy !== undefined) {
    settings.noProxy = http.noProxy;
  }
  if (http.proxyAuthorization !== undefined && own?.proxy === undefined) {
    // VS Code's header belongs to VS Code's (or Switchboard's global) proxy, not to one a provider names.
    settings.proxyAuthorization = http.proxyAuthorization;
  }
  const strictSSL = own?.strictSSL ?? http.strictSSL;
  if (!strictSSL) {
    settings.strictSSL = false;
  }
  const caCertificates = [...new Set([...http.caCertificates, ...(own?.caCertificates ?? [])])];
  if (caCertificates.length > 0) {
    settings.caCertificates = caCertificates;
  }
  return settings;
}

function sameBase(a: string, b: string): boolean {
  return a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();
}

/**
 * The custom endpoint a request to `openai-compatible` at this base URL is for. Endpoints reach
 * the core as that provider with their base URL per call, so the URL is what tells them apart.
 */
export function endpointAtBase(config: SwitchboardConfig, apiBase: string | undefined): CustomEndpoint | undefined {
  return apiBase === undefined ? undefined : config.customEndpoints.find((endpoint) => sameBase(endpoint.baseUrl, apiBase));
}
