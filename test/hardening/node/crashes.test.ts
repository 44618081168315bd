/**
 * Crashes: 100 times, a child process runs the real chat controller and FileConversationStore,
 * streaming answers from a loopback server into several conversations of one directory (new ones,
 * and ones earlier children saved), and is killed with SIGKILL at a seeded moment spread over the
 * write path — mid-stream, as a save starts, after the temporary file is flushed, just before and
 * just after the rename. After each kill a fresh store over the directory must open every
 * conversation ever saved, holding what the child last reported durably saved (or a later save
 * that got through): at most the in-flight message is missing. The figure is conversations lost
 * / kills.
 */

import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chooseSeed, seededRandom } from '../../helpers/seededRandom';
import type { WireServer } from '../../helpers/wireServer';
import { recordFigure } from '../figures';
import { startAnswerServer } from './crashes/answerServer';
import { planKill, runTrial } from './crashes/crashTrial';
import { DurabilityLedger } from './crashes/durability';

const kills = 100;

describe('hardening: 100 kills (SIGKILL) of a host process writing conversations', function () {
  this.timeout(600_000);
  const seed = chooseSeed();
  let server: WireServer;
  let directory: string;

  before(async () => {
    server = await startAnswerServer(seededRandom(seed ^ 0x5eed));
    directory = await mkdtemp(join(tmpdir(), 'switchboard-crashes-'));
  });
  after(async () => {
    await server?.close();
    if (directory !== undefined) {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it('the check is not blind: a store writing in place, killed while a file is half written, loses a conversation', async () => {
    const control = await mkdtemp(join(tmpdir(), 'switchboard-crashes-control-'));
    try {
      const ledger = new DurabilityLedger(control);
      const run = await runTrial({ directory: control, apiBase: `${server.url}/v1`, trial: 0, seed, tornWrites: true }, { at: 'fs:torn', count: 3, delayMs: 0 });
      ledger.record(run.events);
      assert.equal(run.signal, 'SIGKILL');
      assert.ok((await ledger.check()).lost.length > 0, 'a torn file went unnoticed');
    } finally {
      await rm(control, { recursive: true, force: true });
    }
  });

  it(`every saved conversation opens after each kill, at most the in-flight message missing (seed ${seed}; replay with SWITCHBOARD_SEED=${seed})`, async () => {
    const random = seededRandom(seed);
    const ledger = new DurabilityLedger(directory);
    const failures: string[] = [];
    const landings = new Map<string, number>();
    let lostConversations = 0;
    let checked = 0;
    let inFlightMessages = 0;
    for (let trial = 1; trial <= kills; trial++) {
      const plan = planKill(random);
      const run = await runTrial({ directory, apiBase: `${server.url}/v1`, trial, seed: random.integer(2 ** 31) + 1 }, plan);
      ledger.record(run.events);
      const where = `kill ${trial} (${plan.at} #${plan.count} +${plan.delayMs} ms, landed ${run.landed})`;
      landings.set(run.landed, (landings.get(run.landed) ?? 0) + 1);
      if (run.signal !== 'SIGKILL' || run.stderr !== '') {
        failures.push(`${where}: the child ended with ${run.signal ?? `exit code ${String(run.code)}`} and said ${JSON.stringify(run.stderr.slice(0, 400))}`);
      }
      const after = await ledger.check();
      lostConversations += after.lost.length;
      checked += after.checked;
      inFlightMessages += after.inFlightMessages;
      failures.push(...after.lost.map((lost) => `${where}: ${lost}`));
    }
    const summary = `seed ${seed}: ${kills} kills, landed ${JSON.stringify(Object.fromEntries(landings))}; ${checked} conversation checks; ${inFlightMessages} in-flight messages lost (allowed)`;
    recordFigure({ area: 'crashes', part: 'host process (SIGKILL)', bad: lostConversations, tried: kills, failures: failures.slice(0, 50).map((failure) => `seed ${seed} ${failure}`) });
    assert.deepStrictEqual(failures.slice(0, 20), [], summary);
    // The kills did land all over the write path, not only in one place.
    for (const place of ['mid-stream', 'save-begin', 'fs:synced', 'fs:rename-begin', 'fs:renamed']) {
      assert.ok((landings.get(place) ?? 0) > 0, `no kill landed at ${place}: ${summary}`);
    }
    assert.ok(checked >= kills, summary);
  });
});
