/**
 * code-server's extension host as a process: found among code-server's process group by its
 * `--type=extensionHost` argument, killed with SIGKILL, and brought back the way the workbench
 * offers. VS Code restarts a crashed remote extension host by itself twice in five minutes; after
 * that it puts "Remote Extension host terminated unexpectedly 3 times within the last 5 minutes"
 * in the notification center with a "Restart Remote Extension Host" button, which the test clicks
 * as a person would (code-server's web workbench has no "Restart Extension Host" command).
 */

import { execFileSync } from 'node:child_process';
import type { Page } from 'playwright-core';
import { notificationButton, showNotificationCenter } from './workbenchMore';

/** The extension host's process id, or undefined while there is none. */
export function extensionHostPid(processGroup: number): number | undefined {
  let listing: string;
  try {
    listing = execFileSync('ps', ['-o', 'pid=,args=', '-g', String(processGroup)], { encoding: 'utf8' });
  } catch {
    // ps exits 1 when the group has no process.
    return undefined;
  }
  const line = listing.split('\n').find((entry) => entry.includes('--type=extensionHost'));
  const pid = line === undefined ? Number.NaN : Number.parseInt(line.trim(), 10);
  return Number.isNaN(pid) ? undefined : pid;
}

export function killExtensionHost(pid: number): void {
  process.kill(pid, 'SIGKILL');
}

export interface Restart {
  pid: number;
  /** True when the test had to click "Restart Remote Extension Host". */
  clicked: boolean;
}

const restartLabel = 'Restart Remote Extension Host';

/** Waits for a new extension host after `killed` died, clicking the workbench's restart button if it offers one. */
export async function awaitExtensionHostRestart(page: Page, processGroup: number, killed: number, timeout = 30_000): Promise<Restart> {
  const started = Date.now();
  let clicked = false;
  for (;;) {
    const pid = extensionHostPid(processGroup);
    if (pid !== undefined && pid !== killed) {
      return { pid, clicked };
    }
    // An automatic restart shows within 200 ms or so; the button, when offered, soon after the crash.
    if (!clicked && Date.now() - started > 150) {
      const button = notificationButton(page, restartLabel);
      if ((await button.count()) === 0) {
        await showNotificationCenter(page);
      }
      if ((await button.count()) > 0) {
        await button.first().click({ timeout: 5_000 });
        clicked = true;
      }
    }
    if (Date.now() - started > timeout) {
      throw new Error(`no extension host came back within ${timeout} ms after killing ${killed} (restart button clicked: ${clicked})`);
    }
    await page.waitForTimeout(50);
  }
}
