/**
 * The Responses API's usage (`input_tokens`, `output_tokens`, `input_tokens_details.cached_tokens`,
 * `output_tokens_details.reasoning_tokens`) in chat completions' shape, raw fields kept.
 */

import { asRecord } from '../../../jsonValues';
import type { Usage } from '../../../types';
import { normalizeUsage } from '../usage';

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function responsesUsage(raw: unknown): Usage | undefined {
  const usage = normalizeUsage(raw);
  if (usage === undefined) {
    return undefined;
  }
  const record = asRecord(raw);
  const cached = count(asRecord(record?.['input_tokens_details'])?.['cached_tokens']);
  if (cached !== undefined) {
    usage.prompt_tokens_details = { ...usage.prompt_tokens_details, cached_tokens: cached };
  }
  const reasoning = count(asRecord(record?.['output_tokens_details'])?.['reasoning_tokens']);
  if (reasoning !== undefined) {
    usage.completion_tokens_details = { ...usage.completion_tokens_details, reasoning_tokens: reasoning };
  }
  return usage;
}
