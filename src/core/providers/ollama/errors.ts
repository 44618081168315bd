/**
 * Ollama's failures → the core's error classes. Ollama answers errors as `{"error": "<text>"}`
 * with the HTTP status, and, once a stream has started, as an `{"error": …}` line inside the 200
 * body. Messages add what a person can do: pull a missing model, start the server.
 */

import { APIConnectionError, InternalServerError, createErrorFromStatus, type LLMError } from '../../errors';
import { redactDeep } from '../../redact';
import { asRecord, stringField } from '../../jsonValues';
import { type FailureInfo } from '../exchange';
import type { CallContext } from '../types';

/** The text of Ollama's `error` field: a string, or (defensively) an object with a message. */
function ollamaErrorText(error: unknown): string | undefined {
  if (typeof error === 'string') {
    return error;
  }
  return stringField(asRecord(error), 'message');
}

/** What to do about a 404: pull the model, or fix the base URL. */
function advice(failure: FailureInfo, call: CallContext, message: string): string | undefined {
  if (failure.status !== 404) {
    return undefined;
  }
  if (failure.body === undefined) {
    // Go's plain "404 page not found": the path is wrong, so the base URL probably is.
    return `Is ${call.provider.apiBase} the Ollama server's root URL (like http://localhost:11434, without /api or /v1)?`;
  }
  if (message.includes('not found') && call.modelId.length > 0) {
    return `Pull it with: ollama pull ${call.modelId}`;
  }
  return undefined;
}

function sentences(first: string, second: string | undefined): string {
  if (second === undefined) {
    return first;
  }
  return `${first}${/[.!?]$/.test(first) ? '' : '.'} ${second}`;
}

/** The typed error for a failed Ollama response. */
export function mapOllamaError(failure: FailureInfo, call: CallContext): LLMError {
  const message = ollamaErrorText(asRecord(failure.body)?.['error']) ?? (failure.text.length > 0 ? failure.text : `HTTP ${failure.status}`);
  return createErrorFromStatus(failure.status, {
    message: `${call.provider.displayName} (${failure.status}): ${sentences(message, advice(failure, call, message))}`,
    llm_provider: call.provider.id,
    model: call.requestedModel,
    request_id: failure.requestId,
    retry_after: failure.retryAfter,
    body: failure.body ?? (failure.text.length > 0 ? failure.text : undefined),
  });
}

/**
 * An `{"error": …}` inside a 200 answer: a stream line (the model failed while running), or,
 * defensively, a whole body. Not retried: the documented case ("an error was encountered while
 * running the model") fails the same way again.
 */
export function mapOllamaBodyError(body: Record<string, unknown>, call: CallContext, midStream: boolean): LLMError {
  // The text may quote the request back, key included.
  const redacted = asRecord(redactDeep(body, [call.provider.apiKey])) ?? {};
  const text = ollamaErrorText(redacted['error']) ?? 'unknown error';
  return new InternalServerError({
    message: `${call.provider.displayName} ${midStream ? 'reported an error mid-stream' : 'answered with an error'}: ${text}`,
    llm_provider: call.provider.id,
    model: call.requestedModel,
    body: redacted,
    retryable: false,
  });
}

/** A refused connection gets Ollama's way to fix it; every other error passes unchanged. */
export function withServerAdvice(error: unknown, call: CallContext): unknown {
  if (!(error instanceof APIConnectionError) || error.code !== 'ECONNREFUSED') {
    return error;
  }
  return new APIConnectionError({
    message: `${error.message} Start Ollama (the app, or \`ollama serve\`), or set OLLAMA_HOST to where it runs.`,
    llm_provider: error.llm_provider ?? call.provider.id,
    model: error.model ?? call.requestedModel,
    code: error.code,
    cause: error.cause,
  });
}
