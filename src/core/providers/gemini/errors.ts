/**
 * Google's error envelope → the typed errors. Google puts the facts that matter in `details`:
 * `ErrorInfo.reason` says a 400 is really a bad key, `RetryInfo.retryDelay` says how long a 429
 * wants us to wait (in the body, not in a header).
 */

import { AuthenticationError, ContentPolicyViolationError, ContextWindowExceededError, createErrorFromStatus, PermissionDeniedError, type LLMError } from '../../errors';
import { parseDurationSeconds } from '../../http/retryAfter';
import { asRecord, stringField } from '../../jsonValues';
import { type FailureInfo } from '../exchange';
import type { CallContext } from '../types';
import type { GeminiPromptFeedback } from './wire';

interface ParsedGoogleError {
  message: string | undefined;
  /** HTTP status inside the body (`code`), for errors sent in a 200 stream. */
  code: number | undefined;
  /** `INVALID_ARGUMENT`, `RESOURCE_EXHAUSTED`, … */
  status: string | undefined;
  /** `ErrorInfo.reason`: `API_KEY_INVALID`, … */
  reason: string | undefined;
  retryDelay: number | undefined;
}

const errorInfoType = 'type.googleapis.com/google.rpc.ErrorInfo';
const retryInfoType = 'type.googleapis.com/google.rpc.RetryInfo';

/** Reasons that mean the key itself is wrong, whatever the status says (Google sends 400). */
const badKeyReasons: ReadonlySet<string> = new Set(['API_KEY_INVALID', 'API_KEY_EXPIRED', 'API_KEY_NOT_FOUND']);
/** Reasons that mean the key is valid but may not be used here. */
const deniedKeyReasons: ReadonlySet<string> = new Set(['API_KEY_SERVICE_BLOCKED', 'API_KEY_HTTP_REFERRER_BLOCKED', 'API_KEY_IP_ADDRESS_BLOCKED', 'API_KEY_ANDROID_APP_BLOCKED', 'API_KEY_IOS_APP_BLOCKED', 'SERVICE_DISABLED']);

/** Reads `{error: {code, message, status, details}}`; streams without `alt=sse` wrap it in an array. */
function parseGoogleError(body: unknown): ParsedGoogleError {
  const root = Array.isArray(body) ? asRecord(body[0]) : asRecord(body);
  const error = asRecord(root?.['error']) ?? root;
  const parsed: ParsedGoogleError = {
    message: stringField(error, 'message'),
    code: typeof error?.['code'] === 'number' ? error['code'] : undefined,
    status: stringField(error, 'status'),
    reason: undefined,
    retryDelay: undefined,
  };
  const details = error?.['details'];
  if (Array.isArray(details)) {
    for (const item of details) {
      const detail = asRecord(item);
      const type = stringField(detail, '@type');
      if (type === errorInfoType) {
        parsed.reason ??= stringField(detail, 'reason');
      } else if (type === retryInfoType) {
        parsed.retryDelay ??= parseDurationSeconds(detail?.['retryDelay']);
      }
    }
  }
  return parsed;
}

/** Gemini's words for a prompt that does not fit: "The input token count (…) exceeds the maximum number of tokens allowed (…)". */
function exceedsContext(message: string): boolean {
  const lower = message.toLowerCase();
  return lower.includes('token count') && lower.includes('exceeds');
}

function typedError(status: number, parsed: ParsedGoogleError, message: string, call: CallContext, extra: { request_id?: string; retry_after?: number; body: unknown }): LLMError {
  const init = {
    message,
    llm_provider: call.provider.id,
    model: call.requestedModel,
    request_id: extra.request_id,
    retry_after: extra.retry_after,
    code: parsed.reason ?? parsed.status,
    type: parsed.status,
    body: extra.body,
    status_code: status,
  };
  if (parsed.reason !== undefined && badKeyReasons.has(parsed.reason)) {
    return new AuthenticationError(init);
  }
  if (parsed.reason !== undefined && deniedKeyReasons.has(parsed.reason)) {
    return new PermissionDeniedError(init);
  }
  if (status === 400 && exceedsContext(message)) {
    return new ContextWindowExceededError(init);
  }
  return createErrorFromStatus(status, init);
}

/** The typed error for a failed Gemini response. */
export function mapGeminiError(failure: FailureInfo, call: CallContext): LLMError {
  const parsed = parseGoogleError(failure.body);
  const text = parsed.message ?? (failure.text.length > 0 ? failure.text : `HTTP ${failure.status}`);
  return typedError(failure.status, parsed, `${call.provider.displayName} (${failure.status}): ${text}`, call, {
    request_id: failure.requestId,
    // A header, when a proxy adds one, is as good; Google's own hint is in the body.
    retry_after: failure.retryAfter ?? parsed.retryDelay,
    body: failure.body ?? (failure.text.length > 0 ? failure.text : undefined),
  });
}

/** An `error` object sent inside a 200 stream (overload, internal errors after output began). */
export function mapGeminiStreamError(body: unknown, call: CallContext): LLMError {
  const parsed = parseGoogleError(body);
  const status = parsed.code !== undefined && parsed.code >= 400 && parsed.code < 600 ? parsed.code : 500;
  const message = `${call.provider.displayName} (${status}) reported an error mid-stream: ${parsed.message ?? 'unknown error'}`;
  return typedError(status, parsed, message, call, { retry_after: parsed.retryDelay, body });
}

/**
 * A prompt Gemini refused to answer (no candidates, `promptFeedback.blockReason`): an error, never
 * an empty success, so a caller cannot mistake it for a silent model.
 */
export function promptBlockedError(feedback: GeminiPromptFeedback, call: CallContext): ContentPolicyViolationError {
  const reason = typeof feedback.blockReason === 'string' ? feedback.blockReason : 'unspecified';
  const detail = typeof feedback.blockReasonMessage === 'string' && feedback.blockReasonMessage.length > 0 ? ` ${feedback.blockReasonMessage}` : '';
  return new ContentPolicyViolationError({
    message: `${call.provider.displayName} blocked the prompt (blockReason ${reason}).${detail}`,
    llm_provider: call.provider.id,
    model: call.requestedModel,
    code: reason,
    type: 'prompt_blocked',
    body: { promptFeedback: feedback },
  });
}
