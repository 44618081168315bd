/**
 * The servers of one trial: loopback servers that misbehave as a fault says until the trial ends,
 * then heal (answer every request correctly), so the request after the fault shows whether the
 * client, its connection pool and the chat still work. Ollama's `/api/show` (asked before a chat)
 * is always answered and never counted: the faults are about the chat request.
 */

import { unusedPort } from '../../../helpers/llmHarness';
import { startWireServer, type RecordedRequest, type Responder, type WireServer } from '../../../helpers/wireServer';
import { showReply } from '../../../core/ollamaHelpers';
import { answerReply, healthyPieces, type Wire } from './wires';

export class FaultLab {
  private healed = false;
  private readonly servers: WireServer[] = [];

  constructor(readonly wire: Wire) {}

  /**
   * A server that answers chat request number i with `respond(request, i)` until `heal()`; on
   * 127.0.0.1, or on another loopback `host`.
   */
  async server(respond: Responder, host?: string): Promise<WireServer> {
    let chatRequests = 0;
    const server = await startWireServer((request) => {
      if (this.wire.name === 'Ollama' && request.url === '/api/show') {
        return showReply({ contextLength: 131072 });
      }
      const index = chatRequests++;
      return this.healed ? answerReply(this.wire, healthyPieces) : respond(request, index);
    }, { host });
    this.servers.push(server);
    return server;
  }

  /** A server that answers correctly from the start. */
  healthyServer(host?: string): Promise<WireServer> {
    return this.server(() => answerReply(this.wire, healthyPieces), host);
  }

  /** An `api_base` on a loopback port nobody listens on. */
  async refusedBase(): Promise<string> {
    return this.wire.apiBase(`http://127.0.0.1:${await unusedPort()}`);
  }

  /** From now on every server answers correctly. */
  heal(): void {
    this.healed = true;
  }

  async close(): Promise<void> {
    await Promise.all(this.servers.splice(0).map((server) => server.close()));
  }
}

/** The chat requests a server saw (Ollama's `/api/show` left out), in order. */
export function chatRequestsOf(server: WireServer | undefined, wire: Wire): RecordedRequest[] {
  return (server?.requests ?? []).filter((request) => request.url === wire.chatPath);
}

/** Seconds between consecutive requests: the retry delays as the server saw them. */
export function gapsOf(requests: readonly RecordedRequest[]): number[] {
  return requests.slice(1).map((request, index) => (request.receivedAt - (requests[index]?.receivedAt ?? 0)) / 1000);
}

/** The question of a request: `stream <n>` names which of the parallel streams sent it. */
export function streamIndexOf(request: RecordedRequest): number {
  const asked = [...request.body.matchAll(/stream (\d+)/g)].at(-1)?.[1];
  return asked === undefined ? 0 : Number(asked);
}

export function questionFor(index: number): string {
  return `stream ${index}`;
}
