/**
 * The network's shapes, types only: what the program using the core configures per provider, what
 * a request carries so the transport can choose its route, and the route chosen. They sit apart
 * from `network.ts` (the decisions) so the providers, the router and the transport can name them
 * without importing any of each other.
 */

import type { Environment } from '../environment';

/** A provider's network settings, from the program using the core (the extension: VS Code's). */
export interface NetworkSettings {
  /** Proxy URL for this provider's requests; undefined → the environment's (HTTPS_PROXY/HTTP_PROXY, lower-case too); '' → direct, whatever the environment says. */
  proxy?: string;
  /** NO_PROXY entries (host, .domain, *.domain, host:port, IP, CIDR, '*'); undefined → the environment's NO_PROXY/no_proxy. */
  noProxy?: readonly string[];
  /** A Proxy-Authorization header value (VS Code's http.proxyAuthorization), used when the proxy URL carries no user:pass. */
  proxyAuthorization?: string;
  /** false → do not verify certificates (VS Code's http.proxyStrictSSL / a provider's strictSSL). Default true. */
  strictSSL?: boolean;
  /** Paths of PEM files whose certificates are trusted in addition to Node's roots and NODE_EXTRA_CA_CERTS. */
  caCertificates?: readonly string[];
}

/** The per-call options that change the route (CallOptions' `proxy` and `ssl_verify`). */
export interface CallNetworkOptions {
  proxy?: string;
  ssl_verify?: boolean | string;
}

/** What a request carries so the transport can choose its route (again after each redirect). */
export interface RequestNetwork {
  call: CallNetworkOptions;
  settings?: NetworkSettings;
  env: Environment;
}

export interface NetworkChoice {
  /** The proxy to use, or undefined for a direct connection. `url` never printed with its password: use `describeProxy`. */
  proxy?: { url: URL; authorization?: string; source: 'call' | 'settings' | 'environment' };
  /** Why the connection is direct: 'no proxy configured' | 'NO_PROXY matches <entry>' | 'loopback address' | 'proxy disabled in settings'. */
  directBecause?: string;
  tls: { verify: boolean; caFiles: readonly string[]; source: 'call' | 'settings' | 'default' };
}
