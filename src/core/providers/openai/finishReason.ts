import type { FinishReason } from '../../types';

const standard = new Set<string>(['stop', 'length', 'tool_calls', 'content_filter', 'function_call']);

/** Values OpenAI-compatible servers send that are not OpenAI's, mapped to OpenAI's set. */
const aliases: Readonly<Record<string, FinishReason>> = {
  eos: 'stop',
  eos_token: 'stop',
  end_turn: 'stop',
  stop_sequence: 'stop',
  max_tokens: 'length',
  model_length: 'length',
  tool_use: 'tool_calls',
  tool_call: 'tool_calls',
  error: 'stop',
  abort: 'stop',
  cancelled: 'stop',
  recitation: 'content_filter',
  safety: 'content_filter',
};

export function isStandardFinishReason(value: string): value is FinishReason {
  return standard.has(value);
}

/** OpenAI's finish reason for a raw value; unknown values become `stop`. */
export function normalizeFinishReason(raw: string): FinishReason {
  if (standard.has(raw)) {
    return raw as FinishReason;
  }
  return aliases[raw.toLowerCase()] ?? 'stop';
}
