/**
 * Child-process entry: the limit. undici's `request()` (the undici the core uses) reads the body
 * and throws the bytes away, so this is what any client on this HTTP stack pays before parsing.
 * Completeness is checked by byte count against the server's `x-bench-bytes`. Either wire.
 */

import { Agent, request } from 'undici';
import { runClientChild } from './lib/harness';
import { packageLabel, rawRequest } from './lib/request';
import { wires } from './lib/wires';

runClientChild('limit', (settings) => {
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  const { url, headers, body } = rawRequest(settings.wire, settings.port, settings.chunks);
  const expected = wires[settings.wire].events;
  return {
    library: `${packageLabel('undici')} request(), bytes discarded`,
    expected,
    async stream(maxTokens, onFirstContent) {
      const response = await request(url, { method: 'POST', headers, body: body(maxTokens), dispatcher: agent });
      if (response.statusCode !== 200) {
        throw new Error(`status ${response.statusCode}: ${await response.body.text()}`);
      }
      let bytes = 0;
      let first = true;
      for await (const part of response.body as AsyncIterable<Buffer>) {
        if (first) {
          first = false;
          onFirstContent();
        }
        bytes += part.length;
      }
      const sent = Number(response.headers['x-bench-bytes']);
      if (bytes !== sent) {
        throw new Error(`read ${bytes} bytes, the server sent ${sent}`);
      }
      // Every byte arrived, so every event did.
      return expected(maxTokens ?? settings.chunks);
    },
    close: () => agent.close(),
  };
});
