/**
 * Child-process entry: a minimal client. undici `request()`, eventsource-parser and a JSON.parse
 * per event, events handed to a callback: no normalisation, no async iteration per event. On the
 * Anthropic wire it hands out Anthropic's raw events, as the official SDK does.
 */

import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { Agent, request } from 'undici';
import { runClientChild } from './lib/harness';
import { packageLabel, rawRequest } from './lib/request';
import { wires } from './lib/wires';

interface OpenaiChunk {
  choices: { delta: { content?: string | null } }[];
}

interface AnthropicEvent {
  type: string;
}

/** Whether a parsed event of the wire carries content (the first one stops the TTFT clock). */
const carriesContent = {
  openai: (data: unknown) => typeof (data as OpenaiChunk).choices[0]?.delta.content === 'string',
  anthropic: (data: unknown) => (data as AnthropicEvent).type === 'content_block_delta',
};

runClientChild('minimal', (settings) => {
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  const { url, headers, body } = rawRequest(settings.wire, settings.port, settings.chunks);
  const isContent = carriesContent[settings.wire];
  return {
    library: `${packageLabel('undici')} + ${packageLabel('eventsource-parser')} + JSON.parse`,
    expected: wires[settings.wire].events,
    async stream(maxTokens, onFirstContent) {
      const response = await request(url, { method: 'POST', headers, body: body(maxTokens), dispatcher: agent });
      if (response.statusCode !== 200) {
        throw new Error(`status ${response.statusCode}: ${await response.body.text()}`);
      }
      let events = 0;
      let sawContent = false;
      let done = false;
      const parser = createParser({
        onEvent(event: EventSourceMessage) {
          if (event.data === '[DONE]') {
            done = true;
            return;
          }
          const data = JSON.parse(event.data) as unknown;
          events++;
          if (!sawContent && isContent(data)) {
            sawContent = true;
            onFirstContent();
          }
          if (event.event === 'message_stop') {
            done = true;
          }
        },
      });
      const decoder = new TextDecoder();
      for await (const part of response.body as AsyncIterable<Buffer>) {
        parser.feed(decoder.decode(part, { stream: true }));
      }
      if (!done) {
        throw new Error('the stream ended without its last event ([DONE] or message_stop)');
      }
      return events;
    },
    close: () => agent.close(),
  };
});
