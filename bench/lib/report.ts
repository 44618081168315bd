/**
 * Turns the runs into the printed figures: medians per client, ratios to the limit, the target
 * verdicts. Targets are reported as text, never as an exit code: a benchmark informs, it does not
 * gate.
 */

import type { RunFailure, RunResult } from './protocol';
import { median } from './stats';
import type { WireName } from './wires';

export interface ClientSummary {
  client: string;
  library: string;
  runs: number;
  errors: string[];
  cpuPerChunk: number;
  cpuPerChunkMin: number;
  cpuPerChunkMax: number;
  wallMs: number;
  warmCpuPerChunk: number;
  ttftMs: number;
}

/** Switchboard's targets, from the issues: CPU as a multiple of the limit per wire, warm TTFT over the limit. */
export const targets: { cpuRatio: Record<WireName, number>; ttftOverLimitMs: number } = {
  // The translating wires get the Anthropic wire's target: each event becomes an OpenAI chunk.
  cpuRatio: { openai: 2.0, anthropic: 2.5, responses: 2.5, bedrock: 2.5 },
  ttftOverLimitMs: 0.5,
};

/** Medians of one client's successful runs; NaN figures when none succeeded. */
export function summarise(client: string, outcomes: readonly (RunResult | RunFailure)[]): ClientSummary {
  const results = outcomes.filter((outcome): outcome is RunResult => outcome.type === 'result');
  // Per content chunk, so clients that hand out the wire's raw events and ones that translate them compare.
  const perChunk = results.map((result) => result.cpuMicros / result.contentChunks);
  return {
    client,
    library: results[0]?.library ?? '(no successful run)',
    runs: results.length,
    errors: outcomes.filter((outcome): outcome is RunFailure => outcome.type === 'error').map((failure) => failure.message),
    cpuPerChunk: median(perChunk),
    cpuPerChunkMin: Math.min(...perChunk),
    cpuPerChunkMax: Math.max(...perChunk),
    wallMs: median(results.map((result) => result.wallMs)),
    warmCpuPerChunk: median(results.map((result) => result.warmCpuMicros / result.contentChunks)),
    ttftMs: median(results.map((result) => result.ttftMs)),
  };
}

function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

function signed(value: number, digits: number): string {
  return Number.isFinite(value) ? `${value >= 0 ? '+' : ''}${value.toFixed(digits)}` : 'n/a';
}

function row(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((cell, index) => (index === 0 ? cell.padEnd(widths[index] ?? 0) : cell.padStart(widths[index] ?? 0))).join('  ');
}

/** The table: one line per client, the limit first. */
export function renderTable(summaries: readonly ClientSummary[], limit: ClientSummary): string {
  const header = ['client', 'CPU µs/chunk', '(min–max)', 'wall ms', 'CPU ×limit', 'warm µs/chunk', 'warm ×limit', 'TTFT ms', 'TTFT −limit ms', 'runs ok'];
  const lines = summaries.map((summary) => [
    summary.client,
    fixed(summary.cpuPerChunk, 3),
    `(${fixed(summary.cpuPerChunkMin, 3)}–${fixed(summary.cpuPerChunkMax, 3)})`,
    fixed(summary.wallMs, 1),
    `${fixed(summary.cpuPerChunk / limit.cpuPerChunk, 2)}×`,
    fixed(summary.warmCpuPerChunk, 3),
    `${fixed(summary.warmCpuPerChunk / limit.warmCpuPerChunk, 2)}×`,
    fixed(summary.ttftMs, 3),
    signed(summary.ttftMs - limit.ttftMs, 3),
    `${summary.runs}/${summary.runs + summary.errors.length}`,
  ]);
  const widths = header.map((cell, index) => Math.max(cell.length, ...lines.map((line) => (line[index] ?? '').length)));
  const rule = widths.map((width) => '─'.repeat(width)).join('  ');
  return [row(header, widths), rule, ...lines.map((line) => row(line, widths))].join('\n');
}

/** The target verdicts for Switchboard, as ✓/✗ lines, and where it stands against the minimal client. */
export function renderVerdicts(switchboard: ClientSummary, limit: ClientSummary, minimal: ClientSummary | undefined, cpuTarget: number): string {
  const ratio = switchboard.cpuPerChunk / limit.cpuPerChunk;
  const over = switchboard.ttftMs - limit.ttftMs;
  const mark = (ok: boolean): string => (ok ? '✓' : '✗');
  // The limit's fresh figure moves most between runs (undici warms up); this comparison does not.
  const againstMinimal =
    minimal === undefined
      ? []
      : [
          `  (against the minimal client: ${fixed(switchboard.cpuPerChunk / minimal.cpuPerChunk, 2)}× CPU, ` +
            `${signed(switchboard.cpuPerChunk - minimal.cpuPerChunk, 3)} µs/chunk; warm ${signed(switchboard.warmCpuPerChunk - minimal.warmCpuPerChunk, 3)} µs/chunk)`,
        ];
  return [
    `${mark(ratio <= cpuTarget)} CPU: Switchboard ${fixed(ratio, 2)}× the limit (target ≤ ${cpuTarget.toFixed(1)}×)`,
    `  (warm, for information: ${fixed(switchboard.warmCpuPerChunk / limit.warmCpuPerChunk, 2)}× the limit; ` +
      `${signed(switchboard.warmCpuPerChunk - limit.warmCpuPerChunk, 3)} µs/chunk over it)`,
    ...againstMinimal,
    `${mark(over <= targets.ttftOverLimitMs)} warm TTFT: Switchboard ${signed(over, 3)} ms over the limit (target ≤ ${targets.ttftOverLimitMs} ms)`,
  ].join('\n');
}

/** The other target: Switchboard at least as fast (CPU per chunk) as the wire's official SDK. */
export function renderSdkVerdict(switchboard: ClientSummary, sdk: ClientSummary): string {
  const ratio = switchboard.cpuPerChunk / sdk.cpuPerChunk;
  return `${ratio <= 1 ? '✓' : '✗'} CPU: Switchboard ${fixed(ratio, 2)}× ${sdk.client}'s (target ≤ 1.0×; warm ${fixed(switchboard.warmCpuPerChunk / sdk.warmCpuPerChunk, 2)}×)`;
}
