/**
 * The one place the core touches the network: pooled undici dispatchers (one per route: direct or
 * through a proxy, with the call's certificate trust), timeouts, cancellation, redirects
 * (credentials never cross origins) and decompression. Loaded on the first request, not
 * when the core is imported, so activating the extension does not pay for undici.
 */

import { isIP } from 'node:net';
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { AbortError, APIError, type LLMError } from '../errors';
import { silentLogger, type Logger } from '../logger';
import { readCapped, type CappedText } from './bodyLimits';
import { decodedBody } from './decompress';
import { DispatcherCache, type Route } from './dispatchers';
import { withoutCredentialHeaders, withoutRoutingHeaders, type HeaderRecord } from './headers';
import type { RequestNetwork } from './networkTypes';
import type { ProxyInUse } from './proxyErrors';
import { describeProxy } from './proxyUrl';
import { SilenceWatch } from './silenceWatch';
import { defaultHints, transportError, type ErrorContext, type TransportErrorHints } from './transportErrors';

export interface TransportOptions {
  /** Sockets per origin; undici's default (unlimited) lets parallel streams each have one. */
  connections?: number;
  keepAliveTimeoutMs?: number;
  connectTimeoutMs?: number;
  logger?: Logger;
  hints?: TransportErrorHints;
  /** A dispatcher for every request, instead of the per-route pooled ones (it then decides proxy and TLS itself). */
  dispatcher?: Dispatcher;
  /** Distinct proxy/TLS configurations kept open at once; 16 by default. */
  maxDispatchers?: number;
}

export interface HttpRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  /** Milliseconds until response headers, and the longest silence while reading the body. */
  timeoutMs: number;
  signal?: AbortSignal;
  context: ErrorContext;
  /** The call's and the provider's proxy and certificate options; absent → process.env's proxies, default trust. */
  network?: RequestNetwork;
}

export interface HttpResponse {
  status: number;
  headers: HeaderRecord;
  /** The URL that answered, after redirects. */
  url: URL;
  /** The decompressed body; iterate it once, or call `readText()`/`close()`. */
  readonly body: AsyncIterable<Uint8Array>;
  /**
   * The body as text, at most `limitBytes` of it after decompression. `over` says more came: the
   * reading then stopped and the connection was dropped, so the rest is never decompressed.
   */
  readText(limitBytes: number): Promise<CappedText>;
  /** Releases the connection without reading the rest. */
  close(): void;
}

const redirectStatuses = new Set([301, 302, 303, 307, 308]);
const maxRedirects = 5;
/** Node fires a longer timer after 1 ms; a timeout of 24.8 days already means "wait". */
const longestTimerMs = 2 ** 31 - 1;
/**
 * undici runs its headers and body timeouts on "fast timers" that tick every ~0.5 s and may fire
 * up to a tick early: a 0.8 s timeout ended after 0.63 s. Our own timers (the headers timer, the
 * silence watch) keep the time; undici's stay a backstop, set later than ours by more than a tick.
 */
const undiciTimerSlackMs = 1_000;

/** The pooled HTTP client the core sends every request through. */
export class HttpTransport {
  private readonly fixedDispatcher: Dispatcher | undefined;
  private readonly dispatchers: DispatcherCache;
  private readonly logger: Logger;
  private readonly hints: TransportErrorHints;

  constructor(options: TransportOptions = {}) {
    this.logger = options.logger ?? silentLogger;
    this.hints = options.hints ?? defaultHints;
    this.fixedDispatcher = options.dispatcher;
    this.dispatchers = new DispatcherCache({
      connections: options.connections ?? null,
      keepAliveTimeoutMs: options.keepAliveTimeoutMs ?? 30_000,
      connectTimeoutMs: options.connectTimeoutMs ?? 30_000,
      logger: this.logger,
      maxEntries: options.maxDispatchers,
    });
  }

  /** Sends a request and resolves when response headers arrive (following redirects). */
  async send(request: HttpRequest): Promise<HttpResponse> {
    if (request.signal?.aborted) {
      throw new AbortError();
    }
    let url = new URL(request.url);
    let method = request.method;
    let body = request.body;
    let headers = request.headers;
    const originalOrigin = url.origin;
    for (let redirects = 0; ; redirects++) {
      const response = await this.sendOnce({ ...request, url: url.href, method, body, headers });
      if (!redirectStatuses.has(response.status)) {
        return response;
      }
      const location = response.headers['location'];
      response.close();
      if (typeof location !== 'string' || redirects >= maxRedirects) {
        throw new APIError({
          status_code: response.status,
          llm_provider: request.context.llm_provider,
          model: request.context.model,
          message: `${request.context.providerName}: ${redirects >= maxRedirects ? 'too many redirects' : 'a redirect without a location'} from ${url.origin}.`,
        });
      }
      const next = new URL(location, url);
      if (next.origin !== originalOrigin) {
        // A key sent to one host must never reach another.
        headers = withoutCredentialHeaders(headers);
      }
      // Only 303 turns the call into a GET. Browsers also do that for 301/302 after a POST, but
      // for an API the POST is the point: an http→https or moved-base-URL redirect must keep it.
      if (response.status === 303) {
        method = 'GET';
        body = undefined;
      }
      this.logger.debug(`${request.context.providerName}: redirected (${response.status}) to ${next.origin}${next.pathname}`);
      url = next;
    }
  }

  /**
   * Opens the pool a request to `url` would use (proxy and certificate files read as for that
   * request), so the first request does not build it; sends nothing. Not a URL: nothing to do.
   */
  async prepare(url: string, network: RequestNetwork | undefined): Promise<void> {
    if (this.fixedDispatcher === undefined && URL.canParse(url)) {
      await this.route(new URL(url), { network });
    }
  }

  /** The dispatcher for this URL, chosen anew per request (and redirect): settings may have changed. */
  private async route(url: URL, request: Pick<HttpRequest, 'network'>): Promise<Route> {
    return this.fixedDispatcher !== undefined ? { dispatcher: this.fixedDispatcher } : this.dispatchers.routeFor(url, request.network ?? { call: {}, env: process.env });
  }

  private async sendOnce(request: HttpRequest & { url: string }): Promise<HttpResponse> {
    const url = new URL(request.url);
    const { dispatcher, proxy } = await this.route(url, request);
    if (request.signal?.aborted) {
      // Reading CA files took a moment; a cancel meanwhile would otherwise go unheard.
      throw new AbortError();
    }
    const via = proxy === undefined ? '' : ` via ${describeProxy(proxy.url)}`;
    const timeoutSeconds = request.timeoutMs / 1000;
    const timeoutMs = Math.min(request.timeoutMs, longestTimerMs);
    const controller = new AbortController();
    let abortedBy: 'caller' | 'timeout' | undefined;
    const onCallerAbort = (): void => {
      abortedBy ??= 'caller';
      controller.abort();
    };
    request.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const headersTimer = setTimeout(() => {
      abortedBy ??= 'timeout';
      controller.abort();
    }, timeoutMs);
    const release = (): void => {
      clearTimeout(headersTimer);
      request.signal?.removeEventListener('abort', onCallerAbort);
    };
    const started = performance.now();

    let raw: Dispatcher.ResponseData;
    try {
      // `servername` is a request option undici reads (lib/core/request.js) but does not type.
      const options: Dispatcher.RequestOptions & { servername?: string } = {
        origin: url.origin,
        path: url.pathname + url.search,
        method: request.method,
        headers: withoutRoutingHeaders(request.headers),
        // undici would otherwise take the TLS server name from a `Host` header: the name checked
        // is always the URL's own.
        servername: serverNameOf(url),
        body: request.body,
        signal: controller.signal,
        headersTimeout: Math.min(timeoutMs + undiciTimerSlackMs, longestTimerMs),
        bodyTimeout: Math.min(timeoutMs + undiciTimerSlackMs, longestTimerMs),
      };
      raw = await dispatcher.request(options);
    } catch (error) {
      release();
      throw this.failure(error, abortedBy, url, request, timeoutSeconds, 'headers', proxy);
    }
    clearTimeout(headersTimer);
    this.logger.debug(
      `${request.context.providerName}: ${request.method} ${url.origin}${url.pathname}${via} → ${raw.statusCode} in ${Math.round(performance.now() - started)} ms`,
    );

    const stream = decodedBody(raw.body, raw.headers['content-encoding']);
    // Destroying a body nobody reads (a redirect's, or one closed before reading) makes undici emit
    // 'error' on it; unheard, that is an uncaught exception. Readers still get errors from reads.
    stream.on('error', ignore);
    let consumed = false;
    const failure = (error: unknown): unknown => this.failure(error, abortedBy, url, request, timeoutSeconds, 'body', proxy);
    // undici checks body silence on a 0.5 s tick, so a 0.4 s timeout fired after ~0.9 s; our own
    // timer runs only while we wait for the next read, so a slow consumer is never a "stall".
    const silence = new SilenceWatch(timeoutMs, () => {
      abortedBy ??= 'timeout';
      controller.abort();
    });
    const body: AsyncIterable<Uint8Array> = {
      [Symbol.asyncIterator]: () => {
        if (consumed) {
          throw new Error('A response body can be read once.');
        }
        consumed = true;
        return readOnce(stream, silence, release, failure);
      },
    };
    return {
      status: raw.statusCode,
      headers: raw.headers,
      url,
      body,
      readText: (limitBytes) => readCapped(body, limitBytes),
      close: () => {
        consumed = true;
        // Closing is the caller's choice: a read still waiting ends as a cancel, not a failure.
        abortedBy ??= 'caller';
        release();
        stream.destroy();
      },
    };
  }

  private failure(
    error: unknown,
    abortedBy: 'caller' | 'timeout' | undefined,
    url: URL,
    request: HttpRequest,
    timeoutSeconds: number,
    phase: 'headers' | 'body',
    proxy: ProxyInUse | undefined,
  ): LLMError | AbortError {
    if (abortedBy === 'caller') {
      return new AbortError();
    }
    if (abortedBy === 'timeout') {
      const code = phase === 'headers' ? 'UND_ERR_HEADERS_TIMEOUT' : 'UND_ERR_BODY_TIMEOUT';
      return transportError({ code, cause: error }, url, request.context, timeoutSeconds, this.hints, proxy);
    }
    const mapped = transportError(error, url, request.context, timeoutSeconds, this.hints, proxy);
    this.logger.debug(`${request.context.providerName}: ${phase === 'headers' ? 'request' : 'response body'} failed: ${mapped.message}`);
    return mapped;
  }

  /** Closes pooled connections. Requests after this fail. */
  async close(): Promise<void> {
    // A dispatcher passed in belongs to whoever passed it.
    await this.dispatchers.close();
  }
}

/** Iterates a body once; always releases timers and listeners; maps errors to typed ones. */
async function* readOnce(
  stream: Readable,
  silence: SilenceWatch,
  release: () => void,
  failure: (error: unknown) => unknown,
): AsyncGenerator<Uint8Array> {
  const parts = (stream as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  try {
    for (;;) {
      silence.waitStarted();
      const read = await parts.next();
      silence.waitEnded();
      if (read.done === true) {
        return;
      }
      yield read.value;
    }
  } catch (error) {
    throw failure(error);
  } finally {
    silence.stop();
    release();
    stream.destroy();
  }
}

/**
 * The TLS server name for a URL: its host name, or none for an IP address (SNI carries names only).
 * Here, not beside the header rules: `node:net` loads with the transport, not when the core is imported.
 */
function serverNameOf(url: URL): string | undefined {
  if (url.protocol !== 'https:') {
    return undefined;
  }
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return isIP(host) === 0 ? host : undefined;
}

function ignore(): void {
  // Intentionally empty: see where it is attached.
}

