/**
 * What both fault suites share: one test per fault, run through a way; nothing may escape every
 * handler during a trial or after the last one; and the figure — faults tried, faults not
 * survived (a trial survives when its test passed: the expected end, the partial text kept, the
 * servers' checks, nothing unhandled, the next request answered).
 */

import assert from 'node:assert/strict';
import { after, afterEach, it } from 'mocha';
import { recordFigure } from '../../figures';
import { FaultLab } from './faultLab';
import { titleOf } from './faultTable';
import type { Fault, Way } from './faultTypes';
import { settle, useUnhandledRecorder } from './unhandledRecorder';

/** Registers a test per fault, a final check, and the figure; call inside a `describe`. */
export function faultTrials(way: Way, faults: readonly Fault[], run: (fault: Fault, lab: FaultLab) => Promise<void>): void {
  const unhandled = useUnhandledRecorder();
  const titles = new Set(faults.map(titleOf));
  const failures: string[] = [];
  let tried = 0;

  afterEach(function countTrial() {
    const test = this.currentTest;
    if (test === undefined || !titles.has(test.title)) {
      return;
    }
    tried++;
    if (test.state !== 'passed') {
      failures.push(test.title);
    }
  });

  after(() => recordFigure({ area: 'faults', part: way, bad: failures.length, tried, failures }));

  for (const fault of faults) {
    it(titleOf(fault), async () => {
      const mark = unhandled.escaped.length;
      await run(fault, new FaultLab(fault.wire));
      await settle();
      assert.deepStrictEqual(unhandled.since(mark), [], 'something escaped every handler during the trial');
    });
  }

  it('left nothing unhandled behind, and the host stand-in (this process) is alive', async () => {
    // Late socket closes and timers of the last trials get a moment to misbehave.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await settle();
    assert.deepStrictEqual(unhandled.escaped, []);
    assert.equal(process.exitCode, undefined);
  });
}
