/**
 * The conversations on disk, read with the product's own format check (conversationFormat.ts):
 * after a crash every `<id>.json` must still be a whole conversation. A temporary file the crash
 * left mid-write is not a conversation (the store ignores it and later removes it).
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConversation } from '../../../src/shell/chat/conversationFormat';

const conversationFile = /^([A-Za-z0-9_-]{1,100})\.json$/;

export interface SavedConversations {
  /** Titles of the conversations that parse. */
  titles: string[];
  /** Files that do not parse, with the reason. */
  damaged: string[];
}

export function readSavedConversations(directory: string): SavedConversations {
  let names: string[];
  try {
    names = readdirSync(directory);
  } catch {
    return { titles: [], damaged: [] };
  }
  const saved: SavedConversations = { titles: [], damaged: [] };
  for (const name of names.sort()) {
    const id = conversationFile.exec(name)?.[1];
    if (id === undefined) {
      continue;
    }
    const parsed = parseConversation(readFileSync(join(directory, name), 'utf8'), id);
    if ('conversation' in parsed) {
      saved.titles.push(parsed.conversation.title);
    } else {
      saved.damaged.push(`${name}: ${parsed.problem}`);
    }
  }
  return saved;
}
