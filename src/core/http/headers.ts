/** Response headers as undici and Node report them: lower-case names, repeated ones as arrays. */
export type HeaderRecord = Record<string, string | string[] | undefined>;

/** The first value of a header, or undefined. */
export function headerValue(headers: HeaderRecord, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The request id a provider put on its response, for error reports and support tickets. */
export function requestIdOf(headers: HeaderRecord): string | undefined {
  return (
    headerValue(headers, 'x-request-id') ??
    headerValue(headers, 'request-id') ??
    headerValue(headers, 'apim-request-id') ??
    headerValue(headers, 'x-groq-id') ??
    // AWS (Bedrock).
    headerValue(headers, 'x-amzn-requestid')
  );
}

/**
 * Header names a provider takes its key in. The key is the client's to send (`api_key`, a stored
 * key): settings and callers may not set these, or a key would live in a settings file or
 * override the user's.
 */
const keyHeaderNames: ReadonlySet<string> = new Set(['authorization', 'proxy-authorization', 'api-key', 'x-api-key', 'x-goog-api-key']);

/** True for a header in which a provider takes its key (`Authorization`, `api-key`, `x-api-key`, …). */
export function isKeyHeader(name: string): boolean {
  return keyHeaderNames.has(name.toLowerCase());
}

/**
 * Header names that may carry a credential, whatever the server calls it: the key headers, and the
 * secrets gateways and proxies take in practice (`CF-Access-Client-Secret`, `X-Gateway-Token`,
 * `Helicone-Auth`, `OpenAI-Organization`, cookies).
 */
const credentialNames = /^(authorization|proxy-authorization|cookie|api-key|x-api-key|x-goog-api-key|openai-organization|openai-project|cf-access-client-id)$|key|token|secret|auth|session|password|signature/i;

/**
 * True for a header that may carry a credential: it never follows a redirect to another origin,
 * and a provider configured with one counts as holding a key (the extension's key rule).
 */
export function isCredentialHeader(name: string): boolean {
  return credentialNames.test(name);
}

/** The headers less every one that may carry a credential (for a redirect to another origin). */
export function withoutCredentialHeaders(headers: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!isCredentialHeader(name)) {
      kept[name] = value;
    }
  }
  return kept;
}

/**
 * Headers that decide where and how a request travels, not what it asks: `Host` (undici takes it
 * for the HTTP host *and* the TLS server name, so on a shared CDN edge it would deliver the key to
 * another site), the hop-by-hop ones (`Connection`, `TE`, `Upgrade`, `Keep-Alive`, …), the
 * forwarding ones (`Forwarded`, `X-Forwarded-*`, `X-Real-IP`), framing (`Content-Length`,
 * `Transfer-Encoding`) and HTTP/2 pseudo names (`:authority`). The client sets these itself from
 * the configured base URL; nobody else may.
 */
const routingNames = /^(host|connection|keep-alive|te|trailer|transfer-encoding|upgrade|proxy-connection|proxy-authenticate|content-length|expect|forwarded|x-forwarded-.*|x-real-ip|x-original-url|x-rewrite-url|x-http-method-override|via|:.*)$/i;

/** True for a header only the client may set, because it routes or frames the request (see `routingNames`). */
export function isRoutingHeader(name: string): boolean {
  return routingNames.test(name.trim());
}

/** An RFC 9110 field name: a header name any HTTP stack accepts. */
const fieldName = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Why a header may not be sent as given (a caller's or a setting's), or undefined when it may. */
export function headerProblem(name: string, value: unknown): string | undefined {
  if (isRoutingHeader(name)) {
    return `'${name}' decides where or how the request travels; the client sets it from the base URL, and it cannot be given`;
  }
  if (!fieldName.test(name)) {
    return `'${name}' is not a valid header name`;
  }
  if (typeof value !== 'string') {
    return `the header '${name}' is not a string`;
  }
  if (/[\r\n\0]/.test(value)) {
    return `the header '${name}' holds a line break or NUL`;
  }
  return undefined;
}

/**
 * The request's headers less any that route or frame it. Callers' and settings' headers are
 * refused with a typed error before a request is made (validateFields, router); this is the last
 * line, for every provider, so no header can pick the host a key is delivered to.
 */
export function withoutRoutingHeaders(headers: Record<string, string>): Record<string, string> {
  let kept: Record<string, string> | undefined;
  for (const name of Object.keys(headers)) {
    if (isRoutingHeader(name)) {
      kept ??= { ...headers };
      delete kept[name];
    }
  }
  return kept ?? headers;
}
