/**
 * What an MCP server source is built from (its settings, secrets, log, the SDK's loader) and the
 * limits it keeps: the size of one message, the start's time, the pauses between restarts.
 */

import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import type { ChatLog } from '../../chat/ports';
import type { ToolDescriptor } from '../toolTypes';
import type { McpServerConfig } from './mcpConfig';
import type { McpConnection, McpConnectOptions } from './mcpSdk';

export interface McpServerLimits {
  /** Bytes one message from the server may take; past it the server is stopped. */
  maxMessageBytes: number;
  /** Milliseconds from start to a listed set of tools. */
  startTimeoutMs: number;
  /** The pause before the first restart after a crash; it doubles with each crash in a row. */
  firstRestartDelayMs: number;
  maxRestartDelayMs: number;
  /** Crashes in a row restarted on their own; after that the server waits for the next use. */
  restartsInARow: number;
  /** A server that ran this long before crashing starts a fresh count of crashes. */
  stableAfterMs: number;
}

export const defaultMcpServerLimits: McpServerLimits = Object.freeze({
  maxMessageBytes: 16 * 1024 * 1024,
  startTimeoutMs: 60_000,
  firstRestartDelayMs: 1000,
  maxRestartDelayMs: 30_000,
  restartsInARow: 5,
  stableAfterMs: 60_000,
});

/** The SDK's module, or a stand-in with the same shape. */
export interface McpSdk {
  connectMcp(options: McpConnectOptions): Promise<McpConnection>;
}

export interface McpServerSourceOptions {
  /** As read from the settings: `${secret:…}` still in it. */
  config: McpServerConfig;
  readSecret(name: string): Promise<string | undefined>;
  log: ChatLog;
  /** The extension's version, sent as the client's in MCP's handshake. */
  clientVersion: string;
  /** Loads the SDK; by default `import('./mcpSdk')`, which the product build keeps in dist/mcp.js. */
  loadSdk?: () => Promise<McpSdk>;
  limits?: Partial<McpServerLimits>;
  environment?: NodeJS.ProcessEnv;
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function toDescriptor(tool: Tool): ToolDescriptor {
  // A server's `readOnlyHint` is its own claim: only the built-in tools run without asking.
  return { name: tool.name, description: tool.description ?? tool.title ?? '', inputSchema: tool.inputSchema, readOnly: false };
}
