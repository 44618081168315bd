/**
 * Child-process entry: a minimal client on Bedrock's ConverseStream wire. undici `request()`, the
 * messages cut out of the body by their length prelude, each decoded by the official
 * @smithy/eventstream-codec (which checks both CRCs) and its payload JSON.parsed; events handed to
 * a callback, raw, as the AWS SDK hands them out. Unsigned: the bench server checks no signature,
 * and signing is a per-request cost, not a per-chunk one. Bedrock wire only.
 */

import { EventStreamCodec } from '@smithy/eventstream-codec';
import { Agent, request } from 'undici';
import { runClientChild } from './lib/harness';
import { packageLabel, rawRequest } from './lib/request';
import { wires } from './lib/wires';

const textDecoder = new TextDecoder();
const textEncoder = new TextEncoder();
const codec = new EventStreamCodec(
  (bytes: Uint8Array) => textDecoder.decode(bytes),
  (text) => textEncoder.encode(text),
);

runClientChild('minimal', (settings) => {
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  const { url, headers, body } = rawRequest('bedrock', settings.port, settings.chunks);
  return {
    library: `${packageLabel('undici')} + ${packageLabel('@smithy/eventstream-codec')} + JSON.parse`,
    expected: wires.bedrock.events,
    async stream(maxTokens, onFirstContent) {
      const response = await request(url, { method: 'POST', headers, body: body(maxTokens), dispatcher: agent });
      if (response.statusCode !== 200) {
        throw new Error(`status ${response.statusCode}: ${await response.body.text()}`);
      }
      let events = 0;
      let sawContent = false;
      let done = false;
      const onEvent = (type: string, payload: unknown): void => {
        events++;
        if (!sawContent && type === 'contentBlockDelta' && payload !== null) {
          sawContent = true;
          onFirstContent();
        }
        if (type === 'metadata') {
          done = true;
        }
      };
      let pending: Buffer = Buffer.alloc(0);
      for await (const part of response.body as AsyncIterable<Buffer>) {
        pending = pending.length === 0 ? part : Buffer.concat([pending, part]);
        let offset = 0;
        // Each message starts with its total length (big-endian uint32, the prelude included).
        while (pending.length - offset >= 4) {
          const length = pending.readUInt32BE(offset);
          if (pending.length - offset < length) {
            break;
          }
          const message = codec.decode(pending.subarray(offset, offset + length));
          offset += length;
          const type = message.headers[':event-type']?.value;
          if (message.headers[':message-type']?.value !== 'event' || typeof type !== 'string') {
            throw new Error(`not an event: ${textDecoder.decode(message.body)}`);
          }
          onEvent(type, JSON.parse(textDecoder.decode(message.body)) as unknown);
        }
        pending = pending.subarray(offset);
      }
      if (!done || pending.length > 0) {
        throw new Error('the stream ended without its last event (metadata) or mid-message');
      }
      return events;
    },
    close: () => agent.close(),
  };
});
