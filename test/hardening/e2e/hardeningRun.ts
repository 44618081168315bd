/**
 * One code-server run of the hardening suite, as test/e2e runs them: a fresh run folder under
 * .e2e/, the .vsix files installed from the command line, code-server in its own process group,
 * headless Chromium on the workbench; on a failed step a screenshot and a report (evidence.ts);
 * at the end everything stopped, and the folder removed unless a step failed or
 * SWITCHBOARD_E2E_KEEP is set.
 */

import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { createRunFolders, installExtension, resolveTools, runFolderName, startCodeServer, writeUserSettings, type CodeServer, type RunFolders } from '../../e2e/codeServer';
import { recordFailure } from '../../e2e/evidence';
import type { SeenRequest } from '../../e2e/openaiServer';
import { launchBrowser, openWorkbench } from '../../e2e/workbench';

export interface HardeningRunOptions {
  /** Names the run folder: `.e2e/hardening-<name>-run-…`. */
  name: string;
  /** The test's own user settings, given the run's folders (quiet defaults are added). */
  settings: (folders: RunFolders) => Record<string, unknown>;
  /** The .vsix files to install, in order. */
  extensions: string[];
  /** More code-server arguments (`--log trace`). */
  codeServerArguments?: string[];
  /** Called with the browser context before the workbench opens (init scripts, bindings). */
  prepareBrowser?: (context: BrowserContext) => Promise<void>;
  /** What the provider server saw, for failure reports. */
  requests: () => SeenRequest[];
}

/** Settings that keep other features from taking focus, CPU or a dialog slot during the run. */
const quietSettings = {
  // VS Code's own chat would otherwise open beside ours and take space and focus.
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  // The run folder lies inside this repository: no "open the parent repository?" prompt.
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
};

export class HardeningRun {
  private stopped = false;
  failed = false;

  private constructor(
    readonly folders: RunFolders,
    readonly codeServer: CodeServer,
    readonly browser: BrowserContext,
    readonly page: Page,
    private readonly options: HardeningRunOptions,
  ) {}

  static async start(repositoryRoot: string, options: HardeningRunOptions): Promise<HardeningRun> {
    const tools = await resolveTools(repositoryRoot);
    const folders = createRunFolders(join(repositoryRoot, '.e2e', `hardening-${options.name}-${runFolderName()}`));
    writeUserSettings(folders, { ...quietSettings, ...options.settings(folders) });
    for (const vsix of options.extensions) {
      await installExtension(tools, folders, vsix);
    }
    const codeServer = await startCodeServer(tools, folders, { extraArguments: options.codeServerArguments ?? [] });
    let browser: BrowserContext | undefined;
    try {
      browser = await launchBrowser(tools.chromium, folders.browserProfile);
      await options.prepareBrowser?.(browser);
      const page = browser.pages()[0] ?? (await browser.newPage());
      const run = new HardeningRun(folders, codeServer, browser, page, options);
      await openWorkbench(page, codeServer.workbenchUrl(folders.workspace));
      return run;
    } catch (error) {
      await browser?.close().catch(() => undefined);
      await codeServer.stop();
      throw new Error(`the workbench did not open (run folder ${folders.root}): ${String(error)}`);
    }
  }

  /** Writes the evidence of a failed step and prints where it is. */
  async report(step: string, error: unknown, more?: () => Record<string, unknown>): Promise<void> {
    this.failed = true;
    const summary = await recordFailure(
      {
        page: this.stopped ? undefined : this.page,
        runFolder: this.folders.root,
        userDataDir: this.folders.userDataDir,
        codeServerLog: this.folders.logFile,
        codeServerLogTail: () => this.codeServer.logTail(40),
        requests: this.options.requests(),
        ...(more === undefined ? {} : { more }),
      },
      step,
      error,
    );
    console.error(`\n${summary}\n`);
  }

  /** Closes the browser and stops code-server with every process it started (once). */
  async stop(): Promise<void> {
    if (this.stopped) {
      return;
    }
    this.stopped = true;
    await this.browser.close().catch(() => undefined);
    await this.codeServer.stop();
  }

  /** Stops, then removes the run folder unless a step failed or SWITCHBOARD_E2E_KEEP is set. */
  async finish(): Promise<void> {
    await this.stop();
    if (!this.failed && process.env['SWITCHBOARD_E2E_KEEP'] === undefined) {
      rmSync(this.folders.root, { recursive: true, force: true });
    } else {
      console.error(`run folder kept: ${this.folders.root}`);
    }
  }
}
