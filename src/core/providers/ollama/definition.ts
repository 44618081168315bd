import type { ProviderDefinition } from '../types';
import { ollamaAdapter } from './adapter';
import { ollamaBaseUrl } from './baseUrl';

/** Ollama's native API on the local machine (or wherever OLLAMA_HOST points). */
export const ollamaProvider: ProviderDefinition = {
  id: 'ollama',
  displayName: 'Ollama',
  aliases: ['ollama_chat'],
  defaultApiBase: 'http://localhost:11434',
  apiBaseEnv: ['OLLAMA_API_BASE', 'OLLAMA_HOST'],
  apiKeyEnv: ['OLLAMA_API_KEY'],
  keyRequired: false,
  normalizeApiBase: ollamaBaseUrl,
  chat: true,
  embeddings: true,
  adapter: ollamaAdapter,
};
