/**
 * Child-process entry: Switchboard's core, the way a caller uses it: `completion({stream: true})`
 * and a `for await` over the OpenAI chunks. On the Anthropic wire (`anthropic/…`) the core
 * translates every event of Anthropic's stream to an OpenAI chunk.
 */

import { createClient } from '../src/core';
import { runClientChild } from './lib/harness';
import { anthropicBaseUrl, anthropicMaxTokens, baseUrl, benchAnthropicModel, benchKey, benchMessages, benchModel, packageLabel } from './lib/request';
import { wires } from './lib/wires';

runClientChild('switchboard', (settings) => {
  const client = createClient({ env: {} });
  const anthropic = settings.wire === 'anthropic';
  const model = anthropic ? `anthropic/${benchAnthropicModel}` : `openai/${benchModel}`;
  const apiBase = anthropic ? anthropicBaseUrl(settings.port) : baseUrl(settings.port);
  // Anthropic requires max_tokens; on the OpenAI wire its absence asks for the long answer.
  const maxTokensFor = (maxTokens: number | undefined): number | undefined => (anthropic ? anthropicMaxTokens(maxTokens, settings.chunks) : maxTokens);
  return {
    library: `switchboard src/core (${packageLabel('undici')})`,
    expected: wires[settings.wire].chunks,
    async stream(maxTokens, onFirstContent) {
      const max = maxTokensFor(maxTokens);
      const stream = await client.completion({
        model,
        api_base: apiBase,
        api_key: benchKey,
        messages: benchMessages,
        stream: true,
        ...(max === undefined ? {} : { max_tokens: max }),
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
