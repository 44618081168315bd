/**
 * What "Switchboard: Manage Extension Access" shows, without vscode: one row per extension that
 * asked or used the API — its decision and its requests, tokens and cost so far — and the actions
 * that make sense for it.
 */

import type { Localize } from '../chat/localize';
import type { AccessDecision, AccessRecord } from './consent';
import type { ExtensionUsage } from './usageLedger';

export interface AccessRow {
  extensionId: string;
  decision: AccessDecision | undefined;
  usage: ExtensionUsage | undefined;
}

export type AccessAction = 'allow' | 'deny' | 'forget';

/** Every extension with a decision or usage, sorted by id. */
export function accessRows(records: readonly AccessRecord[], usages: readonly ExtensionUsage[]): AccessRow[] {
  const rows = new Map<string, AccessRow>();
  for (const record of records) {
    rows.set(record.extensionId.toLowerCase(), { extensionId: record.extensionId, decision: record.decision, usage: undefined });
  }
  for (const usage of usages) {
    const key = usage.extensionId.toLowerCase();
    const row = rows.get(key);
    rows.set(key, { extensionId: row?.extensionId ?? usage.extensionId, decision: row?.decision, usage });
  }
  return [...rows.values()].sort((a, b) => a.extensionId.localeCompare(b.extensionId));
}

function count(value: number): string {
  return value.toLocaleString('en-US');
}

/** `$0.0123`: four decimals, since one call often costs a fraction of a cent. */
export function formatCost(usd: number): string {
  return `$${usd.toFixed(usd > 0 && usd < 0.0001 ? 6 : 4)}`;
}

export function describeDecision(decision: AccessDecision | undefined, localize: Localize): string {
  if (decision === 'allowed') {
    return localize('Allowed');
  }
  return decision === 'denied' ? localize('Denied') : localize('Not decided');
}

/** "12 requests · 3,400 prompt + 800 completion tokens · $0.0123 (2 requests without prices)". */
export function describeUsage(usage: ExtensionUsage | undefined, localize: Localize): string {
  if (usage === undefined || usage.requests === 0) {
    return localize('No requests yet');
  }
  const parts = [
    usage.requests === 1 ? localize('1 request') : localize('{0} requests', count(usage.requests)),
    localize('{0} prompt + {1} completion tokens', count(usage.prompt_tokens), count(usage.completion_tokens)),
    formatCost(usage.cost),
  ];
  const summary = parts.join(' · ');
  return usage.unpriced_requests === 0 ? summary : `${summary} ${localize('({0} without known prices)', count(usage.unpriced_requests))}`;
}

/** The actions offered for a row: never the decision it already has. */
export function actionsFor(row: AccessRow): AccessAction[] {
  const actions: AccessAction[] = [];
  if (row.decision !== 'allowed') {
    actions.push('allow');
  }
  if (row.decision !== 'denied') {
    actions.push('deny');
  }
  actions.push('forget');
  return actions;
}
