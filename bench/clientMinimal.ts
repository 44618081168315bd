/**
 * Child-process entry: a minimal client. undici `request()`, eventsource-parser and a JSON.parse
 * per event, chunks handed to a callback: no normalisation, no async iteration per chunk.
 */

import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { Agent, request } from 'undici';
import { runClientChild } from './lib/harness';
import { baseUrl, packageLabel, requestBody, requestHeaders } from './lib/request';

interface WireChunk {
  choices: { delta: { content?: string | null } }[];
}

runClientChild('minimal', (settings) => {
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  const url = `${baseUrl(settings.port)}/chat/completions`;
  return {
    library: `${packageLabel('undici')} + ${packageLabel('eventsource-parser')} + JSON.parse`,
    async stream(maxTokens, onFirstContent) {
      const response = await request(url, { method: 'POST', headers: requestHeaders, body: requestBody(maxTokens), dispatcher: agent });
      if (response.statusCode !== 200) {
        throw new Error(`status ${response.statusCode}: ${await response.body.text()}`);
      }
      let chunks = 0;
      let done = false;
      const parser = createParser({
        onEvent(event: EventSourceMessage) {
          if (event.data === '[DONE]') {
            done = true;
            return;
          }
          const chunk = JSON.parse(event.data) as WireChunk;
          if (chunks++ === 0 && typeof chunk.choices[0]?.delta.content === 'string') {
            onFirstContent();
          }
        },
      });
      const decoder = new TextDecoder();
      for await (const part of response.body as AsyncIterable<Buffer>) {
        parser.feed(decoder.decode(part, { stream: true }));
      }
      if (!done) {
        throw new Error('the stream ended without [DONE]');
      }
      return chunks;
    },
    close: () => agent.close(),
  };
});
