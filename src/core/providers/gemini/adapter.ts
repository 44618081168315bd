// Placeholder replaced by the gemini adapter work in progress.
import type { ProviderAdapter } from '../types';

function pending(): never {
  throw new Error('gemini: adapter not written yet');
}

export const geminiAdapter: ProviderAdapter = { completion: pending, stream: pending, embedding: pending };
