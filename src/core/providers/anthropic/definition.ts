import type { ProviderDefinition } from '../types';
import { anthropicAdapter } from './adapter';

/** Anthropic's Messages API. The base URL is the host root, as Anthropic's docs write it. */
export const anthropicProvider: ProviderDefinition = {
  id: 'anthropic',
  displayName: 'Anthropic',
  aliases: ['claude'],
  defaultApiBase: 'https://api.anthropic.com',
  apiBaseEnv: ['ANTHROPIC_BASE_URL', 'ANTHROPIC_API_BASE'],
  apiKeyEnv: ['ANTHROPIC_API_KEY'],
  keyRequired: true,
  chat: true,
  embeddings: false,
  adapter: anthropicAdapter,
};
