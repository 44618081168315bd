/**
 * Bedrock's failures to the typed errors. An HTTP failure carries `{"message": …}` (or `Message`)
 * and its kind in the `x-amzn-ErrorType` header (`ValidationException:http://…`); the status
 * picks the class. Inside a ConverseStream the failure is an exception frame whose
 * `:exception-type` names it (`throttlingException`, `modelStreamErrorException`, …), with the
 * status AWS documents for it.
 */

import { AuthenticationError, createErrorFromStatus, type LLMError } from '../../errors';
import { headerValue } from '../../http/headers';
import { asRecord, stringField } from '../../jsonValues';
import type { FailureInfo } from '../exchange';
import type { CallContext } from '../types';

/** The HTTP status AWS documents for each ConverseStream exception. */
const statusByException: ReadonlyMap<string, number> = new Map([
  ['validationException', 400],
  ['accessDeniedException', 403],
  ['resourceNotFoundException', 404],
  ['throttlingException', 429],
  ['serviceQuotaExceededException', 429],
  ['modelTimeoutException', 408],
  ['modelNotReadyException', 429],
  ['modelErrorException', 424],
  ['modelStreamErrorException', 424],
  ['internalServerException', 500],
  ['serviceUnavailableException', 503],
]);

/** The kinds AWS answers 403 with when the credentials themselves are wrong, not their permissions. */
const credentialFailures: ReadonlySet<string> = new Set([
  'InvalidSignatureException',
  'UnrecognizedClientException',
  'ExpiredTokenException',
  'IncompleteSignatureException',
  'MissingAuthenticationTokenException',
]);

function messageIn(body: unknown): string | undefined {
  const record = asRecord(body);
  return stringField(record, 'message') ?? stringField(record, 'Message');
}

export function mapBedrockError(failure: FailureInfo, call: CallContext): LLMError {
  const kind = headerValue(failure.headers, 'x-amzn-errortype')?.split(':')[0];
  const detail = messageIn(failure.body) ?? (failure.text.length > 0 ? failure.text : `HTTP ${failure.status}`);
  const init = {
    message: `${call.provider.displayName}: ${kind === undefined ? '' : `${kind}: `}${detail}`,
    llm_provider: call.provider.id,
    model: call.requestedModel,
    request_id: failure.requestId,
    retry_after: failure.retryAfter,
    type: kind,
    body: failure.body,
  };
  if (kind !== undefined && credentialFailures.has(kind)) {
    return new AuthenticationError({ ...init, status_code: failure.status });
  }
  return createErrorFromStatus(failure.status, init);
}

/** An exception frame of a ConverseStream (its body already redacted). */
export function mapStreamException(exceptionType: string, body: unknown, call: CallContext): LLMError {
  const record = asRecord(body);
  // modelStreamErrorException carries the model's own status; a 4xx/5xx there says more than 424.
  const original = record?.['originalStatusCode'];
  const status = typeof original === 'number' && original >= 400 ? original : (statusByException.get(exceptionType) ?? 500);
  return createErrorFromStatus(status, {
    message: `${call.provider.displayName}: ${exceptionType}: ${messageIn(body) ?? 'the stream failed'}`,
    llm_provider: call.provider.id,
    model: call.requestedModel,
    type: exceptionType,
    body,
  });
}
