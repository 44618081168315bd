/**
 * Disk faults for the saving tests: a small real tmpfs where the machine lets us mount one (root,
 * a Linux kernel that allows it), and otherwise the store's injected file-system port failing the
 * way the kernel would — ENOSPC when the temporary file is written, EACCES or EROFS when it is
 * opened. Also shared by the hardening suite's "full or read-only disk" figure.
 */

import { execFileSync } from 'node:child_process';
import { open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { AtomicFileSystem } from '../../../src/shell/chat/atomicFile';
import type { Conversation } from '../../../src/shell/chat/ports';

/** Mounts a tmpfs of `size` at `directory`; false when the machine refuses (not root, a container). */
export function mountTmpfs(directory: string, size = '256k'): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', directory], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export function remount(directory: string, mode: 'ro' | 'rw'): void {
  execFileSync('mount', ['-o', `remount,${mode}`, directory], { stdio: 'ignore' });
}

export function unmount(directory: string): void {
  execFileSync('umount', [directory], { stdio: 'ignore' });
}

/** Fills the file system of `directory` with one file until the kernel says ENOSPC; returns its path. */
export async function fillDisk(directory: string): Promise<string> {
  const filler = join(directory, 'filler.bin');
  const handle = await open(filler, 'w');
  try {
    for (const size of [64 * 1024, 4096, 512, 1]) {
      const block = Buffer.alloc(size, 0x61);
      for (;;) {
        try {
          await handle.write(block);
        } catch (error) {
          if ((error as { code?: unknown }).code === 'ENOSPC') {
            break;
          }
          throw error;
        }
      }
    }
  } finally {
    await handle.close();
  }
  return filler;
}

/** An error as Node's fs gives it. */
export function fsError(code: string, syscall: string, path?: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`${code}: simulated by the test, ${syscall}${path === undefined ? '' : ` '${path}'`}`);
  error.code = code;
  error.syscall = syscall;
  if (path !== undefined) {
    error.path = path;
  }
  return error;
}

/**
 * The real file operations, failing while `fault` is set: ENOSPC when a temporary file is written
 * (after it was created, as on a full disk), EACCES or EROFS when it is opened for writing.
 */
export class FaultyFiles {
  fault: 'ENOSPC' | 'EACCES' | 'EROFS' | undefined;

  readonly port: AtomicFileSystem = {
    open: (async (...args: Parameters<typeof open>) => {
      const path = String(args[0]);
      const writing = path.endsWith('.tmp');
      if (writing && (this.fault === 'EACCES' || this.fault === 'EROFS')) {
        throw fsError(this.fault, 'open', path);
      }
      const handle = await open(...args);
      if (!writing || this.fault !== 'ENOSPC') {
        return handle;
      }
      return new Proxy(handle, {
        get: (target, property) => {
          if (property === 'writeFile') {
            return async (content: string) => {
              // Half of it fits, as on a disk that fills up midway.
              await target.writeFile(content.slice(0, content.length >> 1));
              throw fsError('ENOSPC', 'write');
            };
          }
          const value: unknown = Reflect.get(target, property, target);
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      });
    }),
    rename,
    unlink,
  };
}

/** Every file of the folder, byte for byte (base64): compare two readings to prove nothing changed. */
export async function filesOf(directory: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const name of (await readdir(directory)).sort()) {
    files.set(name, (await readFile(join(directory, name))).toString('base64'));
  }
  return files;
}

/** How many messages the conversation's file on disk holds. */
export async function messagesOnDisk(directory: string, id: string): Promise<number> {
  return (JSON.parse(await readFile(join(directory, `${id}.json`), 'utf8')) as Conversation).messages.length;
}
