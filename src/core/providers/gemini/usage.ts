import type { Usage } from '../../types';
import type { GeminiUsageMetadata } from './wire';

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * `usageMetadata` in OpenAI's shape. Thinking is counted inside `completion_tokens` (as LiteLLM
 * and OpenAI do) and also reported as `reasoning_tokens`; Gemini itself counts thoughts beside
 * the candidates. Counts Gemini did not send stay absent.
 */
export function normalizeUsage(metadata: GeminiUsageMetadata | undefined): Usage | undefined {
  if (metadata === undefined || metadata === null || typeof metadata !== 'object') {
    return undefined;
  }
  const prompt = count(metadata.promptTokenCount);
  const candidates = count(metadata.candidatesTokenCount);
  const thoughts = count(metadata.thoughtsTokenCount);
  if (prompt === undefined && candidates === undefined && thoughts === undefined) {
    return undefined;
  }
  const completion = (candidates ?? 0) + (thoughts ?? 0);
  const usage: Usage = {
    prompt_tokens: prompt ?? 0,
    completion_tokens: completion,
    total_tokens: count(metadata.totalTokenCount) ?? (prompt ?? 0) + completion,
  };
  if (thoughts !== undefined) {
    usage.completion_tokens_details = { reasoning_tokens: thoughts };
  }
  const cached = count(metadata.cachedContentTokenCount);
  if (cached !== undefined) {
    usage.prompt_tokens_details = { cached_tokens: cached };
  }
  return usage;
}
