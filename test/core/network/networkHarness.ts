/**
 * What the network tests share: a logger that records lines, a per-suite tinyproxy, and the
 * facts one assertion compares (the answer's text, the CONNECTs the proxy logged, the requests
 * the provider server received).
 */

import { after, before } from 'mocha';
import type { ClientOptions, Logger } from '../../../src/core';
import { startTinyproxy, type Tinyproxy, type TinyproxyOptions } from './tinyproxy';

export interface RecordingLogger extends Logger {
  lines: { level: keyof Logger; message: string }[];
  warnings(): string[];
}

/** A logger that keeps every line, to count warnings and prove a secret never reached a log. */
export function recordingLogger(): RecordingLogger {
  const lines: RecordingLogger['lines'] = [];
  const at =
    (level: keyof Logger) =>
    (message: string): void => {
      lines.push({ level, message });
    };
  return {
    lines,
    warnings: () => lines.filter((line) => line.level === 'warn').map((line) => line.message),
    trace: at('trace'),
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
  };
}

/** A tinyproxy for the enclosing `describe`: started before its tests, stopped after. */
export function useTinyproxy(options: TinyproxyOptions = {}): () => Tinyproxy {
  let proxy: Tinyproxy | undefined;
  before(async () => {
    proxy = await startTinyproxy(options);
  });
  after(async () => {
    await proxy?.stop();
  });
  return () => {
    if (proxy === undefined) {
      throw new Error('tinyproxy is not running (before() did not complete)');
    }
    return proxy;
  };
}

/** `host:port` of a server URL, as tinyproxy logs CONNECT targets. */
export function hostPort(url: string): string {
  return new URL(url).host;
}

/** No retries: each test counts exactly the requests it made. */
export const noRetries: ClientOptions['retry'] = { maxRetries: 0 };

/**
 * Lets undici return a finished request's connection to its pool: it does so a turn after the body
 * ended, and a request sent sooner opens a second connection (which would count as a new one).
 */
export function connectionReleased(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 50));
}
