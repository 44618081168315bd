/**
 * Starting the benchmark's child processes and collecting their one message. Children are plain
 * `node` processes (no inherited flags) so every run starts as fresh as a user's program would.
 */

import { fork, type ChildProcess } from 'node:child_process';
import { isChildMessage, settingsToEnv, type ChildSettings, type FirstAnswerResult, type RunFailure, type RunResult } from './protocol';
import type { WireName } from './wires';

const childTimeoutMs = 120_000;

function spawnChild(file: string, env: Record<string, string>): ChildProcess {
  return fork(file, [], { env: { ...process.env, ...env }, execArgv: [], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

/** Starts the server child; resolves once it listens. */
export function startServerChild(file: string, chunks: number): Promise<{ child: ChildProcess; port: number; bytes: Record<WireName, number> }> {
  return new Promise((resolve, reject) => {
    const child = spawnChild(file, { BENCH_CHUNKS: String(chunks) });
    child.once('message', (message: unknown) => {
      if (isChildMessage(message) && message.type === 'ready') {
        resolve({ child, port: message.port, bytes: message.bytes });
      } else {
        child.kill();
        reject(new Error(`The server child said something unexpected: ${JSON.stringify(message)}`));
      }
    });
    child.once('exit', (code) => reject(new Error(`The server child exited (${code ?? 'signal'}) before it listened.`)));
  });
}

/**
 * Runs one client child to the end; resolves with its result — the streaming figures, or with
 * `settings.first` its first answer's — or a failure, never rejects.
 */
export function runClientChild(file: string, client: string, settings: ChildSettings & { first?: undefined }): Promise<RunResult | RunFailure>;
export function runClientChild(file: string, client: string, settings: ChildSettings & Required<Pick<ChildSettings, 'first'>>): Promise<FirstAnswerResult | RunFailure>;
export function runClientChild(file: string, client: string, settings: ChildSettings): Promise<RunResult | FirstAnswerResult | RunFailure> {
  const expected = settings.first === undefined ? 'result' : 'first';
  return new Promise((resolve) => {
    const child = spawnChild(file, settingsToEnv(settings));
    let answer: RunResult | FirstAnswerResult | RunFailure | undefined;
    const timer = setTimeout(() => {
      answer ??= { type: 'error', client, message: `no answer within ${childTimeoutMs / 1000} s` };
      child.kill();
    }, childTimeoutMs);
    child.on('message', (message: unknown) => {
      if (isChildMessage(message) && message.type !== 'ready') {
        answer ??= message.type === 'error' || message.type === expected ? message : { type: 'error', client, message: `the child sent a ${message.type} message, not a ${expected} one` };
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(answer ?? { type: 'error', client, message: `the child exited (${code ?? signal ?? '?'}) without a result` });
    });
  });
}
