/**
 * Child-process entry: the limit. undici's `request()` (the undici the core uses) reads the body
 * and throws the bytes away, so this is what any client on this HTTP stack pays before parsing.
 * Completeness is checked by byte count against the server's `x-bench-bytes`.
 */

import { Agent, request } from 'undici';
import { runClientChild } from './lib/harness';
import { expectedChunks } from './lib/protocol';
import { baseUrl, packageLabel, requestBody, requestHeaders } from './lib/request';

runClientChild('limit', (settings) => {
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  const url = `${baseUrl(settings.port)}/chat/completions`;
  return {
    library: `${packageLabel('undici')} request(), bytes discarded`,
    async stream(maxTokens, onFirstContent) {
      const response = await request(url, { method: 'POST', headers: requestHeaders, body: requestBody(maxTokens), dispatcher: agent });
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
      const expected = Number(response.headers['x-bench-bytes']);
      if (bytes !== expected) {
        throw new Error(`read ${bytes} bytes, the server sent ${expected}`);
      }
      return expectedChunks(maxTokens ?? settings.chunks);
    },
    close: () => agent.close(),
  };
});
