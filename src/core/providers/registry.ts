/**
 * Provider id → definition. The prefix of `provider/model` is looked up here (aliases included).
 */

import { anthropicProvider } from './anthropic/definition';
import { bedrockProvider } from './bedrock/definition';
import { geminiProvider } from './gemini/definition';
import { litellmProxyProvider } from './litellmProxy/definition';
import { mockAdapter } from './mock/adapter';
import { ollamaProvider } from './ollama/definition';
import { openAIWireProviders } from './openai/vendors';
import type { ProviderDefinition } from './types';
import { vertexProvider } from './vertex/definition';

const mockProvider: ProviderDefinition = {
  id: 'mock',
  displayName: 'Mock',
  apiKeyEnv: [],
  keyRequired: false,
  offline: true,
  chat: true,
  embeddings: true,
  adapter: mockAdapter,
};

const definitions: readonly ProviderDefinition[] = [...openAIWireProviders, anthropicProvider, geminiProvider, ollamaProvider, bedrockProvider, vertexProvider, litellmProxyProvider, mockProvider];

const byId = new Map<string, ProviderDefinition>();
for (const definition of definitions) {
  byId.set(definition.id, definition);
  for (const alias of definition.aliases ?? []) {
    byId.set(alias, definition);
  }
}

/** The provider for an id or alias (case-insensitive), or undefined. */
export function findProvider(id: string): ProviderDefinition | undefined {
  return byId.get(id.toLowerCase());
}

/** Every provider, in the order the README lists them. */
export function listProviders(): readonly ProviderDefinition[] {
  return definitions;
}
