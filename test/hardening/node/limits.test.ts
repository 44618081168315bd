/**
 * Bounded memory against hostile bodies: every reader of a server's body (whole JSON answers,
 * model lists, error bodies, SSE events, NDJSON lines, Ollama's model facts) gets a gzip bomb of
 * 16 GiB on loopback and must refuse it with a typed error naming the cap and its option, keep a
 * stream's text, and hang up with most of the bomb unsent (test/core/bombCases.ts).
 * Figures: limits / one part per reader — bodies over their cap tried, and those not refused; the
 * JSON part carries the process's peak memory while the largest cap (32 MiB) was read.
 */

import assert from 'node:assert/strict';
import { createClient } from '../../../src/core';
import { startBombServer } from '../../core/bodyBombs';
import { bombCases, bombProblems, type BombReader } from '../../core/bombCases';
import { recordFigure } from '../figures';
import { peakMeasures, peakRssMebibytes } from './limits/peakMemory';

interface PartTally {
  tried: number;
  failures: string[];
}

describe('hardening: bodies over their caps (gzip bombs)', function () {
  this.timeout(60_000);
  const parts = new Map<BombReader, PartTally>();
  const peakBefore = peakRssMebibytes();
  let peakAfterJson: number | undefined;

  after(() => {
    for (const [reader, tally] of parts) {
      const measures = reader === 'JSON bodies' && peakAfterJson !== undefined ? peakMeasures(peakBefore, peakAfterJson, 'the JSON bombs (16 GiB each, capped at 32 MiB)') : undefined;
      recordFigure({ area: 'limits', part: reader, tried: tally.tried, bad: tally.failures.length, failures: tally.failures, ...(measures === undefined ? {} : { measures }) });
    }
  });

  for (const bombCase of bombCases) {
    it(`${bombCase.reader} — ${bombCase.name}`, async () => {
      const tally = parts.get(bombCase.reader) ?? { tried: 0, failures: [] };
      parts.set(bombCase.reader, tally);
      tally.tried++;
      const server = await startBombServer(bombCase.route);
      const client = createClient({ env: {}, retry: { maxRetries: 0 } });
      let problems: string[];
      try {
        const outcome = await bombCase.run(client, server.url);
        await server.settled();
        problems = bombProblems(bombCase, outcome, server);
      } finally {
        await server.close();
        await client.close();
      }
      if (bombCase.reader === 'JSON bodies') {
        peakAfterJson = peakRssMebibytes();
      }
      if (problems.length > 0) {
        tally.failures.push(`${bombCase.name}: ${problems.join('; ')}`);
      }
      assert.deepStrictEqual(problems, []);
    });
  }
});
