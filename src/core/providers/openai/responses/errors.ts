/**
 * Failures the Responses API reports inside a 200 answer: an `error` event, or a Response whose
 * `status` is `failed` with `error: {code, message}`. These carry a string `code` and no HTTP
 * status, so the code picks the status LiteLLM's error classes are chosen by.
 */

import { createErrorFromStatus, type LLMError } from '../../../errors';
import { asRecord, stringField } from '../../../jsonValues';
import type { CallContext } from '../../types';

/**
 * `ResponseError.code` as openai-node 7.57 enumerates it, plus the chat API's codes that arrive in
 * `error` events (`insufficient_quota`, recorded in test/fixtures/openai-responses).
 */
const statusByCode: Readonly<Record<string, number>> = {
  rate_limit_exceeded: 429,
  insufficient_quota: 429,
  server_error: 500,
  vector_store_timeout: 504,
  invalid_prompt: 400,
  data_residency_mismatch: 400,
  bio_policy: 400,
  misalignment_policy_violation: 400,
  context_length_exceeded: 400,
  invalid_image: 400,
  invalid_image_format: 400,
  invalid_base64_image: 400,
  invalid_image_url: 400,
  image_too_large: 400,
  image_too_small: 400,
  image_parse_error: 400,
  image_content_policy_violation: 400,
  invalid_image_mode: 400,
  image_file_too_large: 400,
  unsupported_image_media_type: 400,
  empty_image_file: 400,
  failed_to_download_image: 400,
  image_file_not_found: 400,
};

/** The typed error for an `error` object a Responses stream or answer carried. */
export function mapResponsesFailure(error: unknown, call: CallContext): LLMError {
  // The `error` event has its fields at the top; some servers nest them under `error`.
  const record = asRecord(asRecord(error)?.['error']) ?? asRecord(error);
  const code = stringField(record, 'code') ?? stringField(record, 'type');
  const message = stringField(record, 'message') ?? 'unknown error';
  return createErrorFromStatus(statusByCode[code ?? ''] ?? 500, {
    message: `${call.provider.displayName} reported an error mid-response: ${message}`,
    llm_provider: call.provider.id,
    model: call.requestedModel,
    code,
    type: stringField(record, 'type'),
    param: stringField(record, 'param'),
    body: error,
  });
}
