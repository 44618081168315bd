/**
 * The models Switchboard offers VS Code under its `switchboard` vendor: the chat's configured models
 * (providers with a key or a local server, custom endpoints), chat models only, never `mock/…` and
 * never VS Code's own (`vscode-lm/…`). Facts come from the catalogue, settings beating it, as in
 * the chat's picker. The shape is `vscode.LanguageModelChatInformation`'s, as plain data.
 */

import type { ListedModel } from '../../core';
import type { Localize } from '../chat/localize';
import { describeModel, isChatModel, type ModelGroup } from '../modelOptions';
import { fallbackContextWindow, fallbackOutputTokens } from '../modelLimits';
import { isOfferedToVsCode } from './modelIds';

export interface VendorModelInformation {
  /** Switchboard's id, `provider/model`: what the core is asked for. */
  id: string;
  name: string;
  /** The provider's model id (`gpt-4o-mini`): what callers select by family. */
  family: string;
  version: string;
  /** The group: "OpenAI", or a custom endpoint's name. */
  detail: string;
  tooltip: string;
  maxInputTokens: number;
  maxOutputTokens: number;
  capabilities: { imageInput: boolean; toolCalling: boolean };
}

function information(group: ModelGroup, model: ListedModel, localize: Localize): VendorModelInformation {
  const id = `${group.prefix}/${model.model}`;
  const { info } = model;
  const maxInputTokens = info.max_input_tokens ?? group.contextWindow ?? fallbackContextWindow;
  const description = describeModel(info, group.contextWindow, localize);
  return {
    id,
    name: model.display_name ?? model.model,
    family: model.model,
    version: model.model,
    detail: group.label,
    tooltip: description === undefined ? id : `${id} · ${description}`,
    maxInputTokens,
    maxOutputTokens: Math.min(info.max_output_tokens ?? info.max_tokens ?? fallbackOutputTokens, maxInputTokens),
    capabilities: {
      imageInput: group.supportsVision ?? info.supports_vision ?? false,
      // The catalogue's silence about a model it knows means no tools; a model it does not know
      // (a local or self-hosted one) may well call them: the server will say if not.
      toolCalling: info.supports_function_calling ?? !info.known,
    },
  };
}

/** The models to offer, in the chat picker's order, each id once. */
export function vendorModels(groups: readonly ModelGroup[], localize: Localize): VendorModelInformation[] {
  const offered: VendorModelInformation[] = [];
  const seen = new Set<string>();
  for (const group of groups) {
    for (const model of group.models) {
      const entry = information(group, model, localize);
      if (isChatModel(model) && isOfferedToVsCode(entry.id) && !seen.has(entry.id)) {
        seen.add(entry.id);
        offered.push(entry);
      }
    }
  }
  return offered;
}
