/**
 * The report `npm run test:hardening` ends with: one line per area in the order, the
 * parts in brackets, what went wrong listed under its area, an area nobody measured said so (not
 * shown as 0 / 0), and the sum of `bad` that fails the run.
 */

import assert from 'node:assert/strict';
import { describe, it } from 'mocha';
import type { Figure } from '../figures';
import { formatFigures } from '../figuresReport';

describe('hardening: the figures report', () => {
  it('adds up the parts of each area, lists failures, and says which areas nobody measured', () => {
    const figures: Figure[] = [
      { area: 'xss', part: 'model output', bad: 0, tried: 149 },
      { area: 'faults', part: 'core client', bad: 0, tried: 43, failures: [] },
      { area: 'faults', part: 'chat', bad: 1, tried: 41, failures: ['OpenAI: [DONE] missing'] },
      { area: 'crashes', part: 'kill -9 while saving', bad: 0, tried: 100, measures: [['characters lost per kill', 'median 0, max 12']] },
    ];
    assert.deepStrictEqual(formatFigures(figures), {
      lines: [
        'faults   1 not survived / 84 tried   (core client: 0/43, chat: 1/41)',
        '         ✗ chat: OpenAI: [DONE] missing',
        'xss      0 executed / 149 tried   (model output: 0/149)',
        'keys     no figures recorded',
        'crashes  0 conversations lost / 100 kills   (kill -9 while saving: 0/100)',
        '         · kill -9 while saving: characters lost per kill median 0, max 12',
        'input    no figures recorded',
        'limits   no figures recorded',
        'a11y     no figures recorded',
      ],
      bad: 1,
    });
  });

  it('counts nothing bad when every figure is clean, and when none was recorded', () => {
    assert.equal(formatFigures([{ area: 'keys', part: 'code-server', bad: 0, tried: 12 }]).bad, 0);
    assert.deepStrictEqual(formatFigures([]), {
      lines: ['faults', 'xss', 'keys', 'crashes', 'input', 'limits', 'a11y'].map((area) => `${area.padEnd(9)}no figures recorded`),
      bad: 0,
    });
  });
});
