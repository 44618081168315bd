/**
 * Decompression bombs on loopback: a server that answers with a gzip body that unpacks to
 * gigabytes — a prefix (a good event, `{"a":"`), then one gzip member of 1 MiB of one character
 * sent again and again (gzip allows members back to back; each is about 1 KB), written only as
 * fast as the client reads (backpressure), so the server knows how much it got out before the
 * client hung up. The test process never holds more than one member.
 */

import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync } from 'node:zlib';
import { drained } from '../helpers/drained';

const mebibyte = 1024 * 1024;

/**
 * Decoded size of a bomb, in MiB: 16 GiB, about 17 MB of gzip — far more than loopback socket
 * buffers hold, so a client that stops early leaves most of it unsent. SWITCHBOARD_BOMB_MIB makes
 * it smaller, to run these tests against code without the caps without exhausting the machine.
 */
export const bombMebibytes = Number(process.env['SWITCHBOARD_BOMB_MIB'] ?? 16 * 1024);

export interface Bomb {
  status?: number;
  headers: Record<string, string>;
  /** Sent first, as it is (gzipped): a good event, the start of a JSON string. */
  prefix: string;
  /** The character the rest is made of; `\n`-free for a line that never ends. */
  fill: string;
  mebibytes?: number;
}

/** A plain (not bomb) answer for the routes a bomb test also needs, e.g. Ollama's `/api/show`. */
export interface PlainAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface BombServer {
  url: string;
  /** The paths requested, in order. */
  paths: string[];
  /** For each bomb served: gzip bytes written before it ended, and all it had. */
  bombs: Array<{ path: string; sentBytes: number; totalBytes: number; closedEarly: boolean }>;
  /** Resolves once every bomb served so far was written out or hung up on (the server hears a hang-up a moment after the client). */
  settled(): Promise<void>;
  close(): Promise<void>;
}

const memberCache = new Map<string, Buffer>();

function memberOf(fill: string): Buffer {
  let member = memberCache.get(fill);
  if (member === undefined) {
    member = gzipSync(Buffer.alloc(mebibyte, fill), { level: 9 });
    memberCache.set(fill, member);
  }
  return member;
}

async function writeBomb(response: ServerResponse, bomb: Bomb, record: BombServer['bombs'][number]): Promise<void> {
  const member = memberOf(bomb.fill);
  const count = bomb.mebibytes ?? bombMebibytes;
  const prefix = gzipSync(Buffer.from(bomb.prefix, 'utf8'));
  record.totalBytes = prefix.length + member.length * count;
  let closed = false;
  response.on('close', () => {
    closed = true;
  });
  response.writeHead(bomb.status ?? 200, { ...bomb.headers, 'content-encoding': 'gzip' });
  const pieces = (function* () {
    yield prefix;
    for (let i = 0; i < count; i++) {
      yield member;
    }
  })();
  for (const piece of pieces) {
    if (closed) {
      record.closedEarly = true;
      return;
    }
    record.sentBytes += piece.length;
    if (!response.write(piece)) {
      await drained(response);
    }
  }
  response.end();
}

/** Starts a server that answers each path with `route(path)`: a bomb or a plain answer. */
export async function startBombServer(route: (path: string) => Bomb | PlainAnswer): Promise<BombServer> {
  const paths: string[] = [];
  const bombs: BombServer['bombs'] = [];
  const writes: Promise<void>[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const path = request.url ?? '';
      paths.push(path);
      const answer = route(path);
      if ('body' in answer) {
        response.writeHead(answer.status, answer.headers);
        response.end(answer.body);
        return;
      }
      const record = { path, sentBytes: 0, totalBytes: 0, closedEarly: false };
      bombs.push(record);
      writes.push(
        writeBomb(response, answer, record).catch(() => {
          response.destroy();
        }),
      );
    });
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    paths,
    bombs,
    settled: async () => {
      await Promise.all(writes);
    },
    close: async () => {
      for (const socket of sockets) {
        socket.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** True when the client hung up with most of the bomb unsent: it stopped reading near its cap. */
export function stoppedEarly(record: BombServer['bombs'][number] | undefined): boolean {
  return record !== undefined && record.closedEarly && record.sentBytes < record.totalBytes / 2;
}
