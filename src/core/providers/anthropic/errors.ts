/**
 * Anthropic's error envelope, `{type: 'error', error: {type, message}, request_id}`, to the typed
 * errors. HTTP failures are classed by status; errors inside a 200 stream carry no status, so
 * their `error.type` names the status Anthropic documents for it.
 */

import { ContextWindowExceededError, createErrorFromStatus, type LLMError, type LLMErrorInit } from '../../errors';
import { asRecord, stringField } from '../../jsonValues';
import { type FailureInfo } from '../exchange';
import type { CallContext } from '../types';

/** The HTTP status Anthropic documents for each error type. */
const statusByType: ReadonlyMap<string, number> = new Map([
  ['invalid_request_error', 400],
  ['authentication_error', 401],
  ['billing_error', 402],
  ['permission_error', 403],
  ['not_found_error', 404],
  ['request_too_large', 413],
  ['rate_limit_error', 429],
  ['api_error', 500],
  ['timeout_error', 504],
  ['overloaded_error', 529],
]);

/** Anthropic's words for a prompt that does not fit, which the shared pattern does not all know. */
const contextWindowMessage = /prompt is too long|exceed context limit|context window/i;

interface ParsedError {
  type: string | undefined;
  message: string | undefined;
  requestId: string | undefined;
}

/** Reads Anthropic's envelope, or the bare `{type, message}` inside it. */
function parseAnthropicError(body: unknown): ParsedError {
  const root = asRecord(body);
  const error = root?.['error'];
  // The envelope's own `type` is always 'error'; only a bare `{type, message}` names the kind at the top.
  const inner = asRecord(error) ?? (root !== undefined && root['type'] !== 'error' ? root : undefined);
  return {
    type: stringField(inner, 'type'),
    message: stringField(inner, 'message') ?? (typeof error === 'string' ? error : undefined),
    requestId: stringField(root, 'request_id'),
  };
}

function errorFor(status: number, init: LLMErrorInit): LLMError {
  const tooLong = contextWindowMessage.test(init.message);
  if ((status === 400 || status === 413) && tooLong) {
    return new ContextWindowExceededError({ ...init, status_code: status });
  }
  return createErrorFromStatus(status, init);
}

/** The typed error for a failed Messages or Models response. */
export function mapAnthropicError(failure: FailureInfo, call: CallContext): LLMError {
  const parsed = parseAnthropicError(failure.body);
  const message = parsed.message ?? (failure.text.length > 0 ? failure.text : `HTTP ${failure.status}`);
  return errorFor(failure.status, {
    message: `${call.provider.displayName} (${failure.status}): ${message}`,
    llm_provider: call.provider.id,
    model: call.requestedModel,
    request_id: failure.requestId ?? parsed.requestId,
    retry_after: failure.retryAfter,
    type: parsed.type,
    body: failure.body ?? (failure.text.length > 0 ? failure.text : undefined),
  });
}

/** An `event: error` inside a 200 stream (`overloaded_error` when Anthropic is busy). */
export function mapStreamError(body: unknown, call: CallContext): LLMError {
  const parsed = parseAnthropicError(body);
  const status = (parsed.type === undefined ? undefined : statusByType.get(parsed.type)) ?? 500;
  const kind = parsed.type === undefined ? '' : ` (${parsed.type})`;
  return errorFor(status, {
    message: `${call.provider.displayName} reported an error mid-stream${kind}: ${parsed.message ?? 'unknown error'}`,
    llm_provider: call.provider.id,
    model: call.requestedModel,
    request_id: parsed.requestId,
    type: parsed.type,
    body,
  });
}
