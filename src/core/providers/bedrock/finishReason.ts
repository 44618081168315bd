import type { FinishReason } from '../../types';

/** Converse's `stopReason` values in OpenAI's set (as LiteLLM maps them); the raw value is kept beside it. */
const finishReasons: ReadonlyMap<string, FinishReason> = new Map([
  ['end_turn', 'stop'],
  ['stop_sequence', 'stop'],
  ['max_tokens', 'length'],
  ['model_context_window_exceeded', 'length'],
  ['tool_use', 'tool_calls'],
  ['guardrail_intervened', 'content_filter'],
  ['content_filtered', 'content_filter'],
]);

/** OpenAI's finish reason for a Converse `stopReason`; unknown values become `stop`. */
export function mapStopReason(raw: string): FinishReason {
  return finishReasons.get(raw) ?? 'stop';
}
