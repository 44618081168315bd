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

/**
 * Switchboard's targets, from the issues: CPU as a multiple of the limit per wire — or, for the
 * round-two wires, of the minimal client ("at least as fast as the SDK, close to the minimal
 * client": on Responses' and Bedrock's streams the minimal client itself is near 3× the limit, so
 * a limit multiple would judge the wire, not the client; on Gemini's and Ollama's, issue 17's
 * "no more than the minimal client", though Switchboard also translates every event) — and warm
 * TTFT over the limit.
 */
export type CpuTarget = { of: 'limit' | 'minimal client'; ratio: number };

export const targets: { cpu: Record<WireName, CpuTarget>; ttftOverLimitMs: number; firstAnswerOverLimitMs: number } = {
  cpu: {
    openai: { of: 'limit', ratio: 2.0 },
    anthropic: { of: 'limit', ratio: 2.5 },
    responses: { of: 'minimal client', ratio: 1.25 },
    bedrock: { of: 'minimal client', ratio: 1.25 },
    gemini: { of: 'minimal client', ratio: 1.0 },
    ollama: { of: 'minimal client', ratio: 1.0 },
  },
  ttftOverLimitMs: 0.5,
  /** Issue 17: from a fresh process's start to its first token (import + first request), over the limit's. */
  firstAnswerOverLimitMs: 10,
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

export function fixed(value: number, digits: number): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

export function signed(value: number, digits: number): string {
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
  return renderColumns(header, lines);
}

/** A table of `header` and `lines`, the first column left-aligned, the others right-aligned. */
export function renderColumns(header: readonly string[], lines: readonly (readonly string[])[]): string {
  const widths = header.map((cell, index) => Math.max(cell.length, ...lines.map((line) => (line[index] ?? '').length)));
  const rule = widths.map((width) => '─'.repeat(width)).join('  ');
  return [row(header, widths), rule, ...lines.map((line) => row(line, widths))].join('\n');
}

/** A target met or missed, as the printed verdicts show it. */
export function mark(ok: boolean): string {
  return ok ? '✓' : '✗';
}

/** The target verdicts for Switchboard, as ✓/✗ lines, and where it stands against the minimal client. */
export function renderVerdicts(switchboard: ClientSummary, limit: ClientSummary, minimal: ClientSummary | undefined, cpuTarget: CpuTarget): string {
  const ratio = switchboard.cpuPerChunk / limit.cpuPerChunk;
  const minimalRatio = minimal === undefined ? Number.NaN : switchboard.cpuPerChunk / minimal.cpuPerChunk;
  const cpuLine =
    cpuTarget.of === 'limit'
      ? `${mark(ratio <= cpuTarget.ratio)} CPU: Switchboard ${fixed(ratio, 2)}× the limit (target ≤ ${cpuTarget.ratio.toFixed(1)}×)`
      : `${mark(minimalRatio <= cpuTarget.ratio)} CPU: Switchboard ${fixed(minimalRatio, 2)}× the minimal client (target ≤ ${cpuTarget.ratio.toFixed(2)}×; ${fixed(ratio, 2)}× the limit)`;
  const over = switchboard.ttftMs - limit.ttftMs;
  // The limit's fresh figure moves most between runs (undici warms up); this comparison does not.
  const againstMinimal =
    minimal === undefined
      ? []
      : [
          `  (against the minimal client: ${fixed(switchboard.cpuPerChunk / minimal.cpuPerChunk, 2)}× CPU, ` +
            `${signed(switchboard.cpuPerChunk - minimal.cpuPerChunk, 3)} µs/chunk; warm ${signed(switchboard.warmCpuPerChunk - minimal.warmCpuPerChunk, 3)} µs/chunk)`,
        ];
  return [
    cpuLine,
    `  (warm, for information: ${fixed(switchboard.warmCpuPerChunk / limit.warmCpuPerChunk, 2)}× the limit; ` +
      `${signed(switchboard.warmCpuPerChunk - limit.warmCpuPerChunk, 3)} µs/chunk over it)`,
    ...againstMinimal,
    `${mark(over <= targets.ttftOverLimitMs)} warm TTFT: Switchboard ${signed(over, 3)} ms over the limit (target ≤ ${targets.ttftOverLimitMs} ms)`,
  ].join('\n');
}

/** The other target: Switchboard at least as fast (CPU per chunk) as the wire's official SDK. */
export function renderSdkVerdict(switchboard: ClientSummary, sdk: ClientSummary): string {
  const ratio = switchboard.cpuPerChunk / sdk.cpuPerChunk;
  return `${mark(ratio <= 1)} CPU: Switchboard ${fixed(ratio, 2)}× ${sdk.client}'s (target ≤ 1.0×; warm ${fixed(switchboard.warmCpuPerChunk / sdk.warmCpuPerChunk, 2)}×)`;
}

/** Prints label/figure rows as an indented two-column list, the labels padded to one width. */
export function printFigures(rows: readonly (readonly [string, string])[]): void {
  const width = Math.max(...rows.map(([label]) => label.length));
  for (const [label, figure] of rows) {
    console.log(`  ${label.padEnd(width)}  ${figure}`);
  }
}
