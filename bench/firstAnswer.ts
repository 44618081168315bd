/**
 * The first answer (`npm run bench`, section "first"; alone with `--wire first`): how long a fresh
 * process takes from its start to its first token — loading its code and sending its first
 * request — on the OpenAI wire, against the bench's loopback server in its own process. Four
 * clients, each in ≥ 9 fresh processes, the order rotated, medians: the limit (undici `request()`,
 * the first bytes of the body), the minimal client, Switchboard cold (its core imported, then the
 * first `completion()`), and Switchboard prepared (`prepare(model)` awaited before sending, as the
 * chat view does when it opens, before anyone types).
 *
 * Every time counts from `performance.timeOrigin`, which Node takes when the process starts, before
 * it boots: so "start → first token" is what a person waiting for the process would see, Node's
 * own start included (printed, the same for every client). An `hrtime` at the top of the entry
 * would leave that out, but in a bundle the top of the entry runs only after all its imports, so it
 * would leave the imports out too; the moment the entry's code began is a column of its own.
 * CPU is the whole process's (`process.cpuUsage()` at the first token): steadier than wall time on
 * a shared machine. Figures, not assertions: the target prints as ✓/✗.
 *
 * Options: --runs N (9).
 */

import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runClientChild, startServerChild } from './lib/children';
import type { FirstAnswerMode, FirstAnswerResult, RunFailure } from './lib/protocol';
import { fixed, mark, renderColumns, signed, targets } from './lib/report';
import { median } from './lib/stats';

/** The clients, the limit first; Switchboard twice, cold and prepared. */
const clients: readonly { name: string; file: string; mode: FirstAnswerMode }[] = [
  { name: 'limit', file: 'clientLimit.js', mode: 'cold' },
  { name: 'minimal', file: 'clientMinimal.js', mode: 'cold' },
  { name: 'switchboard cold', file: 'clientSwitchboard.js', mode: 'cold' },
  { name: 'switchboard prepared', file: 'clientSwitchboard.js', mode: 'prepared' },
];

/** The long answer is never asked for here (every request is a small one): the server's stays short. */
const serverChunks = 1_000;

interface FirstAnswerSummary {
  client: string;
  library: string;
  runs: number;
  errors: string[];
  bootstrapMs: number;
  importedMs: number;
  startToFirstMs: number;
  startToFirstMin: number;
  startToFirstMax: number;
  sendToFirstMs: number;
  cpuMs: number;
}

function summarise(client: string, outcomes: readonly (FirstAnswerResult | RunFailure)[]): FirstAnswerSummary {
  const results = outcomes.filter((outcome): outcome is FirstAnswerResult => outcome.type === 'first');
  const starts = results.map((result) => result.firstTokenMs);
  return {
    client,
    library: results[0]?.library ?? '(no successful run)',
    runs: results.length,
    errors: outcomes.filter((outcome): outcome is RunFailure => outcome.type === 'error').map((failure) => failure.message),
    bootstrapMs: median(results.map((result) => result.bootstrapMs)),
    importedMs: median(results.map((result) => result.importedMs)),
    startToFirstMs: median(starts),
    startToFirstMin: Math.min(...starts),
    startToFirstMax: Math.max(...starts),
    sendToFirstMs: median(results.map((result) => result.firstTokenMs - result.sentMs)),
    cpuMs: median(results.map((result) => result.cpuMicros / 1000)),
  };
}

function renderTable(summaries: readonly FirstAnswerSummary[], limit: FirstAnswerSummary): string {
  const header = ['client', 'start → first token ms', '(min–max)', '−limit ms', 'code loaded at ms', 'send → first token ms', 'CPU ms', 'CPU −limit ms', 'runs ok'];
  const lines = summaries.map((summary) => [
    summary.client,
    fixed(summary.startToFirstMs, 1),
    `(${fixed(summary.startToFirstMin, 1)}–${fixed(summary.startToFirstMax, 1)})`,
    signed(summary.startToFirstMs - limit.startToFirstMs, 1),
    fixed(summary.importedMs, 1),
    fixed(summary.sendToFirstMs, 2),
    fixed(summary.cpuMs, 1),
    signed(summary.cpuMs - limit.cpuMs, 1),
    `${summary.runs}/${summary.runs + summary.errors.length}`,
  ]);
  return renderColumns(header, lines);
}

function renderVerdicts(limit: FirstAnswerSummary, cold: FirstAnswerSummary, prepared: FirstAnswerSummary): string {
  const over = cold.startToFirstMs - limit.startToFirstMs;
  return [
    `${mark(over <= targets.firstAnswerOverLimitMs)} start → first token: Switchboard cold ${signed(over, 1)} ms over the limit ` +
      `(target ≤ ${targets.firstAnswerOverLimitMs} ms); CPU ${signed(cold.cpuMs - limit.cpuMs, 1)} ms over it`,
    `  prepared (prepare(model) awaited after the import, as the chat view does before anyone types): send → first token ` +
      `${fixed(prepared.sendToFirstMs, 2)} ms, cold ${fixed(cold.sendToFirstMs, 2)} ms, the limit's ${fixed(limit.sendToFirstMs, 2)} ms`,
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string' } } });
  const runs = Number(values.runs ?? '9');
  if (!Number.isInteger(runs) || runs <= 0) {
    throw new Error(`--runs takes a positive integer, not ${values.runs ?? ''}.`);
  }
  console.log('── The first answer: a fresh process, from its start to its first token (OpenAI wire, a 3-chunk answer)');
  console.log(`${runs} fresh processes per client, the order rotated; medians; times from performance.timeOrigin (the process's start, Node's boot included)`);
  console.log('');
  const server = await startServerChild(join(__dirname, 'streamServer.js'), serverChunks);
  const outcomes = new Map<string, (FirstAnswerResult | RunFailure)[]>(clients.map((client) => [client.name, []]));
  try {
    for (let run = 0; run < runs; run++) {
      for (let index = 0; index < clients.length; index++) {
        const client = clients[(index + run) % clients.length]!;
        const settings = { wire: 'openai' as const, port: server.port, chunks: serverChunks, warmStreams: 1, ttftSamples: 1, first: client.mode };
        const outcome = await runClientChild(join(__dirname, client.file), client.name, settings);
        outcomes.get(client.name)!.push(outcome);
        const said = outcome.type === 'error' ? `ERROR ${outcome.message}` : `${outcome.firstTokenMs.toFixed(1)} ms, send → first ${(outcome.firstTokenMs - outcome.sentMs).toFixed(2)} ms`;
        console.error(`  first run ${run + 1}/${runs} ${client.name}: ${said}`);
      }
    }
  } finally {
    server.child.disconnect();
  }
  const summaries = clients.map((client) => summarise(client.name, outcomes.get(client.name)!));
  const [limit, , cold, prepared] = summaries as [FirstAnswerSummary, FirstAnswerSummary, FirstAnswerSummary, FirstAnswerSummary];
  console.log('');
  console.log(renderTable(summaries, limit));
  console.log('');
  console.log(`  Node's own start (performance.nodeTiming.bootstrapComplete), in every figure: ${fixed(limit.bootstrapMs, 1)} ms`);
  for (const summary of summaries) {
    console.log(`  ${summary.client.padEnd(20)} ${summary.library}`);
    for (const error of new Set(summary.errors)) {
      console.log(`  ${''.padEnd(20)} error: ${error}`);
    }
  }
  console.log('');
  console.log(renderVerdicts(limit, cold, prepared));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
