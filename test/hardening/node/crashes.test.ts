/**
 * Crashes: 100 times, a child process runs the real chat controller and FileConversationStore,
 * streaming answers from a loopback server into several conversations of one directory (new ones,
 * and ones earlier children saved), and is killed with SIGKILL at a seeded moment spread over the
 * write path — mid-stream, as a save starts, after the temporary file is flushed, just before and
 * just after the rename. After each kill a fresh store over the directory must open every
 * conversation ever saved, holding what the child last reported durably saved (or a later save
 * that got through): at most the in-flight message is missing. The figure is conversations lost
 * / kills.
 *
 * Then 20 kills mid-stream: the child streams long answers at a reading pace and is killed at a
 * random moment of one; the answer on disk is compared with the text the child had received. The
 * conversation must open (the figure: conversations lost or unreadable); the characters lost per
 * kill are the measure — up to the save interval's worth is expected (progressSaver.ts).
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
import { lossSummary, midStreamLoss } from './crashes/midStream';
import { runDiskScenario, type DiskFault } from './crashes/diskScenarios';
import { coreCompletions, useChatRigs } from '../../helpers/chatHarness';
import { mountTmpfs, unmount } from '../../shell/chat/diskFaults';
import { useDiskRigs } from '../../shell/chat/diskRig';
import { progressSaveIntervalMs } from '../../../src/shell/chat/progressSaver';

const kills = 100;
const midStreamKills = 20;

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

describe(`hardening: ${midStreamKills} kills (SIGKILL) mid-stream, and the characters each lost`, function () {
  this.timeout(600_000);
  const seed = chooseSeed();
  let server: WireServer;
  let directory: string;

  before(async () => {
    // Long answers (300–600 words, up to 20 ms apart): 3–6 s each, so most kills land past the first save of one.
    server = await startAnswerServer(seededRandom(seed ^ 0x57ea), { words: 300, extraWords: 300, pauseMs: 20 });
    directory = await mkdtemp(join(tmpdir(), 'switchboard-midstream-'));
  });
  after(async () => {
    await server?.close();
    if (directory !== undefined) {
      await rm(directory, { recursive: true, force: true });
    }
  });

  it(`every answer killed mid-stream opens, holding what the child had received up to the last save (seed ${seed}; replay with SWITCHBOARD_SEED=${seed})`, async () => {
    const random = seededRandom(seed);
    const failures: string[] = [];
    const losses: number[] = [];
    let bad = 0;
    for (let trial = 1; trial <= midStreamKills; trial++) {
      // At a random moment of the first answer: from just after its first delta to several seconds in.
      const plan = { at: 'delta' as const, count: 1, delayMs: 200 + random.integer(6_000) };
      const run = await runTrial({ directory, apiBase: `${server.url}/v1`, trial, seed: random.integer(2 ** 31) + 1, midStream: true }, plan);
      const where = `mid-stream kill ${trial} (+${plan.delayMs} ms)`;
      if (run.signal !== 'SIGKILL' || run.stderr !== '') {
        failures.push(`${where}: the child ended with ${run.signal ?? `exit code ${String(run.code)}`} and said ${JSON.stringify(run.stderr.slice(0, 400))}`);
      }
      const loss = await midStreamLoss(directory, run.events);
      if (loss.problem !== undefined) {
        bad++;
        failures.push(`${where}: ${loss.problem}`);
      }
      if (loss.measured) {
        losses.push(loss.charactersLost);
      }
    }
    const measure = `${lossSummary(losses)} (interval ${progressSaveIntervalMs / 1_000} s)`;
    recordFigure({
      area: 'crashes',
      part: 'host process killed mid-stream (SIGKILL)',
      bad,
      tried: midStreamKills,
      failures: failures.slice(0, 50).map((failure) => `seed ${seed} ${failure}`),
      measures: [['characters lost per kill', measure]],
    });
    assert.deepStrictEqual(failures.slice(0, 20), [], `seed ${seed}: ${measure}`);
    assert.ok(losses.length >= midStreamKills / 2, `most kills landed mid-answer: ${losses.length} measured`);
  });
});

describe('hardening: the chat on a full or read-only disk', function () {
  const rigs = useChatRigs();
  const diskRig = useDiskRigs();
  let mountPoint: string;
  let mounted = false;

  before(async () => {
    mountPoint = await mkdtemp(join(tmpdir(), 'switchboard-disk-'));
    mounted = mountTmpfs(mountPoint);
  });
  after(async () => {
    if (mounted) {
      unmount(mountPoint);
    }
    await rm(mountPoint, { recursive: true, force: true });
  });

  it('full, read-only, unwritable, full mid-stream: nothing saved before is damaged, the chat keeps working, all is saved again', async () => {
    const faults: DiskFault[] = ['full', 'read-only', 'unwritable', 'full mid-stream'];
    const failures: string[] = [];
    let bad = 0;
    for (const fault of faults) {
      const onTmpfs = mounted && (fault === 'full' || fault === 'read-only');
      const directory = join(onTmpfs ? mountPoint : await rigs.directory(), fault.replace(/ /g, '-'));
      const problems = await runDiskScenario({ fault, mountPoint: onTmpfs ? mountPoint : undefined, directory, rig: diskRig, client: coreCompletions(rigs.client()) });
      if (problems.length > 0) {
        bad++;
        failures.push(...problems.map((problem) => `${fault}: ${problem}`));
      }
    }
    const how = mounted ? 'full and read-only on a 256 KiB tmpfs, the rest through the injected port' : 'tmpfs not available, all through the injected port';
    recordFigure({ area: 'crashes', part: 'full or read-only disk', bad, tried: faults.length, failures, measures: [['disk', how]] });
    assert.deepStrictEqual(failures, []);
  });
});
