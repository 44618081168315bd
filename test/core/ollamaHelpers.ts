/**
 * What the Ollama wire tests share: a loopback server that answers `/api/show` as Ollama does
 * and everything else with the test's reply, NDJSON bodies, and the fixtures' expected facts in
 * the form `observe()` reports.
 */

import type { FixtureMeta } from '../helpers/fixtures';
import type { Observed } from '../helpers/observe';
import type { Harness } from '../helpers/llmHarness';
import type { RecordedRequest, Reply, Responder, WireServer } from '../helpers/wireServer';

export const ndjsonHeaders = { 'content-type': 'application/x-ndjson' };
export const jsonHeaders = { 'content-type': 'application/json; charset=utf-8' };

/**
 * A `/api/show` answer, hand-made after the example in ollama/ollama docs/api.md ("Show Model
 * Information"): `model_info` keyed by architecture, `parameters` as Modelfile text, and — from
 * docs/capabilities/thinking.mdx — an optional top-level `thinking: {values, default}`.
 */
export function showReply(options: { contextLength?: number; architecture?: string; parameters?: string; thinking?: unknown[] } = {}): Reply {
  const architecture = options.architecture ?? 'llama';
  const modelInfo: Record<string, unknown> = {
    'general.architecture': architecture,
    'general.file_type': 2,
    'general.parameter_count': 8030261248,
    [`${architecture}.attention.head_count`]: 32,
    [`${architecture}.embedding_length`]: 4096,
  };
  if (options.contextLength !== undefined) {
    modelInfo[`${architecture}.context_length`] = options.contextLength;
  }
  const body: Record<string, unknown> = {
    parameters: options.parameters ?? 'num_keep                       24\nstop                           "<|start_header_id|>"\nstop                           "<|eot_id|>"',
    template: '{{ .Prompt }}',
    details: { parent_model: '', format: 'gguf', family: architecture, families: [architecture], parameter_size: '8.0B', quantization_level: 'Q4_0' },
    model_info: modelInfo,
  };
  if (options.thinking !== undefined) {
    body['thinking'] = { values: options.thinking, default: options.thinking[0] };
  }
  return { status: 200, headers: jsonHeaders, body: JSON.stringify(body) };
}

/**
 * A server that answers `/api/show` with `show` and every other request with `respond` (its
 * index counts only those other requests).
 */
export async function ollamaServer(harness: Harness, respond: Responder, show: Reply = showReply({ contextLength: 131072 })): Promise<WireServer> {
  let others = 0;
  return harness.server((request) => (request.url === '/api/show' ? show : respond(request, others++)));
}

/** The requests that reached `path`. */
export function requestsTo(server: WireServer, path: string): RecordedRequest[] {
  return server.requests.filter((request) => request.url === path);
}

/** The JSON body of the only request to `path`. */
export function onlyBody(server: WireServer, path: string): Record<string, unknown> {
  const requests = requestsTo(server, path);
  if (requests.length !== 1) {
    throw new Error(`expected one request to ${path}, got ${requests.length}`);
  }
  return requests[0]?.json as Record<string, unknown>;
}

/** An NDJSON body: one compact JSON value per line. */
export function ndjson(lines: readonly object[]): string {
  return lines.map((line) => `${JSON.stringify(line)}\n`).join('');
}

/**
 * The fixture's expected facts as `observe()` reports them. `finish_reason_normalized` is a
 * sentence whose first word is the value; Ollama sends no call ids, so ours are `call_<index>`.
 */
export function expectedOllama(meta: FixtureMeta): Observed {
  const expected = meta.expected;
  const usage = expected.usage;
  const text = expected.text === '' || expected.text === undefined ? null : expected.text;
  const thinking = expected['thinking_text'];
  return {
    text,
    refusal: null,
    reasoning_text: typeof thinking === 'string' ? thinking : null,
    finish_reason: (expected.finish_reason_normalized ?? '').split(' ')[0] ?? null,
    tool_calls: (expected.tool_calls ?? []).map((call) => ({ index: call.index, id: call.id ?? `call_${call.index}`, name: call.name, arguments: call.arguments })),
    usage:
      usage === undefined || usage['prompt_tokens'] === null
        ? null
        : {
            prompt_tokens: usage['prompt_tokens'] ?? 0,
            completion_tokens: usage['completion_tokens'] ?? 0,
            total_tokens: usage['total_tokens'] ?? 0,
            reasoning_tokens: null,
            cached_tokens: null,
          },
  };
}
