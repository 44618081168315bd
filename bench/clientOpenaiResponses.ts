/**
 * Child-process entry: the official openai SDK (a devDependency), `responses.create` with
 * `stream: true` and a `for await` over the raw Responses events. It uses Node's built-in fetch.
 * Responses wire only.
 */

import OpenAI from 'openai';
import { runClientChild } from './lib/harness';
import { baseUrl, benchKey, benchModel, benchPrompt, benchSystem, packageLabel } from './lib/request';
import { wires } from './lib/wires';

runClientChild('openai-sdk', (settings) => {
  const openai = new OpenAI({ baseURL: baseUrl(settings.port), apiKey: benchKey });
  return {
    library: `${packageLabel('openai')} responses.create (Node ${process.version} fetch)`,
    expected: wires.responses.events,
    async stream(maxTokens, onFirstContent) {
      const stream = await openai.responses.create({
        model: benchModel,
        instructions: benchSystem,
        input: benchPrompt,
        stream: true,
        ...(maxTokens === undefined ? {} : { max_output_tokens: maxTokens }),
      });
      let events = 0;
      let sawContent = false;
      for await (const event of stream) {
        events++;
        if (!sawContent && event.type === 'response.output_text.delta') {
          sawContent = true;
          onFirstContent();
        }
      }
      return events;
    },
    close: async () => undefined,
  };
});
