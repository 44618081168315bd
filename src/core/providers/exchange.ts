/**
 * One exchange with a provider, the steps every HTTP adapter shares: send, check the status, turn
 * a failure body (JSON, HTML page or plain text) into a typed error, read JSON. Adapters supply
 * only the provider-specific part: where the message and code sit in their error body. (The
 * transport under it — connections, proxies, certificates, decoders — is `core/http/`.)
 */

import { APIError, isAbortError, type LLMError } from '../errors';
import { bodyTooLarge, defaultBodyLimits, overCapText, type BodyLimits } from '../http/bodyLimits';
import { headerValue, requestIdOf, type HeaderRecord } from '../http/headers';
import { parseRetryAfter } from '../http/retryAfter';
import type { HttpResponse, HttpTransport } from '../http/transport';
import { redact, redactDeep } from '../redact';
import { excerpt, readableText } from './readableText';
import type { CallContext } from './types';
import { wireSourceOf } from '../wireIndex';
import { wireRecord } from '../wireShape';

/** What a failed response said, prepared for a provider's error mapper. */
export interface FailureInfo {
  status: number;
  /** The parsed JSON body (keys redacted), or undefined when it was not JSON. */
  body: unknown;
  /** A readable excerpt when the body was not JSON (an HTML page's title and text). */
  text: string;
  headers: HeaderRecord;
  requestId: string | undefined;
  retryAfter: number | undefined;
}

export type ErrorMapper = (failure: FailureInfo, call: CallContext) => LLMError;

export interface OutgoingRequest {
  url: string;
  method?: 'GET' | 'POST';
  headers: Record<string, string>;
  /** Serialised as JSON. */
  body?: unknown;
  /** Credentials the request carries besides the provider's key (a bearer token): scrubbed from a failure's body. */
  secrets?: readonly string[];
}

/** How every request introduces itself to providers and proxies. */
export const userAgent = 'switchboard/0.1 (+https://github.com/switchboard-llm/switchboard)';

function transportOf(call: CallContext): HttpTransport {
  if (call.http === undefined) {
    throw new Error(`${call.provider.displayName} needs the HTTP stack, but the call has none.`);
  }
  return call.http;
}

/** Sends a request; resolves with a 2xx response, or throws the provider's typed error. */
export async function send(call: CallContext, request: OutgoingRequest, mapError: ErrorMapper): Promise<HttpResponse> {
  const response = await transportOf(call).send({
    url: request.url,
    method: request.method ?? 'POST',
    headers: request.headers,
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
    timeoutMs: call.timeoutMs,
    signal: call.signal,
    context: { llm_provider: call.provider.id, providerName: call.provider.displayName, model: call.requestedModel },
    network: call.network,
  });
  if (response.status >= 200 && response.status < 300) {
    call.onResponseHeaders?.(response.headers);
    return response;
  }
  throw await failureFrom(response, call, mapError, request.secrets ?? []);
}

/** The caps of the call: the client's `limits`, or the defaults for a context built without them. */
export function limitsOf(call: CallContext): BodyLimits {
  return call.limits ?? defaultBodyLimits;
}

/**
 * Reads a failed response and maps it to a typed error (an AbortError if the caller cancels
 * meanwhile). A body over `limits.errorBodyBytes` is cut there: the status still decides the
 * error, and its text says the body was cut.
 */
async function failureFrom(response: HttpResponse, call: CallContext, mapError: ErrorMapper, requestSecrets: readonly string[]): Promise<LLMError> {
  const limit = limitsOf(call).errorBodyBytes;
  let raw: string;
  let over = false;
  try {
    ({ text: raw, over } = await response.readText(limit));
  } catch (error) {
    // A cancel stays a cancel; any other failure still leaves the status to report.
    if (isAbortError(error)) {
      throw error;
    }
    raw = '';
  } finally {
    response.close();
  }
  const secrets = [call.provider.apiKey, ...requestSecrets];
  const info: FailureInfo = {
    status: response.status,
    body: undefined,
    text: '',
    headers: response.headers,
    requestId: requestIdFor(response, call),
    retryAfter: parseRetryAfter(response.headers),
  };
  const trimmed = raw.trim();
  if (over) {
    // Cut JSON does not parse; what it began with still helps, said as text.
    info.text = redact(`${readableText(trimmed, headerValue(response.headers, 'content-type'))} [the body was ${overCapText('errorBodyBytes', limit)} and was cut there]`, secrets);
  } else if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      info.body = redactDeep(JSON.parse(trimmed), secrets);
    } catch {
      info.text = redact(excerpt(trimmed), secrets);
    }
  } else {
    info.text = redact(readableText(trimmed, headerValue(response.headers, 'content-type')), secrets);
  }
  return mapError(info, call);
}

/**
 * Reads a JSON success body; a body that is not JSON becomes a readable APIError, and one over
 * `limits.jsonBodyBytes` an APIError naming the cap (read no further than it).
 */
export async function readJson(response: HttpResponse, call: CallContext): Promise<unknown> {
  const limit = limitsOf(call).jsonBodyBytes;
  const { text, over } = await response.readText(limit);
  if (over) {
    throw bodyTooLarge('jsonBodyBytes', limit, { llm_provider: call.provider.id, model: call.requestedModel, providerName: call.provider.displayName, status: response.status, request_id: requestIdFor(response, call) });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // A page that is not JSON may well print the request back, key included.
    const readable = redact(readableText(text.trim(), headerValue(response.headers, 'content-type')), [call.provider.apiKey]);
    throw new APIError({
      status_code: response.status,
      llm_provider: call.provider.id,
      model: call.requestedModel,
      request_id: requestIdFor(response, call),
      message: `${call.provider.displayName} answered ${response.status} with something that is not JSON: ${readable}`,
    });
  }
}

/**
 * A whole answer: JSON that is an object (a server that sends `null`, a number or an array gets an
 * APIError saying so, not an empty answer read out of nothing).
 */
export async function readAnswer(response: HttpResponse, call: CallContext): Promise<Record<string, unknown>> {
  return wireRecord(await readJson(response, call), 'its answer', wireSourceOf(call));
}

/** The response's request id, with the key scrubbed: some proxies echo request headers back. */
export function requestIdFor(response: HttpResponse, call: CallContext): string | undefined {
  const id = requestIdOf(response.headers);
  return id === undefined ? undefined : redact(id, [call.provider.apiKey]);
}
