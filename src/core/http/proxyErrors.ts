/**
 * Failures that belong to the proxy, not the provider: a 407, a refused CONNECT, a proxy that is
 * down or misspelt. The message names the proxy (never its password) and where it was configured.
 */

import { APIConnectionError, Timeout, type LLMError, type LLMErrorInit } from '../errors';
import type { NetworkChoice } from './networkTypes';
import { describeProxy } from './proxyUrl';

/** The proxy a failed request went through: its URL and where it was configured. */
export type ProxyInUse = Pick<NonNullable<NetworkChoice['proxy']>, 'url' | 'source'>;

/** undici's message when the proxy answers CONNECT with anything but 200. */
const refusedTunnel = /Proxy response \((\d{3})\) !== 200 when HTTP Tunneling/;

const configuredIn: Record<ProxyInUse['source'], string> = {
  call: "the call's 'proxy'",
  settings: 'the proxy setting',
  environment: 'HTTPS_PROXY / HTTP_PROXY',
};

/**
 * The proxy's failure, or undefined when the error is the target's. Connection-level errors
 * (refused, DNS, unreachable, connect timeout) are the proxy's: through a tunnel, the proxy is
 * the only host this machine connects to.
 */
export function proxyFailure(error: unknown, code: string | undefined, target: URL, proxy: ProxyInUse, base: Omit<LLMErrorInit, 'message'>): LLMError | undefined {
  const name = describeProxy(proxy.url);
  const where = configuredIn[proxy.source];
  const tunnelStatus = refusedTunnel.exec(error instanceof Error ? error.message : '')?.[1];
  if (tunnelStatus !== undefined) {
    const status = Number(tunnelStatus);
    // 407 asks for credentials; some proxies (tinyproxy) answer wrong ones with 401.
    if (status === 407 || status === 401) {
      const what = status === 407 ? 'asked for credentials (407 Proxy Authentication Required)' : 'rejected the credentials (401 Unauthorized)';
      return new APIConnectionError({
        ...base,
        status_code: status,
        code: 'PROXY_AUTHENTICATION_REQUIRED',
        // The same credentials will be refused again.
        retryable: false,
        message: `The proxy ${name} ${what}. Check the user and password in ${where} (http://user:pass@host:port) or the proxy authorization setting.`,
      });
    }
    return new APIConnectionError({
      ...base,
      status_code: status,
      code: 'PROXY_CONNECT_REFUSED',
      // 502/503/504: the proxy could not reach the host this time; 403 and the like: it will not.
      retryable: status >= 500,
      message: `The proxy ${name} refused to connect to ${target.host} (CONNECT answered ${status}). Check that the proxy allows this host and port, or add the host to NO_PROXY.`,
    });
  }
  switch (code) {
    case 'ECONNREFUSED':
      return new APIConnectionError({ ...base, message: `The proxy ${name} refused the connection. Is the proxy running, and is ${where} right?` });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return new APIConnectionError({ ...base, message: `Could not resolve the proxy ${name} (DNS). Check ${where}.` });
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return new APIConnectionError({ ...base, message: `The proxy ${name} is unreachable from this network. Check ${where}.` });
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new Timeout({ ...base, message: `Could not connect to ${target.origin} through the proxy ${name} in time. Check ${where}.` });
    default:
      return undefined;
  }
}
