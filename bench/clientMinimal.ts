/**
 * Child-process entry: a minimal client. undici `request()`, eventsource-parser and a JSON.parse
 * per event, events handed to a callback: no normalisation, no async iteration per event. On the
 * Anthropic and Responses wires it hands out the raw events, as the official SDKs do. The SSE
 * wires only: Bedrock's binary event stream has clientMinimalBedrock.ts.
 */

import { createParser, type EventSourceMessage } from 'eventsource-parser';
import { Agent, request } from 'undici';
import { runClientChild } from './lib/harness';
import { packageLabel, rawRequest } from './lib/request';
import { wires, type WireName } from './lib/wires';

interface OpenaiChunk {
  choices: { delta: { content?: string | null } }[];
}

interface TypedEvent {
  type: string;
}

/** Whether a parsed event of the wire carries content (the first one stops the TTFT clock). */
const carriesContent: Partial<Record<WireName, (data: unknown) => boolean>> = {
  openai: (data) => typeof (data as OpenaiChunk).choices[0]?.delta.content === 'string',
  anthropic: (data) => (data as TypedEvent).type === 'content_block_delta',
  responses: (data) => (data as TypedEvent).type === 'response.output_text.delta',
};

/** The named events that end a stream ([DONE] ends OpenAI's). */
const lastEvents = new Set(['message_stop', 'response.completed']);

runClientChild('minimal', (settings) => {
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  const { url, headers, body } = rawRequest(settings.wire, settings.port, settings.chunks);
  const isContent = carriesContent[settings.wire];
  if (isContent === undefined) {
    throw new Error(`the SSE minimal client does not read the ${settings.wire} wire`);
  }
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
          if (event.event !== undefined && lastEvents.has(event.event)) {
            done = true;
          }
        },
      });
      const decoder = new TextDecoder();
      for await (const part of response.body as AsyncIterable<Buffer>) {
        parser.feed(decoder.decode(part, { stream: true }));
      }
      if (!done) {
        throw new Error('the stream ended without its last event ([DONE], message_stop or response.completed)');
      }
      return events;
    },
    close: () => agent.close(),
  };
});
