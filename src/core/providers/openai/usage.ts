import type { Usage } from '../../types';
import { asRecord } from '../../jsonValues';

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * Usage in OpenAI's shape, keeping every raw field. Vendors report cached prompt tokens in their
 * own fields (Mistral `num_cached_tokens`, DeepSeek `prompt_cache_hit_tokens`); those are copied
 * into `prompt_tokens_details.cached_tokens`. Counts the vendor did not send stay absent.
 */
export function normalizeUsage(raw: unknown): Usage | undefined {
  const record = asRecord(raw);
  if (record === undefined) {
    return undefined;
  }
  const prompt = count(record['prompt_tokens']) ?? count(record['input_tokens']);
  const completion = count(record['completion_tokens']) ?? count(record['output_tokens']);
  if (prompt === undefined && completion === undefined) {
    return undefined;
  }
  const usage: Usage = {
    ...record,
    prompt_tokens: prompt ?? 0,
    completion_tokens: completion ?? 0,
    total_tokens: count(record['total_tokens']) ?? (prompt ?? 0) + (completion ?? 0),
  };
  const details = asRecord(record['prompt_tokens_details']);
  if (count(details?.['cached_tokens']) === undefined) {
    const cached = count(record['num_cached_tokens']) ?? count(record['prompt_cache_hit_tokens']) ?? count(record['cached_tokens']);
    if (cached !== undefined) {
      usage.prompt_tokens_details = { ...details, cached_tokens: cached };
    }
  }
  return usage;
}
