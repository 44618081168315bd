/**
 * `reasoning_effort` and `thinking` → Gemini's `thinkingConfig`, as LiteLLM maps them: budgets for
 * Gemini 2.x, thinking levels for Gemini 3 and later (which take a level, and cannot switch
 * thinking off).
 */

import type { CompletionParams, ReasoningEffort } from '../../types';

export interface ThinkingConfig {
  thinkingBudget?: number;
  thinkingLevel?: 'minimal' | 'low' | 'medium' | 'high';
  includeThoughts?: boolean;
}

/** LiteLLM's budgets for the efforts. */
const budgets: Readonly<Record<'low' | 'medium' | 'high', number>> = { low: 1024, medium: 2048, high: 4096 };

/**
 * The smallest budget a 2.5 model takes for `minimal` (LiteLLM's per-model constants): Pro cannot
 * think less than 128 tokens, Flash-Lite's floor is 512, Flash can go down to 1.
 */
function minimalBudget(modelId: string): number {
  if (modelId.includes('flash-lite')) {
    return 512;
  }
  if (modelId.includes('flash')) {
    return 1;
  }
  return 128;
}

/** The major version in `gemini-3-pro-preview`, `gemini-2.5-flash`; 0 when the id does not say. */
export function geminiGeneration(modelId: string): number {
  const at = modelId.indexOf('gemini-');
  if (at < 0) {
    return 0;
  }
  const major = Number.parseInt(modelId.slice(at + 'gemini-'.length), 10);
  return Number.isNaN(major) ? 0 : major;
}

function levelFor(effort: ReasoningEffort, modelId: string): ThinkingConfig {
  const flash = modelId.includes('flash');
  switch (effort) {
    case 'none':
      // Gemini 3 always thinks; the least it does is `minimal` (Flash) or `low` (Pro).
      return { thinkingLevel: flash ? 'minimal' : 'low', includeThoughts: false };
    case 'minimal':
      return { thinkingLevel: flash ? 'minimal' : 'low', includeThoughts: true };
    case 'low':
      return { thinkingLevel: 'low', includeThoughts: true };
    case 'medium':
      return { thinkingLevel: flash || modelId.includes('3.1-pro') ? 'medium' : 'high', includeThoughts: true };
    case 'high':
      return { thinkingLevel: 'high', includeThoughts: true };
  }
}

function budgetFor(effort: ReasoningEffort, modelId: string): ThinkingConfig {
  switch (effort) {
    case 'none':
      return { thinkingBudget: 0 };
    case 'minimal':
      return { thinkingBudget: minimalBudget(modelId), includeThoughts: true };
    default:
      return { thinkingBudget: budgets[effort], includeThoughts: true };
  }
}

/** The `thinkingConfig` for a call, or undefined when it asked for nothing. */
export function thinkingConfigFor(params: CompletionParams, modelId: string): ThinkingConfig | undefined {
  const effort = params.reasoning_effort;
  if (effort !== undefined) {
    return geminiGeneration(modelId) >= 3 ? levelFor(effort, modelId) : budgetFor(effort, modelId);
  }
  const thinking = params.thinking;
  if (thinking === undefined) {
    return undefined;
  }
  if (thinking.type === 'disabled') {
    return geminiGeneration(modelId) >= 3 ? { includeThoughts: false } : { thinkingBudget: 0 };
  }
  return thinking.budget_tokens > 0 ? { thinkingBudget: thinking.budget_tokens, includeThoughts: true } : { thinkingBudget: 0 };
}
