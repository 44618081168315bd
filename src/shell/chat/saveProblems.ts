/**
 * A failed save of a conversation in words a person can act on: what is wrong with the disk (full,
 * read-only, not writable), where, and that the chat keeps working and saves again by itself.
 * Errors are read by their Node `code` and the store's `directory` (FileConversationStore adds it:
 * a failed write on an open file names no path).
 */

import { dirname } from 'node:path';
import type { Localize } from './localize';

/** The kind of trouble: one notice per kind and episode, not per failed save. */
export type SaveTrouble = 'full' | 'readOnly' | 'denied' | 'other';

function field(error: unknown, name: string): string | undefined {
  const value = typeof error === 'object' && error !== null ? (error as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

export function saveTroubleOf(error: unknown): SaveTrouble {
  switch (field(error, 'code')) {
    case 'ENOSPC':
    case 'EDQUOT':
      return 'full';
    case 'EROFS':
      return 'readOnly';
    case 'EACCES':
    case 'EPERM':
      return 'denied';
    default:
      return 'other';
  }
}

/** The sentence the chat shows when a save failed. */
export function saveProblemText(error: unknown, localize: Localize): string {
  const code = field(error, 'code') ?? 'error';
  const path = field(error, 'path');
  const folder = field(error, 'directory') ?? (path === undefined ? localize('the chat history folder') : dirname(path));
  switch (saveTroubleOf(error)) {
    case 'full':
      return localize('Switchboard could not save this chat: the disk is full ({0} at {1}). The chat keeps working; it will be saved again once there is room.', code, folder);
    case 'readOnly':
      return localize('Switchboard could not save this chat: the disk is read-only ({0} at {1}). The chat keeps working; it will be saved again once the disk can be written to.', code, folder);
    case 'denied':
      return localize('Switchboard could not save this chat: it is not allowed to write to {1} ({0}). The chat keeps working; it will be saved again once the folder can be written to.', code, folder);
    default:
      return localize('Switchboard could not save this chat ({0} at {1}). The chat keeps working; it will try to save it again.', field(error, 'message') ?? code, folder);
  }
}
