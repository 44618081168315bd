/**
 * The crash child's store: the real FileConversationStore, with its file operations (the real
 * ones) reporting each step of an atomic write and pausing briefly there, as a slow disk would,
 * so a kill can land between the steps; and every save reported before it starts (with a hash of
 * the exact content) and after it completed.
 */

import { createHash } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename } from 'node:path';
import type { AtomicFileSystem } from '../../../../src/shell/chat/atomicFile';
import { temporarySuffix } from '../../../../src/shell/chat/atomicFile';
import { FileConversationStore } from '../../../../src/shell/chat/conversationStore';
import { indexFileName } from '../../../../src/shell/chat/summaryIndex';
import type { ChatLog, Conversation, ConversationStore } from '../../../../src/shell/chat/ports';
import type { SeededRandom } from '../../../helpers/seededRandom';
import { report } from './progress';

export function contentHash(content: string): string {
  return createHash('sha256').update(content).digest('hex').slice(0, 24);
}

type FileHandle = Awaited<ReturnType<typeof open>>;

/** The real file operations, reporting (and lingering at) the steps of a write to a temporary file. */
function reportingFiles(random: SeededRandom): AtomicFileSystem {
  const linger = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, random.integer(4)));
  const reportingOpen = async (...args: Parameters<typeof open>): Promise<FileHandle> => {
    const handle = await open(...args);
    if (!String(args[0]).endsWith(temporarySuffix)) {
      return handle;
    }
    return new Proxy(handle, {
      get: (target, property) => {
        if (property === 'sync') {
          return async () => {
            await target.sync();
            report({ e: 'fs', step: 'synced' });
            await linger();
          };
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  };
  return {
    open: reportingOpen,
    rename: async (from, to) => {
      report({ e: 'fs', step: 'rename-begin' });
      await linger();
      await rename(from, to);
      report({ e: 'fs', step: 'renamed' });
      await linger();
    },
    unlink,
  };
}

/**
 * For the control run only: writes in place, as a careless store would — the "temporary" file is
 * the target itself, truncated and written in two halves with a pause between, and the rename is
 * nothing — so a kill leaves a torn file, which the check must catch.
 */
function tornFiles(): AtomicFileSystem {
  const inPlace = async (...args: Parameters<typeof open>): Promise<FileHandle> => {
    const path = String(args[0]);
    const target = path.replace(/\.[^.]+\.tmp$/, '');
    // Conversations only: the index is a cache, and a torn one would prove nothing.
    if (!path.endsWith(temporarySuffix) || basename(target) === indexFileName) {
      return open(...args);
    }
    const handle = await open(target, 'w');
    return new Proxy(handle, {
      get: (target, property) => {
        if (property === 'writeFile') {
          return async (content: string) => {
            const half = Math.floor(content.length / 2);
            await target.writeFile(content.slice(0, half));
            report({ e: 'fs', step: 'torn' });
            await new Promise((resolve) => setTimeout(resolve, 50));
            await target.writeFile(content.slice(half));
          };
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  };
  return { open: inPlace, rename: async () => undefined, unlink };
}

/** Reports each save around the real store; renames and deletes are not used by the crash child. */
class ReportingStore implements ConversationStore {
  constructor(private readonly inner: FileConversationStore) {}

  list(): ReturnType<ConversationStore['list']> {
    return this.inner.list();
  }

  load(id: string): Promise<Conversation | undefined> {
    return this.inner.load(id);
  }

  async save(conversation: Conversation): Promise<void> {
    // The store serialises at the call, as here: this is the content the save writes.
    const hash = contentHash(JSON.stringify(conversation));
    report({ e: 'save-begin', id: conversation.id, hash, messages: conversation.messages.length });
    await this.inner.save(conversation);
    report({ e: 'saved', id: conversation.id, hash });
  }

  rename(): Promise<void> {
    return Promise.reject(new Error('The crash child renames only the open conversation (a save).'));
  }

  delete(): Promise<void> {
    return Promise.reject(new Error('The crash child deletes nothing.'));
  }
}

export function childStore(directory: string, log: ChatLog, random: SeededRandom, torn = false): ConversationStore {
  return new ReportingStore(new FileConversationStore({ directory, log, fileSystem: torn ? tornFiles() : reportingFiles(random) }));
}
