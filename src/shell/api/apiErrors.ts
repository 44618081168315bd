/**
 * The errors the API throws. Other extensions cannot use `instanceof` on our classes (they load
 * their own copy of nothing: the classes live in our bundle), so every rejection carries `name`,
 * `status_code` and `llm_provider` — the core's errors as they are, anything else wrapped.
 */

import { AbortError, APIError, BadRequestError, errorMessage, isAbortError, LLMError, PermissionDeniedError, type LLMErrorInit } from '../../core';

/** `llm_provider` of the refusals Switchboard itself makes (consent, the API turned off, the key rule). */
const switchboardProvider = 'switchboard';

/** "Client closed request": what a cancelled call reports as its status. */
const cancelledStatus = 499;

/** The caller cancelled (its token or `signal`). `name` stays `AbortError`, as for DOM aborts. */
export class ApiAbortError extends AbortError {
  readonly status_code = cancelledStatus;
  readonly llm_provider: string;

  constructor(llmProvider: string | undefined) {
    super('The request was cancelled.');
    this.llm_provider = llmProvider ?? switchboardProvider;
  }
}

export function permissionDenied(message: string, param?: string): PermissionDeniedError {
  const init: LLMErrorInit = { message, llm_provider: switchboardProvider };
  if (param !== undefined) {
    init.param = param;
  }
  return new PermissionDeniedError(init);
}

export function badRequest(param: string, message: string, model?: string): BadRequestError {
  const init: LLMErrorInit = { message: `Invalid '${param}': ${message}`, param, llm_provider: switchboardProvider };
  if (model !== undefined) {
    init.model = model;
  }
  return new BadRequestError(init);
}

type LLMErrorClass = new (init: LLMErrorInit) => LLMError;

/** The same error with `llm_provider` filled in (validation errors are raised before any provider). */
function withProvider(error: LLMError, provider: string): LLMError {
  const ErrorClass = error.constructor as LLMErrorClass;
  const init: LLMErrorInit = {
    message: error.message,
    llm_provider: provider,
    status_code: error.status_code,
    retryable: error.retryable,
  };
  const optional = { model: error.model, request_id: error.request_id, retry_after: error.retry_after, code: error.code, type: error.type, param: error.param, body: error.body, partial_response: error.partial_response, cause: error.cause };
  for (const [field, value] of Object.entries(optional)) {
    if (value !== undefined) {
      Object.assign(init, { [field]: value });
    }
  }
  const copy = new ErrorClass(init);
  copy.attempts = error.attempts;
  if (error.stack !== undefined) {
    copy.stack = error.stack;
  }
  return copy;
}

/**
 * Any failure as the API reports it: the core's errors as they are (with `llm_provider` set), a
 * cancel as an `AbortError` with status 499, anything else (a bug of ours) as an `APIError`.
 */
export function toApiError(error: unknown, provider: string | undefined): Error {
  if (error instanceof ApiAbortError) {
    return error;
  }
  if (isAbortError(error)) {
    return new ApiAbortError(provider);
  }
  if (error instanceof LLMError) {
    return error.llm_provider === undefined ? withProvider(error, provider ?? switchboardProvider) : error;
  }
  return new APIError({ message: `Switchboard failed to complete the call: ${errorMessage(error)}`, llm_provider: provider ?? switchboardProvider, cause: error });
}

/**
 * An error for `executeCommand` callers. Inside one extension host VS Code rethrows the very
 * object, properties included; a caller in another extension host (a web worker, a remote) gets
 * only `name` and `message` across the wire — so the message repeats name, status and provider.
 */
export function toCommandError(error: unknown, provider: string | undefined): Error {
  const apiError = toApiError(error, provider);
  const { status_code, llm_provider } = apiError as { status_code?: number; llm_provider?: string };
  const suffix = ` [${apiError.name} ${String(status_code)}, llm_provider: ${llm_provider ?? switchboardProvider}]`;
  if (apiError.message.endsWith(suffix)) {
    return apiError;
  }
  apiError.message += suffix;
  return apiError;
}
