import type { ProviderDefinition } from '../types';
import { geminiAdapter } from './adapter';

/** Google AI Studio's Gemini API (`v1beta`). The base URL is the host root. */
export const geminiProvider: ProviderDefinition = {
  id: 'gemini',
  displayName: 'Gemini',
  aliases: ['google', 'google_ai_studio'],
  defaultApiBase: 'https://generativelanguage.googleapis.com',
  apiBaseEnv: ['GEMINI_API_BASE', 'GOOGLE_GEMINI_BASE_URL'],
  apiKeyEnv: ['GEMINI_API_KEY', 'GOOGLE_API_KEY'],
  keyRequired: true,
  chat: true,
  embeddings: true,
  adapter: geminiAdapter,
};
