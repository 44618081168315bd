/**
 * A conversation's compactions: where earlier turns stopped being sent as they were. The last one
 * that still points at a message says where requests start; the latest summary at or before it is
 * sent in their place. Edits and regenerations can remove the message a compaction points at:
 * such a compaction no longer applies and is pruned.
 */

import type { UsageView } from '../../protocol/messages';
import type { Compaction, Conversation } from './ports';

export interface Cut {
  /** The index of the first message sent in full. */
  from: number;
  /** The summary sent before it, if any. */
  summary: string | undefined;
}

export function currentCut(conversation: Conversation): Cut {
  const indexes = new Map(conversation.messages.map((message, index) => [message.id, index]));
  const compactions = conversation.compactions ?? [];
  let from = 0;
  let summary: string | undefined;
  for (const compaction of compactions) {
    const index = indexes.get(compaction.beforeMessageId);
    if (index === undefined || index < from) {
      continue;
    }
    from = index;
    if (compaction.kind === 'summary') {
      summary = compaction.summary;
    }
  }
  return { from, summary };
}

/** Drops the compactions whose message is gone (after an edit or a regenerate); true when any was. */
export function pruneCompactions(conversation: Conversation): boolean {
  const compactions = conversation.compactions;
  if (compactions === undefined) {
    return false;
  }
  const ids = new Set(conversation.messages.map((message) => message.id));
  const kept = compactions.filter((compaction) => ids.has(compaction.beforeMessageId));
  if (kept.length === compactions.length) {
    return false;
  }
  conversation.compactions = kept;
  return true;
}

export function recordSummary(conversation: Conversation, entry: { id: string; at: number; from: number; summary: string; usage: UsageView | undefined }): void {
  const message = conversation.messages[entry.from];
  if (message === undefined) {
    return;
  }
  const compaction: Compaction = { id: entry.id, kind: 'summary', beforeMessageId: message.id, messageCount: entry.from, summary: entry.summary, createdAt: entry.at };
  if (entry.usage !== undefined) {
    compaction.usage = entry.usage;
  }
  (conversation.compactions ??= []).push(compaction);
}

/**
 * Records that messages before `from` are left out. A drop that follows a drop moves it (one
 * divider, not one per turn); after a summary it is a new divider.
 */
export function recordDrop(conversation: Conversation, entry: { id: string; at: number; from: number }): void {
  const message = conversation.messages[entry.from];
  if (message === undefined) {
    return;
  }
  const compactions = (conversation.compactions ??= []);
  const last = compactions.at(-1);
  if (last?.kind === 'dropped') {
    last.beforeMessageId = message.id;
    last.messageCount = entry.from;
    last.createdAt = entry.at;
    return;
  }
  compactions.push({ id: entry.id, kind: 'dropped', beforeMessageId: message.id, messageCount: entry.from, createdAt: entry.at });
}

/** The compactions as the view shows them (without the summaries' usage). */
export function compactionViews(conversation: Conversation): Compaction[] {
  return (conversation.compactions ?? []).map(({ usage: _usage, ...view }) => ({ ...view }));
}
