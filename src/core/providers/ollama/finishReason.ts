import type { FinishReason } from '../../types';

/**
 * OpenAI's finish reason for Ollama's `done_reason`. Ollama says `stop` after a tool call too;
 * the answer then ends for the tool, so it is `tool_calls`, as LiteLLM reports it. `load` and
 * `unload` (a request that only (un)loaded the model) and a missing reason are a normal end.
 */
export function ollamaFinishReason(doneReason: string | undefined, hasToolCalls: boolean): FinishReason {
  if (hasToolCalls) {
    return 'tool_calls';
  }
  return doneReason === 'length' ? 'length' : 'stop';
}
