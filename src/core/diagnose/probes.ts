/**
 * The network probes behind a connection test, one layer at a time: name lookup, a TCP
 * connection, an HTTP CONNECT tunnel through a proxy, a TLS handshake. Each takes an AbortSignal
 * (the step's deadline or the caller's cancel) and frees its socket when it fires.
 */

import { lookup } from 'node:dns/promises';
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import { AbortError } from '../errors';

/** A step ran out of time (its own deadline, not the caller's cancel). */
class ProbeTimeout extends Error {
  readonly code = 'PROBE_TIMEOUT';

  constructor(readonly seconds: number) {
    super(`no answer within ${seconds} s`);
    this.name = 'ProbeTimeout';
  }
}

/**
 * Runs `work` with a signal that fires after `ms` or when `cancel` fires, and rejects right away
 * then (a DNS lookup cannot be stopped, but the test need not wait for it).
 */
export async function withDeadline<T>(ms: number, cancel: AbortSignal | undefined, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  if (cancel?.aborted === true) {
    throw new AbortError();
  }
  const controller = new AbortController();
  let stop: (error: Error) => void = () => undefined;
  const stopped = new Promise<never>((_resolve, reject) => {
    stop = reject;
  });
  const onCancel = (): void => {
    controller.abort();
    stop(new AbortError());
  };
  cancel?.addEventListener('abort', onCancel, { once: true });
  const timer = setTimeout(() => {
    controller.abort();
    stop(new ProbeTimeout(Math.round(ms / 100) / 10));
  }, ms);
  try {
    return await Promise.race([work(controller.signal), stopped]);
  } finally {
    clearTimeout(timer);
    cancel?.removeEventListener('abort', onCancel);
  }
}

/** Milliseconds since `started`, whole. */
export function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

/** Every address the system resolver gives for `host`, in its order (an IP address is its own). */
export async function lookupAddresses(host: string): Promise<string[]> {
  if (isIP(host) !== 0) {
    return [host];
  }
  const found = await lookup(host, { all: true });
  return found.map((entry) => entry.address);
}

/** Settles on the socket's first 'connect'-like event or 'error'; destroys it when `signal` fires. */
function whenReady<S extends Socket>(socket: S, readyEvent: string, signal: AbortSignal): Promise<S> {
  return new Promise<S>((resolve, reject) => {
    const onAbort = (): void => {
      socket.destroy();
    };
    const cleanup = (): void => {
      socket.off(readyEvent, onReady);
      socket.off('error', onError);
      signal.removeEventListener('abort', onAbort);
    };
    const onReady = (): void => {
      cleanup();
      resolve(socket);
    };
    const onError = (error: Error): void => {
      cleanup();
      socket.destroy();
      reject(error);
    };
    socket.once(readyEvent, onReady);
    socket.once('error', onError);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** A TCP connection to `host:port` (a name is resolved and its addresses tried as Node's requests do). */
export function openTcp(host: string, port: number, signal: AbortSignal): Promise<Socket> {
  return whenReady(netConnect({ host, port }), 'connect', signal);
}

/**
 * A TLS handshake over `socket` for `hostname`. Certificates are not enforced here but judged
 * afterwards (`authorized`, `authorizationError`), so a failing handshake still shows the
 * certificate it failed on. `ca` undefined: Node's default trust, as a request without CA files.
 */
export function startTls(socket: Socket, hostname: string, ca: string[] | undefined, signal: AbortSignal): Promise<TLSSocket> {
  const options: ConnectionOptions = {
    socket,
    host: hostname,
    rejectUnauthorized: false,
    ALPNProtocols: ['http/1.1'],
  };
  if (isIP(hostname) === 0) {
    options.servername = hostname;
  }
  if (ca !== undefined) {
    options.ca = ca;
  }
  return whenReady(tlsConnect(options), 'secureConnect', signal);
}

export interface TunnelAnswer {
  status: number;
  /** The status line's text ("Proxy Authentication Required"). */
  reason: string;
}

/** Sends `CONNECT host:port` on a connection to a proxy and reads its answer's status line. */
export function requestTunnel(socket: Socket, authority: string, authorization: string | undefined, signal: AbortSignal): Promise<TunnelAnswer> {
  return new Promise<TunnelAnswer>((resolve, reject) => {
    let received = '';
    const onAbort = (): void => {
      socket.destroy();
    };
    const cleanup = (): void => {
      socket.off('data', onData);
      socket.off('error', onError);
      socket.off('end', onEnd);
      signal.removeEventListener('abort', onAbort);
    };
    const onData = (chunk: Buffer): void => {
      received += chunk.toString('latin1');
      const end = received.indexOf('\r\n\r\n');
      if (end === -1 && received.length < 16_384) {
        return;
      }
      cleanup();
      const match = /^HTTP\/\d(?:\.\d)? (\d{3}) ?([^\r\n]*)/.exec(received);
      if (match === null) {
        socket.destroy();
        reject(Object.assign(new Error('the proxy did not answer in HTTP'), { code: 'PROXY_NOT_HTTP' }));
        return;
      }
      resolve({ status: Number(match[1]), reason: (match[2] ?? '').trim() });
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const onEnd = (): void => {
      cleanup();
      reject(Object.assign(new Error('the proxy closed the connection without answering'), { code: 'ECONNRESET' }));
    };
    socket.on('data', onData);
    socket.once('error', onError);
    socket.once('end', onEnd);
    signal.addEventListener('abort', onAbort, { once: true });
    const lines = [`CONNECT ${authority} HTTP/1.1`, `Host: ${authority}`];
    if (authorization !== undefined) {
      lines.push(`Proxy-Authorization: ${authorization}`);
    }
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  });
}

/** `host:port` as CONNECT wants it (IPv6 in brackets, the scheme's port when the URL has none). */
export function authorityOf(url: URL): string {
  const port = url.port === '' ? (url.protocol === 'https:' ? '443' : '80') : url.port;
  return `${url.hostname}:${port}`;
}

/** The URL's port, or its scheme's. */
export function portOf(url: URL): number {
  return Number(authorityOf(url).slice(authorityOf(url).lastIndexOf(':') + 1));
}

/** The hostname without IPv6 brackets, as DNS and sockets take it. */
export function bareHostname(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}
