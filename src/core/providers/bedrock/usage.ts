/**
 * Bedrock's `usage` in OpenAI's shape, by the rule LiteLLM applies to Anthropic and Bedrock alike:
 * Bedrock's `inputTokens` leaves out cache reads and writes, so the prompt is the sum of the three
 * and `cached_tokens` the reads (one home for the rule: Anthropic's usage mapper).
 */

import type { Usage } from '../../types';
import { usageFromCounts } from '../anthropic/usage';
import type { RawTokenUsage } from './wire';

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function mapBedrockUsage(raw: RawTokenUsage | undefined): Usage | undefined {
  if (raw === undefined || raw === null) {
    return undefined;
  }
  return usageFromCounts({
    input: count(raw.inputTokens),
    output: count(raw.outputTokens),
    cacheWrite: count(raw.cacheWriteInputTokens),
    cacheRead: count(raw.cacheReadInputTokens),
  });
}
