/**
 * Child-process entry: Switchboard's core, the way a caller uses it: `completion({stream: true})`
 * and a `for await` over the chunks.
 */

import { createClient } from '../src/core';
import { runClientChild } from './lib/harness';
import { baseUrl, benchKey, benchMessages, benchModel, packageLabel } from './lib/request';

runClientChild('switchboard', (settings) => {
  const client = createClient({ env: {} });
  const apiBase = baseUrl(settings.port);
  return {
    library: `switchboard src/core (${packageLabel('undici')})`,
    async stream(maxTokens, onFirstContent) {
      const stream = await client.completion({
        model: `openai/${benchModel}`,
        api_base: apiBase,
        api_key: benchKey,
        messages: benchMessages,
        stream: true,
        ...(maxTokens === undefined ? {} : { max_tokens: maxTokens }),
      });
      let chunks = 0;
      for await (const chunk of stream) {
        if (chunks++ === 0 && typeof chunk.choices[0]?.delta.content === 'string') {
          onFirstContent();
        }
      }
      return chunks;
    },
    close: () => client.close(),
  };
});
