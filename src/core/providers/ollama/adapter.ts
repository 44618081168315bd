// Placeholder replaced by the ollama adapter work in progress.
import type { ProviderAdapter } from '../types';

function pending(): never {
  throw new Error('ollama: adapter not written yet');
}

export const ollamaAdapter: ProviderAdapter = { completion: pending, stream: pending, embedding: pending };
