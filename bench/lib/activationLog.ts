/**
 * Switchboard's activation time as code-server's logs record it, per extension host (each window
 * load starts one): from the host's "ExtensionService#_doActivateExtension switchboard.switchboard"
 * line (written before VS Code loads the bundle) to the extension's own "Switchboard activated"
 * line (the last thing `activate()` does), so loading dist/extension.js and running activate()
 * both count. Both are millisecond timestamps from the same machine's clock.
 */

import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { filesUnder } from '../../test/e2e/evidence';

export interface LoggedActivation {
  /** The extension host's log folder (`exthost1`, `exthost2`, …). */
  host: string;
  activationEvent: string;
  ms: number;
}

const timestamp = /^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3})/;

function timeOf(line: string): number | undefined {
  const match = timestamp.exec(line);
  return match === null ? undefined : Date.parse(match[1]!.replace(' ', 'T'));
}

/** The first line of `path` that holds `text`, with its time. */
function firstLineWith(path: string, text: string): { line: string; at: number } | undefined {
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const at = line.includes(text) ? timeOf(line) : undefined;
    if (at !== undefined) {
      return { line, at };
    }
  }
  return undefined;
}

/** Every activation of Switchboard under the profile's `logs` folder, in the order the hosts started. */
export function loggedActivations(logsFolder: string, extensionId: string): LoggedActivation[] {
  const found: LoggedActivation[] = [];
  for (const hostLog of filesUnder(logsFolder, /exthost\d*\/[^/]*exthost\.log$/)) {
    const started = firstLineWith(hostLog, `ExtensionService#_doActivateExtension ${extensionId},`);
    const ownLog = filesUnder(dirname(hostLog), new RegExp(`/${extensionId.replace('.', '\\.')}/[^/]*\\.log$`))[0];
    const activated = ownLog === undefined ? undefined : firstLineWith(ownLog, 'Switchboard activated');
    if (started !== undefined && activated !== undefined) {
      const event = /activationEvent: '([^']*)'/.exec(started.line)?.[1] ?? '?';
      found.push({ host: basename(dirname(hostLog)), activationEvent: event, ms: activated.at - started.at });
    }
  }
  return found.sort((a, b) => a.host.localeCompare(b.host, 'en', { numeric: true }));
}
