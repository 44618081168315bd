/**
 * Vertex's failures. The platform (auth, quota, a missing model) answers in Google's envelope
 * (`{error: {code, message, status, details}}`); Claude's own failures come through `rawPredict`
 * in Anthropic's (`{type: 'error', error: {type, message}}`). Each goes to its own mapper.
 */

import type { LLMError } from '../../errors';
import { asRecord } from '../../jsonValues';
import { mapAnthropicError } from '../anthropic/errors';
import type { FailureInfo } from '../exchange';
import { mapGeminiError } from '../gemini/errors';
import type { CallContext } from '../types';

/** Google's envelope has a numeric `code` or a `status` name; Anthropic's has neither. */
function isGoogleEnvelope(body: unknown): boolean {
  const root = Array.isArray(body) ? asRecord(body[0]) : asRecord(body);
  const error = asRecord(root?.['error']);
  return error !== undefined && (typeof error['code'] === 'number' || typeof error['status'] === 'string');
}

export function mapVertexAnthropicError(failure: FailureInfo, call: CallContext): LLMError {
  return isGoogleEnvelope(failure.body) ? mapGeminiError(failure, call) : mapAnthropicError(failure, call);
}
