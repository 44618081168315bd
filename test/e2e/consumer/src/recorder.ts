/**
 * Runs the consumer's steps one after another and writes what each returned or threw to the
 * results file after every step (atomically: a temporary file, then a rename), so the test reads
 * either the previous or the new whole document, and a step that hangs still leaves the earlier
 * ones on record.
 */

import { renameSync, writeFileSync } from 'node:fs';
import type { ConsumerCommand, ConsumerReport, ErrorSeen } from './plan';

/** What another extension can read from a thrown value: the fields the API documents. */
export function describeError(error: unknown): ErrorSeen {
  if (typeof error !== 'object' || error === null) {
    return { instanceOfError: false, name: typeof error, message: String(error) };
  }
  const fields = error as { name?: unknown; message?: unknown; status_code?: unknown; llm_provider?: unknown; param?: unknown };
  const seen: ErrorSeen = {
    instanceOfError: error instanceof Error,
    name: String(fields.name),
    message: String(fields.message),
  };
  // Only the fields the error has, so the test can compare whole objects.
  for (const key of ['status_code', 'llm_provider', 'param'] as const) {
    if (fields[key] !== undefined) {
      seen[key] = fields[key];
    }
  }
  return seen;
}

export class StepRecorder {
  private readonly report: ConsumerReport;

  constructor(
    command: ConsumerCommand,
    callerId: string,
    private readonly file: string,
  ) {
    this.report = { command, callerId, steps: {}, finished: false };
    this.write();
  }

  /** Runs one step; its value or error is recorded under `name`, and nothing it throws escapes. */
  async step(name: string, run: () => Promise<unknown>): Promise<void> {
    try {
      this.report.steps[name] = { value: await run() };
    } catch (error) {
      this.report.steps[name] = { error: describeError(error) };
    }
    this.write();
  }

  finish(): void {
    this.report.finished = true;
    this.write();
  }

  private write(): void {
    const temporary = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(this.report, null, 2)}\n`);
    renameSync(temporary, this.file);
  }
}
