/**
 * What every client child does, so the clients differ only in how they read a stream: one small
 * request to open the connection and load lazy modules; the long stream under measurement (the
 * first in this fresh process); more long streams in the same process for the warm figure; then
 * warm small requests for time to first token. Or, asked for its first answer (`settings.first`),
 * only that: a small answer from a cold start, timed from the process's start. The result goes to
 * the driver over IPC.
 */

import { settingsFromEnv, smallAnswerChunks, type ChildSettings, type FirstAnswerMode, type FirstAnswerResult, type RunFailure, type RunResult } from './protocol';
import { median } from './stats';

/** One way of reading a stream of one wire from the bench server. */
export interface BenchClient {
  /** The library and version under test. */
  readonly library: string;
  /**
   * What a whole answer of `contentChunks` delivers through this client: the wire's raw events, or
   * the OpenAI chunks it translates them to (`wires[…].events` or `.chunks`).
   */
  readonly expected: (contentChunks: number) => number;
  /**
   * Reads one whole answer and resolves with the chunks it delivered. `maxTokens` asks for a
   * short answer; `onFirstContent` is called when the first content chunk is in the caller's hands.
   */
  stream(maxTokens: number | undefined, onFirstContent: () => void): Promise<number>;
  /** Makes the first request ready without sending it (Switchboard's `prepare(model)`), where the client has that. */
  prepare?(): Promise<void>;
  close(): Promise<void>;
}

const ttftWarmups = 10;
const noop = (): void => undefined;

async function checked(client: BenchClient, maxTokens: number | undefined, contentChunks: number, onFirst: () => void): Promise<number> {
  const chunks = await client.stream(maxTokens, onFirst);
  const expected = client.expected(contentChunks);
  if (chunks !== expected) {
    throw new Error(`delivered ${chunks} chunks, expected ${expected}`);
  }
  return chunks;
}

/** CPU (user + system, whole process) and wall time from request start to the last chunk. */
async function longStream(client: BenchClient, settings: ChildSettings): Promise<{ cpuMicros: number; wallMs: number; chunks: number; contentChunks: number }> {
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  const chunks = await checked(client, undefined, settings.chunks, noop);
  const wallMs = performance.now() - wallStart;
  const cpu = process.cpuUsage(cpuStart);
  return { cpuMicros: cpu.user + cpu.system, wallMs, chunks, contentChunks: settings.chunks };
}

async function warmTtft(client: BenchClient, settings: ChildSettings): Promise<number> {
  const samples: number[] = [];
  for (let index = 0; index < ttftWarmups + settings.ttftSamples; index++) {
    let first = 0;
    const start = performance.now();
    await checked(client, smallAnswerChunks, smallAnswerChunks, () => {
      if (first === 0) {
        first = performance.now();
      }
    });
    if (first === 0) {
      throw new Error('the answer had no first content chunk');
    }
    if (index >= ttftWarmups) {
      samples.push(first - start);
    }
  }
  return median(samples);
}

async function measure(name: string, client: BenchClient, settings: ChildSettings): Promise<RunResult> {
  // Connection set-up and lazily loaded modules are start-up costs, not streaming costs.
  await checked(client, smallAnswerChunks, smallAnswerChunks, noop);
  const fresh = await longStream(client, settings);
  let warm = fresh;
  for (let index = 0; index < settings.warmStreams; index++) {
    warm = await longStream(client, settings);
  }
  const ttftMs = await warmTtft(client, settings);
  return { type: 'result', client: name, ...fresh, warmCpuMicros: warm.cpuMicros, ttftMs, library: client.library };
}

/** The first answer of this process, timed from its start (`performance.now()` counts from `performance.timeOrigin`). */
async function measureFirst(name: string, client: BenchClient, mode: FirstAnswerMode, importedMs: number): Promise<FirstAnswerResult> {
  if (mode === 'prepared') {
    if (client.prepare === undefined) {
      throw new Error('this client has no prepare()');
    }
    await client.prepare();
  }
  let firstTokenMs = 0;
  let cpuMicros = 0;
  const sentMs = performance.now();
  await checked(client, smallAnswerChunks, smallAnswerChunks, () => {
    if (firstTokenMs === 0) {
      firstTokenMs = performance.now();
      // Without a starting point, cpuUsage() is the whole process's since it started.
      const cpu = process.cpuUsage();
      cpuMicros = cpu.user + cpu.system;
    }
  });
  if (firstTokenMs === 0) {
    throw new Error('the answer had no first content chunk');
  }
  const bootstrapMs = performance.nodeTiming.bootstrapComplete;
  return { type: 'first', client: name, bootstrapMs, importedMs, sentMs, firstTokenMs, cpuMicros, library: client.library };
}

function report(message: RunResult | FirstAnswerResult | RunFailure): Promise<void> {
  return new Promise((resolve) => {
    if (process.send === undefined) {
      console.log(JSON.stringify(message));
      resolve();
      return;
    }
    process.send(message, () => resolve());
  });
}

/** The body of a client child: builds the client, measures, reports, exits. */
export function runClientChild(name: string, create: (settings: ChildSettings) => BenchClient): void {
  // The bundle runs its imports before its own code: this is the moment they were all loaded.
  const importedMs = performance.now();
  const run = async (): Promise<void> => {
    const settings = settingsFromEnv(process.env);
    const client = create(settings);
    try {
      await report(settings.first === undefined ? await measure(name, client, settings) : await measureFirst(name, client, settings.first, importedMs));
    } finally {
      await client.close();
    }
  };
  run()
    .catch(async (error: unknown) => {
      await report({ type: 'error', client: name, message: error instanceof Error ? error.message : String(error) });
    })
    .finally(() => process.exit(0));
}
