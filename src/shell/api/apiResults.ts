/**
 * What an API caller sees of a result: plain JSON (nothing of ours shared by reference, and it
 * survives `executeCommand`), and `_hidden_params` naming the model the caller asked for — never
 * the address the user's traffic goes to.
 */

import type { HiddenParams } from '../../core';
import { serverName } from '../modelAddress';
import type { Attempt } from './keyRule';

/** A result as plain JSON, so it survives `executeCommand` and nothing of ours is shared by reference. */
export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The model the caller asked for, for an attempt's core model (custom endpoints are `openai-compatible/…` inside). */
function callerModelOf(hidden: HiddenParams | undefined, attempts: readonly Attempt[]): string {
  const first = (attempts[0] as Attempt).model;
  if (hidden === undefined) {
    return first;
  }
  const coreModel = hidden.model.toLowerCase();
  const match = attempts.find((attempt) => {
    const provider = attempt.route.kind === 'endpoint' ? 'openai-compatible' : attempt.route.providerId;
    return coreModel === `${provider}/${attempt.route.modelId}`.toLowerCase();
  });
  return match?.model ?? hidden.model;
}

/** `_hidden_params` as callers see them: the model they named, never the address the user's traffic goes to. */
function presentHidden(hidden: HiddenParams | undefined, attempts: readonly Attempt[]): HiddenParams | undefined {
  if (hidden === undefined) {
    return undefined;
  }
  const model = callerModelOf(hidden, attempts);
  const attempt = attempts.find((candidate) => candidate.model === model);
  const shown: HiddenParams = { custom_llm_provider: attempt?.route.kind === 'endpoint' ? serverName(attempt.route) : hidden.custom_llm_provider, model };
  if (hidden.response_cost !== undefined) {
    shown.response_cost = hidden.response_cost;
  }
  return shown;
}

/** The response with `_hidden_params` as callers may see them (see `presentHidden`). */
export function withHiddenParamsShown<T extends { _hidden_params?: HiddenParams }>(response: T, attempts: readonly Attempt[]): T {
  const shown = presentHidden(response._hidden_params, attempts);
  if (shown === undefined) {
    delete response._hidden_params;
  } else {
    response._hidden_params = shown;
  }
  return response;
}
