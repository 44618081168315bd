/**
 * A real forward proxy for the network tests: Debian's tinyproxy, started with its own config and
 * log file on a free 127.0.0.1 port, stopped after the suite. The tests read its log to prove a
 * request went through it (or did not).
 */

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unusedPort } from '../../helpers/llmHarness';

export interface Tinyproxy {
  /** `http://127.0.0.1:port`, without credentials. */
  url: string;
  port: number;
  /** The CONNECT targets (`127.0.0.1:443`) logged since the proxy started, in order. */
  connects(): string[];
  /** The whole log, for failure messages. */
  log(): string;
  stop(): Promise<void>;
}

export interface TinyproxyOptions {
  /** Require these credentials (tinyproxy's BasicAuth). */
  basicAuth?: { user: string; password: string };
}

const setupHint = 'tinyproxy is missing: run test/e2e/setup.sh (it installs the Debian package), or set TINYPROXY to its path.';

/** The tinyproxy binary: $TINYPROXY (exported by scripts/test.sh), else the Debian locations. */
function tinyproxyPath(): string {
  const candidates = [process.env['TINYPROXY'], '/usr/bin/tinyproxy', '/usr/sbin/tinyproxy'];
  const found = candidates.find((path): path is string => path !== undefined && path.length > 0 && existsSync(path));
  assert.ok(found !== undefined, setupHint);
  return found;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Starts tinyproxy and resolves once it accepts connections. */
export async function startTinyproxy(options: TinyproxyOptions = {}): Promise<Tinyproxy> {
  const binary = tinyproxyPath();
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-tinyproxy-'));
  const logFile = join(dir, 'tinyproxy.log');
  const port = await unusedPort();
  const config = [
    `Port ${port}`,
    'Listen 127.0.0.1',
    'Timeout 60',
    `LogFile "${logFile}"`,
    // Info logs every request line, CONNECT included.
    'LogLevel Info',
    'MaxClients 50',
    'Allow 127.0.0.1',
    'DisableViaHeader Yes',
    // No ConnectPort lines: any port may be tunnelled, as the test servers use random ones.
    ...(options.basicAuth === undefined ? [] : [`BasicAuth ${options.basicAuth.user} ${options.basicAuth.password}`]),
  ];
  const configFile = join(dir, 'tinyproxy.conf');
  writeFileSync(configFile, `${config.join('\n')}\n`);
  const child: ChildProcess = spawn(binary, ['-d', '-c', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (data: Buffer) => {
    stderr += data.toString('utf8');
  });
  const log = (): string => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  const deadline = performance.now() + 10_000;
  while (!(await canConnect(port))) {
    if (child.exitCode !== null || performance.now() > deadline) {
      child.kill();
      assert.fail(`tinyproxy did not start on port ${port}: ${stderr}\n${log()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    log,
    connects: () => [...log().matchAll(/: CONNECT (\S+) HTTP\/1\.1/g)].map((match) => match[1] ?? ''),
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
