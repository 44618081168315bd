/**
 * What the benchmark's processes tell each other: the driver forks a server and one child per
 * client run; each child answers with one JSON message. Messages cross a process boundary, so they
 * are checked at the door like any other input.
 */

import { isWireName, wireNames, type WireName } from './wires';

/** What the server child reports once it listens. */
export interface ServerReady {
  type: 'ready';
  port: number;
  /** Size of the long answer's SSE body, per wire. */
  bytes: Record<WireName, number>;
}

/** One client run's figures. */
export interface RunResult {
  type: 'result';
  client: string;
  /** User + system CPU of the whole client process, request start to last chunk, first long stream. */
  cpuMicros: number;
  /** Wall time from request start to the last chunk. */
  wallMs: number;
  /** CPU of the last of the further long streams in the same process (JIT and heap warm). */
  warmCpuMicros: number;
  /** Chunks or events the client delivered (the limit reports what it checked by byte count). */
  chunks: number;
  /** Content chunks (text deltas) in the long answer: the unit of the per-chunk figures. */
  contentChunks: number;
  /** Median over the warm small requests: call → first content chunk in the caller's hands. */
  ttftMs: number;
  /** The library and version under test, as the child loaded it. */
  library: string;
}

/**
 * One fresh process's first answer (`BENCH_FIRST`), every time in ms since the process started
 * (`performance.timeOrigin`, which Node takes before it boots, so Node's own start is in them).
 */
export interface FirstAnswerResult {
  type: 'first';
  client: string;
  /** Node's own start (`performance.nodeTiming.bootstrapComplete`): the same for every client. */
  bootstrapMs: number;
  /** When the entry's code began: its bundle and imports loaded. */
  importedMs: number;
  /** When the request was sent: the client made, and prepared when asked. */
  sentMs: number;
  /** When the first content chunk was in the caller's hands. */
  firstTokenMs: number;
  /** User + system CPU of the whole process, from its start to the first content chunk. */
  cpuMicros: number;
  library: string;
}

export interface RunFailure {
  type: 'error';
  client: string;
  message: string;
}

export type ChildMessage = ServerReady | RunResult | FirstAnswerResult | RunFailure;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Validates a message from a child process. */
export function isChildMessage(value: unknown): value is ChildMessage {
  if (!isRecord(value)) {
    return false;
  }
  switch (value['type']) {
    case 'ready': {
      const bytes = value['bytes'];
      return typeof value['port'] === 'number' && isRecord(bytes) && wireNames.every((wire) => typeof bytes[wire] === 'number');
    }
    case 'result':
      return (
        typeof value['client'] === 'string' &&
        typeof value['cpuMicros'] === 'number' &&
        typeof value['wallMs'] === 'number' &&
        typeof value['chunks'] === 'number' &&
        typeof value['contentChunks'] === 'number' &&
        typeof value['warmCpuMicros'] === 'number' &&
        typeof value['ttftMs'] === 'number' &&
        typeof value['library'] === 'string'
      );
    case 'first':
      return (
        typeof value['client'] === 'string' &&
        ['bootstrapMs', 'importedMs', 'sentMs', 'firstTokenMs', 'cpuMicros'].every((name) => typeof value[name] === 'number') &&
        typeof value['library'] === 'string'
      );
    case 'error':
      return typeof value['client'] === 'string' && typeof value['message'] === 'string';
    default:
      return false;
  }
}

/** Settings the driver hands to every client child, through its environment. */
export interface ChildSettings {
  /** The wire to read: which route, request and events. */
  wire: WireName;
  port: number;
  /** Content chunks in the long stream. */
  chunks: number;
  /** Long streams read after the first one, in the same process, for the warm figure. */
  warmStreams: number;
  /** Small requests timed for TTFT (after warm-up ones). */
  ttftSamples: number;
  /**
   * Set, the child times only its first answer instead (a small one, from a cold start): `cold`
   * sends at once, `prepared` awaits the client's `prepare()` first, as the chat view opening does.
   */
  first?: FirstAnswerMode;
}

export type FirstAnswerMode = 'cold' | 'prepared';

export function settingsToEnv(settings: ChildSettings): Record<string, string> {
  return {
    BENCH_WIRE: settings.wire,
    BENCH_PORT: String(settings.port),
    BENCH_CHUNKS: String(settings.chunks),
    BENCH_WARM_STREAMS: String(settings.warmStreams),
    BENCH_TTFT_SAMPLES: String(settings.ttftSamples),
    ...(settings.first === undefined ? {} : { BENCH_FIRST: settings.first }),
  };
}

export function settingsFromEnv(env: NodeJS.ProcessEnv): ChildSettings {
  const number = (name: string): number => {
    const value = Number(env[name]);
    if (!Number.isInteger(value) || value <= 0) {
      throw new Error(`${name} must be a positive integer, not ${env[name] ?? '(unset)'}.`);
    }
    return value;
  };
  const wire = env['BENCH_WIRE'];
  if (!isWireName(wire)) {
    throw new Error(`BENCH_WIRE must be one of ${wireNames.join(', ')}, not ${wire ?? '(unset)'}.`);
  }
  const first = env['BENCH_FIRST'];
  if (first !== undefined && first !== 'cold' && first !== 'prepared') {
    throw new Error(`BENCH_FIRST must be cold or prepared when set, not ${first}.`);
  }
  return {
    ...(first === undefined ? {} : { first }),
    wire,
    port: number('BENCH_PORT'),
    chunks: number('BENCH_CHUNKS'),
    warmStreams: number('BENCH_WARM_STREAMS'),
    ttftSamples: number('BENCH_TTFT_SAMPLES'),
  };
}

/** Content chunks in a small (TTFT) answer; asked for with `max_tokens`. */
export const smallAnswerChunks = 3;
