/**
 * A fault through the core's client, as a plain Node program calls it: `completion()` with the
 * trial's `timeout` and `num_retries` per call, streamed (or whole where the fault says), every
 * stream drained. Each stream must end in its expected answer, or in the expected error class
 * with the text that arrived kept both in the chunks the caller got and on `partial_response`;
 * then, once the servers healed, the next request on the same client must work.
 */

import assert from 'node:assert/strict';
import {
  APIConnectionError,
  APIError,
  createClient,
  InternalServerError,
  type LLMError,
  RateLimitError,
  ServiceUnavailableError,
  Timeout,
  type CompletionParams,
} from '../../../../src/core';
import { assertKeyAbsent, drain, textOf } from '../../../helpers/llmHarness';
import { questionFor, type FaultLab } from './faultLab';
import { retryDelays, settingsOf, trialKey, type Arranged, type ErrorClassName, type Expected, type Fault } from './faultTypes';
import { healthyPieces } from './wires';

const errorClasses: Record<ErrorClassName, abstract new (...args: never[]) => LLMError> = {
  APIConnectionError,
  Timeout,
  RateLimitError,
  InternalServerError,
  ServiceUnavailableError,
  APIError,
};

interface CallResult {
  text: string;
  error: unknown;
}

function paramsFor(fault: Fault, arranged: Arranged, index: number): CompletionParams {
  const settings = settingsOf(fault);
  const params: CompletionParams = {
    model: fault.wire.model,
    messages: [{ role: 'user', content: questionFor(index) }],
    api_base: arranged.apiBase,
    api_key: trialKey,
    timeout: settings.timeoutSeconds,
    num_retries: settings.maxRetries,
  };
  if (arranged.fallbacks !== undefined) {
    params.fallbacks = arranged.fallbacks;
  }
  return params;
}

/** One call; an error is returned with the text that reached the caller before it. */
async function call(client: ReturnType<typeof createClient>, params: CompletionParams, stream: boolean): Promise<CallResult> {
  try {
    if (!stream) {
      const response = await client.completion({ ...params, stream: false });
      return { text: response.choices[0]?.message.content ?? '', error: undefined };
    }
    const { chunks, error } = await drain(await client.completion({ ...params, stream: true }));
    return { text: textOf(chunks), error };
  } catch (error) {
    // Rejected before any output: completion() itself failed.
    return { text: '', error };
  }
}

function assertOutcome(result: CallResult, expected: Expected, stream: string): void {
  if (expected.kind === 'answer') {
    assert.equal(result.error, undefined, `${stream}: expected the answer, got ${String(result.error)}`);
    assert.equal(result.text, expected.text, `${stream}: the answer`);
    return;
  }
  const { error } = result;
  assert.ok(error instanceof errorClasses[expected.errorClass], `${stream}: expected ${expected.errorClass}, got ${String(error)}`);
  assert.equal(error.name, expected.errorClass);
  assert.match(error.message, expected.message, `${stream}: the message`);
  assert.equal(result.text, expected.partial, `${stream}: the text that reached the caller`);
  // After output the partial answer travels with the error; before output there is none to keep.
  const kept = error.partial_response?.choices[0]?.message.content ?? '';
  assert.equal(kept, expected.partial, `${stream}: partial_response`);
  assertKeyAbsent(error, trialKey);
}

/** Runs the fault through the core's client; an assertion fails when it did not end as expected. */
export async function runThroughCore(fault: Fault, lab: FaultLab): Promise<void> {
  const arranged = await fault.arrange(lab);
  const client = createClient({ env: {}, retry: retryDelays });
  try {
    const stream = fault.stream ?? true;
    const indices = Array.from({ length: fault.streams ?? 1 }, (_, index) => index);
    const started = performance.now();
    const results = await Promise.all(indices.map((index) => call(client, paramsFor(fault, arranged, index), stream)));
    const elapsedSeconds = (performance.now() - started) / 1000;
    results.forEach((result, index) => assertOutcome(result, fault.expect(index), `stream ${index}`));
    fault.verify?.(arranged, { way: 'core client', elapsedSeconds });

    // The same client (its pool, its memory of endpoints) answers the next request.
    lab.heal();
    const next = await call(client, { ...paramsFor(fault, arranged, 0), api_base: arranged.followUpBase ?? arranged.apiBase }, true);
    assertOutcome(next, { kind: 'answer', text: healthyPieces.join('') }, 'the request after the fault');
  } finally {
    await lab.close();
    await client.close();
  }
}
