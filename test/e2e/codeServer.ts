/**
 * code-server (a real VS Code, offline) for the end-to-end tests: the tools (tools.ts), a fresh
 * run folder (user data, extensions, HOME and XDG folders, so nothing touches the machine's own
 * profile), the .vsix installed from the command line, and the server started in its own process
 * group so that stopping it leaves no extension host or watcher behind. See docs/TESTING.md.
 */

import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { E2eTools } from './tools';

const execFileAsync = promisify(execFile);

/** The .vsix `npm run package` built for this version (`dist/<name>-<version>.vsix`). */
export function packagedVsix(repositoryRoot: string): string {
  const { name, version } = JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as { name: string; version: string };
  const path = join(repositoryRoot, 'dist', `${name}-${version}.vsix`);
  if (!existsSync(path)) {
    throw new Error(`no ${path}: build it with \`npm run package\` (npm run test:e2e does when it is missing or stale)`);
  }
  return path;
}

/** `run-<UTC time>-<pid>`: sorts by time, and two runs at once never share a folder. */
export function runFolderName(): string {
  return `run-${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')}-${process.pid}`;
}

/** Every folder of one run, all under `root`, so a failed run can be inspected as a whole. */
export interface RunFolders {
  root: string;
  home: string;
  xdgConfig: string;
  xdgData: string;
  tmp: string;
  userDataDir: string;
  extensionsDir: string;
  workspace: string;
  browserProfile: string;
  configFile: string;
  logFile: string;
}

export function createRunFolders(root: string): RunFolders {
  const folders: RunFolders = {
    root,
    home: join(root, 'home'),
    xdgConfig: join(root, 'xdg', 'config'),
    xdgData: join(root, 'xdg', 'data'),
    tmp: join(root, 'tmp'),
    userDataDir: join(root, 'user-data'),
    extensionsDir: join(root, 'extensions'),
    workspace: join(root, 'workspace'),
    browserProfile: join(root, 'browser-profile'),
    configFile: join(root, 'code-server.yaml'),
    logFile: join(root, 'code-server.log'),
  };
  for (const folder of [folders.home, folders.xdgConfig, folders.xdgData, folders.tmp, folders.extensionsDir, folders.workspace, folders.browserProfile]) {
    mkdirSync(folder, { recursive: true });
  }
  mkdirSync(join(folders.userDataDir, 'User'), { recursive: true });
  // Given a config file, code-server never writes ~/.config/code-server/config.yaml (the address
  // is added when it starts).
  writeFileSync(folders.configFile, 'auth: none\ncert: false\n');
  return folders;
}

/**
 * A quiet VS Code: no telemetry, updates, welcome page or trust prompt, so nothing opens a view or
 * a dialog that could take the focus from the test. `extra` adds the test's own settings.
 */
export function writeUserSettings(folders: RunFolders, extra: Record<string, unknown>): void {
  const settings = {
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'security.workspace.trust.enabled': false,
    // VS Code's own chat would otherwise open beside Switchboard's and take space and focus.
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    ...extra,
  };
  writeFileSync(join(folders.userDataDir, 'User', 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
}

/** The environment code-server runs in: its own HOME and XDG folders, and no extension gallery. */
function codeServerEnvironment(folders: RunFolders): NodeJS.ProcessEnv {
  return {
    ...process.env,
    EXTENSIONS_GALLERY: '{}',
    HOME: folders.home,
    XDG_CONFIG_HOME: folders.xdgConfig,
    XDG_DATA_HOME: folders.xdgData,
    TMPDIR: folders.tmp,
  };
}

/** Installs a .vsix into the run's extensions folder with code-server's own command line. */
export async function installExtension(tools: E2eTools, folders: RunFolders, vsixPath: string): Promise<string> {
  const { stdout, stderr } = await execFileAsync(
    tools.node24,
    [tools.codeServerEntry, '--config', folders.configFile, '--user-data-dir', folders.userDataDir, '--extensions-dir', folders.extensionsDir, '--install-extension', vsixPath, '--force'],
    { env: codeServerEnvironment(folders), timeout: 60_000, maxBuffer: 1024 * 1024 },
  );
  return `${stdout}${stderr}`;
}

/** A port nobody listens on right now (the OS picks it). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface CodeServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** The main process's id, also its process group's: the extension host is one of its descendants. */
  pid: number;
  /** The page that opens `folder` as the workspace. */
  workbenchUrl(folder: string): string;
  /** The last lines code-server wrote (for failure reports). */
  logTail(lines: number): string;
  /** Stops code-server and everything it started; resolves once the process group is gone. */
  stop(): Promise<void>;
}

function healthy(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = get(`${url}/healthz`, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('error', () => resolve(false));
    request.setTimeout(2_000, () => {
      request.destroy();
      resolve(false);
    });
  });
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
  if (exited(child)) {
    return Promise.resolve(true);
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Signals the whole process group: code-server forks its server and the extension host. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) {
    return;
  }
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

export interface CodeServerOptions {
  /** More command-line arguments, e.g. `['--log', 'trace']` (every log of the server and the workbench at trace). */
  extraArguments?: string[];
  /** Leaves VS Code's workspace trust on (the scenario's settings then decide it): a folder not trusted opens in Restricted Mode. */
  workspaceTrust?: boolean;
  /**
   * VS Code's display language (`--locale de`). code-server takes it only when a language pack for
   * it is installed (`localePackVsix`); without one the workbench and the extensions stay English.
   */
  locale?: string;
}

/** Starts code-server on a free loopback port and resolves once `/healthz` answers 200. */
export async function startCodeServer(tools: E2eTools, folders: RunFolders, options: CodeServerOptions = {}): Promise<CodeServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  writeFileSync(folders.configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const log = openSync(folders.logFile, 'a');
  const child = spawn(
    tools.node24,
    [
      tools.codeServerEntry,
      '--config', folders.configFile,
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      ...(options.workspaceTrust === true ? [] : ['--disable-workspace-trust']),
      ...(options.locale === undefined ? [] : ['--locale', options.locale]),
      '--disable-getting-started-override',
      // Without it the extension host outlives a closed browser for hours.
      '--reconnection-grace-time', '5',
      '--vscode-option', 'enable-smoke-test-driver',
      '--user-data-dir', folders.userDataDir,
      '--extensions-dir', folders.extensionsDir,
      ...(options.extraArguments ?? []),
      folders.workspace,
    ],
    // Its own process group (detached), so stop() can signal every process it forks.
    { env: codeServerEnvironment(folders), detached: true, stdio: ['ignore', log, log] },
  );
  closeSync(log);
  // Should the driver exit without calling stop(), or be interrupted (Ctrl-C reaches only the
  // driver: code-server has its own process group), still take code-server down with it.
  const killOnExit = (): void => signalGroup(child, 'SIGKILL');
  const killOnSignal = (signal: NodeJS.Signals): void => {
    signalGroup(child, 'SIGKILL');
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('exit', killOnExit);
  process.once('SIGINT', killOnSignal);
  process.once('SIGTERM', killOnSignal);

  const stop = async (): Promise<void> => {
    process.removeListener('exit', killOnExit);
    process.removeListener('SIGINT', killOnSignal);
    process.removeListener('SIGTERM', killOnSignal);
    signalGroup(child, 'SIGTERM');
    if (!(await waitForExit(child, 5_000))) {
      signalGroup(child, 'SIGKILL');
      await waitForExit(child, 5_000);
    }
    // The main process may exit before its children: make sure the group is empty.
    signalGroup(child, 'SIGKILL');
  };
  const logTail = (lines: number): string => {
    try {
      return readFileSync(folders.logFile, 'utf8').split('\n').slice(-lines).join('\n');
    } catch {
      return '(no log)';
    }
  };

  const deadline = Date.now() + 30_000;
  while (!(await healthy(url))) {
    if (exited(child)) {
      throw new Error(`code-server exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${logTail(30)}`);
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer ${url}/healthz within 30 s:\n${logTail(30)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  if (child.pid === undefined) {
    throw new Error('code-server started without a process id');
  }
  return {
    url,
    pid: child.pid,
    workbenchUrl: (folder) => `${url}/?folder=${encodeURIComponent(folder)}`,
    logTail,
    stop,
  };
}
