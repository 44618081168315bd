/**
 * The catalogue's chat models of one provider, as `listModels` would report them. Shown for a
 * provider that has a key before (or instead of, when it fails) its own list answers.
 */

import { catalogueModels, type ListedModel } from '../core';

export function catalogueChatModels(provider: string): ListedModel[] {
  return catalogueModels(provider).filter((model) => model.info.mode === 'chat' || model.info.mode === 'responses');
}
