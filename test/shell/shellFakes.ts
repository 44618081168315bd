/**
 * In-memory stand-ins for the VS Code pieces the shell's vscode-free modules take (SecretStorage,
 * global state, the log, settings), so the real modules run in plain Node.
 */

import { Emitter } from '../../src/shell/event';
import type { IDisposable } from '../../src/shell/lifecycle';
import type { ConfigurationSource } from '../../src/shell/configFields';
import type { SecretBackend } from '../../src/shell/secrets';
import type { ModelState } from '../../src/shell/models';

/** SecretStorage in a Map; `onDidChange` fires as VS Code's does, after each store or delete. */
export class MemorySecrets implements SecretBackend {
  readonly values = new Map<string, string>();
  private readonly changed = new Emitter<{ key: string }>();

  async get(key: string): Promise<string | undefined> {
    return this.values.get(key);
  }

  async store(key: string, value: string): Promise<void> {
    this.values.set(key, value);
    this.changed.fire({ key });
  }

  async delete(key: string): Promise<void> {
    this.values.delete(key);
    this.changed.fire({ key });
  }

  async keys(): Promise<string[]> {
    return [...this.values.keys()];
  }

  onDidChange(listener: (event: { readonly key: string }) => unknown): IDisposable {
    return this.changed.event((event) => void listener(event));
  }
}

export class MemoryState implements ModelState {
  readonly values = new Map<string, string>();

  get(key: string): string | undefined {
    return this.values.get(key);
  }

  async update(key: string, value: string | undefined): Promise<void> {
    if (value === undefined) {
      this.values.delete(key);
    } else {
      this.values.set(key, value);
    }
  }
}

export interface LogLine {
  level: 'info' | 'warn' | 'error' | 'debug' | 'trace';
  message: string;
}

/** A LogOutputChannel-shaped recorder (the core's Logger and the chat's ChatLog). */
export class RecordingLog {
  readonly lines: LogLine[] = [];
  info(message: string): void {
    this.lines.push({ level: 'info', message });
  }
  warn(message: string): void {
    this.lines.push({ level: 'warn', message });
  }
  error(message: string): void {
    this.lines.push({ level: 'error', message });
  }
  debug(message: string): void {
    this.lines.push({ level: 'debug', message });
  }
  trace(message: string): void {
    this.lines.push({ level: 'trace', message });
  }
  at(level: LogLine['level']): string[] {
    return this.lines.filter((line) => line.level === level).map((line) => line.message);
  }
}

/** Settings as `vscode.WorkspaceConfiguration.get` answers them (raw JSON values). */
export function settingsSource(values: Record<string, unknown>): ConfigurationSource {
  return { get: <T>(section: string): T | undefined => values[section] as T | undefined };
}

/** A port on 127.0.0.1 where nothing listens: connections are refused at once. */
export async function closedPort(): Promise<string> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

