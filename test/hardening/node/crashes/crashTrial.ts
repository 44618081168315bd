/**
 * One kill: starts the crash child (chatWriter.entry.js) on the shared directory, follows its
 * progress, and sends SIGKILL at the moment the trial's plan names — the n-th event of a kind
 * (a streamed delta, a save starting, a temporary file flushed, a rename about to happen or just
 * done) or a time after it got going — so kills spread over the whole write path.
 */

import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { kindOf, type ProgressEvent, type ProgressKind } from './progress';
import type { WriterOptions } from './chatWriter.entry';
import type { SeededRandom } from '../../../helpers/seededRandom';

export interface KillPlan {
  /** Kill at the `count`-th event of this kind, or `time`: `count` ms after `ready`. */
  at: ProgressKind | 'time';
  count: number;
  /** Wait this long after the event before killing (0: at once, from the event's handler). */
  delayMs: number;
}

export interface TrialRun {
  plan: KillPlan;
  /** Every event the child reported, in order. */
  events: ProgressEvent[];
  /** How it ended: `SIGKILL` when the plan's kill did it. */
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
  /** The last write step reported before the kill, to say where kills landed. */
  landed: string;
}

const kinds: ProgressKind[] = ['delta', 'save-begin', 'fs:synced', 'fs:rename-begin', 'fs:renamed', 'saved'];
/** A child that has not been killed by then is stuck: it is killed anyway and the trial fails. */
const trialLimitMs = 20_000;

export function planKill(random: SeededRandom): KillPlan {
  const at = random.chance(0.15) ? 'time' : random.pick(kinds);
  const count = at === 'time' ? 50 + random.integer(600) : 1 + random.integer(at === 'delta' ? 60 : 12);
  return { at, count, delayMs: random.chance(0.5) ? 0 : random.integer(3) };
}

/** Where the kill landed: after which step of the write path. */
function landing(events: ProgressEvent[]): string {
  const last = [...events].reverse().find((event) => event.e !== 'delta' && event.e !== 'ready');
  const streaming = events.length > 0 && events[events.length - 1]?.e === 'delta';
  if (streaming || last === undefined) {
    return 'mid-stream';
  }
  return kindOf(last);
}

export function runTrial(options: WriterOptions, plan: KillPlan): Promise<TrialRun> {
  const entry = join(__dirname, 'crashes', 'chatWriter.entry.js');
  const child = spawn(process.execPath, ['--enable-source-maps', entry, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const events: ProgressEvent[] = [];
  let stderr = '';
  let pending = '';
  let seen = 0;
  let killed = false;
  const kill = (): void => {
    if (!killed) {
      killed = true;
      child.kill('SIGKILL');
    }
  };
  const killAfter = (ms: number): void => {
    if (ms === 0) {
      kill();
    } else {
      setTimeout(kill, ms);
    }
  };
  const limit = setTimeout(kill, trialLimitMs);
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (text: string) => {
    pending += text;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const event = JSON.parse(line) as ProgressEvent;
      events.push(event);
      if (killed) {
        continue;
      }
      if (plan.at === 'time' && event.e === 'ready') {
        killAfter(plan.count);
      } else if (plan.at !== 'time' && kindOf(event) === plan.at && ++seen === plan.count) {
        killAfter(plan.delayMs);
      }
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    stderr += text;
  });
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearTimeout(limit);
      resolve({ plan, events, signal, code, stderr, landed: landing(events) });
    });
  });
}
