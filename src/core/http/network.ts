/**
 * Which route a request takes — through which proxy, or direct, and why — and which certificates
 * it trusts. Pure decisions from the call, the provider's settings and the environment, so the
 * transport and the connection test see exactly the same thing.
 */

import { BlockList, isIP } from 'node:net';
import { environmentValue } from '../environment';
import { APIConnectionError, BadRequestError } from '../errors';
import type { Environment } from '../environment';
import type { CallNetworkOptions, NetworkChoice, NetworkSettings } from './networkTypes';
import { proxyAuthorizationFrom } from './proxyUrl';


/** Chromium's token: with it in the no-proxy list, loopback hosts go through the proxy too. */
const proxyLoopbackToken = '<-loopback>';

/**
 * The route and trust for one request to `target`. The call's options win over the settings,
 * which win over the environment. A per-call proxy is used for every host; settings and
 * environment proxies skip loopback hosts and NO_PROXY matches.
 */
export function chooseNetwork(target: URL, call: CallNetworkOptions, settings: NetworkSettings | undefined, env: Environment): NetworkChoice {
  const tls = chooseTls(call, settings);
  if (call.proxy !== undefined) {
    const url = parseProxyUrl(call.proxy, 'call');
    return { proxy: { url, authorization: proxyAuthorizationFrom(url), source: 'call' }, tls };
  }
  const configured = settings?.proxy?.trim();
  if (configured === '') {
    return { directBecause: 'proxy disabled in settings', tls };
  }
  const source = configured !== undefined ? 'settings' : 'environment';
  const raw = configured ?? environmentProxy(target, env);
  if (raw === undefined) {
    return { directBecause: 'no proxy configured', tls };
  }
  const bypass = bypassReason(target, settings?.noProxy ?? parseNoProxy(environmentValue(env, ['no_proxy', 'NO_PROXY']) ?? ''));
  if (bypass !== undefined) {
    return { directBecause: bypass, tls };
  }
  const url = parseProxyUrl(raw, source);
  // The setting's header is for the proxy the user configured; a URL's own user:pass comes first.
  const authorization = proxyAuthorizationFrom(url) ?? nonEmpty(settings?.proxyAuthorization);
  return { proxy: { url, authorization, source }, tls };
}

function chooseTls(call: CallNetworkOptions, settings: NetworkSettings | undefined): NetworkChoice['tls'] {
  const settingsFiles = settings?.caCertificates?.filter((file) => file.trim().length > 0) ?? [];
  if (call.ssl_verify === false) {
    return { verify: false, caFiles: [], source: 'call' };
  }
  if (typeof call.ssl_verify === 'string') {
    return { verify: true, caFiles: [call.ssl_verify], source: 'call' };
  }
  if (call.ssl_verify === true) {
    // An explicit "verify" overrides a settings opt-out, but the company CA the settings add stays trusted.
    return { verify: true, caFiles: settingsFiles, source: 'call' };
  }
  if (settings?.strictSSL === false) {
    return { verify: false, caFiles: [], source: 'settings' };
  }
  if (settingsFiles.length > 0) {
    return { verify: true, caFiles: settingsFiles, source: 'settings' };
  }
  return { verify: true, caFiles: [], source: 'default' };
}

/**
 * The environment's proxy for the target's scheme; lower-case first, as curl and undici read them.
 * An https target falls back to HTTP_PROXY, as undici's EnvHttpProxyAgent does: many machines set
 * only that one.
 */
function environmentProxy(target: URL, env: Environment): string | undefined {
  const http = environmentValue(env, ['http_proxy', 'HTTP_PROXY']);
  return target.protocol === 'https:' ? (environmentValue(env, ['https_proxy', 'HTTPS_PROXY']) ?? http) : http;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed.length === 0 ? undefined : trimmed;
}

/** A proxy URL; `proxy.corp:3128` (no scheme, common in HTTP_PROXY) means http://, as curl reads it. */
function parseProxyUrl(raw: string, source: 'call' | 'settings' | 'environment'): URL {
  const text = raw.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`;
  let url: URL | undefined;
  try {
    url = new URL(withScheme);
  } catch {
    url = undefined;
  }
  if (url !== undefined && (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0) {
    return url;
  }
  // The raw text may hold a password: say where it came from, never what it was.
  const where = { call: "the call's 'proxy'", settings: 'the proxy setting', environment: 'HTTPS_PROXY / HTTP_PROXY' }[source];
  const message = `The proxy URL in ${where} is not a valid http:// or https:// URL (expected http://[user:pass@]host:port).`;
  throw source === 'call' ? new BadRequestError({ param: 'proxy', message }) : new APIConnectionError({ message, retryable: false });
}

/** NO_PROXY as one string: entries separated by commas or spaces. */
function parseNoProxy(value: string): string[] {
  return value
    .split(/[\s,]+/)
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
}

/** Why the target bypasses a settings or environment proxy, or undefined to use it. */
function bypassReason(target: URL, noProxy: readonly string[]): string | undefined {
  const host = bareHost(target.hostname);
  const port = target.port === '' ? (target.protocol === 'https:' ? 443 : 80) : Number(target.port);
  for (const entry of noProxy) {
    if (entry !== proxyLoopbackToken && matchesNoProxy(entry, host, port)) {
      return `NO_PROXY matches ${entry}`;
    }
  }
  if (isLoopback(host) && !noProxy.includes(proxyLoopbackToken)) {
    return 'loopback address';
  }
  return undefined;
}

/** A hostname without IPv6 brackets, lower-case, without a trailing dot. */
function bareHost(hostname: string): string {
  return hostname.replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '').toLowerCase();
}

/** localhost, *.localhost, 127.0.0.0/8, ::1 (and 127.x written as an IPv4-mapped IPv6 address). */
function isLoopback(hostname: string): boolean {
  const host = bareHost(hostname);
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1') {
    return true;
  }
  const ipv4 = host.startsWith('::ffff:') ? host.slice('::ffff:'.length) : host;
  return isIP(ipv4) === 4 && ipv4.startsWith('127.');
}

function matchesNoProxy(rawEntry: string, host: string, port: number): boolean {
  const entry = rawEntry.toLowerCase();
  if (entry === '*') {
    return true;
  }
  if (entry.includes('/')) {
    return inSubnet(entry, host);
  }
  const { name, entryPort } = splitHostPort(entry);
  if (entryPort !== undefined && entryPort !== port) {
    return false;
  }
  if (isIP(name) !== 0) {
    return name === host;
  }
  // 'corp.com', '.corp.com' and '*.corp.com' all cover corp.com and its subdomains, as undici does.
  const domain = name.replace(/^\*?\./, '');
  return domain.length > 0 && (host === domain || host.endsWith(`.${domain}`));
}

/** 'host:port', '[v6]:port', a bare IPv6 address or a bare host. */
function splitHostPort(entry: string): { name: string; entryPort?: number } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed !== null) {
    return { name: bracketed[1] ?? '', entryPort: bracketed[2] === undefined ? undefined : Number(bracketed[2]) };
  }
  const colon = entry.lastIndexOf(':');
  if (colon !== -1 && entry.indexOf(':') === colon && /^\d+$/.test(entry.slice(colon + 1))) {
    return { name: entry.slice(0, colon), entryPort: Number(entry.slice(colon + 1)) };
  }
  return { name: entry };
}

/** A CIDR entry matches only a target written as an IP address: no DNS lookup to decide a route. */
function inSubnet(entry: string, host: string): boolean {
  const [network = '', bits = ''] = entry.split('/');
  const family = isIP(network);
  const prefix = Number(bits);
  if (family === 0 || isIP(host) !== family || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128)) {
    return false;
  }
  const subnet = new BlockList();
  const type = family === 4 ? 'ipv4' : 'ipv6';
  subnet.addSubnet(network, prefix, type);
  return subnet.check(host, type);
}
