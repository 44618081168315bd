// Placeholder replaced by the anthropic adapter work in progress.
import type { ProviderAdapter } from '../types';

function pending(): never {
  throw new Error('anthropic: adapter not written yet');
}

export const anthropicAdapter: ProviderAdapter = { completion: pending, stream: pending, embedding: pending };
