/**
 * Child-process entry: the official @anthropic-ai/sdk (a devDependency), `messages.create` with
 * `stream: true` and a `for await` over the raw events (no translation). It uses Node's built-in
 * fetch. Anthropic wire only.
 */

import Anthropic from '@anthropic-ai/sdk';
import { runClientChild } from './lib/harness';
import { anthropicBaseUrl, anthropicMaxTokens, benchAnthropicModel, benchKey, benchPrompt, benchSystem, packageLabel } from './lib/request';
import { wires } from './lib/wires';

runClientChild('anthropic-sdk', (settings) => {
  const anthropic = new Anthropic({ baseURL: anthropicBaseUrl(settings.port), apiKey: benchKey });
  return {
    library: `${packageLabel('@anthropic-ai/sdk')} (Node ${process.version} fetch)`,
    expected: wires.anthropic.events,
    async stream(maxTokens, onFirstContent) {
      const stream = await anthropic.messages.create({
        model: benchAnthropicModel,
        max_tokens: anthropicMaxTokens(maxTokens, settings.chunks),
        system: benchSystem,
        messages: [{ role: 'user', content: benchPrompt }],
        stream: true,
      });
      let events = 0;
      let sawContent = false;
      for await (const event of stream) {
        events++;
        if (!sawContent && event.type === 'content_block_delta') {
          sawContent = true;
          onFirstContent();
        }
      }
      return events;
    },
    close: async () => undefined,
  };
});
