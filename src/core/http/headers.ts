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
    headerValue(headers, 'x-groq-id')
  );
}

/** Header names that carry credentials, whatever the provider calls them. */
const credentialNames = /^(authorization|proxy-authorization|cookie|api-key|x-api-key|x-goog-api-key)$|key|token|secret|auth/i;

/** True for a header that may carry a credential and must not follow a redirect to another origin. */
function isCredentialHeader(name: string): boolean {
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
