import type { FinishReason } from '../../types';

/** Gemini's reasons that mean a filter stopped the answer. */
const filtered: ReadonlySet<string> = new Set(['SAFETY', 'RECITATION', 'BLOCKLIST', 'PROHIBITED_CONTENT', 'SPII', 'IMAGE_SAFETY', 'IMAGE_PROHIBITED_CONTENT']);

/**
 * OpenAI's finish reason for Gemini's. Gemini says STOP after function calls too (it has no
 * tool-call reason), so the caller says whether the answer called tools.
 */
export function normalizeFinishReason(raw: string, calledTools: boolean): FinishReason {
  if (raw === 'STOP') {
    return calledTools ? 'tool_calls' : 'stop';
  }
  if (raw === 'MAX_TOKENS') {
    return 'length';
  }
  return filtered.has(raw) ? 'content_filter' : 'stop';
}
