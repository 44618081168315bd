/**
 * Child-process entry: the official openai SDK (a devDependency), `chat.completions.create` with
 * `stream: true` and a `for await` over the chunks. It uses Node's built-in fetch. OpenAI wire only.
 */

import OpenAI from 'openai';
import { runClientChild } from './lib/harness';
import { baseUrl, benchKey, benchMessages, benchModel, packageLabel } from './lib/request';
import { wires } from './lib/wires';

runClientChild('openai', (settings) => {
  const openai = new OpenAI({ baseURL: baseUrl(settings.port), apiKey: benchKey });
  return {
    library: `${packageLabel('openai')} (Node ${process.version} fetch)`,
    expected: wires.openai.chunks,
    async stream(maxTokens, onFirstContent) {
      const stream = await openai.chat.completions.create({
        model: benchModel,
        messages: benchMessages,
        stream: true,
        stream_options: { include_usage: true },
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
    close: async () => undefined,
  };
});
