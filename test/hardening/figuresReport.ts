/**
 * Turns the figures the hardening parts recorded into the report `npm run test:hardening` prints:
 * one line per area, the parts in brackets, e.g.
 *   faults    0 not survived / 64 tried   (core client: 0/38, chat: 0/26)
 * An area no part recorded says so instead of showing 0 / 0, which would read as "all survived".
 */

import type { Figure, FigureArea } from './figures';

interface AreaWording {
  bad: string;
  tried: string;
}

/** The areas in the order the issue lists them, each with the words its counts stand for. */
const areaWording: ReadonlyArray<readonly [FigureArea, AreaWording]> = [
  ['faults', { bad: 'not survived', tried: 'tried' }],
  ['xss', { bad: 'executed', tried: 'tried' }],
  ['keys', { bad: 'canary found', tried: 'places searched' }],
  ['crashes', { bad: 'conversations lost', tried: 'kills' }],
  ['input', { bad: 'accepted or crashed', tried: 'invalid inputs tried' }],
  ['limits', { bad: 'over their cap and not refused', tried: 'tried' }],
  ['a11y', { bad: 'serious or critical violations', tried: 'state×theme pages checked' }],
];

export interface FiguresReport {
  lines: string[];
  /** The sum of `bad` over every figure: the run fails when it is above 0. */
  bad: number;
}

export function formatFigures(figures: readonly Figure[]): FiguresReport {
  const width = Math.max(...areaWording.map(([area]) => area.length)) + 2;
  const lines: string[] = [];
  let bad = 0;
  for (const [area, wording] of areaWording) {
    const parts = figures.filter((figure) => figure.area === area);
    const label = area.padEnd(width);
    if (parts.length === 0) {
      lines.push(`${label}no figures recorded`);
      continue;
    }
    const areaBad = sum(parts.map((part) => part.bad));
    const areaTried = sum(parts.map((part) => part.tried));
    bad += areaBad;
    const breakdown = parts.map((part) => `${part.part}: ${part.bad}/${part.tried}`).join(', ');
    lines.push(`${label}${areaBad} ${wording.bad} / ${areaTried} ${wording.tried}   (${breakdown})`);
    for (const part of parts) {
      for (const [label, value] of part.measures ?? []) {
        lines.push(`${' '.repeat(width)}· ${part.part}: ${label} ${value}`);
      }
      for (const failure of part.failures ?? []) {
        lines.push(`${' '.repeat(width)}✗ ${part.part}: ${failure}`);
      }
    }
  }
  return { lines, bad };
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
