/**
 * Errors across the border with VS Code's language-model API, both ways.
 *
 * - Out (the `switchboard` vendor answers a caller): the core's errors become the
 *   `vscode.LanguageModelError` kind that means the same — no key or a refused one is
 *   NoPermissions, an unknown model NotFound, a rate limit or exhausted quota Blocked — or else an
 *   Error with the core's name and message (which never hold a key).
 * - In (the `vscode-lm` provider calls another extension's model): VS Code's errors become the
 *   core's classes, so the chat explains them like any provider's.
 * Errors are recognised by `name`, as in the chat: classes from another bundle are not ours.
 */

import { AbortError, APIError, isAbortError, NotFoundError, PermissionDeniedError, RateLimitError } from '../../core';
import { vscodeLmProviderId } from '../modelAddress';

export type LanguageModelErrorKind = 'NoPermissions' | 'NotFound' | 'Blocked';

/** What the vendor throws: a LanguageModelError of `kind`, or (no kind) an Error named `name`. */
export interface VendorError {
  kind: LanguageModelErrorKind | undefined;
  name: string;
  message: string;
}

const kindByCoreName: Readonly<Record<string, LanguageModelErrorKind>> = {
  AuthenticationError: 'NoPermissions',
  PermissionDeniedError: 'NoPermissions',
  NotFoundError: 'NotFound',
  RateLimitError: 'Blocked',
};

function recordOf(error: unknown): Record<string, unknown> {
  return typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
}

function stringField(error: unknown, field: string): string | undefined {
  const value = recordOf(error)[field];
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** How the `switchboard` vendor reports a failed request to its caller. */
export function vendorErrorOf(error: unknown): VendorError {
  const name = stringField(error, 'name') ?? 'Error';
  const message = stringField(error, 'message') ?? (typeof error === 'string' ? error : 'The request failed.');
  return { kind: kindByCoreName[name], name, message };
}

/** True for VS Code's own cancellation (`CancellationError`, named `Canceled`) and aborts. */
function isCancellation(error: unknown): boolean {
  return stringField(error, 'name') === 'Canceled' || isAbortError(error);
}

/**
 * The core's error for what a `vscode.lm` request threw. `cancelled` says the caller aborted, in
 * which case whatever VS Code threw is the cancel itself.
 */
export function coreErrorFromLm(error: unknown, model: string, cancelled: boolean): Error {
  if (cancelled || isCancellation(error)) {
    return new AbortError();
  }
  if (typeof recordOf(error)['status_code'] === 'number' && error instanceof Error) {
    // Already one of the core's errors (the adapter's own).
    return error;
  }
  const detail = stringField(error, 'message') ?? String(error);
  const init = { llm_provider: vscodeLmProviderId, model, cause: error };
  if (stringField(error, 'name') === 'LanguageModelError') {
    switch (stringField(error, 'code')) {
      case 'NoPermissions':
        return new PermissionDeniedError({ ...init, message: `VS Code did not allow Switchboard to use ${model} (${detail}). Allow it when VS Code asks, or pick another model.` });
      case 'NotFound':
        return new NotFoundError({ ...init, message: `VS Code no longer offers ${model} (${detail}). Pick another model.` });
      case 'Blocked':
        // Quota or policy: trying again at once will not help.
        return new RateLimitError({ ...init, retryable: false, message: `VS Code blocked the request to ${model} (${detail}).` });
    }
  }
  return new APIError({ ...init, message: `${model} failed: ${detail}` });
}
