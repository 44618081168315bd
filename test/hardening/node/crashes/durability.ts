/**
 * What the children said they saved, across all kills, and the check after each kill. Saves of one
 * conversation complete in the order they began (the store queues them), so after a kill its file
 * must hold exactly the last save reported complete — or a later one that was in flight and got
 * as far as its rename. Anything else (missing, unreadable, older, different) is a conversation
 * lost. A fresh store over the directory must open every one, and list it.
 */

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FileConversationStore } from '../../../../src/shell/chat/conversationStore';
import type { ChatLog } from '../../../../src/shell/chat/ports';
import { contentHash } from './childStore';
import type { ProgressEvent } from './progress';

interface Saves {
  /** The content (by hash) of the last save reported complete, and its number of messages. */
  durable?: { hash: string; messages: number };
  /** Saves begun after it, in order: in flight when the child died. */
  inFlight: { hash: string; messages: number }[];
}

export interface AfterKill {
  /** Conversations whose saved state did not survive, with why. */
  lost: string[];
  /** Conversations checked. */
  checked: number;
  /** Messages an in-flight save would have added, lost with the kill (allowed). */
  inFlightMessages: number;
}

const quietLog: ChatLog = { info: () => undefined, warn: () => undefined, error: () => undefined, debug: () => undefined };

export class DurabilityLedger {
  private readonly conversations = new Map<string, Saves>();

  constructor(private readonly directory: string) {}

  /** Takes in one child's progress, in the order it reported it. */
  record(events: readonly ProgressEvent[]): void {
    for (const event of events) {
      if (event.e === 'save-begin') {
        const saves = this.conversations.get(event.id) ?? { inFlight: [] };
        saves.inFlight.push({ hash: event.hash, messages: event.messages });
        this.conversations.set(event.id, saves);
      } else if (event.e === 'saved') {
        const saves = this.conversations.get(event.id);
        const index = saves?.inFlight.findIndex((save) => save.hash === event.hash) ?? -1;
        if (saves !== undefined && index >= 0) {
          saves.durable = saves.inFlight[index];
          saves.inFlight.splice(0, index + 1);
        }
      }
    }
  }

  /** After a kill: every conversation ever saved opens in a fresh store, holding its last durable save or a later one. */
  async check(): Promise<AfterKill> {
    const unreadable = new Map<string, string>();
    const store = new FileConversationStore({ directory: this.directory, log: quietLog, onUnreadable: (id, problem) => unreadable.set(id, problem) });
    const listed = new Set((await store.list()).map((summary) => summary.id));
    const lost: string[] = [];
    let inFlightMessages = 0;
    let checked = 0;
    for (const [id, saves] of this.conversations) {
      const file = await readFile(join(this.directory, `${id}.json`), 'utf8').catch(() => undefined);
      const possible = [...(saves.durable === undefined ? [] : [saves.durable]), ...saves.inFlight];
      const held = file === undefined ? undefined : possible.find((save) => save.hash === contentHash(file));
      if (saves.durable === undefined && file === undefined) {
        // Never durably saved, and no later save got through: nothing was promised.
        saves.inFlight = [];
        continue;
      }
      checked++;
      const loaded = await store.load(id);
      if (held === undefined || loaded === undefined || !listed.has(id) || unreadable.has(id)) {
        lost.push(`${id}: ${file === undefined ? 'its file is gone' : held === undefined ? 'its file holds none of its saves' : loaded === undefined ? `it does not open (${unreadable.get(id) ?? 'unreadable'})` : 'the history does not list it'}`);
        continue;
      }
      inFlightMessages += Math.max(held.messages, ...saves.inFlight.map((save) => save.messages)) - held.messages;
      // What the file holds is the durable state the next child starts from.
      saves.durable = held;
      saves.inFlight = [];
    }
    // No conversation file anywhere in the directory may be damaged, saved by a child or not.
    for (const name of await readdir(this.directory)) {
      if (name.includes('.damaged-')) {
        lost.push(`${name}: the store found a damaged file and set it aside`);
      }
      const id = /^([A-Za-z0-9_-]+)\.json$/.exec(name)?.[1];
      if (id !== undefined && !this.conversations.has(id) && (await store.load(id)) === undefined) {
        lost.push(`${name}: a conversation file no one saved, or one that does not open`);
      }
    }
    return { lost, checked, inFlightMessages };
  }
}
