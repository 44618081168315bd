import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * `~`, `~/…` and `~\…` → the home directory, as shells read them; other paths unchanged. Certificate
 * files in settings and in `ssl_verify` are written this way. (Its own module, so the extension
 * reads it without loading the HTTP stack.)
 */
export function expandHome(path: string, home: string = homedir()): string {
  if (path === '~') {
    return home;
  }
  return path.startsWith('~/') || path.startsWith('~\\') ? join(home, path.slice(2)) : path;
}
