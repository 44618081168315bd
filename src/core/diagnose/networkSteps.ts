/**
 * The proxy, DNS, TCP and TLS steps of a connection test. Each probes one layer, with its own
 * deadline, and says in plain words what it found. Failures read as a request's would: the same
 * mapping (`transportError`, `proxyFailure`) writes the detail.
 */

import { isIP, type Socket } from 'node:net';
import { AbortError } from '../errors';
import { proxyFailure } from '../http/proxyErrors';
import { describeProxy } from '../http/proxyUrl';
import { errorCode, transportError, type TransportErrorHints } from '../http/transportErrors';
import type { ConnectionPlan } from './plan';
import { authorityOf, bareHostname, elapsed, lookupAddresses, openTcp, portOf, requestTunnel, startTls, withDeadline } from './probes';
import { certificateFacts, failureWords } from './stepText';
import type { ConnectionStep } from './types';

export interface StepContext {
  timeoutMs: number;
  signal: AbortSignal | undefined;
  hints: TransportErrorHints;
}

export interface StepResult {
  step: ConnectionStep;
  /** The open connection the next step goes on with (a tunnel, or a TCP connection). */
  socket?: Socket;
  addresses?: string[];
}

/** A cancel is no failure to report: it ends the test. */
function rethrowCancel(error: unknown): void {
  if (error instanceof AbortError) {
    throw error;
  }
}

function errorContext(plan: ConnectionPlan): { llm_provider: string; providerName: string } {
  return { llm_provider: plan.definition.id, providerName: plan.definition.displayName };
}

/** What a request's own failure would say, for the step's detail. */
function requestWouldSay(error: unknown, plan: ConnectionPlan, context: StepContext): string {
  return transportError(error, plan.target, errorContext(plan), context.timeoutMs / 1000, context.hints).message;
}

const proxyOrigin = { call: "the call's proxy", settings: 'the proxy setting', environment: 'HTTPS_PROXY / HTTP_PROXY' } as const;

/** DNS and TCP to the proxy, then CONNECT to the target: the route every request through it takes. */
export async function proxyStep(plan: ConnectionPlan, context: StepContext): Promise<StepResult> {
  const proxy = plan.choice.proxy;
  if (proxy === undefined) {
    return { step: { name: 'proxy', outcome: 'skipped', summary: `No proxy: ${plan.choice.directBecause ?? 'no proxy configured'}.` } };
  }
  const name = describeProxy(proxy.url);
  const authority = authorityOf(plan.target);
  const started = performance.now();
  let socket: Socket | undefined;
  try {
    const addresses = await withDeadline(context.timeoutMs, context.signal, () => lookupAddresses(bareHostname(proxy.url)));
    const port = proxy.url.port === '' ? (proxy.url.protocol === 'https:' ? 443 : 80) : Number(proxy.url.port);
    const address = addresses[0] as string;
    socket = await withDeadline(context.timeoutMs, context.signal, (signal) => openTcp(address, port, signal));
    const connectedMs = elapsed(started);
    if (proxy.url.protocol === 'https:') {
      const tunnelBase = socket;
      const secure = await withDeadline(context.timeoutMs, context.signal, (signal) => startTls(tunnelBase, bareHostname(proxy.url), plan.ca, signal));
      socket = secure;
      if (plan.choice.tls.verify && !secure.authorized) {
        // Requests check an https:// proxy's certificate with the same trust as the provider's.
        secure.destroy();
        const code = String(secure.authorizationError);
        return {
          step: { name: 'proxy', outcome: 'failed', summary: `The certificate of the proxy ${name} is not trusted (${code}).`, detail: `${context.hints.untrustedCertificate} ${certificateFacts(secure.getPeerCertificate())}`, ms: elapsed(started) },
        };
      }
    }
    const open = socket;
    const answer = await withDeadline(context.timeoutMs, context.signal, (signal) => requestTunnel(open, authority, proxy.authorization, signal));
    const facts = `The proxy is at ${address}:${port} (connected in ${connectedMs} ms); CONNECT ${authority} answered ${answer.status} ${answer.reason}.`.replace(' .', '.');
    if (answer.status === 200) {
      return { step: { name: 'proxy', outcome: 'passed', summary: `The proxy ${name} opened a tunnel to ${authority}.`, detail: facts, ms: elapsed(started) }, socket };
    }
    socket.destroy();
    const status = `${answer.status} ${answer.reason}`.trim();
    // tinyproxy answers wrong credentials with 401, missing ones with 407: both are about the credentials.
    const aboutCredentials = answer.status === 407 || (answer.status === 401 && proxy.authorization !== undefined);
    const summary = !aboutCredentials
      ? `The proxy ${name} refused to connect to ${authority} (${status}).`
      : proxy.authorization === undefined
        ? `The proxy ${name} wants credentials (${status}).`
        : `The proxy ${name} did not accept the credentials sent (${status}).`;
    const advice = aboutCredentials
      ? `Check the user and password in ${proxyOrigin[proxy.source]} (http://user:pass@host:port) or the proxy authorization setting.`
      : // The same words a request gets: undici reports a refused CONNECT with this message.
        (proxyFailure(new Error(`Proxy response (${answer.status}) !== 200 when HTTP Tunneling`), undefined, plan.target, proxy, {})?.message ?? '');
    return { step: { name: 'proxy', outcome: 'failed', summary, detail: `${advice} ${facts}`.trim(), ms: elapsed(started) } };
  } catch (error) {
    socket?.destroy();
    rethrowCancel(error);
    const mapped = proxyFailure(error, errorCode(error), plan.target, proxy, {});
    return {
      step: {
        name: 'proxy',
        outcome: 'failed',
        summary: `Could not reach the proxy ${name}: ${failureWords(error)}.`,
        detail: mapped?.message ?? `Check ${proxyOrigin[proxy.source]}.`,
        ms: elapsed(started),
      },
    };
  }
}

/** Every address of the target (direct connections only: through a proxy, the proxy looks it up). */
export async function dnsStep(plan: ConnectionPlan, context: StepContext): Promise<StepResult> {
  const host = bareHostname(plan.target);
  if (plan.choice.proxy !== undefined) {
    return { step: { name: 'dns', outcome: 'skipped', summary: `The proxy looks up ${host}.` } };
  }
  if (isIP(host) !== 0) {
    return { step: { name: 'dns', outcome: 'passed', summary: `${host} is an IP address: there is no name to look up.` }, addresses: [host] };
  }
  const started = performance.now();
  try {
    const addresses = await withDeadline(context.timeoutMs, context.signal, () => lookupAddresses(host));
    const more = addresses.length > 1 ? ` (and ${addresses.length - 1} more)` : '';
    return { step: { name: 'dns', outcome: 'passed', summary: `${host} resolves to ${addresses[0] ?? ''}${more}.`, detail: `Addresses: ${addresses.join(', ')}.`, ms: elapsed(started) }, addresses };
  } catch (error) {
    rethrowCancel(error);
    return {
      step: {
        name: 'dns',
        outcome: 'failed',
        summary: `Could not resolve ${host}: ${failureWords(error)}.`,
        detail: `${requestWouldSay(error, plan, context)} If this network reaches the internet only through a proxy, set 'http.proxy' or HTTPS_PROXY.`,
        ms: elapsed(started),
      },
    };
  }
}

function hostPort(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

/**
 * A TCP connection to the target, by name, as a request connects: the system tries the addresses
 * the dns step found (IPv6 and IPv4 in turn), and the step names the one that answered.
 */
export async function tcpStep(plan: ConnectionPlan, addresses: readonly string[], context: StepContext): Promise<StepResult> {
  const authority = authorityOf(plan.target);
  if (plan.choice.proxy !== undefined) {
    return { step: { name: 'tcp', outcome: 'skipped', summary: `The proxy connects to ${authority}.` } };
  }
  const port = portOf(plan.target);
  const host = bareHostname(plan.target);
  const shown = addresses.length === 1 ? hostPort(addresses[0] as string, port) : authority;
  const started = performance.now();
  try {
    const socket = await withDeadline(context.timeoutMs, context.signal, (signal) => openTcp(host, port, signal));
    const connected = hostPort(socket.remoteAddress ?? host, port);
    return { step: { name: 'tcp', outcome: 'passed', summary: `Connected to ${connected} in ${elapsed(started)} ms.`, ms: elapsed(started) }, socket };
  } catch (error) {
    rethrowCancel(error);
    const code = errorCode(error);
    const advice =
      code === 'PROBE_TIMEOUT' || code === 'ETIMEDOUT'
        ? 'A firewall may drop the connection, or this network needs a proxy.'
        : requestWouldSay(error, plan, context);
    return { step: { name: 'tcp', outcome: 'failed', summary: `Could not connect to ${shown}: ${failureWords(error)}.`, detail: advice, ms: elapsed(started) } };
  }
}

/** The TLS handshake, judged with the trust a request uses. */
export async function tlsStep(plan: ConnectionPlan, socket: Socket, context: StepContext): Promise<StepResult> {
  if (plan.target.protocol !== 'https:') {
    return { step: { name: 'tls', outcome: 'skipped', summary: 'Plain HTTP: no TLS.' }, socket };
  }
  const origin = plan.target.origin;
  const started = performance.now();
  try {
    const secure = await withDeadline(context.timeoutMs, context.signal, (signal) => startTls(socket, bareHostname(plan.target), plan.ca, signal));
    const facts = certificateFacts(secure.getPeerCertificate());
    const protocol = secure.getProtocol() ?? 'TLS';
    const problem = secure.authorized ? undefined : String(secure.authorizationError);
    if (!plan.choice.tls.verify) {
      const verdict = problem === undefined ? 'It would be trusted.' : `It would not be trusted (${problem}).`;
      return { step: { name: 'tls', outcome: 'passed', summary: `Connected with ${protocol}; the certificate was not checked (verification is off).`, detail: `${facts} ${verdict}`, ms: elapsed(started) }, socket: secure };
    }
    if (problem === undefined) {
      return { step: { name: 'tls', outcome: 'passed', summary: `The certificate of ${origin} is trusted (${protocol}).`, detail: facts, ms: elapsed(started) }, socket: secure };
    }
    secure.destroy();
    const message = requestWouldSay({ code: problem }, plan, context);
    const sentence = /^.*?\.(?=\s|$)/.exec(message)?.[0] ?? message;
    return { step: { name: 'tls', outcome: 'failed', summary: sentence, detail: `${message.slice(sentence.length).trim()} ${facts}`.trim(), ms: elapsed(started) } };
  } catch (error) {
    socket.destroy();
    rethrowCancel(error);
    return {
      step: {
        name: 'tls',
        outcome: 'failed',
        summary: `The TLS handshake with ${origin} failed: ${failureWords(error)}.`,
        detail: 'Does the server speak HTTPS on this port? A server without TLS is written http:// in the base URL.',
        ms: elapsed(started),
      },
    };
  }
}
