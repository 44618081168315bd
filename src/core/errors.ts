/**
 * LiteLLM's error taxonomy. Every failure the core reports is one of these classes, so callers can
 * branch on `instanceof` (same realm) or on `name` / `status_code` / `llm_provider` (across
 * extensions). Errors never carry request headers or keys: `body` is the provider's error body
 * with the key scrubbed, `message` is readable text.
 */

import type { ModelResponse } from './types';

export interface LLMErrorInit {
  message: string;
  llm_provider?: string;
  model?: string;
  status_code?: number;
  request_id?: string;
  /** Seconds the provider asked us to wait, from `retry-after(-ms)` or the body. */
  retry_after?: number;
  /** The provider's error `code` (`invalid_api_key`, `context_length_exceeded`, …). */
  code?: string;
  /** The provider's error `type` (`invalid_request_error`, `overloaded_error`, …). */
  type?: string;
  param?: string;
  body?: unknown;
  partial_response?: ModelResponse;
  cause?: unknown;
  /** Overrides the class default: e.g. a 429 for exhausted quota is not worth retrying. */
  retryable?: boolean;
}

/** The common base of every error the core raises. */
export abstract class LLMError extends Error {
  /** HTTP status (or the status LiteLLM uses for the class when nothing came over the wire). */
  readonly status_code: number;
  readonly llm_provider: string | undefined;
  readonly model: string | undefined;
  readonly request_id: string | undefined;
  readonly retry_after: number | undefined;
  readonly code: string | undefined;
  readonly type: string | undefined;
  readonly param: string | undefined;
  /** The provider's parsed error body, keys scrubbed. */
  readonly body: unknown;
  /** What a stream delivered before it failed: the text is never lost. */
  partial_response: ModelResponse | undefined;
  /** Whether retrying the same request may succeed. */
  readonly retryable: boolean;
  /** How many attempts were made before giving up (1 = no retry). */
  attempts = 1;

  protected constructor(init: LLMErrorInit, defaultStatus: number, defaultRetryable: boolean) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = new.target.name;
    this.status_code = init.status_code ?? defaultStatus;
    this.llm_provider = init.llm_provider;
    this.model = init.model;
    this.request_id = init.request_id;
    this.retry_after = init.retry_after;
    this.code = init.code;
    this.type = init.type;
    this.param = init.param;
    this.body = init.body;
    this.partial_response = init.partial_response;
    this.retryable = init.retryable ?? defaultRetryable;
  }
}

/** 400: the request was rejected as invalid. */
export class BadRequestError extends LLMError {
  constructor(init: LLMErrorInit) {
    super(init, 400, false);
  }
}

/** 400: the prompt plus the requested output does not fit the model's context window. */
export class ContextWindowExceededError extends BadRequestError {}

/** 400: the provider's content filter blocked the prompt or the answer. */
export class ContentPolicyViolationError extends BadRequestError {}

/** 400: a parameter this provider does not support. */
export class UnsupportedParamsError extends BadRequestError {}

/** 401: missing or rejected API key. */
export class AuthenticationError extends LLMError {
  constructor(init: LLMErrorInit) {
    super(init, 401, false);
  }
}

/** 403: the key is valid but not allowed to do this. */
export class PermissionDeniedError extends LLMError {
  constructor(init: LLMErrorInit) {
    super(init, 403, false);
  }
}

/** 404: unknown model, deployment or endpoint. */
export class NotFoundError extends LLMError {
  constructor(init: LLMErrorInit) {
    super(init, 404, false);
  }
}

/** 422: the request was well-formed but could not be processed. */
export class UnprocessableEntityError extends LLMError {
  constructor(init: LLMErrorInit) {
    super(init, 422, false);
  }
}

/** 429: too many requests, or (with `retryable: false`) quota exhausted. */
export class RateLimitError extends LLMError {
  constructor(init: LLMErrorInit) {
    super(init, 429, true);
  }
}

/** 408: no response, or a silence longer than `timeout` inside one. */
export class Timeout extends LLMError {
  constructor(init: LLMErrorInit) {
    super(init, 408, true);
  }
}

/** The server could not be reached or the connection broke (DNS, refused, reset, TLS). */
export class APIConnectionError extends LLMError {
  constructor(init: LLMErrorInit) {
    super(init, 500, true);
  }
}

/** 500 and other server faults. */
export class InternalServerError extends LLMError {
  constructor(init: LLMErrorInit) {
    super(init, 500, true);
  }
}

/** 502, 503, 504, 529: the provider is overloaded or down for now. */
export class ServiceUnavailableError extends LLMError {
  constructor(init: LLMErrorInit) {
    super(init, 503, true);
  }
}

/** Anything else the provider answered that is not a success. */
export class APIError extends LLMError {
  constructor(init: LLMErrorInit) {
    super(init, 500, false);
  }
}

/**
 * The caller cancelled (its `signal` aborted). Not an `LLMError`: nothing went wrong, so it is never
 * retried and never triggers a fallback. `name` is `AbortError`, as for DOM aborts.
 */
export class AbortError extends Error {
  constructor(message = 'The request was cancelled.') {
    super(message);
    this.name = 'AbortError';
  }
}

type LLMErrorClass = new (init: LLMErrorInit) => LLMError;

/** The class LiteLLM uses for an HTTP status. */
function errorClassForStatus(status: number): LLMErrorClass {
  switch (status) {
    case 400:
    case 413:
      // 413: the request is larger than the API takes; it must change, not be retried.
      return BadRequestError;
    case 401:
      return AuthenticationError;
    case 403:
      return PermissionDeniedError;
    case 404:
      return NotFoundError;
    case 408:
      return Timeout;
    case 422:
      return UnprocessableEntityError;
    case 429:
      return RateLimitError;
    case 502:
    case 503:
    case 504:
    case 529:
      return ServiceUnavailableError;
    default:
      return status >= 500 ? InternalServerError : APIError;
  }
}

const contextWindowPattern =
  /context[ _-]?(length|window)|maximum context|too many tokens|prompt is too long|input is too long|exceeds the (maximum|max) (number of )?tokens/i;
const contentPolicyPattern = /content[ _-]?(filter|policy|management)|safety system|responsible ai/i;

/**
 * Builds the right class for a provider error: the status picks the family, and the provider's
 * code or message refines 400s into context-window and content-policy errors.
 */
export function createErrorFromStatus(status: number, init: LLMErrorInit): LLMError {
  const code = init.code ?? '';
  if (status === 400 || status === 413 || status === 422) {
    if (code === 'context_length_exceeded' || code === 'string_above_max_length' || contextWindowPattern.test(init.message)) {
      return new ContextWindowExceededError({ ...init, status_code: status });
    }
    if (code === 'content_filter' || code === 'content_policy_violation' || contentPolicyPattern.test(code)) {
      return new ContentPolicyViolationError({ ...init, status_code: status });
    }
  }
  if (status === 429 && (code === 'insufficient_quota' || init.type === 'insufficient_quota' || init.type === 'budget_exceeded')) {
    // Billing, not load (a LiteLLM gateway's spent key budget included): waiting will not help.
    return new RateLimitError({ ...init, status_code: status, retryable: false });
  }
  const ErrorClass = errorClassForStatus(status);
  // A 409 (e.g. a concurrent-request lock) clears up by itself, as openai-node assumes.
  const retryable = status === 409 ? true : init.retryable;
  return new ErrorClass({ ...init, status_code: status, retryable });
}

/** An error's message, or the thrown value as text when it is no Error. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** True for errors that mean "the caller cancelled", from us, undici or the DOM. */
export function isAbortError(error: unknown): boolean {
  if (error instanceof AbortError) {
    return true;
  }
  // A typed error that merely wraps an undici abort is a failure we already classified.
  if (error instanceof LLMError) {
    return false;
  }
  if (typeof error === 'object' && error !== null) {
    const { name, code } = error as { name?: unknown; code?: unknown };
    return name === 'AbortError' || code === 'UND_ERR_ABORTED' || code === 'ABORT_ERR';
  }
  return false;
}
