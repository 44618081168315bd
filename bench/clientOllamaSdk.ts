/**
 * Child-process entry: the official ollama SDK (ollama-js, a devDependency), `chat` with
 * `stream: true` and a `for await` over the raw NDJSON lines (no translation). It uses Node's
 * built-in fetch. Ollama wire only.
 */

import { Ollama } from 'ollama';
import { runClientChild } from './lib/harness';
import { benchMessages, benchOllamaModel, ollamaHost, packageLabel } from './lib/request';
import { wires } from './lib/wires';

runClientChild('ollama-sdk', (settings) => {
  const ollama = new Ollama({ host: ollamaHost(settings.port) });
  return {
    library: `${packageLabel('ollama')} (Node ${process.version} fetch)`,
    expected: wires.ollama.events,
    async stream(maxTokens, onFirstContent) {
      const stream = await ollama.chat({
        model: benchOllamaModel,
        messages: benchMessages,
        stream: true,
        ...(maxTokens === undefined ? {} : { options: { num_predict: maxTokens } }),
      });
      let lines = 0;
      let sawContent = false;
      for await (const line of stream) {
        lines++;
        if (!sawContent && line.message.content.length > 0) {
          sawContent = true;
          onFirstContent();
        }
      }
      return lines;
    },
    close: async () => undefined,
  };
});
