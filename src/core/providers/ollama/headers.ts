import { userAgent } from '../exchange';
import type { ResolvedProvider } from '../types';


/**
 * Request headers. A local Ollama needs no key; one behind a proxy or ollama.com takes a Bearer
 * token, so a configured key is sent that way.
 */
export function ollamaHeaders(provider: ResolvedProvider, stream: boolean): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: stream ? 'application/x-ndjson' : 'application/json',
    // Compressing proxies hold small stream lines back; ask for compression only for whole bodies.
    'accept-encoding': stream ? 'identity' : 'gzip, deflate, br',
    'user-agent': userAgent,
  };
  if (provider.apiKey !== undefined && provider.apiKey.length > 0) {
    headers['authorization'] = `Bearer ${provider.apiKey}`;
  }
  return { ...headers, ...provider.headers };
}
