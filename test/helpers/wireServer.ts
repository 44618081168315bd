/**
 * A real HTTP (or HTTPS) server on 127.0.0.1 (or another loopback address) for wire tests:
 * answers each request with a scripted reply (status, headers, body served whole, byte by byte or
 * split at seeded random points, optionally gzipped, stalled or cut, or written piece by piece as
 * a test hands the pieces over), and records every request and connection that reached it.
 */

import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';

export type Delivery = 'whole' | 'bytes' | { seed: number; pieces?: number };

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  delivery?: Delivery;
  /** Compress the body with gzip and say so. */
  gzip?: boolean;
  /** Compress the body with this coding and say so (`gzip: true` is `encoding: 'gzip'`). */
  encoding?: 'gzip' | 'deflate' | 'br';
  /** Destroy the socket instead of answering: the client sees the connection close before headers. */
  closeBeforeHeaders?: boolean;
  /** Wait this long before sending headers. */
  delayHeadersMs?: number;
  /** After this many body bytes, stop writing and hold the connection open (a stall). */
  stallAfterBytes?: number;
  /** After this many body bytes, destroy the socket (a cut). */
  cutAfterBytes?: number;
  /**
   * Written after `body`, each piece as soon as the iterable yields it (the test paces the stream).
   * Bytes may end inside a UTF-8 character, to split one across reads.
   */
  parts?: AsyncIterable<string | Uint8Array>;
}

export interface WireServerOptions {
  /** Serve HTTPS with this key and certificate (PEM). */
  tls?: { key: string; cert: string };
  /** Another loopback address (127.0.0.2): a second host, not only a second port. */
  host?: string;
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** Parsed JSON body, when it was JSON. */
  json: unknown;
  /** `performance.now()` when the whole request had arrived, to measure backoff between attempts. */
  receivedAt: number;
}

export type Responder = (request: RecordedRequest, index: number) => Reply | Promise<Reply>;

export interface WireServer {
  url: string;
  requests: RecordedRequest[];
  /** Resolves when a connection closes; counts closed connections. */
  closedConnections: () => number;
  /** Connections accepted so far (TCP, before any TLS handshake). */
  openedConnections: () => number;
  close(): Promise<void>;
}

/** Deterministic split points, so a failing split can be reproduced from its seed. */
export function splitPoints(length: number, seed: number, pieces: number): number[] {
  let state = seed >>> 0 || 1;
  const random = (): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const points = new Set<number>();
  while (points.size < Math.min(pieces - 1, length - 1)) {
    points.add(1 + Math.floor(random() * (length - 1)));
  }
  return [...points].sort((a, b) => a - b);
}

function pieces(body: Buffer, delivery: Delivery): Buffer[] {
  if (delivery === 'whole' || body.length === 0) {
    return [body];
  }
  if (delivery === 'bytes') {
    return Array.from({ length: body.length }, (_, i) => body.subarray(i, i + 1));
  }
  const cuts = [0, ...splitPoints(body.length, delivery.seed, delivery.pieces ?? 12), body.length];
  return cuts.slice(1).map((end, i) => body.subarray(cuts[i], end));
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const compressors: Record<'gzip' | 'deflate' | 'br', (body: Buffer) => Buffer> = {
  gzip: (body) => gzipSync(body),
  deflate: (body) => deflateSync(body),
  br: (body) => brotliCompressSync(body),
};

async function write(response: ServerResponse, reply: Reply, socket: Socket): Promise<void> {
  let body = typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : (reply.body ?? Buffer.alloc(0));
  const headers: Record<string, string> = { ...reply.headers };
  const encoding = reply.encoding ?? (reply.gzip === true ? 'gzip' : undefined);
  if (encoding !== undefined) {
    body = compressors[encoding](body);
    headers['content-encoding'] = encoding;
  }
  if (reply.closeBeforeHeaders === true) {
    socket.destroy();
    return;
  }
  if (reply.delayHeadersMs !== undefined) {
    await wait(reply.delayHeadersMs);
  }
  response.writeHead(reply.status ?? 200, headers);
  response.flushHeaders();
  socket.setNoDelay(true);
  let sent = 0;
  for (const piece of pieces(body, reply.delivery ?? 'whole')) {
    if (reply.cutAfterBytes !== undefined && sent + piece.length > reply.cutAfterBytes) {
      response.write(piece.subarray(0, reply.cutAfterBytes - sent));
      await wait(20);
      socket.destroy();
      return;
    }
    if (reply.stallAfterBytes !== undefined && sent + piece.length > reply.stallAfterBytes) {
      response.write(piece.subarray(0, reply.stallAfterBytes - sent));
      return; // never ends; the client's timeout must fire
    }
    if (response.destroyed || socket.destroyed) {
      return;
    }
    response.write(piece);
    sent += piece.length;
    if (reply.delivery !== undefined && reply.delivery !== 'whole') {
      // Let each piece leave as its own read.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  for await (const part of reply.parts ?? []) {
    if (response.destroyed || socket.destroyed) {
      return;
    }
    response.write(part);
  }
  response.end();
}

/** Starts a server that answers request number i with `respond(request, i)`. */
export async function startWireServer(respond: Responder, options: WireServerOptions = {}): Promise<WireServer> {
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  let closed = 0;
  let opened = 0;
  const listener: RequestListener = (request: IncomingMessage, response: ServerResponse) => {
    const parts: Buffer[] = [];
    request.on('data', (part: Buffer) => parts.push(part));
    request.on('end', () => {
      const body = Buffer.concat(parts).toString('utf8');
      let json: unknown;
      try {
        json = body.length > 0 ? JSON.parse(body) : undefined;
      } catch {
        json = undefined;
      }
      const recorded: RecordedRequest = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body,
        json,
        receivedAt: performance.now(),
      };
      requests.push(recorded);
      Promise.resolve(respond(recorded, requests.length - 1))
        .then((reply) => write(response, reply, request.socket))
        .catch((error: unknown) => {
          response.destroy(error instanceof Error ? error : new Error(String(error)));
        });
    });
  };
  const server: Server = options.tls === undefined ? createServer(listener) : createHttpsServer(options.tls, listener);
  server.on('connection', (socket: Socket) => {
    opened++;
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      closed++;
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls === undefined ? 'http' : 'https'}://${host}:${port}`,
    requests,
    closedConnections: () => closed,
    openedConnections: () => opened,
    close: async () => {
      for (const socket of sockets) {
        socket.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
