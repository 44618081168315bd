/**
 * Looking for a canary key everywhere it must not be. The canary is random and recognisable
 * (`sk-canary-<32 hex>`); a place "holds" it when any of its forms appears: the whole key or its
 * random part alone (a prefix masked away still leaks the secret), as UTF-8 or UTF-16 (Chromium
 * and V8 store some strings as UTF-16), or inside base64 at any of the three byte alignments.
 * The ledger counts every place searched, so the figure says how wide the search was.
 */

import { randomBytes } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface Canary {
  /** The key as the user types it. */
  key: string;
  /** The random part, which is the secret. */
  secret: string;
}

export function createCanary(): Canary {
  const secret = randomBytes(16).toString('hex');
  return { key: `sk-canary-${secret}`, secret };
}

/** The base64 characters that encode `text` alone when it starts `offset` bytes into a base64 run. */
function base64Core(text: string, offset: number): string {
  const padded = Buffer.concat([Buffer.alloc(offset, 0x20), Buffer.from(text, 'utf8')]);
  const firstWholeGroup = Math.ceil(offset / 3);
  const lastWholeGroup = Math.floor(padded.length / 3);
  return padded.toString('base64').slice(firstWholeGroup * 4, lastWholeGroup * 4);
}

/** Every byte sequence whose presence means the canary leaked. */
export function canaryNeedles(canary: Canary): Buffer[] {
  const texts = [canary.key, canary.secret];
  return [
    ...texts.map((text) => Buffer.from(text, 'utf8')),
    ...texts.map((text) => Buffer.from(text, 'utf16le')),
    ...[0, 1, 2].map((offset) => Buffer.from(base64Core(canary.secret, offset), 'utf8')),
  ];
}

export function holdsCanary(needles: readonly Buffer[], content: Buffer | string): boolean {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return needles.some((needle) => bytes.includes(needle));
}

/** Every regular file under `folder`; symbolic links (Chromium's Singleton* locks) and sockets are not files. */
export function regularFilesUnder(folder: string): string[] {
  const found: string[] = [];
  const walk = (current: string): void => {
    let names: string[];
    try {
      names = readdirSync(current);
    } catch {
      return;
    }
    for (const name of names.sort()) {
      const path = join(current, name);
      const stat = lstatSync(path, { throwIfNoEntry: false });
      if (stat?.isDirectory() === true) {
        walk(path);
      } else if (stat?.isFile() === true) {
        found.push(path);
      }
    }
  };
  walk(folder);
  return found;
}

/** The places searched and those that held the canary. */
export class CanaryLedger {
  private readonly needles: Buffer[];
  readonly searched: string[] = [];
  readonly holding: string[] = [];

  constructor(canary: Canary) {
    this.needles = canaryNeedles(canary);
  }

  /** Searches one place; returns true when it holds the canary. */
  search(place: string, content: Buffer | string): boolean {
    this.searched.push(place);
    const holds = holdsCanary(this.needles, content);
    if (holds) {
      this.holding.push(place);
    }
    return holds;
  }

  /** Searches every regular file under `folder`, each a place named by its path below `base`. */
  searchFiles(folder: string, base: string): void {
    for (const path of regularFilesUnder(folder)) {
      let content: Buffer;
      try {
        content = readFileSync(path);
      } catch (error) {
        // A file that cannot be read cannot be cleared: it counts as holding the canary.
        this.searched.push(`file ${relative(base, path)}`);
        this.holding.push(`file ${relative(base, path)} (unreadable: ${String(error)})`);
        continue;
      }
      this.search(`file ${relative(base, path)}`, content);
    }
  }
}
