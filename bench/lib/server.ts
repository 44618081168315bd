/**
 * The loopback server the clients read from: POST /v1/chat/completions answers with an OpenAI SSE
 * stream, POST /v1/messages with an Anthropic one, POST /v1/responses with an OpenAI Responses one,
 * POST /model/{id}/converse-stream with Bedrock's binary event stream, POST
 * /v1beta/models/{id}:streamGenerateContent with Gemini's SSE, POST /api/chat with Ollama's NDJSON
 * (and POST /api/show with the model's facts), each rendered once up front, so serving costs a few
 * large socket writes and the server never sets the pace. The request's token limit (`max_tokens`,
 * `max_completion_tokens`, `max_output_tokens`, Bedrock's `inferenceConfig.maxTokens`, Gemini's
 * `generationConfig.maxOutputTokens` or Ollama's `options.num_predict`) is the answer's length in
 * content chunks: the TTFT measurement asks for a short answer; without it the answer is the long
 * one. Signatures and keys are not checked.
 */

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { drained } from '../../test/helpers/drained';
import { renderAnswer } from './answers';
import { ollamaShowAnswer } from './answersOllama';
import { wireNames, wires, type WireName } from './wires';

/** Bytes per socket write: large enough to be cheap, small enough to look like a network. */
const writeSize = 32 * 1024;

function requestedChunks(body: string, fallback: number): number {
  try {
    const parsed = JSON.parse(body) as {
      max_tokens?: unknown;
      max_completion_tokens?: unknown;
      max_output_tokens?: unknown;
      inferenceConfig?: { maxTokens?: unknown };
      generationConfig?: { maxOutputTokens?: unknown };
      options?: { num_predict?: unknown };
    };
    const limit =
      parsed.max_tokens ?? parsed.max_completion_tokens ?? parsed.max_output_tokens ?? parsed.inferenceConfig?.maxTokens ?? parsed.generationConfig?.maxOutputTokens ?? parsed.options?.num_predict;
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

async function writeAll(response: ServerResponse, bytes: Buffer): Promise<void> {
  for (let offset = 0; offset < bytes.length && !response.destroyed; offset += writeSize) {
    if (!response.write(bytes.subarray(offset, offset + writeSize))) {
      await drained(response);
    }
  }
  response.end();
}

const sseHeaders = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' };

/** Each wire's answer headers, its request id (where the provider sends one) under the provider's own name. */
const answerHeaders: Record<WireName, Record<string, string>> = {
  openai: { ...sseHeaders, 'x-request-id': 'req_bench' },
  responses: { ...sseHeaders, 'x-request-id': 'req_bench' },
  anthropic: { ...sseHeaders, 'request-id': 'req_bench' },
  bedrock: { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': 'req-bench' },
  gemini: { 'content-type': 'text/event-stream' },
  ollama: { 'content-type': 'application/x-ndjson' },
};

function pathOf(request: IncomingMessage): string {
  return (request.url ?? '').split('?', 1)[0] ?? '';
}

function routeOf(request: IncomingMessage): WireName | undefined {
  const path = pathOf(request);
  return request.method === 'POST' ? wireNames.find((wire) => path.endsWith(wires[wire].path)) : undefined;
}

/** Starts the server on 127.0.0.1 (an ephemeral port); resolves with it, its port and the long answers' sizes. */
export async function startStreamServer(defaultChunks: number): Promise<{ server: Server; port: number; bytes: Record<WireName, number> }> {
  const rendered = new Map<string, Buffer>();
  const answer = (wire: WireName, chunks: number): Buffer => {
    const key = `${wire} ${chunks}`;
    let bytes = rendered.get(key);
    if (bytes === undefined) {
      bytes = renderAnswer(wire, chunks);
      rendered.set(key, bytes);
    }
    return bytes;
  };
  const bytes = Object.fromEntries(wireNames.map((wire) => [wire, answer(wire, defaultChunks).length])) as Record<WireName, number>;

  const server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      const wire = routeOf(request);
      if (wire === undefined && request.method === 'POST' && pathOf(request) === '/api/show') {
        response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        response.end(ollamaShowAnswer);
        return;
      }
      if (wire === undefined) {
        response.writeHead(404, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: { message: `No route for ${request.method} ${request.url}`, type: 'invalid_request_error' } }));
        return;
      }
      const bytes = answer(wire, requestedChunks(body, defaultChunks));
      response.writeHead(200, {
        ...answerHeaders[wire],
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
