/**
 * The hardening suite's figures: each part records what it tried and how much went wrong, and
 * `npm run test:hardening` prints them at the end, one line per area. A figure is appended as one
 * JSON line to the file named by SWITCHBOARD_FIGURES (the runner sets it), so parts that run in
 * different processes — mocha in Node, Chromium, code-server drivers — add up in one place.
 */

import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** The areas the issues ask figures for. */
export type FigureArea = 'faults' | 'xss' | 'keys' | 'crashes' | 'input' | 'limits' | 'a11y';

export interface Figure {
  area: FigureArea;
  /** What this part measured, e.g. "core client, OpenAI wire" or "webview messages to the host". */
  part: string;
  /** How many went wrong: faults not survived, payloads executed, canaries found, conversations lost, accessibility violations. */
  bad: number;
  /** How many were tried: faults, payloads, places searched, kills, pages audited. */
  tried: number;
  /** Names of what went wrong (the failing fault, the payload, the file holding the canary). */
  failures?: string[];
  /**
   * Measurements beside the count, printed after the part's figure: the characters a kill lost,
   * the extension host's peak memory during the largest body. Each is `[label, value]`.
   */
  measures?: Array<[string, string]>;
}

const figuresFileVariable = 'SWITCHBOARD_FIGURES';

export function figuresFile(): string {
  return process.env[figuresFileVariable] ?? '.hardening/figures.jsonl';
}

/** Appends one figure; parts record even when they found problems, so the line shows them. */
export function recordFigure(figure: Figure): void {
  const file = figuresFile();
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify(figure)}\n`);
}

export function readFigures(file = figuresFile()): Figure[] {
  if (!existsSync(file)) {
    return [];
  }
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Figure);
}
