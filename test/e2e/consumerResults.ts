/**
 * The consumer test extension as the scenario sees it: its .vsix and the `other` one (built by
 * test/e2e/consumer/build.mjs), its palette commands, and the results file each command writes,
 * read once the command has finished — watching the workbench meanwhile, so a dialog nobody
 * expected (a second consent prompt) fails the step at once instead of stalling it.
 */

import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { consumerCommandTitles, resultsFileName, type ConsumerCommand, type ConsumerReport, type StepResult } from './consumer/src/plan';
import { runCommand, shownDialog, type ShownDialog } from './workbench';

/** The test extensions' packages: the consumer, and `other` (no code; its id is the second caller's). */
export function testExtensionPackages(repositoryRoot: string): { consumer: string; other: string } {
  const path = (name: string): string => {
    const vsix = join(repositoryRoot, 'out', 'e2e-consumer', `${name}.vsix`);
    if (!existsSync(vsix)) {
      throw new Error(`no ${vsix}: build it with \`node test/e2e/consumer/build.mjs\` (npm run test:e2e does)`);
    }
    return vsix;
  };
  return { consumer: path('consumer'), other: path('other') };
}

/** The command's results file as it is now (the consumer rewrites it after each step), or undefined. */
export function readReport(folder: string, command: ConsumerCommand): ConsumerReport | undefined {
  const path = join(folder, resultsFileName(command));
  if (!existsSync(path)) {
    return undefined;
  }
  return JSON.parse(readFileSync(path, 'utf8')) as ConsumerReport;
}

/**
 * Runs a consumer command from the palette, first removing its results file: a command run again
 * rewrites the file only once it starts, and `waitForReport` must not take the last run's
 * finished report for this one's.
 */
export async function startConsumerCommand(page: Page, folder: string, command: ConsumerCommand): Promise<void> {
  rmSync(join(folder, resultsFileName(command)), { force: true });
  await runCommand(page, consumerCommandTitles[command]);
}

/**
 * Waits until the command's report is finished. A modal dialog meanwhile fails the wait, unless
 * `onDialog` answers it (and returns true).
 */
export async function waitForReport(
  page: Page,
  folder: string,
  command: ConsumerCommand,
  options: { timeout?: number; onDialog?: (dialog: ShownDialog) => Promise<boolean> } = {},
): Promise<ConsumerReport> {
  const timeout = options.timeout ?? 45_000;
  const deadline = Date.now() + timeout;
  for (;;) {
    const report = readReport(folder, command);
    if (report?.finished === true) {
      return report;
    }
    const dialog = await shownDialog(page);
    if (dialog !== undefined && !(await options.onDialog?.(dialog))) {
      throw new Error(`while ${command} ran, a dialog appeared: ${JSON.stringify(dialog)}; steps so far: ${JSON.stringify(report?.steps ?? {}, null, 1)}`);
    }
    if (Date.now() > deadline) {
      throw new Error(`${command} did not finish within ${timeout} ms; steps so far: ${JSON.stringify(report?.steps ?? 'no results file', null, 1)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A step's value; fails with the step's error when it threw. */
export function stepValue(report: ConsumerReport, name: string): unknown {
  const step: StepResult | undefined = report.steps[name];
  if (step === undefined) {
    throw new Error(`the consumer's report has no step "${name}"; it has ${JSON.stringify(Object.keys(report.steps))}`);
  }
  if ('error' in step) {
    throw new Error(`the consumer's step "${name}" failed: ${JSON.stringify(step.error)}`);
  }
  return step.value;
}
