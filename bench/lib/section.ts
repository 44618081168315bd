/**
 * One section of `npm run bench`: every client of one wire, each run in a fresh process, the
 * runs rotated, then the table and Switchboard's verdicts.
 */

import { join } from 'node:path';
import { runClientChild } from './children';
import type { RunFailure, RunResult } from './protocol';
import { renderSdkVerdict, renderTable, renderVerdicts, summarise, targets, type ClientSummary } from './report';
import { wires, type WireName } from './wires';

/** What one section measures: the clients (the limit first, the official SDK last), each a bundled entry in `directory`. */
export interface Section {
  wire: WireName;
  heading: string;
  /** How many events and chunks an answer is, for the heading. */
  describe: (chunks: number, bytes: number) => string;
  clients: readonly { name: string; file: string }[];
  /** Figures from elsewhere, printed under the verdicts. */
  elsewhere: string;
}

export interface SectionSettings {
  directory: string;
  port: number;
  bytes: number;
  runs: number;
  chunks: number;
  warmStreams: number;
  ttftSamples: number;
}

function describeRun(outcome: RunResult | RunFailure): string {
  if (outcome.type === 'error') {
    return `${outcome.client}: ERROR ${outcome.message}`;
  }
  const perChunk = (micros: number): string => (micros / outcome.contentChunks).toFixed(3);
  return `${outcome.client}: ${perChunk(outcome.cpuMicros)} µs/chunk (warm ${perChunk(outcome.warmCpuMicros)}), ${outcome.wallMs.toFixed(0)} ms, TTFT ${outcome.ttftMs.toFixed(3)} ms`;
}

/** The chunk counts of an answer on `wire`, as the heading words them. */
export function countsOf(wire: WireName, chunks: number): { events: string; chunks: string } {
  return { events: wires[wire].events(chunks).toLocaleString('en-US'), chunks: wires[wire].chunks(chunks).toLocaleString('en-US') };
}

/** Runs the section and prints it; the per-run lines go to stderr, the figures to stdout. */
export async function runSection(section: Section, settings: SectionSettings): Promise<void> {
  const { clients } = section;
  console.log(`── ${section.heading}`);
  console.log(section.describe(settings.chunks, settings.bytes));
  console.log('');
  const outcomes = new Map<string, (RunResult | RunFailure)[]>(clients.map((client) => [client.name, []]));
  for (let run = 0; run < settings.runs; run++) {
    // Rotating the order keeps any drift (thermal, page cache) from always hitting one client.
    for (let index = 0; index < clients.length; index++) {
      const client = clients[(index + run) % clients.length]!;
      const outcome = await runClientChild(join(settings.directory, client.file), client.name, {
        wire: section.wire,
        port: settings.port,
        chunks: settings.chunks,
        warmStreams: settings.warmStreams,
        ttftSamples: settings.ttftSamples,
      });
      outcomes.get(client.name)!.push(outcome);
      console.error(`  ${section.wire} run ${run + 1}/${settings.runs} ${describeRun(outcome)}`);
    }
  }

  const summaries: ClientSummary[] = clients.map((client) => summarise(client.name, outcomes.get(client.name)!));
  const limit = summaries[0]!;
  const switchboard = summaries.find((summary) => summary.client === 'switchboard')!;
  console.log('');
  console.log(renderTable(summaries, limit));
  console.log('');
  const width = Math.max(12, ...summaries.map((summary) => summary.client.length));
  for (const summary of summaries) {
    console.log(`  ${summary.client.padEnd(width)} ${summary.library}`);
    for (const error of new Set(summary.errors)) {
      console.log(`  ${''.padEnd(width)} error: ${error}`);
    }
  }
  console.log('');
  const minimal = summaries.find((summary) => summary.client === 'minimal');
  console.log(renderVerdicts(switchboard, limit, minimal, targets.cpu[section.wire]));
  // The official SDK is the last client of every section.
  const sdk = summaries[summaries.length - 1]!;
  if (sdk !== switchboard && sdk !== minimal && sdk !== limit) {
    console.log(renderSdkVerdict(switchboard, sdk));
  }
  console.log(`  (${section.elsewhere})`);
}
