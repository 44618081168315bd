/**
 * One code-server scenario's run, as the end-to-end and hardening tests use it: a fresh run folder
 * under .e2e/ (with the scenario's workspace files), the .vsix files installed from the command
 * line, code-server in its own process group, headless Chromium on the workbench; on a failed step
 * a screenshot and a report (evidence.ts); at the end everything stopped, and the folder removed
 * unless a step failed or SWITCHBOARD_E2E_KEEP is set. `useCodeServer()` registers it as a suite's
 * mocha hooks.
 */

import { ok } from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { createRunFolders, installExtension, runFolderName, startCodeServer, writeUserSettings, type CodeServer, type RunFolders } from './codeServer';
import { recordFailure, type FailureContext } from './evidence';
import type { SeenRequest } from './openaiServer';
import { resolveTools } from './tools';
import { launchBrowser, openWorkbench } from './workbench';

export interface CodeServerRunOptions {
  /** Prefixes the run folder: `.e2e/<name>-run-…` (`.e2e/run-…` without). */
  name?: string;
  /** The scenario's user settings, given the run's folders (quiet defaults are added). */
  settings: (folders: RunFolders) => Record<string, unknown>;
  /** Files the workspace folder holds when VS Code opens it: relative path (with `/`) → text. */
  workspaceFiles?: Record<string, string>;
  /** The .vsix files to install, in order (asked for when the run starts). */
  extensions: () => string[];
  /** More code-server arguments (`--log trace`). */
  codeServerArguments?: string[];
  /** Workspace trust stays on: with trust enabled in the settings, the folder opens in Restricted Mode. */
  workspaceTrust?: boolean;
  /** VS Code's display language (`--locale`); install a language pack for it too (`localePackVsix`). */
  locale?: string;
  /** Called with the run's folders once the extensions are installed, before code-server starts. */
  beforeStart?: (folders: RunFolders) => void;
  /** Called with the browser context before the workbench opens (init scripts, bindings). */
  prepareBrowser?: (context: BrowserContext) => Promise<void>;
  /** What the provider server saw, for failure reports. */
  requests: () => SeenRequest[];
  /** What else a failure report should hold (the scenario's own state), given the run's folders. */
  evidence?: (folders: RunFolders) => Record<string, unknown>;
}

export class CodeServerRun {
  private stopped = false;
  private failed = false;

  private constructor(
    readonly folders: RunFolders,
    readonly codeServer: CodeServer,
    readonly browser: BrowserContext,
    readonly page: Page,
    private readonly options: CodeServerRunOptions,
  ) {}

  /** Starts code-server with the extensions installed and opens the workbench; on failure, leaves a report and stops what started. */
  static async start(repositoryRoot: string, options: CodeServerRunOptions): Promise<CodeServerRun> {
    const extensions = options.extensions();
    const tools = await resolveTools(repositoryRoot);
    const folders = createRunFolders(join(repositoryRoot, '.e2e', `${options.name === undefined ? '' : `${options.name}-`}${runFolderName()}`));
    let codeServer: CodeServer | undefined;
    let browser: BrowserContext | undefined;
    let page: Page | undefined;
    try {
      writeUserSettings(folders, options.settings(folders));
      writeWorkspaceFiles(folders.workspace, options.workspaceFiles ?? {});
      for (const vsix of extensions) {
        await installExtension(tools, folders, vsix);
      }
      options.beforeStart?.(folders);
      codeServer = await startCodeServer(tools, folders, { extraArguments: options.codeServerArguments ?? [], workspaceTrust: options.workspaceTrust === true, locale: options.locale });
      browser = await launchBrowser(tools.chromium, folders.browserProfile);
      await options.prepareBrowser?.(browser);
      page = browser.pages()[0] ?? (await browser.newPage());
      await openWorkbench(page, codeServer.workbenchUrl(folders.workspace));
      return new CodeServerRun(folders, codeServer, browser, page, options);
    } catch (error) {
      const server = codeServer;
      await printFailure({ ...failureContext(folders, options), page, codeServerLogTail: () => server?.logTail(40) ?? '(code-server not started)' }, 'start code-server and open the workbench', error);
      await browser?.close().catch(() => undefined);
      await codeServer?.stop();
      throw error;
    }
  }

  /** Writes the evidence of a failed step and prints where it is. */
  async report(step: string, error: unknown): Promise<void> {
    this.failed = true;
    const page = this.stopped ? undefined : this.page;
    await printFailure({ ...failureContext(this.folders, this.options), page, codeServerLogTail: () => this.codeServer.logTail(40) }, step, error);
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

  /** Stops, then removes the run folder unless a step failed or SWITCHBOARD_E2E_KEEP is set (then with a last screenshot). */
  async finish(): Promise<void> {
    const keep = process.env['SWITCHBOARD_E2E_KEEP'] !== undefined;
    if (keep && !this.stopped) {
      await this.page.screenshot({ path: join(this.folders.root, 'last-screen.png') }).catch(() => undefined);
    }
    await this.stop();
    if (!this.failed && !keep) {
      rmSync(this.folders.root, { recursive: true, force: true });
    } else {
      console.error(`run folder kept: ${this.folders.root}`);
    }
  }
}

function writeWorkspaceFiles(workspace: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    const target = join(workspace, ...path.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
}

function failureContext(folders: RunFolders, options: CodeServerRunOptions): Omit<FailureContext, 'page' | 'codeServerLogTail'> {
  return {
    runFolder: folders.root,
    userDataDir: folders.userDataDir,
    codeServerLog: folders.logFile,
    requests: options.requests(),
    ...(options.evidence === undefined ? {} : { more: () => options.evidence!(folders) }),
  };
}

async function printFailure(context: FailureContext, step: string, error: unknown): Promise<void> {
  console.error(`\n${await recordFailure(context, step, error)}\n`);
}

/**
 * Registers a code-server scenario's hooks in the calling `describe`: before all, the run starts;
 * after a failed step, its evidence; after all, the run finishes. Call it after the hooks that
 * start what the options read (the provider server, whose URL goes into the settings): hooks run
 * in the order they are registered. Returns the started run.
 */
export function useCodeServer(options: CodeServerRunOptions): () => CodeServerRun {
  let run: CodeServerRun | undefined;
  before(async function () {
    // Run by hand on a fresh machine, resolveTools installs the tools first (minutes, once).
    this.timeout(600_000);
    run = await CodeServerRun.start(process.cwd(), options);
  });
  afterEach(async function () {
    const test = this.currentTest;
    if (test?.state === 'failed' && run !== undefined) {
      await run.report(test.title, test.err);
    }
  });
  after(async function () {
    this.timeout(30_000);
    await run?.finish();
  });
  return () => {
    ok(run !== undefined, 'code-server did not start');
    return run;
  };
}
