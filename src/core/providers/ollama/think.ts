/**
 * Ollama's `think` from `reasoning_effort` or `thinking`. Most thinking models take on/off;
 * some name levels instead (gpt-oss: low, medium, high), and for them `true` only means their
 * default level. Which kind a model is comes from /api/show's `thinking.values`, or, from servers
 * that do not say, from the model's name.
 */

import type { CompletionParams } from '../../types';
import type { ModelFacts } from './modelFacts';
import type { ThinkValue } from './wire';

type Level = 'low' | 'medium' | 'high';

function takesLevels(facts: ModelFacts, modelId: string): boolean {
  if (facts.thinkLevels !== undefined) {
    return facts.thinkLevels.length > 0;
  }
  return modelId.includes('gpt-oss');
}

/** The same steps the OpenAI adapter uses to turn a thinking budget into an effort. */
function budgetLevel(budget: number): Level {
  if (budget < 2048) {
    return 'low';
  }
  return budget < 8192 ? 'medium' : 'high';
}

/** True when the request asks for a level, so the model's kind of `think` matters. */
export function wantsThinkLevel(params: CompletionParams): boolean {
  const effort = params.reasoning_effort;
  return (effort !== undefined && effort !== 'none') || params.thinking?.type === 'enabled';
}

/** The `think` field, or undefined to leave the model's default. */
export function thinkValue(params: CompletionParams, facts: ModelFacts, modelId: string): ThinkValue | undefined {
  const effort = params.reasoning_effort;
  let level: Level | undefined;
  if (effort === 'none') {
    return false;
  }
  if (effort !== undefined) {
    level = effort === 'minimal' ? 'low' : effort;
  } else if (params.thinking?.type === 'enabled') {
    level = budgetLevel(params.thinking.budget_tokens);
  } else if (params.thinking?.type === 'disabled') {
    return false;
  }
  if (level === undefined) {
    return undefined;
  }
  return takesLevels(facts, modelId) ? level : true;
}
