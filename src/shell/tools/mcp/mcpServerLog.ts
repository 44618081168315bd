/**
 * One MCP server's lines in the chat's log: its stderr, line by line, and what the transport
 * reported, each prefixed with the server's name. A budget per second bounds what a chatty server
 * costs the host (beyond it lines are counted, not logged), a line is cut at a length, and a server
 * that floods far beyond the budget is reported through `onFlood` so its owner stops it.
 */

import { StringDecoder } from 'node:string_decoder';
import type { ChatLog } from '../../chat/ports';
import { withoutSecrets } from './mcpSecrets';

export interface McpLogLimits {
  /** Lines logged per second; later ones in that second are counted and said once. */
  linesPerSecond: number;
  /** Characters of one logged line; the rest is cut. */
  lineLength: number;
  /** Bytes of stderr in one second past which the server counts as flooding. */
  floodBytesPerSecond: number;
}

export const defaultMcpLogLimits: McpLogLimits = Object.freeze({ linesPerSecond: 100, lineLength: 2000, floodBytesPerSecond: 4 * 1024 * 1024 });

type Level = 'info' | 'warn' | 'error' | 'debug';

export class McpServerLog {
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';
  private partialCut = false;
  private windowStart = -Infinity;
  private linesInWindow = 0;
  private bytesInWindow = 0;
  private skipped = 0;
  private flooded = false;
  private secrets: readonly string[] = [];

  constructor(
    private readonly serverName: string,
    private readonly log: ChatLog,
    private readonly onFlood: () => void,
    private readonly limits: McpLogLimits = defaultMcpLogLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /** Secret values of the running server's config: blotted out should the server print one. */
  hideSecrets(secrets: readonly string[]): void {
    this.secrets = secrets;
  }

  /** A chunk of the server's stderr. */
  stderr(chunk: Buffer | string): void {
    this.turnWindow();
    this.bytesInWindow += chunk.length;
    if (this.bytesInWindow > this.limits.floodBytesPerSecond) {
      if (!this.flooded) {
        this.flooded = true;
        this.onFlood();
      }
      return;
    }
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    let start = 0;
    for (let newline = text.indexOf('\n', start); newline !== -1; newline = text.indexOf('\n', start)) {
      this.appendPartial(text.slice(start, newline));
      this.emitPartial();
      start = newline + 1;
    }
    this.appendPartial(text.slice(start));
  }

  /** A line about the server (a transport error, a restart), under the same budget. */
  line(level: Level, text: string): void {
    this.turnWindow();
    this.write(level, text.length > this.limits.lineLength ? `${text.slice(0, this.limits.lineLength)}…` : text);
  }

  /** Logs a last unfinished stderr line and what was left out (the server stopped). */
  flush(): void {
    this.appendPartial(this.decoder.end());
    this.emitPartial();
    this.saySkipped();
  }

  private appendPartial(text: string): void {
    if (this.partialCut || text.length === 0) {
      return;
    }
    const room = this.limits.lineLength - this.partial.length;
    if (text.length > room) {
      this.partial += text.slice(0, room);
      this.partialCut = true;
    } else {
      this.partial += text;
    }
  }

  private emitPartial(): void {
    const line = this.partial.replace(/\r$/, '');
    const cut = this.partialCut;
    this.partial = '';
    this.partialCut = false;
    if (line.trim().length > 0) {
      this.write('info', cut ? `${line}…` : line);
    }
  }

  private write(level: Level, text: string): void {
    if (this.linesInWindow >= this.limits.linesPerSecond) {
      this.skipped += 1;
      return;
    }
    this.linesInWindow += 1;
    this.log[level](`[mcp ${this.serverName}] ${withoutSecrets(text, this.secrets)}`);
  }

  private turnWindow(): void {
    const now = this.now();
    if (now - this.windowStart < 1000) {
      return;
    }
    this.windowStart = now;
    this.linesInWindow = 0;
    this.bytesInWindow = 0;
    this.saySkipped();
  }

  private saySkipped(): void {
    if (this.skipped > 0) {
      const skipped = this.skipped;
      this.skipped = 0;
      this.log.warn(`[mcp ${this.serverName}] ${skipped} more line${skipped === 1 ? '' : 's'} left out of the log (more than ${this.limits.linesPerSecond} a second).`);
    }
  }
}
