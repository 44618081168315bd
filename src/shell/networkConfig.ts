/**
 * The network settings as typed values: Switchboard's own (`switchboard.http.*`, and `proxy`,
 * `caCertificates`, `strictSSL` of a provider or custom endpoint) and VS Code's `http.*` ones.
 * Like the rest of `config.ts`, anything malformed is left out and described in `problems`, never
 * thrown; a problem never shows a proxy's password.
 */

import { homedir } from 'node:os';
import { isAbsolute } from 'node:path';
import { expandHome } from '../core';
import type { ConfigurationSource } from './configFields';

/** The network fields of `switchboard.providers.<id>` and of a `switchboard.customEndpoints[]` entry. */
export interface NetworkOverrides {
  /** A proxy URL for this provider's requests; '' = straight to the server, whatever else says. */
  proxy?: string;
  /** Absolute paths of PEM files (`~` expanded), trusted for this provider besides the global ones. */
  caCertificates?: string[];
  /** false: do not verify this provider's certificates. */
  strictSSL?: boolean;
}

/** `switchboard.http.*` with VS Code's `http.*` folded in, as read now. */
export interface HttpConfig {
  /** `switchboard.http.proxy`, else `http.proxy` (unless `http.proxySupport` is off); undefined: the environment's. */
  proxy?: string;
  /** The setting `proxy` came from, for messages. */
  proxySetting?: 'switchboard.http.proxy' | 'http.proxy';
  /** `http.noProxy`; undefined (also when empty): the environment's NO_PROXY. */
  noProxy?: string[];
  /** `http.proxyAuthorization`: a Proxy-Authorization header value for a proxy URL without user:pass. */
  proxyAuthorization?: string;
  /** `http.proxyStrictSSL`: false turns certificate checks off (VS Code's meaning). */
  strictSSL: boolean;
  /** `switchboard.http.caCertificates`: absolute paths, `~` expanded. */
  caCertificates: string[];
}

export const noHttpSettings: HttpConfig = { strictSSL: true, caCertificates: [] };

/** Setting names under `switchboard.`. */
export const httpSettingNames = {
  proxy: 'http.proxy',
  caCertificates: 'http.caCertificates',
} as const;

/** The proxy URL as it may be printed: a password (or a user) never appears. */
function printableProxy(text: string): string {
  try {
    const url = new URL(text);
    if (url.username !== '' || url.password !== '') {
      url.username = '***';
      url.password = '';
    }
    return url.href.replace(/\/$/, '');
  } catch {
    // Not a URL: everything after a scheme's '//' up to an '@' may be a password.
    return text.replace(/\/\/[^@/]*@/, '//***@');
  }
}

/** A proxy URL Switchboard can use (http:// or https://, a host, nothing after the port), or why not. */
function proxyProblem(text: string): string | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'is not a URL (write it http://host:port)';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `uses ${url.protocol.slice(0, -1)}, but Switchboard supports http:// and https:// proxies`;
  }
  if (url.hostname === '') {
    return 'names no host';
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
    return 'has a path; a proxy is written http://host:port';
  }
  return undefined;
}

function readProxy(value: unknown, where: string, problems: string[], emptyMeans: 'direct' | 'unset'): string | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== 'string') {
    problems.push(`${where} is not a string; ignored.`);
    return undefined;
  }
  const text = value.trim();
  if (text === '') {
    return emptyMeans === 'direct' ? '' : undefined;
  }
  const problem = proxyProblem(text);
  if (problem !== undefined) {
    problems.push(`${where} '${printableProxy(text)}' ${problem}; ignored.`);
    return undefined;
  }
  return text;
}

function readCaCertificates(value: unknown, where: string, problems: string[], home: string): string[] | undefined {
  if (value === undefined) {
    return undefined;
  }
  if (!Array.isArray(value)) {
    problems.push(`${where} is not an array of file paths; ignored.`);
    return undefined;
  }
  const paths: string[] = [];
  for (const item of value as unknown[]) {
    const path = typeof item === 'string' ? expandHome(item.trim(), home) : '';
    if (path === '') {
      problems.push(`${where} has an entry that is not a file path; ignored.`);
    } else if (!isAbsolute(path)) {
      // Relative to what? The extension host's directory is nobody's choice.
      problems.push(`${where} '${path}' is not an absolute path (or one starting with ~); ignored.`);
    } else if (!paths.includes(path)) {
      paths.push(path);
    }
  }
  return paths;
}

/** `proxy`, `caCertificates` and `strictSSL` of a provider's or an endpoint's entry. */
export function readNetworkOverrides(entry: Record<string, unknown>, where: string, problems: string[], home: string = homedir()): NetworkOverrides {
  const overrides: NetworkOverrides = {};
  const proxy = readProxy(entry['proxy'], `${where}.proxy`, problems, 'direct');
  if (proxy !== undefined) {
    overrides.proxy = proxy;
  }
  const caCertificates = readCaCertificates(entry['caCertificates'], `${where}.caCertificates`, problems, home);
  if (caCertificates !== undefined && caCertificates.length > 0) {
    overrides.caCertificates = caCertificates;
  }
  const strictSSL = entry['strictSSL'];
  if (typeof strictSSL === 'boolean') {
    overrides.strictSSL = strictSSL;
  } else if (strictSSL !== undefined) {
    problems.push(`${where}.strictSSL is not true or false; ignored.`);
  }
  return overrides;
}

function readNoProxy(value: unknown, problems: string[]): string[] | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  if (!Array.isArray(value) || !(value as unknown[]).every((item) => typeof item === 'string')) {
    problems.push('http.noProxy is not an array of host names; ignored.');
    return undefined;
  }
  const entries = (value as string[]).map((item) => item.trim()).filter((item) => item.length > 0);
  // VS Code's default is [], so an empty list says nothing: the environment's NO_PROXY stays in force.
  return entries.length > 0 ? entries : undefined;
}

/**
 * `switchboard.http.*` (from `switchboard`) and VS Code's `http.*` (from `http`, when given).
 * VS Code declares its `http.*` settings for the application or the machine, never a workspace,
 * so what it returns is the user's (a workspace cannot route keys through a proxy of its choice).
 */
export function readHttpConfig(switchboard: ConfigurationSource, vscodeHttp: ConfigurationSource | undefined, problems: string[], home: string = homedir()): HttpConfig {
  const http: HttpConfig = { ...noHttpSettings, caCertificates: [] };
  const own = readProxy(switchboard.get<unknown>(httpSettingNames.proxy), 'switchboard.http.proxy', problems, 'unset');
  // `off` means VS Code leaves extensions' requests alone: its proxy is not meant for them then.
  const supported = vscodeHttp?.get<unknown>('proxySupport') !== 'off';
  const inherited = supported ? readProxy(vscodeHttp?.get<unknown>('proxy'), 'http.proxy', problems, 'unset') : undefined;
  if (own !== undefined) {
    http.proxy = own;
    http.proxySetting = 'switchboard.http.proxy';
  } else if (inherited !== undefined) {
    http.proxy = inherited;
    http.proxySetting = 'http.proxy';
  }
  const noProxy = readNoProxy(vscodeHttp?.get<unknown>('noProxy'), problems);
  if (noProxy !== undefined) {
    http.noProxy = noProxy;
  }
  const authorization = vscodeHttp?.get<unknown>('proxyAuthorization');
  if (typeof authorization === 'string' && authorization.trim().length > 0) {
    http.proxyAuthorization = authorization.trim();
  } else if (authorization !== undefined && authorization !== null && typeof authorization !== 'string') {
    problems.push('http.proxyAuthorization is not a string; ignored.');
  }
  const strictSSL = vscodeHttp?.get<unknown>('proxyStrictSSL');
  if (strictSSL === false) {
    http.strictSSL = false;
  } else if (strictSSL !== undefined && strictSSL !== true) {
    problems.push('http.proxyStrictSSL is not true or false; certificates are checked.');
  }
  http.caCertificates = readCaCertificates(switchboard.get<unknown>(httpSettingNames.caCertificates), 'switchboard.http.caCertificates', problems, home) ?? [];
  return http;
}
