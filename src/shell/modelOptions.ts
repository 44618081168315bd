/**
 * Model lists → the `ModelOption`s the picker and the webview show: chat models only, grouped by
 * provider (or custom endpoint), each with a short description of its context window and prices,
 * and whether it accepts images (settings override the catalogue).
 */

import { splitModelName, type ListedModel, type ModelInfo } from '../core';
import type { ModelOption } from '../protocol/messages';
import type { Localize } from './chat/localize';

/** The models of one provider or custom endpoint, in the order they are shown. */
export interface ModelGroup {
  /** Provider id or custom endpoint name: the `prefix` of `prefix/model`. */
  prefix: string;
  /** The group as people read it: "OpenAI", or the endpoint's name. */
  label: string;
  models: readonly ListedModel[];
  /** From settings: beats the catalogue. */
  supportsVision?: boolean;
  /** From settings: used when the catalogue does not know the window. */
  contextWindow?: number;
}

/**
 * Chat models (Responses-only ones too: the core sends those to the Responses API), and models of
 * unknown mode (a fine-tune, a local model): they may well chat.
 */
export function isChatModel(model: ListedModel): boolean {
  return model.info.mode === undefined || model.info.mode === 'chat' || model.info.mode === 'responses';
}

/**
 * `128k`, `1M`, `8k`, `500`. Round windows (128,000, 200,000) count in thousands; windows in
 * whole kibi-tokens (131,072, 32,768) in 1024s, as model cards write them ("128k", "32k").
 */
export function formatTokenCount(tokens: number): string {
  const binary = tokens % 1000 !== 0 && tokens % 1024 === 0;
  const thousand = binary ? 1024 : 1000;
  const million = thousand * thousand;
  if (tokens >= million) {
    return `${Number((tokens / million).toFixed(1))}M`;
  }
  if (tokens >= thousand) {
    return `${Math.round(tokens / thousand)}k`;
  }
  return String(tokens);
}

/** A price per million tokens: `$0.15`, `$2.50`, `$0.075`, `$0`. */
export function formatPricePerMillion(costPerToken: number): string {
  const perMillion = costPerToken * 1_000_000;
  if (perMillion === 0) {
    return '$0';
  }
  if (perMillion >= 0.1) {
    return `$${perMillion.toFixed(2)}`;
  }
  return `$${Number(perMillion.toPrecision(2))}`;
}

/** "128k context · $0.15 / $0.60 per 1M tokens", or what of it is known. */
export function describeModel(info: ModelInfo, contextWindow: number | undefined, localize: Localize): string | undefined {
  const parts: string[] = [];
  const window = info.max_input_tokens ?? contextWindow;
  if (window !== undefined) {
    parts.push(localize('{0} context', formatTokenCount(window)));
  }
  if (info.input_cost_per_token !== undefined && info.output_cost_per_token !== undefined) {
    parts.push(localize('{0} / {1} per 1M tokens', formatPricePerMillion(info.input_cost_per_token), formatPricePerMillion(info.output_cost_per_token)));
  }
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

function toOption(group: ModelGroup, model: ListedModel, localize: Localize): ModelOption {
  const option: ModelOption = { id: `${group.prefix}/${model.model}`, label: model.display_name ?? model.model, provider: group.label };
  const description = describeModel(model.info, group.contextWindow, localize);
  if (description !== undefined) {
    option.description = description;
  }
  const vision = group.supportsVision ?? model.info.supports_vision;
  if (vision !== undefined) {
    option.supportsVision = vision;
  }
  return option;
}

/**
 * The options in group order, chat models only, each id once; the current model is always among
 * them (first, when no list offers it), so the picker can show what the chat uses.
 */
export function toModelOptions(groups: readonly ModelGroup[], current: string, localize: Localize): ModelOption[] {
  const options: ModelOption[] = [];
  const seen = new Set<string>();
  for (const group of groups) {
    for (const model of group.models) {
      const option = toOption(group, model, localize);
      if (isChatModel(model) && !seen.has(option.id)) {
        seen.add(option.id);
        options.push(option);
      }
    }
  }
  if (current.length > 0 && !seen.has(current)) {
    const parts = splitModelName(current);
    const named = parts !== undefined && parts.provider.length > 0;
    options.unshift({ id: current, label: named ? parts.modelId : current, provider: named ? parts.provider : current });
  }
  return options;
}
