import { createErrorFromStatus, type LLMError } from '../../errors';
import { asRecord, stringField } from '../../jsonValues';
import { type FailureInfo } from '../exchange';
import type { CallContext } from '../types';

interface ParsedError {
  message: string | undefined;
  code: string | undefined;
  type: string | undefined;
  param: string | undefined;
  /** Some servers put a numeric status inside the body (OpenRouter, vLLM). */
  status: number | undefined;
}

/**
 * Reads the error envelopes OpenAI-compatible servers use: OpenAI's `{error: {message, type,
 * param, code}}`, OpenRouter's numeric `code` with `metadata.raw`, vLLM's top-level `message`,
 * FastAPI's `detail`, and `{error: "text"}`.
 */
function parseOpenAIError(body: unknown): ParsedError {
  const root = asRecord(body);
  const error = root?.['error'];
  const envelope = asRecord(error) ?? (typeof error === 'string' ? undefined : root);
  let message = typeof error === 'string' ? error : stringField(envelope, 'message');
  if (message === undefined) {
    const detail = root?.['detail'];
    message = typeof detail === 'string' ? detail : detail === undefined ? undefined : JSON.stringify(detail);
  }
  const raw = stringField(asRecord(envelope?.['metadata']), 'raw');
  if (raw !== undefined && raw !== message) {
    message = message === undefined ? raw : `${message}: ${raw}`;
  }
  const code = envelope?.['code'];
  return {
    message,
    code: typeof code === 'string' ? code : typeof code === 'number' ? String(code) : undefined,
    type: stringField(envelope, 'type') ?? undefined,
    param: stringField(envelope, 'param'),
    status: typeof code === 'number' ? code : typeof envelope?.['status'] === 'number' ? (envelope['status']) : undefined,
  };
}

/** OpenAI's rate-limit messages say "Please try again in 26.604s" (or "in 120ms") when no header does. */
function retryHintInMessage(message: string): number | undefined {
  const match = /try again in (\d+(?:\.\d+)?)\s*(ms|s)\b/i.exec(message);
  if (match === null) {
    return undefined;
  }
  const value = Number.parseFloat(match[1] ?? '');
  return match[2]?.toLowerCase() === 'ms' ? value / 1000 : value;
}

/** The typed error for a failed OpenAI-wire response. */
export function mapOpenAIError(failure: FailureInfo, call: CallContext): LLMError {
  const parsed = parseOpenAIError(failure.body);
  const message = parsed.message ?? (failure.text.length > 0 ? failure.text : `HTTP ${failure.status}`);
  const retryAfter = failure.retryAfter ?? (failure.status === 429 ? retryHintInMessage(message) : undefined);
  return createErrorFromStatus(failure.status, {
    message: `${call.provider.displayName} (${failure.status}): ${message}`,
    llm_provider: call.provider.id,
    model: call.requestedModel,
    request_id: failure.requestId,
    retry_after: retryAfter,
    code: parsed.code,
    type: parsed.type,
    param: parsed.param,
    body: failure.body ?? (failure.text.length > 0 ? failure.text : undefined),
  });
}

/** An `error` object sent inside a 200 stream (OpenRouter, OpenAI server errors). */
export function mapInStreamError(errorBody: unknown, call: CallContext): LLMError {
  const parsed = parseOpenAIError({ error: errorBody });
  const status = parsed.status !== undefined && parsed.status >= 400 && parsed.status < 600 ? parsed.status : 500;
  return createErrorFromStatus(status, {
    message: `${call.provider.displayName} reported an error mid-stream: ${parsed.message ?? 'unknown error'}`,
    llm_provider: call.provider.id,
    model: call.requestedModel,
    code: parsed.code,
    type: parsed.type,
    param: parsed.param,
    body: errorBody,
  });
}
