/**
 * Where the core reports what it does. The shell passes VS Code's LogOutputChannel, which has
 * these methods; plain Node callers may pass `console`-like objects or nothing. The core never
 * logs keys or request headers.
 */
export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

function ignore(): void {
  // A log line nobody asked for is dropped.
}

export const silentLogger: Logger = { trace: ignore, debug: ignore, info: ignore, warn: ignore, error: ignore };
