/**
 * What the MCP tests share: a log that keeps its lines, the paths of the test servers, and a
 * server source built the way the extension builds one (the real SDK, loaded on first use).
 */

import { join } from 'node:path';
import type { ChatLog } from '../../../src/shell/chat/ports';
import type { McpServerConfig } from '../../../src/shell/tools/mcp/mcpConfig';
import { McpServerSource, type McpServerLimits } from '../../../src/shell/tools/mcp/mcpServerSource';
import type { ToolCallOptions, ToolOutput } from '../../../src/shell/tools/toolTypes';

export class RecordingLog implements ChatLog {
  readonly lines: string[] = [];
  info(message: string): void {
    this.lines.push(`info ${message}`);
  }
  warn(message: string): void {
    this.lines.push(`warn ${message}`);
  }
  error(message: string): void {
    this.lines.push(`error ${message}`);
  }
  debug(message: string): void {
    this.lines.push(`debug ${message}`);
  }
  text(): string {
    return this.lines.join('\n');
  }
}

const modules = join(process.cwd(), 'node_modules', '@modelcontextprotocol');
export const filesystemServer = join(modules, 'server-filesystem', 'dist', 'index.js');
export const everythingServer = join(modules, 'server-everything', 'dist', 'index.js');
export const fixtureServer = join(process.cwd(), 'test', 'fixtures', 'mcp', 'fixtureServer.mjs');

export function nodeServer(name: string, script: string, args: string[] = [], env: Record<string, string> = {}): McpServerConfig {
  return { name, type: 'stdio', command: process.execPath, args: [script, ...args], env, cwd: undefined };
}

export function newSource(
  config: McpServerConfig,
  options: { log?: RecordingLog; readSecret?: (name: string) => Promise<string | undefined>; limits?: Partial<McpServerLimits> } = {},
): { source: McpServerSource; log: RecordingLog } {
  const log = options.log ?? new RecordingLog();
  const source = new McpServerSource({
    config,
    log,
    clientVersion: '0.0.0-test',
    readSecret: options.readSecret ?? (async () => undefined),
    ...(options.limits === undefined ? {} : { limits: options.limits }),
  });
  return { source, log };
}

export function callOptions(timeoutMs = 10_000, signal: AbortSignal = new AbortController().signal): ToolCallOptions {
  return { signal, timeoutMs };
}

export function textOf(output: ToolOutput): string {
  return output.content.map((part) => (part.type === 'text' ? part.text : `[image ${part.mimeType}]`)).join('\n');
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** True while the process `pid` exists (signal 0 only checks). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
