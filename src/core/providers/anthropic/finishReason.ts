import type { FinishReason } from '../../types';

/** Anthropic's `stop_reason` values in OpenAI's set; the raw value is kept beside it. */
const finishReasons: ReadonlyMap<string, FinishReason> = new Map([
  ['end_turn', 'stop'],
  ['stop_sequence', 'stop'],
  // A server tool (web search) paused a long turn; the caller sends the turn back to continue.
  ['pause_turn', 'stop'],
  ['max_tokens', 'length'],
  ['model_context_window_exceeded', 'length'],
  ['tool_use', 'tool_calls'],
  ['refusal', 'content_filter'],
]);

/** OpenAI's finish reason for an Anthropic `stop_reason`; unknown values become `stop`. */
export function mapStopReason(raw: string): FinishReason {
  return finishReasons.get(raw) ?? 'stop';
}
