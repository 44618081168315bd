/**
 * `npm run bench`: what streaming 100,000 OpenAI chunks costs Switchboard's core, next to the
 * limit of its HTTP stack (undici, bytes discarded), a minimal client (undici + eventsource-parser
 * + JSON.parse) and the official openai SDK. The server runs in its own process; every client run
 * is a fresh process; figures are medians over the runs. Figures, not assertions: the targets are
 * printed as ✓/✗ and the exit code stays 0 unless the benchmark itself could not run.
 *
 * Options: --runs N (7), --chunks N (100000), --warm-streams N (3), --ttft-samples N (50).
 */

import { cpus, arch, platform } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runClientChild, startServerChild } from './lib/children';
import { expectedChunks, type RunFailure, type RunResult } from './lib/protocol';
import { renderTable, renderVerdicts, summarise, type ClientSummary } from './lib/report';

/** The clients, the limit first; each is a bundled entry beside this file. */
const clients = [
  { name: 'limit', file: 'clientLimit.js' },
  { name: 'minimal', file: 'clientMinimal.js' },
  { name: 'switchboard', file: 'clientSwitchboard.js' },
  { name: 'openai', file: 'clientOpenai.js' },
] as const;

function positive(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) {
    return fallback;
  }
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) {
    throw new Error(`--${name} takes a positive integer, not ${value}.`);
  }
  return parsed;
}

function describeRun(outcome: RunResult | RunFailure): string {
  if (outcome.type === 'error') {
    return `${outcome.client}: ERROR ${outcome.message}`;
  }
  const perChunk = (micros: number): string => (micros / outcome.chunks).toFixed(3);
  return `${outcome.client}: ${perChunk(outcome.cpuMicros)} µs/chunk (warm ${perChunk(outcome.warmCpuMicros)}), ${outcome.wallMs.toFixed(0)} ms, TTFT ${outcome.ttftMs.toFixed(3)} ms`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { runs: { type: 'string' }, chunks: { type: 'string' }, 'warm-streams': { type: 'string' }, 'ttft-samples': { type: 'string' } },
  });
  const runs = positive(values.runs, 7, 'runs');
  const chunks = positive(values.chunks, 100_000, 'chunks');
  const warmStreams = positive(values['warm-streams'], 3, 'warm-streams');
  const ttftSamples = positive(values['ttft-samples'], 50, 'ttft-samples');

  const cpu = cpus();
  console.log('Switchboard streaming benchmark (npm run bench)');
  console.log(`node ${process.version}, ${platform()} ${arch()}, ${cpu[0]?.model.trim() ?? 'unknown CPU'} × ${cpu.length}`);
  const server = await startServerChild(join(__dirname, 'streamServer.js'), chunks);
  console.log(
    `${chunks.toLocaleString('en-US')} content chunks per stream (${expectedChunks(chunks).toLocaleString('en-US')} chunks with finish and usage, ` +
      `${(server.bytes / 1e6).toFixed(1)} MB of SSE); ${runs} runs per client, each in a fresh process; ` +
      `warm: the last of ${warmStreams + 1} long streams in the same process; TTFT: median of ${ttftSamples} warm small requests per run`,
  );
  console.log('');
  const outcomes = new Map<string, (RunResult | RunFailure)[]>(clients.map((client) => [client.name, []]));
  try {
    for (let run = 0; run < runs; run++) {
      // Rotating the order keeps any drift (thermal, page cache) from always hitting one client.
      for (let index = 0; index < clients.length; index++) {
        const client = clients[(index + run) % clients.length]!;
        const outcome = await runClientChild(join(__dirname, client.file), client.name, { port: server.port, chunks, warmStreams, ttftSamples });
        outcomes.get(client.name)!.push(outcome);
        console.error(`  run ${run + 1}/${runs} ${describeRun(outcome)}`);
      }
    }
  } finally {
    server.child.disconnect();
  }

  const summaries: ClientSummary[] = clients.map((client) => summarise(client.name, outcomes.get(client.name)!));
  const limit = summaries[0]!;
  const switchboard = summaries.find((summary) => summary.client === 'switchboard')!;
  console.log('');
  console.log(renderTable(summaries, limit));
  console.log('');
  for (const summary of summaries) {
    console.log(`  ${summary.client.padEnd(12)} ${summary.library}`);
    for (const error of new Set(summary.errors)) {
      console.log(`  ${''.padEnd(12)} error: ${error}`);
    }
  }
  console.log('');
  console.log(renderVerdicts(switchboard, limit, summaries.find((summary) => summary.client === 'minimal')));
  console.log('  (measured elsewhere: openai SDK 7.x 3.2×, 6.x 6.3×; Vercel ai SDK 13–16×; undici + eventsource-parser 1.8×)');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
