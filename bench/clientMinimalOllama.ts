/**
 * Child-process entry: a minimal client on Ollama's `/api/chat` NDJSON wire. undici `request()`,
 * a line splitter over the decoded text (the unfinished last line kept for the next read) and a
 * JSON.parse per line; lines handed to a callback, raw, as the ollama SDK hands them out. Ollama
 * wire only.
 */

import { Agent, request } from 'undici';
import { runClientChild } from './lib/harness';
import { packageLabel, rawRequest } from './lib/request';
import { wires } from './lib/wires';

interface ChatLine {
  message?: { content?: string };
  done?: boolean;
}

runClientChild('minimal', (settings) => {
  const agent = new Agent({ keepAliveTimeout: 30_000 });
  const { url, headers, body } = rawRequest('ollama', settings.port, settings.chunks);
  return {
    library: `${packageLabel('undici')} + a line splitter + JSON.parse`,
    expected: wires.ollama.events,
    async stream(maxTokens, onFirstContent) {
      const response = await request(url, { method: 'POST', headers, body: body(maxTokens), dispatcher: agent });
      if (response.statusCode !== 200) {
        throw new Error(`status ${response.statusCode}: ${await response.body.text()}`);
      }
      let lines = 0;
      let sawContent = false;
      let done = false;
      const onLine = (line: ChatLine): void => {
        lines++;
        if (!sawContent && typeof line.message?.content === 'string' && line.message.content.length > 0) {
          sawContent = true;
          onFirstContent();
        }
        if (line.done === true) {
          done = true;
        }
      };
      const decoder = new TextDecoder();
      let pending = '';
      for await (const part of response.body as AsyncIterable<Buffer>) {
        const text = pending + decoder.decode(part, { stream: true });
        let start = 0;
        for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
          if (end > start) {
            onLine(JSON.parse(text.slice(start, end)) as ChatLine);
          }
          start = end + 1;
        }
        pending = text.slice(start);
      }
      pending += decoder.decode();
      if (pending.trim().length > 0) {
        onLine(JSON.parse(pending) as ChatLine);
      }
      if (!done) {
        throw new Error('the stream ended without its last line (done: true)');
      }
      return lines;
    },
    close: () => agent.close(),
  };
});
