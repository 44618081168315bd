/**
 * Token counts and cost as the chat shows them: per answer, and summed over a conversation — its
 * answers, the summaries that compacted it and its other requests (titles).
 * A count the provider did not report stays absent (never a made-up 0), in a total too.
 */

import type { Usage } from '../../core';
import type { ChatMessageView, UsageView } from '../../protocol/messages';
import type { Conversation } from './ports';

type UsageField = keyof UsageView;

const fields: readonly UsageField[] = ['promptTokens', 'completionTokens', 'reasoningTokens', 'cachedTokens', 'cost'];

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** One answer's usage from the final chunk's `usage`, with its cost when the prices are known. */
export function usageView(usage: Usage | null | undefined, cost: number | undefined): UsageView | undefined {
  const values: Record<UsageField, number | undefined> = {
    promptTokens: count(usage?.prompt_tokens),
    completionTokens: count(usage?.completion_tokens),
    reasoningTokens: count(usage?.completion_tokens_details?.reasoning_tokens),
    cachedTokens: count(usage?.prompt_tokens_details?.cached_tokens),
    cost: count(cost),
  };
  const view: UsageView = {};
  for (const field of fields) {
    const value = values[field];
    if (value !== undefined) {
      view[field] = value;
    }
  }
  return Object.keys(view).length === 0 ? undefined : view;
}

/** Adds `usage` into `totals` (a field is present once any usage reported it). */
function addInto(totals: UsageView, usage: UsageView | undefined): void {
  if (usage === undefined) {
    return;
  }
  for (const field of fields) {
    const value = count(usage[field]);
    if (value !== undefined) {
      totals[field] = (totals[field] ?? 0) + value;
    }
  }
}

/** The sum of two usages, as a new value: how a conversation's `sideUsage` grows by one request. */
export function addedUsage(sum: UsageView | undefined, usage: UsageView | undefined): UsageView {
  const totals: UsageView = {};
  addInto(totals, sum);
  addInto(totals, usage);
  return totals;
}

/** The sum of the answers' usage; a field is present when at least one answer reported it. */
export function totalsOf(messages: readonly ChatMessageView[]): UsageView {
  const totals: UsageView = {};
  for (const message of messages) {
    addInto(totals, message.usage);
  }
  return totals;
}

/** What a conversation cost: its answers, its summary requests (compactions) and its side requests (titles). */
export function conversationTotals(conversation: Conversation): UsageView {
  const totals = totalsOf(conversation.messages);
  for (const compaction of conversation.compactions ?? []) {
    addInto(totals, compaction.usage);
  }
  addInto(totals, conversation.sideUsage);
  return totals;
}
