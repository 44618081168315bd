/**
 * Anthropic's usage in OpenAI's shape, as LiteLLM maps it. Anthropic's `input_tokens` leaves out
 * the tokens written to and read from the prompt cache, so the prompt is the sum of all three;
 * the cache counts are kept beside it. A count Anthropic did not report stays absent.
 */

import type { Usage } from '../../types';
import type { RawUsage } from './wire';

/** The four counts Anthropic reports; undefined where it did not. */
export interface UsageCounts {
  input: number | undefined;
  output: number | undefined;
  cacheWrite: number | undefined;
  cacheRead: number | undefined;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function emptyCounts(): UsageCounts {
  return { input: undefined, output: undefined, cacheWrite: undefined, cacheRead: undefined };
}

/**
 * Copies the counts `raw` reports into `counts`. Streams report usage twice: `message_start`
 * and then `message_delta`, whose counts are cumulative and therefore win.
 */
export function mergeCounts(counts: UsageCounts, raw: RawUsage | undefined): void {
  if (raw === undefined || raw === null) {
    return;
  }
  counts.input = count(raw.input_tokens) ?? counts.input;
  counts.output = count(raw.output_tokens) ?? counts.output;
  counts.cacheWrite = count(raw.cache_creation_input_tokens) ?? counts.cacheWrite;
  counts.cacheRead = count(raw.cache_read_input_tokens) ?? counts.cacheRead;
}

/** The public usage for the counts, or undefined when Anthropic reported neither input nor output. */
export function usageFromCounts(counts: UsageCounts): Usage | undefined {
  const { input, output, cacheWrite, cacheRead } = counts;
  if (input === undefined && output === undefined) {
    return undefined;
  }
  const prompt = (input ?? 0) + (cacheWrite ?? 0) + (cacheRead ?? 0);
  const completion = output ?? 0;
  const usage: Usage = { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
  if (cacheRead !== undefined) {
    usage.prompt_tokens_details = { cached_tokens: cacheRead };
  }
  if (cacheWrite !== undefined) {
    usage.cache_creation_input_tokens = cacheWrite;
  }
  if (cacheRead !== undefined) {
    usage.cache_read_input_tokens = cacheRead;
  }
  return usage;
}

/** The public usage of a whole message's `usage` object. */
export function mapUsage(raw: RawUsage | undefined): Usage | undefined {
  const counts = emptyCounts();
  mergeCounts(counts, raw);
  return usageFromCounts(counts);
}
