/**
 * The paths of the tools the code-server tests run: Debian's Chromium, Node 24 and code-server
 * (test/e2e/setup.sh installs them once per machine, under .tools/).
 */

import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface E2eTools {
  chromium: string;
  node24: string;
  codeServerEntry: string;
}

/** The paths from `value` (the environment, or what setup.sh printed), or undefined when one is missing. */
function readTools(value: (name: string) => string | undefined): E2eTools | undefined {
  const chromium = value('CHROMIUM');
  const node24 = value('NODE24');
  const codeServerEntry = value('CODE_SERVER_ENTRY');
  return chromium && node24 && codeServerEntry ? { chromium, node24, codeServerEntry } : undefined;
}

/**
 * The paths the runner exported (npm test, test/e2e/run.sh and scripts/hardening.sh run setup.sh
 * once and export them); else, for a mocha started by hand, setup.sh's own, which installs what
 * is missing first (minutes, once per machine).
 */
export async function resolveTools(repositoryRoot: string): Promise<E2eTools> {
  const exported = readTools((name) => process.env[name]);
  if (exported !== undefined) {
    return exported;
  }
  const { stdout } = await promisify(execFile)('bash', [join(repositoryRoot, 'test', 'e2e', 'setup.sh')], {
    cwd: repositoryRoot,
    maxBuffer: 1024 * 1024,
  });
  const printed = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match !== null) {
      printed.set(match[1]!, match[2]!);
    }
  }
  const tools = readTools((name) => printed.get(name));
  if (tools === undefined) {
    throw new Error(`test/e2e/setup.sh did not print CHROMIUM, NODE24 and CODE_SERVER_ENTRY; it printed:\n${stdout}`);
  }
  return tools;
}
