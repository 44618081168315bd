/**
 * Child-process entry: a minimal client. undici `request()`, eventsource-parser and a JSON.parse
 * per event, events handed to a callback: no normalisation, no async iteration per event. On the
 * Anthropic, Responses and Gemini wires it hands out the raw events, as the official SDKs do. The
 * SSE wires only: Bedrock's binary event stream has clientMinimalBedrock.ts, Ollama's NDJSON
 * clientMinimalOllama.ts.
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

interface GeminiChunk {
  candidates?: { content?: { parts?: { text?: string }[] }; finishReason?: string }[];
}

/** How the minimal client reads one SSE wire's parsed events. */
interface SseWireReading {
  /** Whether the event carries content (the first one stops the TTFT clock). */
  carriesContent: (data: unknown) => boolean;
  /** Whether the event is the stream's last ([DONE] ends OpenAI's). */
  isLast: (data: unknown) => boolean;
}

const never = (): boolean => false;

const readings: Partial<Record<WireName, SseWireReading>> = {
  openai: { carriesContent: (data) => typeof (data as OpenaiChunk).choices[0]?.delta.content === 'string', isLast: never },
  anthropic: { carriesContent: (data) => (data as TypedEvent).type === 'content_block_delta', isLast: (data) => (data as TypedEvent).type === 'message_stop' },
  responses: {
    carriesContent: (data) => (data as TypedEvent).type === 'response.output_text.delta',
    isLast: (data) => (data as TypedEvent).type === 'response.completed',
  },
  // Gemini sends no closing event: the response with a finishReason is the last.
  gemini: {
    carriesContent: (data) => typeof (data as GeminiChunk).candidates?.[0]?.content?.parts?.[0]?.text === 'string',
    isLast: (data) => typeof (data as GeminiChunk).candidates?.[0]?.finishReason === 'string',
  },
};

runClientChild('minimal', (settings) => {
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  const { url, headers, body } = rawRequest(settings.wire, settings.port, settings.chunks);
  const reading = readings[settings.wire];
  if (reading === undefined) {
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
          if (!sawContent && reading.carriesContent(data)) {
            sawContent = true;
            onFirstContent();
          }
          if (reading.isLast(data)) {
            done = true;
          }
        },
      });
      const decoder = new TextDecoder();
      for await (const part of response.body as AsyncIterable<Buffer>) {
        parser.feed(decoder.decode(part, { stream: true }));
      }
      if (!done) {
        throw new Error('the stream ended without its last event ([DONE], message_stop, response.completed or a finishReason)');
      }
      return events;
    },
    close: () => agent.close(),
  };
});
