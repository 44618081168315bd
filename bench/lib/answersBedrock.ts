/**
 * The bench server's answer on Bedrock's ConverseStream wire, shaped like the recorded
 * test/fixtures/bedrock/converse_stream_text: messageStart, one contentBlockDelta per content
 * chunk, contentBlockStop, messageStop (end_turn), metadata (usage, latency). Each event is a
 * binary `application/vnd.amazon.eventstream` message framed by the official
 * @smithy/eventstream-codec, its payload the event's JSON, as Bedrock sends them.
 */

import { EventStreamCodec } from '@smithy/eventstream-codec';
import { promptTokens, word } from './words';

const encoder = new TextEncoder();
const codec = new EventStreamCodec(
  (bytes: Uint8Array) => new TextDecoder().decode(bytes),
  (text) => encoder.encode(text),
);

function eventMessage(eventType: string, payload: unknown): Uint8Array {
  return codec.encode({
    headers: {
      ':message-type': { type: 'string', value: 'event' },
      ':event-type': { type: 'string', value: eventType },
      ':content-type': { type: 'string', value: 'application/json' },
    },
    body: encoder.encode(JSON.stringify(payload)),
  });
}

export function renderBedrockAnswer(contentChunks: number): Buffer {
  const messages: Uint8Array[] = [eventMessage('messageStart', { role: 'assistant' })];
  for (let index = 0; index < contentChunks; index++) {
    messages.push(eventMessage('contentBlockDelta', { contentBlockIndex: 0, delta: { text: word(index) } }));
  }
  messages.push(eventMessage('contentBlockStop', { contentBlockIndex: 0 }));
  messages.push(eventMessage('messageStop', { stopReason: 'end_turn' }));
  const usage = { inputTokens: promptTokens, outputTokens: contentChunks, totalTokens: promptTokens + contentChunks };
  messages.push(eventMessage('metadata', { usage, metrics: { latencyMs: 2040 } }));
  return Buffer.concat(messages);
}
