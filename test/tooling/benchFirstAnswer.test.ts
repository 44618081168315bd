/**
 * How the first-answer bench (bench/firstAnswer.ts) talks to its client children: the mode
 * reaches the child through its environment and comes back out as given, an unknown mode is
 * refused, and the child's first-answer message is checked at the door like the others.
 */

import assert from 'node:assert/strict';
import { isChildMessage, settingsFromEnv, settingsToEnv, type ChildSettings, type FirstAnswerResult } from '../../bench/lib/protocol';

const settings: ChildSettings = { wire: 'openai', port: 4321, chunks: 1000, warmStreams: 1, ttftSamples: 1 };

const result: FirstAnswerResult = {
  type: 'first',
  client: 'switchboard prepared',
  bootstrapMs: 80.5,
  importedMs: 120.25,
  sentMs: 150,
  firstTokenMs: 170.75,
  cpuMicros: 120_000,
  library: 'switchboard src/core',
};

describe('the first-answer bench protocol', () => {
  it('carries the mode, cold or prepared, through the environment; without one the child streams as before', () => {
    assert.deepStrictEqual(
      [settingsFromEnv(settingsToEnv({ ...settings, first: 'prepared' })), settingsFromEnv(settingsToEnv({ ...settings, first: 'cold' })), settingsFromEnv(settingsToEnv(settings))],
      [{ ...settings, first: 'prepared' }, { ...settings, first: 'cold' }, settings],
    );
  });

  it('refuses a mode it does not know', () => {
    assert.throws(() => settingsFromEnv({ ...settingsToEnv(settings), BENCH_FIRST: 'warm' }), /BENCH_FIRST must be cold or prepared when set, not warm\./);
  });

  it('takes a whole first-answer message and refuses one with a figure missing or of the wrong type', () => {
    const { cpuMicros: _cpu, ...withoutCpu } = result;
    assert.deepStrictEqual(
      [isChildMessage(result), isChildMessage(withoutCpu), isChildMessage({ ...result, sentMs: '150' }), isChildMessage({ ...result, library: undefined })],
      [true, false, false, false],
    );
  });
});
