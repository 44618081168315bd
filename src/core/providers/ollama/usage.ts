import type { Usage } from '../../types';
import type { RawChatLine } from './wire';

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * Usage from `prompt_eval_count` and `eval_count`. With neither there is no usage. With only one,
 * the other is 0: Go's `omitempty` drops a zero count, e.g. a prompt served wholly from Ollama's
 * cache.
 */
export function ollamaUsage(line: Pick<RawChatLine, 'prompt_eval_count' | 'eval_count'>): Usage | undefined {
  const prompt = count(line.prompt_eval_count);
  const completion = count(line.eval_count);
  if (prompt === undefined && completion === undefined) {
    return undefined;
  }
  const promptTokens = prompt ?? 0;
  const completionTokens = completion ?? 0;
  return { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
}
