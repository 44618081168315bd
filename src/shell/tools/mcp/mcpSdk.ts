/**
 * The one module that loads the MCP SDK (`@modelcontextprotocol/sdk`). It is imported with a
 * dynamic `import()` on the first server start and built into `dist/mcp.js` of its own
 * (esbuild.mjs), so the SDK costs nothing at activation. It opens a connection — stdio, Streamable
 * HTTP falling back to SSE (as the SDK's docs advise), or SSE — and offers what the server source
 * needs: the tools, a call, the close. Everything else about a server lives in
 * `mcpServerSource.ts`.
 *
 * Bounds on what a server can make the host hold: the stdio transport's read buffer is capped
 * (`maxBufferSize`: the SDK throws when one message grows past it, newline or not) and the
 * process is killed at once, rather than after the SDK's 2 s grace, since it would keep pushing
 * bytes; a remote server's bodies pass through the same cap (`cappedFetch`).
 */

import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { CallToolResult, CompatibilityCallToolResult, Tool } from '@modelcontextprotocol/sdk/types.js';
import type { McpRemoteServerConfig, McpServerConfig, McpStdioServerConfig } from './mcpConfig';

export interface McpConnectionEvents {
  /** A chunk of a stdio server's stderr. */
  stderr(chunk: Buffer | string): void;
  /** The server said its tools changed (`notifications/tools/list_changed`). */
  toolsChanged(): void;
  /** A transport or protocol error (a line that is not JSON-RPC, a dropped stream); the connection may go on. */
  error(error: Error): void;
  /** The connection ended; `oversized` when it was ended because a message passed the cap. */
  closed(reason: { oversized: boolean }): void;
}

export interface McpConnectOptions {
  /** Resolved: no `${secret:…}` left. */
  server: McpServerConfig;
  clientVersion: string;
  /** Bytes one message may take before the connection is cut. */
  maxMessageBytes: number;
  /** Milliseconds the handshake may take. */
  connectTimeoutMs: number;
  events: McpConnectionEvents;
}

export interface McpConnection {
  /** `stdio`, `streamableHttp` or `sse`: how it connected. */
  readonly transport: string;
  /** Every tool, following `nextCursor` pages. */
  listTools(): Promise<Tool[]>;
  callTool(name: string, args: Record<string, unknown>, options: { signal: AbortSignal; timeoutMs: number }): Promise<CallToolResult | CompatibilityCallToolResult>;
  /** Closes the connection and stops a stdio server's process (stdin closed, then SIGTERM, then SIGKILL). */
  close(): Promise<void>;
  /** Stops it now: SIGKILL for a process, a close for a remote server. */
  kill(): void;
}

/** Pages of `tools/list` followed at most; a server repeating its cursor would loop forever. */
const maxToolPages = 100;

class OversizedMessage extends Error {}

function newClient(version: string, events: McpConnectionEvents): Client {
  return new Client(
    { name: 'switchboard', version },
    {
      capabilities: {},
      // The SDK's own refresh does not follow pages; the source lists them itself.
      listChanged: { tools: { autoRefresh: false, onChanged: () => events.toolsChanged() } },
    },
  );
}

/** Stops a response body that passes `maxBytes` without a line break (an SSE event or a JSON body, which never holds one). */
export function cappedFetch(maxBytes: number, base: FetchLike = fetch): FetchLike {
  return async (url, init) => {
    const response = await base(url, init);
    if (response.body === null) {
      return response;
    }
    let sinceNewline = 0;
    const guard = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        const last = chunk.lastIndexOf(10);
        sinceNewline = last === -1 ? sinceNewline + chunk.length : chunk.length - last - 1;
        if (sinceNewline > maxBytes) {
          controller.error(new OversizedMessage(`The MCP server sent a message larger than ${maxBytes} bytes; it was cut off.`));
        } else {
          controller.enqueue(chunk);
        }
      },
    });
    return new Response(response.body.pipeThrough(guard), { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${Math.round(ms / 1000)} s.`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function wire(client: Client, events: McpConnectionEvents, onOversized: () => void): void {
  let oversized = false;
  client.onerror = (error) => {
    // The stdio transport's ReadBuffer throws this when a message (or stdout without a newline) passes the cap.
    if (error instanceof OversizedMessage || /ReadBuffer exceeded/.test(error.message)) {
      if (!oversized) {
        oversized = true;
        onOversized();
      }
      return;
    }
    events.error(error);
  };
  client.onclose = () => events.closed({ oversized });
}

function connection(client: Client, transportName: string, close: () => Promise<void>, kill: () => void): McpConnection {
  return {
    kill,
    transport: transportName,
    async listTools() {
      const tools: Tool[] = [];
      const seen = new Set<string>();
      let cursor: string | undefined;
      for (let page = 0; page < maxToolPages; page += 1) {
        const result = await client.listTools(cursor === undefined ? undefined : { cursor });
        tools.push(...result.tools);
        cursor = result.nextCursor;
        if (cursor === undefined || seen.has(cursor)) {
          break;
        }
        seen.add(cursor);
      }
      return tools;
    },
    callTool(name, args, { signal, timeoutMs }) {
      // The SDK sends `notifications/cancelled` when the signal aborts or the timeout passes.
      return client.callTool({ name, arguments: args }, undefined, { signal, timeout: timeoutMs });
    },
    close,
  };
}

async function connectStdio(server: McpStdioServerConfig, options: McpConnectOptions): Promise<McpConnection> {
  // The SDK passes on only a few safe variables of the host (PATH, HOME, SHELL, TERM, USER,
  // LOGNAME; their Windows counterparts) and adds these; a null empties one of them.
  const env = Object.fromEntries(Object.entries(server.env).map(([name, value]) => [name, value ?? '']));
  const transport = new StdioClientTransport({
    command: server.command,
    args: server.args,
    env,
    cwd: server.cwd,
    stderr: 'pipe',
    maxBufferSize: options.maxMessageBytes,
  });
  transport.stderr?.on('data', (chunk: Buffer) => options.events.stderr(chunk));
  const client = newClient(options.clientVersion, options.events);
  const kill = (): void => {
    const pid = transport.pid;
    if (pid !== null) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
  };
  wire(client, options.events, kill);
  try {
    await withTimeout(client.connect(transport), options.connectTimeoutMs, 'Starting the server');
  } catch (error) {
    kill();
    await client.close().catch(() => undefined);
    throw error;
  }
  return connection(
    client,
    'stdio',
    () => client.close(),
    () => {
      kill();
      void client.close().catch(() => undefined);
    },
  );
}

async function connectRemote(server: McpRemoteServerConfig, options: McpConnectOptions): Promise<McpConnection> {
  const url = new URL(server.url);
  const requestInit: RequestInit = { headers: server.headers };
  const fetchCapped = cappedFetch(options.maxMessageBytes);
  const attempt = async (kind: 'streamableHttp' | 'sse'): Promise<McpConnection> => {
    const transport =
      kind === 'streamableHttp'
        ? new StreamableHTTPClientTransport(url, { requestInit, fetch: fetchCapped })
        : new SSEClientTransport(url, { requestInit, fetch: fetchCapped });
    const client = newClient(options.clientVersion, options.events);
    wire(client, options.events, () => undefined);
    try {
      await withTimeout(client.connect(transport), options.connectTimeoutMs, 'Connecting to the server');
    } catch (error) {
      await client.close().catch(() => undefined);
      throw error;
    }
    const close = async (): Promise<void> => {
      if (transport instanceof StreamableHTTPClientTransport) {
        // Ends the session on the server; a server that does not answer does not hold the close up.
        await withTimeout(transport.terminateSession(), 2000, 'Ending the session').catch(() => undefined);
      }
      await client.close();
    };
    return connection(client, kind, close, () => void client.close().catch(() => undefined));
  };
  if (server.type === 'sse') {
    return attempt('sse');
  }
  try {
    return await attempt('streamableHttp');
  } catch (streamableError) {
    try {
      return await attempt('sse');
    } catch {
      // The server is not an old SSE one either: its Streamable HTTP answer says more.
      throw streamableError;
    }
  }
}

/** Connects to a server and completes MCP's handshake; rejects when it cannot. */
export function connectMcp(options: McpConnectOptions): Promise<McpConnection> {
  return options.server.type === 'stdio' ? connectStdio(options.server, options) : connectRemote(options.server, options);
}
