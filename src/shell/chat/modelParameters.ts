/**
 * A chat's Model Settings → the request's parameters. The chat's own choice wins over
 * `switchboard.modelDefaults` field by field; a field nobody set is left to the provider. The
 * core maps `reasoning_effort` to each provider (OpenAI's field, Anthropic's and Gemini's thinking
 * budgets, Ollama's `think`); here only which level is asked for is decided.
 */

import { splitModelName } from '../../core';
import type { ModelSettings, ModelSettingsView } from '../../protocol/requestViews';
import { modelDefaultsFor } from '../chatSettings';
import type { ModelFacts } from '../modelLimits';
import type { ChatRequestParams } from './ports';

/**
 * Providers whose thinking can be switched off by asking for `reasoning_effort: 'none'` (the core
 * maps it to no thinking block, a zero thinking budget, `think: false`). OpenAI's o-series refuse
 * `none`, so for OpenAI-wire providers "off" leaves the model at its own default.
 */
const offSwitchable = new Set(['anthropic', 'gemini', 'ollama', 'mock']);

/** The settings the next request uses: the chat's choice over the defaults for `model`. */
export function effectiveModelSettings(chosen: ModelSettings | undefined, defaults: Readonly<Record<string, ModelSettings>>, model: string): ModelSettings {
  return { ...modelDefaultsFor(defaults, model), ...chosen };
}

export function modelSettingsView(chosen: ModelSettings | undefined, defaults: Readonly<Record<string, ModelSettings>>, model: string, facts: ModelFacts): ModelSettingsView {
  const view: ModelSettingsView = {
    chosen: { ...chosen },
    effective: effectiveModelSettings(chosen, defaults, model),
    reasoningSupported: facts.supportsReasoning,
  };
  if (facts.maxOutputTokens !== undefined) {
    view.maxOutputTokens = facts.maxOutputTokens;
  }
  return view;
}

/** The request parameters for `settings` on `model`; reasoning only for a model that reasons. */
export function requestParams(settings: ModelSettings, model: string, facts: ModelFacts): ChatRequestParams {
  const params: ChatRequestParams = {};
  const provider = splitModelName(model)?.provider ?? '';
  if (settings.maxTokens !== undefined) {
    params.max_tokens = facts.maxOutputTokens === undefined ? settings.maxTokens : Math.min(settings.maxTokens, facts.maxOutputTokens);
  }
  const reasoning = settings.reasoning;
  if (reasoning !== undefined && facts.supportsReasoning) {
    if (reasoning !== 'off') {
      params.reasoning_effort = reasoning;
    } else if (offSwitchable.has(provider)) {
      params.reasoning_effort = 'none';
    }
  }
  // Anthropic refuses any temperature but 1 while the model thinks: thinking wins, as it was asked for last.
  const thinking = params.reasoning_effort !== undefined && params.reasoning_effort !== 'none';
  if (settings.temperature !== undefined && !(thinking && provider === 'anthropic')) {
    params.temperature = settings.temperature;
  }
  return params;
}
