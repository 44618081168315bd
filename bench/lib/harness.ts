/**
 * What every client child does, so the clients differ only in how they read a stream: one small
 * request to open the connection and load lazy modules; the long stream under measurement (the
 * first in this fresh process); more long streams in the same process for the warm figure; then
 * warm small requests for time to first token. The result goes to the driver over IPC.
 */

import { settingsFromEnv, smallAnswerChunks, type ChildSettings, type RunFailure, type RunResult } from './protocol';
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

function report(message: RunResult | RunFailure): Promise<void> {
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
  const run = async (): Promise<void> => {
    const settings = settingsFromEnv(process.env);
    const client = create(settings);
    try {
      await report(await measure(name, client, settings));
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
