/**
 * The loopback server the clients read from: POST …/chat/completions answers with an OpenAI SSE
 * stream rendered once up front, so serving costs a few large socket writes and the server never
 * sets the pace. `max_tokens` (or `max_completion_tokens`) in the request asks for a short answer,
 * which the TTFT measurement uses; without it the answer is the long one.
 */

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const id = 'chatcmpl-B9MHDbslfkBeAs8l4bebGdFOJ6PeG';
const created = 1_741_569_952;
const model = 'gpt-4o-mini-2024-07-18';
// A spread of token shapes: leading spaces, punctuation, a newline, non-ASCII text.
const words = [' The', ' quick', ' brown', ' fox', ' jumps', ' over', ' the', ' lazy', ' dog', '.', '\n\n', ' Café', ' naïve', ' —', ' déjà', ' vu', ',', ' and', ' then', ' some'];
/** Bytes per socket write: large enough to be cheap, small enough to look like a network. */
const writeSize = 32 * 1024;

function event(payload: unknown): string {
  return `data: ${JSON.stringify(payload)}\n\n`;
}

/** The whole SSE body of an answer with `contentChunks` content chunks. */
export function renderAnswer(contentChunks: number): Buffer {
  const parts: string[] = [];
  const base = { id, object: 'chat.completion.chunk', created, model };
  for (let index = 0; index < contentChunks; index++) {
    const content = words[index % words.length] as string;
    parts.push(event({ ...base, choices: [{ index: 0, delta: { content }, finish_reason: null }] }));
  }
  parts.push(event({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] }));
  const usage = { prompt_tokens: 12, completion_tokens: contentChunks, total_tokens: 12 + contentChunks };
  parts.push(event({ ...base, choices: [], usage }));
  parts.push('data: [DONE]\n\n');
  return Buffer.from(parts.join(''), 'utf8');
}

function requestedChunks(body: string, fallback: number): number {
  try {
    const parsed = JSON.parse(body) as { max_tokens?: unknown; max_completion_tokens?: unknown };
    const limit = parsed.max_tokens ?? parsed.max_completion_tokens;
    return typeof limit === 'number' && Number.isInteger(limit) && limit > 0 ? limit : fallback;
  } catch {
    return fallback;
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of request as AsyncIterable<Buffer>) {
    parts.push(part);
  }
  return Buffer.concat(parts).toString('utf8');
}

/** Resolves when the socket takes more, or the client went away. */
function drained(response: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      response.off('drain', done);
      response.off('close', done);
      resolve();
    };
    response.on('drain', done);
    response.on('close', done);
  });
}

async function writeAll(response: ServerResponse, bytes: Buffer): Promise<void> {
  for (let offset = 0; offset < bytes.length && !response.destroyed; offset += writeSize) {
    if (!response.write(bytes.subarray(offset, offset + writeSize))) {
      await drained(response);
    }
  }
  response.end();
}

/** Starts the server on 127.0.0.1 (an ephemeral port); resolves with it and its port. */
export async function startStreamServer(defaultChunks: number): Promise<{ server: Server; port: number; bytes: number }> {
  const rendered = new Map<number, Buffer>();
  const answer = (chunks: number): Buffer => {
    let bytes = rendered.get(chunks);
    if (bytes === undefined) {
      bytes = renderAnswer(chunks);
      rendered.set(chunks, bytes);
    }
    return bytes;
  };
  const bytes = answer(defaultChunks).length;

  const server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      if (request.method !== 'POST' || !(request.url ?? '').endsWith('/chat/completions')) {
        response.writeHead(404, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { message: `No route for ${request.method} ${request.url}`, type: 'invalid_request_error' } }));
        return;
      }
      const bytes = answer(requestedChunks(body, defaultChunks));
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        'x-request-id': 'req_bench',
        // Lets the byte-reading limit client check it read everything without parsing.
        'x-bench-bytes': String(bytes.length),
      });
      await writeAll(response, bytes);
    })().catch((error: unknown) => {
      response.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, bytes };
}
