/**
 * What the Gemini wire tests share: the call parameters for a loopback server, the recorded
 * expectations put in the client's terms, and the request checks every Gemini call must pass.
 */

import assert from 'node:assert/strict';
import type { CompletionParams, ModelResponse } from '../../src/core';
import type { FixtureMeta } from '../helpers/fixtures';
import { expectedOf, observe, type Observed } from '../helpers/observe';
import type { RecordedRequest, WireServer } from '../helpers/wireServer';

/** Long enough to be redacted, and shaped like a Google key. */
export const geminiKey = 'AIzaSyTEST-gemini-wire-0123456789abcdef';

export const sseHeaders = { 'content-type': 'text/event-stream' };
export const jsonHeaders = { 'content-type': 'application/json; charset=UTF-8' };

/** A Gemini call against `server` (host root as `api_base`, as Google's docs write it). */
export function geminiCall(server: WireServer, extra: Partial<CompletionParams> & { stream: true }): CompletionParams & { stream: true };
export function geminiCall(server: WireServer, extra?: Partial<CompletionParams> & { stream?: false }): CompletionParams & { stream?: false };
export function geminiCall(server: WireServer, extra: Partial<CompletionParams> = {}): CompletionParams {
  return { model: 'gemini/gemini-2.5-flash', messages: [{ role: 'user', content: 'Hello' }], api_base: server.url, api_key: geminiKey, ...extra };
}

/** An SSE body of Gemini events (Gemini sends no `[DONE]`). */
export function geminiSse(events: readonly object[]): string {
  return events.map((event) => `data: ${JSON.stringify(event)}\n\n`).join('');
}

/** The key went in `x-goog-api-key` and nowhere else a log could see it. */
export function assertKeyOnlyInHeader(request: RecordedRequest): void {
  assert.equal(request.headers['x-goog-api-key'], geminiKey);
  assert.equal(request.headers['authorization'], undefined);
  assert.ok(!request.url.includes('key='), `the key is in the URL: ${request.url}`);
  assert.ok(!request.url.includes(geminiKey), 'the key is in the URL');
  assert.ok(!request.body.includes(geminiKey), 'the key is in the body');
}

function canonicalArguments(text: string): string {
  return JSON.stringify(JSON.parse(text));
}

/**
 * A fixture's expected facts in the client's terms. Three differences from the recorded
 * normalisation, each on purpose:
 * - Gemini fixtures call thought text `thinking_text`; the client reports it as reasoning.
 * - `completion_tokens` includes thinking, as in LiteLLM and OpenAI (`thoughtsTokenCount` is
 *   reported beside the candidates by Gemini, and recorded that way).
 * - Gemini sends no call id: the client's id is checked apart; arguments compare as JSON.
 */
export function geminiExpected(meta: FixtureMeta): Observed {
  // Recorded `usage: null` means "none reported"; the shared helper reads only an absent one so.
  const expected = expectedOf(meta.expected.usage === null ? { ...meta, expected: { ...meta.expected, usage: undefined } } : meta);
  const thinking = meta.expected['thinking_text'];
  expected.reasoning_text = typeof thinking === 'string' ? thinking : null;
  // "tool_calls (derived: provider reports 'STOP' …)" → tool_calls
  expected.finish_reason = expected.finish_reason === null ? null : (expected.finish_reason.split(' ')[0] ?? null);
  if (expected.usage !== null && expected.usage.reasoning_tokens !== null) {
    expected.usage.completion_tokens += expected.usage.reasoning_tokens;
  }
  expected.tool_calls = expected.tool_calls.map((call) => ({ ...call, id: null, arguments: canonicalArguments(call.arguments) }));
  return expected;
}

/** What the client reported, with synthesised call ids checked and set aside. */
export function geminiObserved(response: ModelResponse): Observed {
  const observed = observe(response);
  observed.tool_calls = observed.tool_calls.map((call) => {
    assert.match(call.id ?? '', /^call_[0-9a-f]{24}(__thought__.+)?$/, `an unexpected tool call id: ${String(call.id)}`);
    return { ...call, id: null, arguments: canonicalArguments(call.arguments) };
  });
  return observed;
}
