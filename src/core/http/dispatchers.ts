/**
 * One undici dispatcher per distinct route and trust: a plain Agent for direct connections, a
 * ProxyAgent per proxy, each with its own TLS options. Connections are pooled inside each, so the
 * cache is what keeps keep-alive working while settings may change between requests.
 */

import { createHash } from 'node:crypto';
import { rootCertificates, type ConnectionOptions } from 'node:tls';
import type { Dispatcher } from 'undici';
import { Agent, Client, Pool, ProxyAgent } from './undiciParts';
import type { Logger } from '../logger';
import type { Environment } from '../environment';
import { chooseNetwork } from './network';
import type { NetworkChoice, RequestNetwork } from './networkTypes';
import type { ProxyInUse } from './proxyErrors';
import { withoutUserinfo } from './proxyUrl';
import { loadExtraCertificates } from './trustedCertificates';

export interface DispatcherOptions {
  /** Sockets per origin; null → unlimited. */
  connections: number | null;
  keepAliveTimeoutMs: number;
  connectTimeoutMs: number;
  logger: Logger;
  /** Distinct configurations kept open; the least recently used one is closed beyond this. */
  maxEntries?: number;
}

const defaultMaxEntries = 16;

/** The TLS half of a dispatcher's configuration: what it trusts and whether it checks at all. */
interface TrustOptions {
  /** Certificates trusted on top of Node's roots; undefined → Node's default store. */
  extra?: string[];
  rejectUnauthorized: boolean;
}

/** Where a request goes: the dispatcher, and the proxy it tunnels through (for error messages). */
export interface Route {
  dispatcher: Dispatcher;
  proxy?: ProxyInUse;
}

export class DispatcherCache {
  private readonly entries = new Map<string, Dispatcher>();
  private readonly maxEntries: number;

  constructor(private readonly options: DispatcherOptions) {
    this.maxEntries = Math.max(1, options.maxEntries ?? defaultMaxEntries);
  }

  /** Chooses the route for a URL from the call, the settings and the environment, and its dispatcher. */
  async routeFor(url: URL, network: RequestNetwork): Promise<Route> {
    const choice = chooseNetwork(url, network.call, network.settings, network.env);
    const dispatcher = await this.dispatcherFor(choice, network.env);
    return { dispatcher, proxy: choice.proxy === undefined ? undefined : { url: choice.proxy.url, source: choice.proxy.source } };
  }

  /** The dispatcher for a choice; CA files are read now, so an edited or fixed file counts. */
  async dispatcherFor(choice: NetworkChoice, env: Environment): Promise<Dispatcher> {
    const trust = await this.trustFor(choice, env);
    const key = cacheKey(choice, trust);
    const cached = this.entries.get(key);
    if (cached !== undefined) {
      // Re-inserting keeps the map in least-recently-used order.
      this.entries.delete(key);
      this.entries.set(key, cached);
      return cached;
    }
    const created = this.create(choice, trust);
    this.entries.set(key, created);
    this.evictBeyondLimit();
    return created;
  }

  /** Closes every pooled connection (requests in flight finish first). */
  async close(): Promise<void> {
    const all = [...this.entries.values()];
    this.entries.clear();
    await Promise.all(all.map((dispatcher) => dispatcher.close()));
  }

  private async trustFor(choice: NetworkChoice, env: Environment): Promise<TrustOptions> {
    if (!choice.tls.verify) {
      return { rejectUnauthorized: false };
    }
    if (choice.tls.caFiles.length === 0) {
      // Without `ca`, Node trusts its roots plus NODE_EXTRA_CA_CERTS by itself.
      return { rejectUnauthorized: true };
    }
    const extra = await loadExtraCertificates(choice.tls.caFiles, env, choice.tls.source);
    return { extra, rejectUnauthorized: true };
  }

  private create(choice: NetworkChoice, trust: TrustOptions): Dispatcher {
    const { connections, keepAliveTimeoutMs, connectTimeoutMs } = this.options;
    const tls: ConnectionOptions & { timeout: number } = { rejectUnauthorized: trust.rejectUnauthorized, timeout: connectTimeoutMs };
    if (trust.extra !== undefined) {
      tls.ca = [...rootCertificates, ...trust.extra];
    }
    const factory = this.poolFactory(choice);
    if (choice.proxy === undefined) {
      return new Agent({ connections, keepAliveTimeout: keepAliveTimeoutMs, connect: tls, factory });
    }
    return new ProxyAgent({
      // The password travels only in the Proxy-Authorization header, never in a URL undici might print.
      uri: withoutUserinfo(choice.proxy.url).href,
      token: choice.proxy.authorization,
      connections,
      keepAliveTimeout: keepAliveTimeoutMs,
      requestTls: tls,
      // The same trust for an https:// proxy: a company that intercepts TLS signs its proxy too.
      proxyTls: tls,
      factory,
    });
  }

  /** Pools that warn on every new TLS connection made without verification. */
  private poolFactory(choice: NetworkChoice): (origin: string | URL, options: object) => Dispatcher {
    const { connections, logger } = this.options;
    const reason = choice.tls.source === 'call' ? "the call's ssl_verify is false" : 'strictSSL is off in the settings';
    return (origin, options) => {
      const pool = connections === 1 ? new Client(origin, options) : new Pool(origin, options);
      if (!choice.tls.verify) {
        pool.on('connect', (connected: URL | string) => {
          const url = new URL(String(connected));
          if (url.protocol === 'https:') {
            logger.warn(`Certificate verification is off for ${url.origin}: ${reason}, so anyone on the network path could read or change this connection.`);
          }
        });
      }
      return pool;
    };
  }

  private evictBeyondLimit(): void {
    for (const [key, dispatcher] of this.entries) {
      if (this.entries.size <= this.maxEntries) {
        return;
      }
      this.entries.delete(key);
      // Requests still running on it finish; its idle sockets close.
      dispatcher.close().catch(() => undefined);
    }
  }
}

/** A key for the configuration; secrets and certificates enter it only hashed. */
function cacheKey(choice: NetworkChoice, trust: TrustOptions): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify([choice.proxy?.url.href ?? 'direct', choice.proxy?.authorization ?? '', trust.rejectUnauthorized, choice.tls.source, trust.extra === undefined]));
  for (const certificate of trust.extra ?? []) {
    hash.update(certificate);
  }
  return hash.digest('hex');
}
