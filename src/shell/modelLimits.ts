/**
 * What the shell assumes of a model's size when nobody says: the chat's window and reserve, the
 * `maxInputTokens` VS Code is told. One home, so the chat and VS Code's language models agree.
 */

import type { ModelInfo } from '../core';

/**
 * A window every current chat model has, for a model neither the catalogue nor the settings know:
 * a caller that trusts it never sends more than the model takes (set `contextWindow` for more).
 */
export const fallbackContextWindow = 8_192;

/** An output limit for a model nobody knows, as common servers default to. */
export const fallbackOutputTokens = 4_096;

/** What the chat needs to know of a model to fit a request and offer its settings. */
export interface ModelFacts {
  /** The input window in tokens: the catalogue's, else the setting's `contextWindow`, else the fallback. */
  window: number;
  /** False when `window` is the fallback. */
  windowKnown: boolean;
  /** The model's output limit, when known. */
  maxOutputTokens?: number;
  /** True when the catalogue (or the server's model list) says the model reasons. */
  supportsReasoning: boolean;
  /** False when the catalogue (or the server's model list) says the model takes no tools; unknown models are offered them. */
  supportsTools?: boolean;
}

export function modelFacts(
  info: Pick<ModelInfo, 'max_input_tokens' | 'max_output_tokens' | 'max_tokens' | 'supports_reasoning' | 'supports_function_calling'>,
  contextWindow: number | undefined,
): ModelFacts {
  const known = info.max_input_tokens ?? contextWindow;
  const facts: ModelFacts = { window: known ?? fallbackContextWindow, windowKnown: known !== undefined, supportsReasoning: info.supports_reasoning === true };
  if (info.supports_function_calling === false) {
    facts.supportsTools = false;
  }
  const output = info.max_output_tokens ?? info.max_tokens;
  if (output !== undefined) {
    facts.maxOutputTokens = output;
  }
  return facts;
}
