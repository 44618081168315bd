/**
 * Turns what Node and undici throw (ECONNREFUSED, ENOTFOUND, UND_ERR_SOCKET, TLS codes, …) into
 * the core's error classes, with a message that says what happened and what to try.
 */

import { APIConnectionError, errorMessage, Timeout, type LLMError } from '../errors';
import { certificateErrorCodes } from './certificateCodes';
import { proxyFailure, type ProxyInUse } from './proxyErrors';

/** Who the request was for, so the message can name it. */
export interface ErrorContext {
  /** Provider id, `openai`. */
  llm_provider: string;
  /** Human name, `OpenAI`. */
  providerName: string;
  model?: string;
}

/** Certificate problems a company CA does not fix, with what does. */
const certificateAdvice: Record<string, string> = {
  CERT_HAS_EXPIRED: "it is outside its validity dates. Renew the server's certificate, or check this computer's clock.",
  CERT_NOT_YET_VALID: "it is outside its validity dates. Renew the server's certificate, or check this computer's clock.",
  ERR_TLS_CERT_ALTNAME_INVALID: 'it was issued for other host names. Use a host name the certificate names in the URL.',
};

/** The first certificate code anywhere in the error's cause chain (undici wraps some through a proxy). */
function certificateCode(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 4) {
    return undefined;
  }
  const { code, cause } = error as { code?: unknown; cause?: unknown };
  return typeof code === 'string' && certificateErrorCodes.has(code) ? code : certificateCode(cause, depth + 1);
}

/** The error code of an error, else of its cause, else of an AggregateError's first member. */
export function errorCode(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 4) {
    return undefined;
  }
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string') {
    return code;
  }
  return errorCode(cause, depth + 1) ?? (Array.isArray(errors) ? errorCode(errors[0], depth + 1) : undefined);
}

export interface TransportErrorHints {
  /** Appended to "certificate not trusted" messages: where the user can add a CA. */
  untrustedCertificate: string;
}

export const defaultHints: TransportErrorHints = {
  untrustedCertificate:
    "If your company uses its own certificate authority, pass its PEM file as 'ssl_verify' or start the program with NODE_EXTRA_CA_CERTS set to it; 'ssl_verify: false' turns the check off (unsafe).",
};

/** Maps a failure before or while reading a response to APIConnectionError or Timeout. */
export function transportError(
  error: unknown,
  url: URL,
  context: ErrorContext,
  timeoutSeconds: number,
  hints: TransportErrorHints = defaultHints,
  proxy?: ProxyInUse,
): LLMError {
  const code = errorCode(error);
  const origin = url.origin;
  const base = { llm_provider: context.llm_provider, model: context.model, cause: error, code };
  const untrusted = certificateCode(error);
  if (untrusted !== undefined) {
    const advice = certificateAdvice[untrusted];
    return new APIConnectionError({
      ...base,
      code: untrusted,
      // The same certificate will fail the same way.
      retryable: false,
      message:
        advice === undefined
          ? `The certificate of ${origin} is not trusted (${untrusted}). ${hints.untrustedCertificate}`
          : `The certificate of ${origin} is not trusted (${untrusted}): ${advice}`,
    });
  }
  const throughProxy = proxy === undefined ? undefined : proxyFailure(error, code, url, proxy, base);
  if (throughProxy !== undefined) {
    return throughProxy;
  }
  switch (code) {
    case 'UND_ERR_CONNECT_TIMEOUT':
      return new Timeout({ ...base, message: `${context.providerName}: could not connect to ${origin} in time.` });
    case 'UND_ERR_HEADERS_TIMEOUT':
      return new Timeout({ ...base, message: `${context.providerName}: no response from ${origin} within ${timeoutSeconds} s.` });
    case 'UND_ERR_BODY_TIMEOUT':
      return new Timeout({ ...base, message: `${context.providerName}: ${origin} stopped sending for ${timeoutSeconds} s.` });
    case 'ECONNREFUSED':
      return new APIConnectionError({ ...base, message: `${context.providerName}: connection refused by ${origin}. Is the server running, and is the URL right?` });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
      return new APIConnectionError({ ...base, message: `${context.providerName}: could not resolve ${url.hostname} (DNS). Check the URL and your network or proxy.` });
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
    case 'UND_ERR_CLOSED':
      return new APIConnectionError({ ...base, message: `${context.providerName}: ${origin} closed the connection unexpectedly.` });
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return new APIConnectionError({ ...base, message: `${context.providerName}: ${origin} is unreachable from this network.` });
    default:
      break;
  }
  return new APIConnectionError({ ...base, message: `${context.providerName}: request to ${origin} failed: ${errorMessage(error)}` });
}
