/**
 * A loopback OpenAI-compatible server for the end-to-end tests, run in the test process: it answers
 * `GET /v1/models`, and `POST /v1/chat/completions` and `POST /v1/embeddings` with scripted
 * answers — streams one SSE event at a time, slowly enough for a person (or the test) to watch, or
 * recorded JSON bodies. It records every request, its `Authorization` header, and whether the
 * client hung up before a streamed answer ended (Stop, a cancelled call).
 */

import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** An answer: the `data:` payloads of its SSE events, in order, one every `intervalMs`. */
export interface ScriptedAnswer {
  events: string[];
  intervalMs: number;
}

/** A whole JSON body at once (a non-streamed completion, embeddings, an error), as recorded. */
export interface JsonAnswer {
  status: number;
  json: string;
}

export type Answer = ScriptedAnswer | JsonAnswer;

/** The routes whose answers a test scripts (`GET /v1/models` lists one model unless a test answers it). */
export type AnsweredPath = '/v1/chat/completions' | '/v1/embeddings' | '/v1/models';

export interface SeenRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  /** The request target as received, query included. */
  url: string;
  /** Every header as received (Authorization included). */
  headers: IncomingHttpHeaders;
  /** The body as received, before parsing. */
  rawBody: string;
  body: unknown;
  /** For a streamed answer: still going, every event written, or the client hung up first (Stop). */
  outcome?: 'streaming' | 'completed' | 'client-left';
  /** For a streamed answer: how many events were written before it ended or the client left. */
  eventsWritten?: number;
}

export interface OpenAiServer {
  /** The base URL as OpenAI's docs write it, `http://127.0.0.1:<port>/v1`. */
  baseUrl: string;
  requests: SeenRequest[];
  /** The `POST /v1/chat/completions` requests, in order. */
  chatRequests(): SeenRequest[];
  /** The `POST` requests to `path`, in order. */
  postsTo(path: AnsweredPath): SeenRequest[];
  /** The next chat completion request gets this answer (before any `answerWith` choice). */
  enqueue(answer: Answer): void;
  /**
   * Answers the requests to `path` (chat completions once the queue is empty) with what `choose`
   * picks from the parsed request body; `undefined` is a 500 the client sees as a server error
   * (for `/v1/models`: the usual one-model list).
   */
  answerWith(path: AnsweredPath, choose: (body: unknown) => Answer | undefined): void;
  close(): Promise<void>;
}

/** The model list the chat's model picker may ask for once a key is set. */
const modelList = {
  object: 'list',
  data: [{ id: 'gpt-4o-mini', object: 'model', created: 1721172741, owned_by: 'system' }],
};

/** The `data:` payloads of a recorded SSE body, in order (`[DONE]` included). */
export function sseEvents(body: string): string[] {
  return body
    .split(/\r?\n\r?\n/)
    .map((event) =>
      event
        .split(/\r?\n/)
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice('data:'.length).trimStart())
        .join('\n'),
    )
    .filter((data) => data.length > 0);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    request.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

function isStream(answer: Answer): answer is ScriptedAnswer {
  return 'events' in answer;
}

async function stream(response: ServerResponse, answer: ScriptedAnswer, seen: SeenRequest): Promise<void> {
  let clientLeft = false;
  response.on('close', () => {
    clientLeft = !response.writableFinished;
  });
  response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  response.flushHeaders();
  seen.outcome = 'streaming';
  seen.eventsWritten = 0;
  for (const data of answer.events) {
    if (clientLeft) {
      seen.outcome = 'client-left';
      return;
    }
    response.write(`data: ${data}\n\n`);
    seen.eventsWritten++;
    await new Promise((resolve) => setTimeout(resolve, answer.intervalMs));
  }
  if (clientLeft) {
    seen.outcome = 'client-left';
    return;
  }
  seen.outcome = 'completed';
  response.end();
}

export async function startOpenAiServer(): Promise<OpenAiServer> {
  const queue: Answer[] = [];
  const choosers = new Map<AnsweredPath, (body: unknown) => Answer | undefined>();
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();

  const server = createServer((request, response) => {
    void (async () => {
      const body = await readBody(request);
      const path = (request.url ?? '').split('?')[0] ?? '';
      const seen: SeenRequest = { method: request.method ?? '', path, authorization: request.headers.authorization, url: request.url ?? '', headers: request.headers, rawBody: body, body: parseJson(body) };
      requests.push(seen);
      if (request.method === 'GET' && path === '/v1/models') {
        const answer = choosers.get(path)?.(undefined);
        if (answer === undefined || isStream(answer)) {
          sendJson(response, 200, modelList);
        } else {
          response.writeHead(answer.status, { 'content-type': 'application/json' });
          response.end(answer.json);
        }
        return;
      }
      if (request.method === 'POST' && (path === '/v1/chat/completions' || path === '/v1/embeddings')) {
        const queued = path === '/v1/chat/completions' ? queue.shift() : undefined;
        const answer = queued ?? choosers.get(path)?.(seen.body);
        if (answer === undefined) {
          // Visible to the client as an error, and in the test's request list.
          sendJson(response, 500, { error: { message: `The e2e test server had no answer for this request to ${path}.`, type: 'server_error' } });
          return;
        }
        if (isStream(answer)) {
          await stream(response, answer, seen);
        } else {
          response.writeHead(answer.status, { 'content-type': 'application/json' });
          response.end(answer.json);
        }
        return;
      }
      sendJson(response, 404, { error: { message: `No route ${request.method ?? ''} ${path}`, type: 'invalid_request_error' } });
    })().catch((error: unknown) => response.destroy(error instanceof Error ? error : new Error(String(error))));
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    chatRequests: () => requests.filter(({ method, path }) => method === 'POST' && path === '/v1/chat/completions'),
    postsTo: (route) => requests.filter(({ method, path }) => method === 'POST' && path === route),
    enqueue: (answer) => queue.push(answer),
    answerWith: (path, choose) => {
      choosers.set(path, choose);
    },
    close: async () => {
      for (const socket of sockets) {
        socket.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** One OpenAI stream chunk of a hand-made answer (`delta` as OpenAI streams it). */
export function completionChunk(id: string, delta: Record<string, unknown>, finishReason: string | null): string {
  return JSON.stringify({ id, object: 'chat.completion.chunk', created: 1732500000, model: 'gpt-4o-mini', choices: [{ index: 0, delta, finish_reason: finishReason }] });
}

/** The last chunk of a hand-made answer: no choices, the usage. */
export function usageChunk(id: string, promptTokens: number, completionTokens: number): string {
  return JSON.stringify({
    id,
    object: 'chat.completion.chunk',
    created: 1732500000,
    model: 'gpt-4o-mini',
    choices: [],
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
  });
}

/** A hand-made answer streamed in `pieces`, ending with usage. */
export function piecewiseAnswer(id: string, pieces: string[]): string[] {
  return [
    completionChunk(id, { role: 'assistant', content: '' }, null),
    ...pieces.map((piece) => completionChunk(id, { content: piece }, null)),
    completionChunk(id, {}, 'stop'),
    usageChunk(id, 60, pieces.length),
    '[DONE]',
  ];
}

/** A hand-made answer of `words` words (`w001 w002 …`) as OpenAI stream chunks, ending with usage. */
export function wordByWordAnswer(words: number): { events: string[]; text: string } {
  const pieces = Array.from({ length: words }, (_, i) => `w${String(i + 1).padStart(3, '0')} `);
  return { events: piecewiseAnswer('chatcmpl-e2e-long', pieces), text: pieces.join('').trim() };
}

/** The text of an OpenAI message's content: a string, or its text parts joined. */
function contentText(content: unknown): string {
  if (typeof content === 'string') {
    return content;
  }
  if (Array.isArray(content)) {
    return content.map((part: unknown) => (typeof part === 'object' && part !== null && 'text' in part ? String(part.text) : '')).join('');
  }
  return '';
}

export interface ChatRequestSummary {
  authorization: string | undefined;
  model: unknown;
  stream: unknown;
  /** The conversation sent, system prompt aside (the chat may add one). */
  turns: { role: string; text: string }[];
}

/** Every message a chat request sent (the system prompt included), each with its text. */
export function sentMessages(request: SeenRequest): { role: string; text: string }[] {
  const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as { messages?: { role: string; content: unknown }[] };
  return (body.messages ?? []).map(({ role, content }) => ({ role, text: contentText(content) }));
}

/** What a chat request asked for, in a shape one deepStrictEqual can check. */
export function describeChatRequest(request: SeenRequest): ChatRequestSummary {
  const body = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as {
    model?: unknown;
    stream?: unknown;
    messages?: { role: string; content: unknown }[];
  };
  return {
    authorization: request.authorization,
    model: body.model,
    stream: body.stream,
    turns: (body.messages ?? []).filter(({ role }) => role !== 'system').map(({ role, content }) => ({ role, text: contentText(content) })),
  };
}

/** The text of the last user message of a chat request body (what a scripted answer is chosen by). */
export function lastUserText(body: unknown): string {
  const messages = typeof body === 'object' && body !== null && 'messages' in body && Array.isArray(body.messages) ? (body.messages as unknown[]) : [];
  const users = messages.filter((message): message is { role: 'user'; content: unknown } => typeof message === 'object' && message !== null && 'role' in message && message.role === 'user');
  return contentText(users.at(-1)?.content);
}

/** Polls until `condition` holds (the server has seen what the client did), or fails with what `seen` shows. */
export async function waitUntil(what: string, condition: () => boolean, timeout: number, seen: () => unknown): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`waited ${timeout} ms for ${what}; saw ${JSON.stringify(seen())}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
