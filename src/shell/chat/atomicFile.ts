/**
 * Crash-safe file replacement: the new content goes to a temporary file in the same directory,
 * is flushed to the disk, and is renamed over the old file. A rename within one directory is
 * atomic, so after a crash or kill the file holds either the old content or the new one, never
 * half of either.
 */

import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';

/** The file operations an atomic write uses; tests replace them to simulate a crash midway. */
export interface AtomicFileSystem {
  open: typeof open;
  rename: typeof rename;
  unlink: typeof unlink;
}

export const nodeFileSystem: AtomicFileSystem = { open, rename, unlink };

/** Temporary files end with this; readers skip them, and stale ones (a crash's leftovers) are removed. */
export const temporarySuffix = '.tmp';

/** A name no other writer (another VS Code window shares the directory) will pick at the same time. */
function temporaryName(name: string): string {
  return `${name}.${process.pid}-${randomBytes(6).toString('hex')}${temporarySuffix}`;
}

/** Makes the rename itself durable; directories cannot be opened for this on Windows, which is fine there. */
async function syncDirectory(directory: string, files: AtomicFileSystem): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await files.open(directory, 'r');
    await handle.sync();
  } catch {
    // Best effort: the rename already happened; only its durability across a power loss is at stake.
  } finally {
    await handle?.close();
  }
}

/** Replaces `directory/name` with `content`, atomically. */
export async function writeFileAtomic(directory: string, name: string, content: string, files: AtomicFileSystem = nodeFileSystem): Promise<void> {
  const target = join(directory, name);
  const temporary = join(directory, temporaryName(name));
  const handle = await files.open(temporary, 'wx', 0o600);
  let renamed = false;
  try {
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await files.rename(temporary, target);
    renamed = true;
  } finally {
    if (!renamed) {
      await files.unlink(temporary).catch(() => undefined);
    }
  }
  await syncDirectory(directory, files);
}
