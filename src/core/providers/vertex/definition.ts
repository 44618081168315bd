import type { ProviderDefinition } from '../types';
import { vertexAdapter } from './adapter';
import { credentialsEnv, projectEnv, vertexGlobalHost, vertexLocation, vertexVersionedBase } from './location';

/**
 * Google Vertex AI (`vertex_ai/gemini-2.5-flash`, `vertex_ai/claude-sonnet-4@20250514`). The base
 * is the host root; the default becomes the location's own host. No key is required: Google
 * Cloud credentials sign the calls, and an API key (express mode) is optional.
 */
export const vertexProvider: ProviderDefinition = {
  id: 'vertex_ai',
  displayName: 'Vertex AI',
  aliases: ['vertex', 'vertex_ai_beta'],
  defaultApiBase: vertexGlobalHost,
  apiBaseEnv: ['VERTEXAI_API_BASE', 'VERTEX_API_BASE'],
  apiKeyEnv: [],
  keyRequired: false,
  ambientCredentials: true,
  credentialsEnv: [...credentialsEnv, ...projectEnv],
  chat: true,
  embeddings: true,
  adapter: vertexAdapter,
  // The location's own host (`us-central1-aiplatform.googleapis.com/v1`), as the request went.
  callApiBase: (params, call) => vertexVersionedBase(call.provider.apiBase, vertexLocation(params, call.network?.env ?? process.env)),
};
